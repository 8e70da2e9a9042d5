-- The rows a run added, plus any stored row sharing their identity (for uniqueness checks).
select article_id, canonical_url, title, text, content_hash, word_count
from articles
where run_id = $run_id
   or canonical_url in (select canonical_url from articles where run_id = $run_id)
