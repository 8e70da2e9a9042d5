-- First and last article day on or after $since (the report's window), and how many.
select min(day) as first_day, max(day) as last_day, count(*) as articles
from article_days
where cast($since as date) is null or day >= cast($since as date)
