-- Is every feed still delivering? State kept by the loader (feed_state) plus the last
-- week of fetches (feed_events). The thresholds are those of the maintenance DAG
-- (pipeline/tasks.py: 3 failures in a row, 3 days without a successful fetch). Retired
-- feeds (410 Gone, or 404 run after run: pipeline/fetch/lifecycle.py) come first, and a
-- feed that moved for good shows the address it moved from (feed_lifecycle).
create or replace view feed_health as
with state as (
    select
        source, feed_url, last_status, last_http_status, last_error, consecutive_failures,
        last_fetched_at, last_success_at, next_fetch_at, retired_at, retired_reason
    from feed_state
),

moves as (
    select new_url as feed_url, arg_max(feed_url, happened_at) as moved_from,
           max(happened_at) as moved_at
    from feed_lifecycle
    where event = 'moved'
    group by new_url
),

recent as (
    select
        feed_url,
        count(*) as fetches_7d,
        count(*) filter (where status = 'failed') as failures_7d,
        cast(coalesce(sum(new_entries), 0) as bigint) as new_entries_7d
    from feed_events
    where fetched_at >= now() - interval 7 day
    group by feed_url
),

stored as (
    select feed_url, count(*) as articles, max(fetched_at) as last_article_at
    from articles
    group by feed_url
),

judged as (
    select
        s.*,
        case
            when s.retired_at is not null then 'retired'
            when s.consecutive_failures >= 3 then 'failing'
            when s.last_status = 'failed' then 'error'
            when s.last_success_at is null
                or s.last_success_at < now() - interval 3 day then 'stale'
            else 'ok'
        end as health
    from state as s
)

select
    j.source,
    j.feed_url,
    j.health,
    j.last_status,
    j.last_http_status,
    j.consecutive_failures,
    j.last_success_at,
    j.last_fetched_at,
    j.next_fetch_at,
    j.last_error,
    j.retired_at,
    j.retired_reason,
    m.moved_from,
    m.moved_at,
    coalesce(r.fetches_7d, 0) as fetches_7d,
    coalesce(r.failures_7d, 0) as failures_7d,
    coalesce(r.new_entries_7d, 0) as new_entries_7d,
    coalesce(a.articles, 0) as articles,
    a.last_article_at
from judged as j
left join recent as r on r.feed_url = j.feed_url
left join stored as a on a.feed_url = j.feed_url
left join moves as m on m.feed_url = j.feed_url
order by
    case j.health
        when 'retired' then 0 when 'failing' then 1 when 'error' then 2 when 'stale' then 3
        else 4
    end,
    j.consecutive_failures desc,
    j.source;

comment on view feed_health is
    'One row per feed: health verdict, failures in a row, last success, next fetch, last error.';
comment on column feed_health.source is 'Source (feed name in the sources file).';
comment on column feed_health.feed_url is 'The feed URL.';
comment on column feed_health.health is
    'retired (gone: not fetched until `rcwire sources enable URL`), failing (3+ failed runs '
    'in a row), error (last fetch failed), stale (no success for 3 days) or ok.';
comment on column feed_health.last_status is 'Last fetch: ok, not_modified or failed.';
comment on column feed_health.last_http_status is 'HTTP status of the last fetch, if any.';
comment on column feed_health.consecutive_failures is 'Failed runs in a row (0 after a success).';
comment on column feed_health.last_success_at is 'Last fetch that returned the feed (200 or 304).';
comment on column feed_health.last_fetched_at is 'Last fetch attempt.';
comment on column feed_health.next_fetch_at is
    'When the feed is due again (later while backing off after failures).';
comment on column feed_health.last_error is 'Reason of the last failure (e.g. http_500, timeout).';
comment on column feed_health.retired_at is
    'When a run retired the feed (410 Gone, or 404 in RCWIRE_FEED_RETIRE_AFTER_404 runs).';
comment on column feed_health.retired_reason is 'Why it was retired (gone_410, not_found_404).';
comment on column feed_health.moved_from is
    'The address the feed last moved from (a 301/308 the loader followed), if any.';
comment on column feed_health.moved_at is 'When that move was seen.';
comment on column feed_health.fetches_7d is 'Fetch attempts in the last 7 days.';
comment on column feed_health.failures_7d is 'Failed fetches in the last 7 days.';
comment on column feed_health.new_entries_7d is 'Entries not seen before, last 7 days.';
comment on column feed_health.articles is 'Articles stored from this feed, all time.';
comment on column feed_health.last_article_at is 'When the newest of them was fetched.';
