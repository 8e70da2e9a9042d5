-- What each run did: feeds fetched and the fate of every URL it saw, one row per run.
create or replace view run_history as
with source_runs as (
    select
        run_id, started_at, finished_at, status, trigger, feeds_total, feeds_ok,
        feeds_not_modified, feeds_failed, counts
    from runs
)

select
    run_id,
    started_at,
    finished_at,
    status,
    trigger,
    feeds_total,
    feeds_ok,
    feeds_not_modified,
    feeds_failed,
    coalesce(cast(counts ->> 'loaded' as integer), 0) as loaded,
    coalesce(cast(counts ->> 'duplicate' as integer), 0) as duplicates,
    coalesce(cast(counts ->> 'off_theme' as integer), 0) as off_theme,
    coalesce(cast(counts ->> 'fetch_failed' as integer), 0)
    + coalesce(cast(counts ->> 'extract_failed' as integer), 0) as failed_pages
from source_runs
order by started_at desc;

comment on view run_history is 'One row per pipeline run, newest first, with URL outcomes.';
comment on column run_history.run_id is 'Run id (cli-... or the Airflow run id).';
comment on column run_history.started_at is 'When the run was planned.';
comment on column run_history.finished_at is 'When its load committed.';
comment on column run_history.status is 'loaded or failed.';
comment on column run_history.trigger is 'cli or airflow.';
comment on column run_history.feeds_total is 'Feeds fetched.';
comment on column run_history.feeds_ok is 'Feeds that returned new content.';
comment on column run_history.feeds_not_modified is 'Feeds unchanged since the last run (304).';
comment on column run_history.feeds_failed is 'Feeds that failed.';
comment on column run_history.loaded is 'New articles stored.';
comment on column run_history.duplicates is 'URLs recorded as duplicates.';
comment on column run_history.off_theme is 'Pages scored off the beat.';
comment on column run_history.failed_pages is 'Pages that could not be fetched or extracted.';
