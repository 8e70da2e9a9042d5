-- Core tables: one row per unique article, the state of every feed, one row per run,
-- and the fate of every URL each run saw.

create table if not exists runs (
    run_id        varchar primary key,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    status        varchar not null,          -- loaded | failed
    trigger       varchar,                   -- cli | airflow
    feeds_total   integer,
    feeds_ok      integer,
    feeds_not_modified integer,
    feeds_failed  integer,
    counts        json,                      -- {outcome: n} for every URL of the run
    error         varchar
);

create table if not exists articles (
    article_id       varchar primary key,
    url              varchar not null,
    canonical_url    varchar not null unique,
    url_key          varchar not null,
    source           varchar not null,
    source_domain    varchar,
    feed_url         varchar not null,
    guid             varchar,
    title            varchar not null,
    author           varchar,
    published_at     timestamptz,
    published_signal varchar,
    fetched_at       timestamptz not null,
    language         varchar,
    description      varchar,
    text             varchar not null,
    word_count       integer not null,
    content_hash     varchar not null,
    relevance_score  double,
    truncated        boolean not null default false,
    run_id           varchar not null
);
create index if not exists articles_url_key on articles (url_key);
create index if not exists articles_content_hash on articles (content_hash);

create table if not exists feed_state (
    feed_url             varchar primary key,
    source               varchar not null,
    etag                 varchar,
    last_modified        varchar,
    last_status          varchar,            -- ok | not_modified | failed
    last_http_status     integer,
    last_error           varchar,
    consecutive_failures integer not null default 0,
    last_fetched_at      timestamptz,
    last_success_at      timestamptz,
    next_fetch_at        timestamptz,
    last_run_id          varchar
);

create table if not exists url_outcomes (
    run_id      varchar not null,
    url         varchar not null,
    entry_key   varchar not null,
    source      varchar not null,
    feed_url    varchar not null,
    outcome     varchar not null,   -- loaded | already_known | duplicate | off_theme | ...
    reason      varchar,
    detail      varchar,
    article_id  varchar,
    recorded_at timestamptz not null,
    primary key (run_id, feed_url, url)
);
create index if not exists url_outcomes_feed on url_outcomes (feed_url, entry_key);

create table if not exists feed_events (
    run_id      varchar not null,
    source      varchar not null,
    feed_url    varchar not null,
    status      varchar not null,
    http_status integer,
    error       varchar,
    entries     integer,
    new_entries integer,
    fetched_at  timestamptz not null,
    primary key (run_id, feed_url)
);

create table if not exists article_duplicates (
    url          varchar not null,
    duplicate_of varchar not null,        -- articles.article_id of the copy we keep
    method       varchar not null,        -- url | guid | hash | near
    similarity   double,
    first_seen   timestamptz not null,
    run_id       varchar not null,
    source       varchar,
    feed_url     varchar,
    primary key (run_id, url)
);
