-- Run-level data-quality metrics, one row per source of the run (suite "run").
with run_feeds as (
    select count(*) as feeds, count(*) filter (where status = 'failed') as failed
    from feed_events
    where run_id = $run_id
),
run_urls as (
    select
        count(*) filter (where outcome in ('loaded', 'quarantined')) as candidates,
        count(*) filter (where outcome = 'quarantined') as quarantined
    from url_outcomes
    where run_id = $run_id
),
sources as (
    select distinct source from feed_events where run_id = $run_id
),
daily as (
    select source, date_trunc('day', fetched_at) as day, count(*) as n
    from articles
    where fetched_at >= now() - interval 15 day
      and fetched_at < now() - interval 1 day
    group by source, day
),
median_daily as (
    select source, median(n) as median_n, count(*) as days
    from daily
    group by source
),
last_day as (
    select source, count(*) as n
    from articles
    where fetched_at >= now() - interval 1 day
    group by source
),
drift as (
    select
        source,
        count(*) as n,
        avg(case when published_at is null then 1.0 else 0.0 end) as missing_date,
        avg(case when author is null then 1.0 else 0.0 end) as missing_author
    from articles
    where fetched_at >= now() - interval 30 day
    group by source
)
select
    s.source,
    f.failed::double / nullif(f.feeds, 0) as failed_feed_share,
    u.quarantined::double / nullif(u.candidates, 0) as quarantine_rate,
    case when m.days >= 7 and m.median_n > 0
         then coalesce(l.n, 0)::double / m.median_n end as volume_ratio,
    case when d.n >= 10 then d.missing_date end as missing_date_share,
    case when d.n >= 10 then d.missing_author end as missing_author_share
from sources as s
cross join run_feeds as f
cross join run_urls as u
left join median_daily as m using (source)
left join last_day as l using (source)
left join drift as d using (source)
order by s.source
