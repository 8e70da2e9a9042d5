-- The top stories of the newest day of the report window that has any: the headline that
-- opened each, who reported it first, every outlet and language that carried it.
with latest as (
    select max(day) as day
    from stories_daily
    where cast($since as date) is null or day >= cast($since as date)
)

select
    d.day,
    d.story_id,
    t.title,
    t.first_url,
    t.first_source,
    d.outlets as outlets_that_day,
    d.articles + d.copies as reports_that_day,
    t.outlet_names,
    t.languages,
    d.new_story
from stories_daily as d
join latest as l on l.day = d.day
join top_stories as t on t.story_id = d.story_id
order by d.outlets desc, d.articles + d.copies desc, t.outlets desc, d.story_id
limit $limit
