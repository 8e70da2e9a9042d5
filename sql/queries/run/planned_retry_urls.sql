-- Pages of the planned feeds whose every attempt so far failed to fetch, retried while
-- attempts remain.
with attempts as (
    select o.feed_url, o.url, o.entry_key,
           count(*) as tries,
           bool_and(o.outcome = 'fetch_failed') as all_failed
    from url_outcomes o
    join planned_feeds p on p.feed_url = o.feed_url
    group by o.feed_url, o.url, o.entry_key
)
select feed_url, url, entry_key
from attempts
where all_failed and tries < $max_tries
order by feed_url, url
