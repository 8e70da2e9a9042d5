-- Paragraph hashes each planned source has repeated in at least $min_articles distinct
-- articles.
select b.source, b.para_hash
from source_boilerplate b
join planned_sources s on s.source = b.source
where b.articles >= $min_articles
