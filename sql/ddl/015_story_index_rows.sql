-- Story assignment at a flat cost per article as history grows (issue 19). The loader used
-- to read the candidate stories' rows from `stories` and rewrite the changed ones there:
-- two scans of a table with one row per stored story. A story only ever changes while it
-- is in the matcher's index (story_keys, pruned after RCWIRE_STORY_RETENTION_DAYS): once
-- it leaves, no load can find it again. So its row is kept in one of two tables:
--   indexed_stories  stories in the index, read and rewritten by the loader, pruned with
--                    story_keys (touched_at: fetch time of the load that last changed it);
--   retired_stories  stories that left the index, final, only ever appended to;
-- and `stories` becomes the view over both: the same rows, the same columns.

create table indexed_stories (
    story_id         varchar not null,
    title            varchar not null,
    first_seen       timestamptz not null,
    last_seen        timestamptz not null,
    articles         integer not null,
    sources          varchar[] not null,
    languages        varchar[] not null,
    first_article_id varchar not null,
    first_source     varchar not null,
    dated            boolean not null,
    span_start       timestamptz,
    span_end         timestamptz,
    span_estimated   boolean not null,
    run_id           varchar not null,
    touched_at       timestamptz not null      -- as story_keys.touched_at
);

create table retired_stories (
    story_id         varchar not null,
    title            varchar not null,
    first_seen       timestamptz not null,
    last_seen        timestamptz not null,
    articles         integer not null,
    sources          varchar[] not null,
    languages        varchar[] not null,
    first_article_id varchar not null,
    first_source     varchar not null,
    dated            boolean not null,
    span_start       timestamptz,
    span_end         timestamptz,
    span_estimated   boolean not null,
    run_id           varchar not null
);

-- Backfill: a story with keys in the index is indexed (touched when its keys were), every
-- other story is retired.
insert into indexed_stories by name
select s.*, k.touched_at
from stories as s
join (
    select story_id, max(touched_at) as touched_at from story_keys group by story_id
) as k on k.story_id = s.story_id;

insert into retired_stories by name
select s.*
from stories as s
anti join (select distinct story_id from story_keys) as k on k.story_id = s.story_id;

drop table stories;

create view stories as
select
    story_id, title, first_seen, last_seen, articles, sources, languages, first_article_id,
    first_source, dated, span_start, span_end, span_estimated, run_id
from retired_stories
union all
select
    story_id, title, first_seen, last_seen, articles, sources, languages, first_article_id,
    first_source, dated, span_start, span_end, span_estimated, run_id
from indexed_stories;

comment on view stories is
    'One row per story: the stories in the matcher''s index and those that left it.';
comment on column stories.story_id is '''story-'' + the id of the article that opened it.';
comment on column stories.title is 'Headline of its earliest report.';
comment on column stories.first_seen is 'Earliest publication time (fetch time if undated).';
comment on column stories.last_seen is 'Latest publication time of its articles.';
comment on column stories.articles is 'Stored articles (copies are in article_duplicates).';
comment on column stories.sources is 'Sources of those articles.';
comment on column stories.languages is 'Their languages.';
comment on column stories.first_article_id is 'Its earliest report.';
comment on column stories.first_source is 'Who reported it first.';
comment on column stories.dated is 'Some article of it carries a publication date.';
comment on column stories.span_start is 'When its events happened, for matching (start).';
comment on column stories.span_end is 'When its events happened, for matching (end).';
comment on column stories.span_estimated is 'The span is a month an undated opener names.';
comment on column stories.run_id is 'Run that last changed it.';
