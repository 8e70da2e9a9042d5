-- Issue 17: Russian- and Chinese-language sources. `articles.language` is the language
-- detected in the text; `claimed_language` is what the sources file says of the source,
-- so a page whose language disagrees with its source is kept and visible (view
-- language_mismatches), not dropped. `date_zone` is the IANA zone a local time without an
-- offset was read in (null when the date carried its own offset or none was found), and
-- `date_zone_origin` says whether the sources file set it ('source') or rcwire inferred it
-- from the site's domain or the text's language ('inferred').
alter table articles add column if not exists claimed_language varchar;
alter table articles add column if not exists date_zone varchar;
alter table articles add column if not exists date_zone_origin varchar;
