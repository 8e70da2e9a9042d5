-- Who and what each stored article mentions: people, institutions, themes and places of the
-- lexicon config/entities.yaml, counted when the article is loaded (pipeline/entities.py).
-- `rcwire entities rebuild` recounts every article after the lexicon changes.

create table if not exists article_entities (
    article_id varchar not null,
    entity     varchar not null,      -- the lexicon's name, e.g. 'Xi Jinping'
    kind       varchar not null,      -- person | institution | theme | place
    mentions   integer not null,      -- matches in the body text
    in_title   boolean not null,      -- named in the headline
    primary key (article_id, entity)
);
create index if not exists article_entities_entity on article_entities (entity);
