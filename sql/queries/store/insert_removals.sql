-- What was removed from the articles just inserted (queries/new_article_ids.sql).
insert into article_removals (article_id, position, kind, text, reason)
select article_id, r.pos - 1, r.item.kind, r.item.text, r.item.reason
from (
    select article_id, unnest(removed) as item, generate_subscripts(removed, 1) as pos
    from staged_articles
) as r
