-- Articles per time bucket ($unit) and detected language, in the report window.
select
    cast(date_trunc(cast($unit as varchar), day) as date) as bucket,
    language,
    cast(sum(articles) as bigint) as articles
from daily_volume_by_language
where cast($since as date) is null or day >= cast($since as date)
group by bucket, language
order by bucket, language
