-- Entity counts of articles just inserted, or of every stored article on a rebuild.
insert into article_entities (article_id, entity, kind, mentions, in_title)
select e.article_id, e.entity, e.kind, e.mentions, e.in_title
from staged_entities as e
