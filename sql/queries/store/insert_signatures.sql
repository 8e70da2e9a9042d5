-- Signatures of the articles just inserted (queries/new_article_ids.sql).
insert into article_signatures (article_id, minhash, shingles)
select article_id, minhash, shingles from staged_signatures
