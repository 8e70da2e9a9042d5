-- The stored state of the feeds in this run's batch (input of schedule.next_feed_state).
select s.feed_url, s.consecutive_failures, s.last_success_at, s.unchanged_polls,
       s.consecutive_not_found
from feed_state as s
join staged_feeds as f on f.feed_url = s.feed_url
