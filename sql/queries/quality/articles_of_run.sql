-- The rows a run added, plus any stored row of another run sharing their id or canonical
-- URL (the uniqueness checks must see those; there should be none). Those are fetched by
-- rowid: a filter over the whole table would read every stored text (2 s at 1M).
with run_rows as (
    select article_id, canonical_url from articles where run_id = $run_id
)
select article_id, canonical_url, title, text, content_hash, word_count
from articles
where run_id = $run_id
union all
select article_id, canonical_url, title, text, content_hash, word_count
from articles
where rowid in (
    select a.rowid
    from articles as a
    where a.run_id <> $run_id
      and (a.article_id in (select article_id from run_rows)
           or a.canonical_url in (select canonical_url from run_rows))
)
