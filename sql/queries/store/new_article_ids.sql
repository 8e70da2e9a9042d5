-- Staged articles stored under neither their id nor their canonical URL. The loader is
-- the only writer and inserts just these (the first of each id and URL in the batch,
-- pipeline/store.py), which keeps both keys unique without ART indexes (ddl/007).
select s.article_id, s.canonical_url
from staged_articles as s
where not exists (select 1 from articles as a where a.article_id = s.article_id)
  and not exists (select 1 from articles as a where a.canonical_url = s.canonical_url)
