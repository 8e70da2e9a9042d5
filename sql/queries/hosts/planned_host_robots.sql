-- robots.txt answers younger than a day, for the hosts a run plans to fetch.
select robots_url, fetched_at, http_status, failure, body
from host_robots
where host in (select host from planned_hosts)
    and fetched_at > $fresh_after
