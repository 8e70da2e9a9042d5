-- How many distinct entities the articles of the report window name (the KPI tile).
select count(distinct entity) as entities
from entity_mentions_daily
where cast($since as date) is null or day >= cast($since as date)
