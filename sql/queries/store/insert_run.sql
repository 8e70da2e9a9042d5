insert or replace into runs (
    run_id, started_at, finished_at, status, trigger, feeds_total, feeds_ok,
    feeds_not_modified, feeds_failed, counts, error
)
values (
    $run_id, $started_at, now(), $status, $trigger, $feeds_total, $feeds_ok,
    $feeds_not_modified, $feeds_failed, $counts, $error
)
