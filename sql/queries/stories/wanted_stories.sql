-- The candidate stories of a batch (their rows in the index: no table that grows with
-- history is read).
select
    s.story_id, s.title, s.first_article_id, s.first_source, s.first_seen, s.last_seen,
    s.dated, s.articles, s.sources, s.languages, s.span_start, s.span_end, s.span_estimated
from indexed_stories as s
join story_wanted as w on w.story_id = s.story_id
