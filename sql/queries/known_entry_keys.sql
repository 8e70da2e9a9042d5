-- Entry keys a feed already delivered to a finished outcome (not a fetch failure to retry).
select entry_key
from url_outcomes
where feed_url = $feed_url
  and outcome <> 'fetch_failed'
group by entry_key
order by max(recorded_at) desc
limit $limit
