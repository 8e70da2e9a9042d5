-- Count each distinct paragraph once per newly stored article of its source: raise the
-- counts of paragraphs seen before, add the others (source_boilerplate has no key index,
-- ddl/007; the loader is its only writer).
create or replace temp table batch_paragraphs as
select source, para_hash, count(distinct article_id) as articles
from (
    select source, article_id, unnest(body_hashes) as para_hash
    from staged_articles
)
group by source, para_hash;

update source_boilerplate as b
set articles = b.articles + p.articles, last_seen = now()
from batch_paragraphs as p
where b.source = p.source and b.para_hash = p.para_hash;

insert into source_boilerplate (source, para_hash, articles, first_seen, last_seen)
select p.source, p.para_hash, p.articles, now(), now()
from batch_paragraphs as p
where not exists (
    select 1 from source_boilerplate as b
    where b.source = p.source and b.para_hash = p.para_hash
);

drop table batch_paragraphs;
