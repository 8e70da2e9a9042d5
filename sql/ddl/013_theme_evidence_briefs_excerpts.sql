-- Issue 16: why an article is on the beat, briefs that land, teasers linked to their article.
--
-- articles.theme_evidence: the theme decision's reasons as JSON (pipeline/enrich/theme.py,
--   ThemeScore.explain): the sentences that tie Russia and China (where, what, cue, terms)
--   and the names that did not count (place list, byline, absent, background).
-- url_outcomes.theme_evidence: the same for every URL, so an off-theme drop says why too.
-- articles.is_brief: an on-beat article shorter than RCWIRE_BRIEF_WORDS (a wire brief),
--   landed and flagged instead of quarantined.
-- article_duplicates.containment: the share of the shorter text found in the kept one, on
--   near and excerpt decisions (similarity keeps the value the decision was made on).
alter table articles add column if not exists theme_evidence json;
alter table articles add column if not exists is_brief boolean default false;
alter table url_outcomes add column if not exists theme_evidence json;
alter table article_duplicates add column if not exists containment double;

-- The opening of every stored article, for the excerpt layer (pipeline/dedupe/layers.py):
-- a teaser whose text is the start of a stored article shares its first-20-token key.
-- One row per article (a join on one key stays cheap as history grows); `ladder` holds
-- the keys of ever longer openings (20, 25, 32 ... tokens) to tell how far two agree.
create table if not exists article_openings (
    article_id  varchar not null,
    opening_key bigint not null,     -- hash of the first 20 folded tokens
    tokens      integer not null,    -- folded tokens of the text, a trailing link line left out
    ladder      bigint[] not null    -- keys of the first n tokens, n on the ladder, n <= tokens
);
