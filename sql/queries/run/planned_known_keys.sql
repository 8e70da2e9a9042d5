-- Entry keys each planned feed already delivered to a finished outcome (not a fetch
-- failure to retry): the newest $limit per feed. One query for the whole plan.
with keys as (
    select o.feed_url, o.entry_key, max(o.recorded_at) as last_seen
    from url_outcomes o
    join planned_feeds p on p.feed_url = o.feed_url
    where o.outcome <> 'fetch_failed'
    group by o.feed_url, o.entry_key
)
select feed_url, entry_key
from keys
qualify row_number() over (partition by feed_url order by last_seen desc) <= $limit
