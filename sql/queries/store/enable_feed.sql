-- `rcwire sources enable`: a retired feed is due at the next run, with clean counters.
update feed_state
set retired_at = null, retired_reason = null, consecutive_failures = 0,
    consecutive_not_found = 0, unchanged_polls = 0, next_fetch_at = null
where feed_url = $feed_url
