insert or ignore into article_duplicates
    (url, duplicate_of, method, similarity, first_seen, run_id, source, feed_url, better_copy,
     containment)
select url, duplicate_of, method, similarity, first_seen, run_id, source, feed_url, better_copy,
    containment
from staged_duplicates
