-- The tables that grow with every stored article lose their PRIMARY KEY, UNIQUE and
-- secondary indexes. DuckDB keeps those as ART indexes that the first write of a process
-- loads whole: at 1M stored articles a run's load took 10 s (3.3 s in one insert) and
-- failed under a 1 GB memory limit. The loader is the only writer and keeps the keys
-- unique itself (queries/new_article_ids.sql, learn_boilerplate.sql,
-- delete_run_outcomes.sql); lookups by join scan columns, which stays fast. Rows, NOT NULL
-- and defaults are kept. Small tables (runs, feed_state, feed_events, article_duplicates,
-- quarantine) keep their keys.

create table articles_v7 (
    article_id       varchar not null,
    url              varchar not null,
    canonical_url    varchar not null,
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
insert into articles_v7 by name select * from articles;
drop table articles;
alter table articles_v7 rename to articles;

create table article_signatures_v7 (
    article_id varchar not null,
    minhash    blob not null,
    shingles   integer not null
);
insert into article_signatures_v7 by name select * from article_signatures;
drop table article_signatures;
alter table article_signatures_v7 rename to article_signatures;

create table article_removals_v7 (
    article_id varchar not null,
    position   integer not null,
    kind       varchar not null,
    text       varchar not null
);
insert into article_removals_v7 by name select * from article_removals;
drop table article_removals;
alter table article_removals_v7 rename to article_removals;

create table article_entities_v7 (
    article_id varchar not null,
    entity     varchar not null,
    kind       varchar not null,
    mentions   integer not null,
    in_title   boolean not null
);
insert into article_entities_v7 by name select * from article_entities;
drop table article_entities;
alter table article_entities_v7 rename to article_entities;

create table source_boilerplate_v7 (
    source     varchar not null,
    para_hash  varchar not null,
    articles   integer not null,
    first_seen timestamptz not null,
    last_seen  timestamptz not null
);
insert into source_boilerplate_v7 by name select * from source_boilerplate;
drop table source_boilerplate;
alter table source_boilerplate_v7 rename to source_boilerplate;

create table url_outcomes_v7 (
    run_id          varchar not null,
    url             varchar not null,
    entry_key       varchar not null,
    source          varchar not null,
    feed_url        varchar not null,
    outcome         varchar not null,
    reason          varchar,
    detail          varchar,
    article_id      varchar,
    recorded_at     timestamptz not null,
    title           varchar,
    relevance_score double
);
insert into url_outcomes_v7 by name select * from url_outcomes;
drop table url_outcomes;
alter table url_outcomes_v7 rename to url_outcomes;
