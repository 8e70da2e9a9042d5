select s.feed_url, s.consecutive_failures, s.last_success_at
from feed_state as s
join staged_feeds as f on f.feed_url = s.feed_url
