-- The $top entities named by most articles in the report window.
select
    entity,
    kind,
    cast(sum(articles) as bigint) as articles,
    cast(sum(mentions) as bigint) as mentions,
    max(sources) as most_sources_in_a_day
from entity_mentions_daily
where cast($since as date) is null or day >= cast($since as date)
group by entity, kind
order by articles desc, mentions desc, entity
limit $top
