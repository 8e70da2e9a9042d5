-- Column comments for the views of 010_syndication.sql that it leaves undocumented. Kept
-- in a file of its own that sorts after 010: `create or replace view` drops a view's
-- comments, so they must be applied after every refresh of the view.
comment on column better_copies.article_id is 'The stored article (articles.article_id).';
comment on column better_copies.stored_url is 'URL of the stored, less complete text.';
comment on column better_copies.better_url is 'URL of the later, more complete copy.';
comment on column better_copies.similarity is 'Estimated Jaccard (or containment) of the two texts.';
comment on column better_copies.first_seen is 'When the better copy was first seen.';
