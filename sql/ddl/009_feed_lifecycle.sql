-- Feed life-cycle (issue 22): feeds that are gone are retired instead of polled for ever,
-- feeds that moved for good follow their new address, and every such change is logged.
--
-- feed_state.retired_at / retired_reason: set when a feed answered 410 Gone, or 404 in
-- RCWIRE_FEED_RETIRE_AFTER_404 runs in a row (consecutive_not_found counts them). The
-- planner never fetches a retired feed; `rcwire sources enable URL` clears both.
alter table feed_state add column if not exists consecutive_not_found integer default 0;
alter table feed_state add column if not exists retired_at timestamptz;
alter table feed_state add column if not exists retired_reason varchar;

-- One row per life-cycle event, never updated: retired (by a run), moved (a 301/308 the
-- run followed to a working feed: feed_url is the old address, new_url the new one) and
-- enabled (an operator re-enabled a retired feed; run_id is null).
create table if not exists feed_lifecycle (
    happened_at timestamptz not null,
    run_id      varchar,
    source      varchar not null,
    feed_url    varchar not null,
    event       varchar not null,   -- retired | moved | enabled
    new_url     varchar,
    http_status integer,
    detail      varchar
);
