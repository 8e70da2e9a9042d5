-- Count each distinct paragraph once per newly stored article of its source.
insert into source_boilerplate (source, para_hash, articles, first_seen, last_seen)
select source, para_hash, count(distinct article_id), now(), now()
from (
    select source, article_id, unnest(body_hashes) as para_hash
    from staged_articles
)
group by source, para_hash
on conflict (source, para_hash) do update
set articles = source_boilerplate.articles + excluded.articles,
    last_seen = excluded.last_seen
