-- Articles per time bucket ($unit: day, week or month) and source, in the report window.
select
    cast(date_trunc(cast($unit as varchar), day) as date) as bucket,
    source,
    cast(sum(articles) as bigint) as articles
from daily_volume
where cast($since as date) is null or day >= cast($since as date)
group by bucket, source
order by bucket, source
