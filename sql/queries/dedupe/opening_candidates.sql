-- Stored articles whose first 20 tokens equal a batch row's: candidates for an excerpt.
select b.row_id, o.article_id, o.tokens, o.ladder
from batch_openings as b
join article_openings as o on o.opening_key = b.opening_key
