-- Stored articles with the same normalised text as one in the batch.
select b.content_hash, min(a.article_id) as article_id
from batch_hashes as b
join articles as a on a.content_hash = b.content_hash
group by b.content_hash
