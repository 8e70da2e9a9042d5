-- robots.txt answers of the run that allow a reading (2xx, 4xx other than 429); a newer
-- answer replaces an older one.
insert or replace into host_robots (robots_url, host, fetched_at, http_status, failure, body)
select robots_url, host, fetched_at, http_status, failure, body
from staged_host_robots
where failure is null
    or (http_status between 400 and 499 and http_status <> 429)
    or failure in ('too_many_redirects', 'redirect_loop')
