-- Stored articles sharing at least one LSH band key with a batch row, with their signature.
with hits as (
    select distinct b.row_id, l.article_id
    from batch_bands as b
    join article_lsh as l on l.band_key = b.band_key
)
select h.row_id, h.article_id, s.minhash, s.shingles
from hits as h
join article_signatures as s using (article_id)
