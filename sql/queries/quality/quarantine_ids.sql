-- Quarantined article ids that start with what the analyst typed (`quarantine show 3fa2`).
select distinct article_id
from quarantine
where starts_with(article_id, $prefix)
order by article_id
limit 6
