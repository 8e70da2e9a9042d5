-- Indexed stories carrying the batch's lookup keys (each article's rarest ones).
select k.key, k.story_id
from story_keys as k
join story_lookup as l on l.key = k.key
