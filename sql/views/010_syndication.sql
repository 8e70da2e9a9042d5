-- Who republishes whom: copies found by text (exact, near or excerpt), grouped by the source of the
-- stored article and the source that carried the copy.
create or replace view syndication as
with copies as (
    select
        kept.source as original_source,
        dup.source as republisher,
        dup.method,
        dup.similarity
    from article_duplicates as dup
    join articles as kept on kept.article_id = dup.duplicate_of
    where dup.method in ('hash', 'near', 'excerpt')
      and dup.source is distinct from kept.source
)
select
    original_source,
    republisher,
    count(*) as copies,
    count(*) filter (where method = 'hash') as exact_copies,
    count(*) filter (where method in ('near', 'excerpt')) as near_copies,
    round(avg(similarity), 3) as mean_similarity
from copies
group by original_source, republisher
order by copies desc, original_source, republisher;

comment on view syndication is
    'Republishing between sources: copies of stored articles found by text (hash, near or excerpt).';
comment on column syndication.original_source is 'Source of the stored (kept) article.';
comment on column syndication.republisher is 'Source whose feed carried the copy.';
comment on column syndication.copies is 'Copies seen, all runs.';
comment on column syndication.exact_copies is 'Copies with the same normalised text.';
comment on column syndication.near_copies is 'Re-templated, edited or excerpted copies.';
comment on column syndication.mean_similarity is 'Mean Jaccard (or containment) of the copies.';

-- Copies that arrived after the stored article and are more complete than it.
create or replace view better_copies as
select
    dup.duplicate_of as article_id,
    kept.url as stored_url,
    dup.url as better_url,
    dup.similarity,
    dup.first_seen
from article_duplicates as dup
join articles as kept on kept.article_id = dup.duplicate_of
where dup.better_copy;

comment on view better_copies is
    'Later copies more complete than the stored article (e.g. full text after an excerpt).';
