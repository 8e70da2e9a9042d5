-- The most recent loaded run, for data/reports/latest.json.
select
    run_id, trigger, status, started_at, finished_at, feeds_total, feeds_ok,
    feeds_not_modified, feeds_failed, cast(counts as varchar) as counts
from runs
order by started_at desc, run_id desc
limit 1
