-- Articles per source with the state of the source's feed(s), for data/reports/latest.json.
with articles_by_source as (
    select
        source,
        count(*) as articles,
        count(*) filter (where fetched_at >= now() - interval 1 day) as articles_last_day,
        max(fetched_at) as last_article_at
    from articles
    group by source
),

feeds_by_source as (
    select
        source,
        count(*) as feeds,
        count(*) filter (where last_status = 'failed') as feeds_failing,
        max(consecutive_failures) as max_consecutive_failures,
        max(last_success_at) as last_success_at
    from feed_state
    group by source
)

select
    coalesce(a.source, f.source) as source,
    coalesce(a.articles, 0) as articles,
    coalesce(a.articles_last_day, 0) as articles_last_day,
    a.last_article_at,
    coalesce(f.feeds, 0) as feeds,
    coalesce(f.feeds_failing, 0) as feeds_failing,
    coalesce(f.max_consecutive_failures, 0) as max_consecutive_failures,
    f.last_success_at
from articles_by_source as a
full outer join feeds_by_source as f on f.source = a.source
order by articles desc, source
