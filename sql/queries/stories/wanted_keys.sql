-- Every key of the candidate stories.
select k.story_id, k.key, k.articles
from story_keys as k
join story_wanted as w on w.story_id = k.story_id
