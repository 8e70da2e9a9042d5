-- Articles for hand-off to notebooks (rcwire export): one row per stored article whose
-- day (article_days) is on or after $since, with the entities it names as a list.
with named as (
    select
        article_id,
        list(
            struct_pack(entity, kind, mentions, in_title)
            order by mentions desc, entity
        ) as entities
    from article_entities
    group by article_id
),

copied as (
    select duplicate_of as article_id, count(*) as duplicates
    from article_duplicates
    group by duplicate_of
)

select
    a.article_id,
    d.day,
    a.published_at,
    a.fetched_at,
    a.source,
    a.source_domain,
    a.url,
    a.canonical_url,
    a.title,
    a.author,
    a.language,
    a.description,
    a.text,
    a.word_count,
    a.relevance_score,
    a.truncated,
    coalesce(c.duplicates, 0) as duplicates,
    coalesce(
        n.entities,
        cast([] as struct(entity varchar, kind varchar, mentions integer, in_title boolean)[])
    ) as entities,
    a.run_id
from articles as a
join article_days as d on d.article_id = a.article_id
left join named as n on n.article_id = a.article_id
left join copied as c on c.article_id = a.article_id
where cast($since as date) is null or d.day >= cast($since as date)
order by d.day, a.article_id
