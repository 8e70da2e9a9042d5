-- How many indexed stories carry each key of the batch (for the keys' weights).
select k.key, count(*) as stories
from story_keys as k
join story_batch_keys as b on b.key = k.key
group by k.key
