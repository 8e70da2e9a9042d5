insert or replace into feed_state (
    feed_url, source, etag, last_modified, last_status, last_http_status, last_error,
    consecutive_failures, unchanged_polls, last_fetched_at, last_success_at, next_fetch_at,
    last_run_id, consecutive_not_found, retired_at, retired_reason
)
select
    feed_url, source, etag, last_modified, last_status, last_http_status, last_error,
    consecutive_failures, unchanged_polls, last_fetched_at, last_success_at, next_fetch_at,
    $run_id, consecutive_not_found, retired_at, retired_reason
from staged_feed_state
