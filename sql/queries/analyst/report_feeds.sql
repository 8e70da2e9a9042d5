-- Every feed's health, worst first.
select
    source, feed_url, health, consecutive_failures, last_success_at, next_fetch_at,
    last_error, fetches_7d, failures_7d, articles
from feed_health
