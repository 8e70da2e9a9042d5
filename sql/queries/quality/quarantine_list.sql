select run_id, article_id, source, title, url, failed, quarantined_at, released_at
from quarantine
where ($run_id is null or run_id = $run_id)
  and ($all or released_at is null)
order by quarantined_at desc, article_id
limit $limit
