-- Retired feeds, to find the one an operator names by address or source name.
select feed_url, source, retired_at, retired_reason, last_http_status
from feed_state
where retired_at is not null
order by retired_at
