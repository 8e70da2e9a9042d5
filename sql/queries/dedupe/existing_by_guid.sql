-- Stored articles of the same source with the same feed GUID as one in the batch.
select b.source, b.guid, min(a.article_id) as article_id
from batch_guids as b
join articles as a on a.source = b.source and a.guid = b.guid
group by b.source, b.guid
