-- Cleaning that explains itself (issue 15): why each piece of text was removed (the rule's
-- reason, or the classifier's probability and the features that raised it), and which
-- articles were stored with the conservative text because cleaning kept far less than
-- trafilatura alone found.
alter table article_removals add column if not exists reason varchar;
alter table articles add column if not exists cleaning_fallback boolean default false;
