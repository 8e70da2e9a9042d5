-- Data quality: rows held back by validation, and every expectation result for trends.

create table if not exists quarantine (
    run_id        varchar not null,
    article_id    varchar not null,
    url           varchar not null,
    source        varchar not null,
    title         varchar,
    failed        json not null,        -- expectation names the row failed
    record        json not null,        -- the full staged article
    quarantined_at timestamptz not null,
    released_at   timestamptz,
    released_by   varchar,
    primary key (run_id, article_id)
);

create table if not exists dq_results (
    run_id           varchar not null,
    suite            varchar not null,
    expectation      varchar not null,   -- type and column, e.g. expect_..._not_be_null(url)
    success          boolean not null,
    observed_value   varchar,
    unexpected_count bigint,
    element_count    bigint,
    checked_at       timestamptz not null
);
create index if not exists dq_results_run on dq_results (run_id);
