insert or ignore into article_duplicates
    (url, duplicate_of, method, similarity, first_seen, run_id, source, feed_url)
select url, duplicate_of, method, similarity, first_seen, run_id, source, feed_url
from staged_duplicates
