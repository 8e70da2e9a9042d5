-- Outcomes of the run that the staged ones replace (url_outcomes has no key index,
-- ddl/007; the loader is its only writer).
delete from url_outcomes as o
using staged_outcomes as s
where o.run_id = $run_id and o.feed_url = s.feed_url and o.url = s.url
