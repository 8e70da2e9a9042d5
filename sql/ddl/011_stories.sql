-- Stories (issue 19): articles about the same event, across outlets and languages, grouped
-- as they are loaded (pipeline/stories). Like the other history tables (ddl/007) they carry
-- no key indexes: the loader is the only writer and rewrites a story's rows whole.

create table if not exists stories (
    story_id         varchar not null,      -- 'story-' + the id of the article that opened it
    title            varchar not null,      -- headline of its earliest report
    first_seen       timestamptz not null,  -- earliest publication time (fetch time if undated)
    last_seen        timestamptz not null,  -- latest publication time of its articles
    articles         integer not null,      -- stored articles (copies are in article_duplicates)
    sources          varchar[] not null,    -- sources of those articles
    languages        varchar[] not null,    -- their languages
    first_article_id varchar not null,
    first_source     varchar not null,      -- who reported it first
    dated            boolean not null,      -- some article of it carries a publication date
    span_start       timestamptz,           -- when its events happened, for matching: the
    span_end         timestamptz,           -- publication days, or a month an undated
    span_estimated   boolean not null,      -- opener names (estimated); null if unknown
    run_id           varchar not null       -- run that last changed it
);

create table if not exists article_stories (
    article_id varchar not null,
    story_id   varchar not null,
    score      double not null,            -- match score that decided (0 for an opener)
    cues       json not null,              -- what matched: entities, words, numbers, quotes
    opened     boolean not null,           -- the article opened the story
    run_id     varchar not null
);

-- The matcher's index: every key of every story that gained an article within the
-- retention period (RCWIRE_STORY_RETENTION_DAYS), with how many of its articles carry it.
-- Each load first deletes the rows of stories untouched for longer, which keeps a lookup's
-- cost flat as history grows.
create table if not exists story_keys (
    story_id   varchar not null,
    key        varchar not null,            -- 'e:' entity, 'w:' word, 'n:' number, 'q:' quote
    articles   integer not null,
    touched_at timestamptz not null         -- fetch time of the load that last changed it
);
