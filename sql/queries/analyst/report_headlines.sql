-- The newest $limit articles of the report window, with what they name.
select day, source, title, url, entities, duplicates
from latest_headlines
where cast($since as date) is null or day >= cast($since as date)
limit $limit
