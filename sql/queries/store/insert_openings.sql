-- Openings of the articles just inserted (queries/new_article_ids.sql); texts too short to
-- have one are left out.
insert into article_openings (article_id, opening_key, tokens, ladder)
select article_id, ladder[1], opening_tokens, ladder
from staged_signatures
where len(ladder) > 0
