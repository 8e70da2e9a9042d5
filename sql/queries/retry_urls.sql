-- Pages whose every attempt so far failed to fetch, retried while attempts remain.
with attempts as (
    select url, entry_key,
           count(*) as tries,
           bool_and(outcome = 'fetch_failed') as all_failed
    from url_outcomes
    where feed_url = $feed_url
    group by url, entry_key
)
select url, entry_key
from attempts
where all_failed and tries < $max_tries
order by url
