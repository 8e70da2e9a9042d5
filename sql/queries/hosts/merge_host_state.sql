-- The run's host state (staged_host_state) over the stored one: the run's copy started
-- from the stored row, so its latency and hold are the newer truth; counts add up.
insert into host_state as h (
    host, latency_s, hold_until, crawl_delay_s, requests, errors, updated_at, last_run_id
)
select host, latency_s, hold_until, crawl_delay_s, requests, errors, $now, $run_id
from staged_host_state
on conflict (host) do update set
    latency_s = coalesce(excluded.latency_s, h.latency_s),
    hold_until = greatest(excluded.hold_until, h.hold_until),
    crawl_delay_s = excluded.crawl_delay_s,
    requests = h.requests + excluded.requests,
    errors = h.errors + excluded.errors,
    updated_at = excluded.updated_at,
    last_run_id = excluded.last_run_id
