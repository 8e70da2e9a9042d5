insert or replace into feed_events
    (run_id, source, feed_url, status, http_status, error, entries, new_entries, fetched_at)
select $run_id, source, feed_url, status, http_status, error, entries, new_entries, fetched_at
from staged_feeds
