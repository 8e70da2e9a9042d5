-- Who and what the beat talks about, over time: counts of config/entities.yaml entries in
-- the stored articles (table article_entities, filled at load).
create or replace view entity_mentions_daily as
with named as (
    select e.entity, e.kind, e.mentions, e.in_title, d.day, d.source, d.article_id
    from article_entities as e
    join article_days as d on d.article_id = e.article_id
)

select
    day,
    entity,
    kind,
    count(*) as articles,
    cast(sum(mentions) as bigint) as mentions,
    count(*) filter (where in_title) as headline_articles,
    count(distinct source) as sources
from named
group by day, entity, kind
order by day desc, articles desc, entity;

comment on view entity_mentions_daily is
    'Per day, how many stored articles name each entity of config/entities.yaml, and how often.';
comment on column entity_mentions_daily.day is
    'Publication date in UTC; the fetch date when undated.';
comment on column entity_mentions_daily.entity is 'Entity name from config/entities.yaml.';
comment on column entity_mentions_daily.kind is 'person, institution, theme or place.';
comment on column entity_mentions_daily.articles is
    'Articles naming the entity in the body or the headline.';
comment on column entity_mentions_daily.mentions is 'Matches in the body texts, summed.';
comment on column entity_mentions_daily.headline_articles is
    'Articles naming it in the headline.';
comment on column entity_mentions_daily.sources is 'Distinct sources of those articles.';

create or replace view entity_totals as
with named as (
    select e.entity, e.kind, e.mentions, e.in_title, d.day, d.source
    from article_entities as e
    join article_days as d on d.article_id = e.article_id
),

stored as (
    select count(*) as articles from articles
)

select
    n.entity,
    n.kind,
    count(*) as articles,
    cast(sum(n.mentions) as bigint) as mentions,
    count(*) filter (where n.in_title) as headline_articles,
    count(distinct n.source) as sources,
    round(count(*) / max(s.articles), 4) as share_of_articles,
    min(n.day) as first_day,
    max(n.day) as last_day
from named as n
cross join stored as s
group by n.entity, n.kind
order by articles desc, mentions desc, n.entity;

comment on view entity_totals is
    'Each entity over the whole history: articles, mentions, sources, first and last day.';
comment on column entity_totals.entity is 'Entity name from config/entities.yaml.';
comment on column entity_totals.kind is 'person, institution, theme or place.';
comment on column entity_totals.articles is 'Articles naming it in the body or the headline.';
comment on column entity_totals.mentions is 'Matches in the body texts, summed.';
comment on column entity_totals.headline_articles is 'Articles naming it in the headline.';
comment on column entity_totals.sources is 'Distinct sources of those articles.';
comment on column entity_totals.share_of_articles is
    'Share of all stored articles that name it (0-1).';
comment on column entity_totals.first_day is 'Day of the first article naming it.';
comment on column entity_totals.last_day is 'Day of the latest article naming it.';
