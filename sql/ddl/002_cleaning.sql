-- Cleaning audit trail, per-source learned boilerplate, and theme scores on outcomes.

-- Every piece of text the cleaner removed from a stored article, with its kind.
create table if not exists article_removals (
    article_id varchar not null,
    position   integer not null,
    kind       varchar not null,
    text       varchar not null,
    primary key (article_id, position)
);

-- Paragraphs a source repeats across its articles: once seen in enough distinct articles
-- they are removed from that source's future articles as learned_boilerplate.
create table if not exists source_boilerplate (
    source     varchar not null,
    para_hash  varchar not null,
    articles   integer not null,
    first_seen timestamptz not null,
    last_seen  timestamptz not null,
    primary key (source, para_hash)
);

alter table url_outcomes add column if not exists title varchar;
alter table url_outcomes add column if not exists relevance_score double;
