-- Per-host politeness carried between runs (issue 18). The planner copies the rows a run
-- needs into its run folder (hosts/), the fetch tasks update that copy, the loader merges
-- it back here: tasks never write DuckDB.
create table if not exists host_state (
    host varchar primary key,     -- registrable domain, plus :port when not the default
    latency_s double,             -- smoothed response time; drives the adaptive delay
    hold_until timestamptz,       -- Retry-After: nothing is sent to the host before this
    crawl_delay_s double,         -- robots.txt Crawl-delay last seen
    requests bigint default 0,    -- requests sent over all runs
    errors bigint default 0,      -- of which failed (5xx, 429, timeouts ...)
    updated_at timestamptz,
    last_run_id varchar
);
comment on table host_state is
    'Politeness per host between runs: response time, Retry-After hold, Crawl-delay.';

-- robots.txt answers reused for 24 hours (RFC 9309 2.4), per origin. Only answers that
-- allow a reading (2xx bodies, 4xx "unavailable") are kept: a 5xx or a timeout stops
-- the host for the run that met it, not for the next day.
create table if not exists host_robots (
    robots_url varchar primary key,
    host varchar,
    fetched_at timestamptz,
    http_status integer,
    failure varchar,              -- why fetching failed (null: body applies)
    body varchar
);
comment on table host_robots is 'robots.txt per origin, reused by runs for 24 hours.';
