insert or ignore into article_removals (article_id, position, kind, text)
select article_id, r.pos - 1, r.item.kind, r.item.text
from (
    select article_id, unnest(removed) as item, generate_subscripts(removed, 1) as pos
    from staged_articles
) as r
