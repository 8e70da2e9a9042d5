-- What came in: the newest stored articles with what they name and how often they were
-- copied, and the duplicates found per day.
create or replace view latest_headlines as
with named as (
    select article_id, list(entity order by mentions desc, entity) as entities
    from article_entities
    group by article_id
),

copied as (
    select
        duplicate_of as article_id,
        count(*) as duplicates,
        count(*) filter (where method in ('hash', 'near')) as republications
    from article_duplicates
    group by duplicate_of
)

select
    d.day,
    a.published_at,
    a.source,
    a.title,
    a.url,
    coalesce(n.entities, cast([] as varchar[])) as entities,
    coalesce(c.duplicates, 0) as duplicates,
    coalesce(c.republications, 0) as republications,
    a.relevance_score,
    a.article_id
from articles as a
join article_days as d on d.article_id = a.article_id
left join named as n on n.article_id = a.article_id
left join copied as c on c.article_id = a.article_id
order by coalesce(a.published_at, a.fetched_at) desc, a.article_id;

comment on view latest_headlines is
    'Stored articles, newest first, with the entities they name and how often they were copied.';
comment on column latest_headlines.day is 'Publication date in UTC; the fetch date when undated.';
comment on column latest_headlines.published_at is 'Publication time (UTC), null when undated.';
comment on column latest_headlines.source is 'Source (feed name in the sources file).';
comment on column latest_headlines.title is 'Headline.';
comment on column latest_headlines.url is 'Link to the article (tracking parameters removed).';
comment on column latest_headlines.entities is
    'Entities of config/entities.yaml it names, most mentioned first.';
comment on column latest_headlines.duplicates is
    'URLs recorded as copies of it: other feeds'' links, AMP pages, republished texts.';
comment on column latest_headlines.republications is
    'Of those, copies found by their text (same or edited), usually on other outlets.';
comment on column latest_headlines.relevance_score is 'Theme score (0-1) that let it in.';
comment on column latest_headlines.article_id is 'articles.article_id.';

create or replace view duplicates_daily as
with copies as (
    select
        cast(timezone('UTC', first_seen) as date) as day,
        coalesce(source, '') as source,
        method,
        better_copy
    from article_duplicates
)

select
    day,
    source,
    method,
    count(*) as duplicates,
    count(*) filter (where better_copy) as better_copies
from copies
group by day, source, method
order by day desc, source, method;

comment on view duplicates_daily is
    'Duplicates found per day, per source that carried them and per method.';
comment on column duplicates_daily.day is 'UTC day the copy was first seen.';
comment on column duplicates_daily.source is 'Source whose feed carried the copy.';
comment on column duplicates_daily.method is
    'How it was recognised: url (same page), guid, hash (same text) or near (edited text).';
comment on column duplicates_daily.duplicates is 'Copies recorded.';
comment on column duplicates_daily.better_copies is
    'Of those, copies more complete than the stored article (see better_copies).';
