-- Every key of the candidate stories, one row per story: its keys and their article counts
-- (two lists aggregated over the same rows, in the same order).
select k.story_id, list(k.key) as keys, list(k.articles) as counts
from story_keys as k
join story_wanted as w on w.story_id = k.story_id
group by k.story_id
