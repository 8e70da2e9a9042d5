-- After queries/delete_run_outcomes.sql: a run's outcome per URL replaces an earlier one.
insert into url_outcomes (
    run_id, url, entry_key, source, feed_url, outcome, reason, detail, article_id,
    recorded_at, title, relevance_score, theme_evidence
)
select
    $run_id, url, entry_key, source, feed_url, outcome, reason, detail, article_id,
    now(), title, relevance_score, theme_evidence
from staged_outcomes
