-- robots.txt answers younger than a day, for the hosts a run plans to fetch and the
-- hosts still holding a Retry-After (whose pages a feed may list).
select robots_url, fetched_at, http_status, failure, body
from host_robots
where fetched_at > $fresh_after
    and (
        host in (select host from planned_hosts)
        or host in (select host from host_state where hold_until > $now)
    )
