select feed_url, etag, last_modified, consecutive_failures, next_fetch_at
from feed_state
