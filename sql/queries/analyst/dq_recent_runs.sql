select run_id, started_at, finished_at, status, counts
from runs
order by started_at desc
limit $limit
