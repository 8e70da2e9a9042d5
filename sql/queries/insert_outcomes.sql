insert or replace into url_outcomes
    (run_id, url, entry_key, source, feed_url, outcome, reason, detail, article_id, recorded_at)
select $run_id, url, entry_key, source, feed_url, outcome, reason, detail, article_id, now()
from staged_outcomes
