select run_id, article_id, source, title, url, failed, record, quarantined_at, released_at
from quarantine
where article_id = $article_id
order by quarantined_at desc
limit 1
