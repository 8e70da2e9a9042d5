insert or ignore into article_signatures (article_id, minhash, shingles)
select article_id, minhash, shingles from staged_signatures
