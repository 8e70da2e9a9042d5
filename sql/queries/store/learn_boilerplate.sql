-- Count each distinct paragraph once per newly stored article of its source: raise the
-- counts of paragraphs seen before, add the others. One MERGE, one scan of the table
-- (source_boilerplate has no key index, ddl/007; the loader is its only writer).
merge into source_boilerplate as b
using (
    select source, para_hash, count(distinct article_id) as articles
    from (
        select source, article_id, unnest(body_hashes) as para_hash
        from staged_articles
    )
    group by source, para_hash
) as p
on b.source = p.source and b.para_hash = p.para_hash
when matched then update set articles = b.articles + p.articles, last_seen = now()
when not matched then insert (source, para_hash, articles, first_seen, last_seen)
    values (p.source, p.para_hash, p.articles, now(), now())
