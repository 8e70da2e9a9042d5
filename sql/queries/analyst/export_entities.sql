-- The entity rows of the articles rcwire export writes (the CSV format's second file).
select e.article_id, e.entity, e.kind, e.mentions, e.in_title
from article_entities as e
join article_days as d on d.article_id = e.article_id
where cast($since as date) is null or d.day >= cast($since as date)
order by d.day, e.article_id, e.mentions desc, e.entity
