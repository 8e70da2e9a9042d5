-- New articles only reach here (the loader runs once per run, in one transaction).
insert into article_lsh (band_key, article_id)
select unnest(band_keys), article_id
from staged_signatures
