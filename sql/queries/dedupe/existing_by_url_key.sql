-- Stored articles whose URL key matches one in the batch.
select b.url_key, a.article_id
from batch_keys as b
join articles as a on a.url_key = b.url_key
