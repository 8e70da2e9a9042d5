-- Feeds that look dead: failing run after run, with no useful answer for days, or retired
-- by a run (410 Gone, a long run of 404s; `rcwire sources enable URL` brings one back).
-- Worst first; the maintenance DAG logs them and returns them as its result.
with state as (
    select
        source, feed_url, last_status, last_http_status, last_error,
        consecutive_failures, last_success_at, last_fetched_at, next_fetch_at, retired_at
    from feed_state
),

flagged as (
    select
        *,
        case
            when retired_at is not null then 'retired'
            when consecutive_failures >= $min_failures then 'failing'
            else 'stale'
        end as problem
    from state
    where consecutive_failures >= $min_failures
       or last_success_at < $stale_before
       or retired_at is not null
)

select
    source, feed_url, problem, consecutive_failures, last_status, last_http_status,
    last_error, last_success_at, last_fetched_at, next_fetch_at
from flagged
order by consecutive_failures desc, last_success_at nulls first, source
