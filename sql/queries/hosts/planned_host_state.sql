-- Host state a run needs: the hosts it plans to fetch, and any host still holding a
-- Retry-After (a feed may link to pages on it).
with planned as (
    select host from planned_hosts
),

stored as (
    select host, latency_s, hold_until, crawl_delay_s from host_state
)

select stored.host, stored.latency_s, stored.hold_until, stored.crawl_delay_s
from stored
where stored.host in (select host from planned)
    or stored.hold_until > $now
