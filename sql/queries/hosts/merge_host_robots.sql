-- robots.txt answers of the run (merge_hosts stages only those that allow a reading); a
-- newer answer replaces an older one.
insert or replace into host_robots (robots_url, host, fetched_at, http_status, failure, body)
select robots_url, host, fetched_at, http_status, failure, body
from staged_host_robots
