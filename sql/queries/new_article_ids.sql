-- Staged articles not stored yet, by id and by canonical URL. The loader is the only
-- writer and inserts just these, which keeps both keys unique without ART indexes
-- (ddl/007). Within the batch the first row of an id or a URL wins.
select article_id, canonical_url
from (
    select
        s.article_id,
        s.canonical_url,
        row_number() over (partition by s.article_id order by s.canonical_url) as nth_id,
        row_number() over (partition by s.canonical_url order by s.article_id) as nth_url
    from staged_articles as s
    where not exists (select 1 from articles as a where a.article_id = s.article_id)
      and not exists (select 1 from articles as a where a.canonical_url = s.canonical_url)
)
where nth_id = 1 and nth_url = 1
