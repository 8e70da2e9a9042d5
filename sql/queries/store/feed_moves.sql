-- Every permanent move of a feed, oldest first (pipeline/fetch/lifecycle.current_urls
-- folds them into old address -> current address).
select feed_url, new_url
from feed_lifecycle
where event = 'moved'
order by happened_at, feed_url
