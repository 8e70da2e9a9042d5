-- Entity counts of the staged articles that were stored (a staged row can lose to an
-- article already stored under the same canonical URL: its counts must not be orphans).
insert or ignore into article_entities (article_id, entity, kind, mentions, in_title)
select e.article_id, e.entity, e.kind, e.mentions, e.in_title
from staged_entities as e
where e.article_id in (select article_id from articles)
