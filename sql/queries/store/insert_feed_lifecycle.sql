-- This run's life-cycle events (pipeline/store/lifecycle.py stages them).
insert into feed_lifecycle
    (happened_at, run_id, source, feed_url, event, new_url, http_status, detail)
select happened_at, run_id, source, feed_url, event, new_url, http_status, detail
from staged_lifecycle
