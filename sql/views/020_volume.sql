-- How much the pipeline lands, per source and day. One rule for "the day of an article"
-- is shared by every dated view: its publication date in UTC or, for the pages that give
-- no date anywhere, the UTC day rcwire fetched it (`dated` tells the two apart).
create or replace view article_days as
with source_rows as (
    select article_id, source, published_at, fetched_at
    from articles
)

select
    article_id,
    source,
    cast(timezone('UTC', coalesce(published_at, fetched_at)) as date) as day,
    published_at is not null as dated
from source_rows;

comment on view article_days is
    'The day of every stored article: publication date (UTC), else the day it was fetched.';
comment on column article_days.article_id is 'articles.article_id.';
comment on column article_days.source is 'Source (feed name in the sources file) it came from.';
comment on column article_days.day is 'Publication date in UTC; the fetch date when undated.';
comment on column article_days.dated is 'True when the page or feed gave a publication date.';

create or replace view daily_volume as
with dated as (
    select d.day, d.source, d.dated, a.word_count
    from article_days as d
    join articles as a on a.article_id = d.article_id
)

select
    day,
    source,
    count(*) as articles,
    count(*) filter (where dated) as dated_articles,
    cast(sum(word_count) as bigint) as words
from dated
group by day, source
order by day desc, source;

comment on view daily_volume is
    'Articles stored per day and source (day as in article_days), newest day first.';
comment on column daily_volume.day is 'Publication date in UTC; the fetch date when undated.';
comment on column daily_volume.source is 'Source (feed name in the sources file).';
comment on column daily_volume.articles is 'Unique on-theme articles stored (copies excluded).';
comment on column daily_volume.dated_articles is 'Of those, articles with a publication date.';
comment on column daily_volume.words is 'Words of clean body text, summed.';
