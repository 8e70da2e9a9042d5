-- Articles naming each of the $top entities, per time bucket ($unit), in the window.
with windowed as (
    select day, entity, articles, mentions
    from entity_mentions_daily
    where cast($since as date) is null or day >= cast($since as date)
),

top as (
    select entity
    from windowed
    group by entity
    order by sum(articles) desc, sum(mentions) desc, entity
    limit $top
)

select
    cast(date_trunc(cast($unit as varchar), w.day) as date) as bucket,
    w.entity,
    cast(sum(w.articles) as bigint) as articles
from windowed as w
where w.entity in (select entity from top)
group by bucket, w.entity
order by bucket, w.entity
