select feed_url, etag, last_modified, consecutive_failures, next_fetch_at,
       consecutive_not_found, retired_at
from feed_state
