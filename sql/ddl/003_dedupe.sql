-- Near-duplicate detection against history: one MinHash signature per stored article and
-- its LSH band keys, looked up by join (no scan of article texts).

create table if not exists article_signatures (
    article_id varchar primary key,
    minhash    blob not null,        -- 128 little-endian uint32 MinHash values
    shingles   integer not null      -- distinct 4-word shingles of the text
);

create table if not exists article_lsh (
    band_key   bigint not null,      -- hash of (band, 4 MinHash values)
    article_id varchar not null
);

-- A duplicate that is more complete than the stored copy (e.g. the full text arriving
-- after an excerpt): the stored row stays the story's id, the link records the better text.
alter table article_duplicates add column if not exists better_copy boolean default false;
