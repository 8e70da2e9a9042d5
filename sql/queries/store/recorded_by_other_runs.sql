-- Staged verdicts that an overlapping run already recorded for the same URL of the same
-- feed: the same verdict, or a "duplicate" of the very article that run loaded (this run
-- decided after that one committed). Only runs recorded since this run was planned can
-- overlap it ($since): anything older was known to its plan and never fetched again.
with staged as (
    select feed_url, url, outcome, reason, article_id
    from staged_outcomes
    where outcome in ('loaded', 'duplicate', 'off_theme', 'quarantined')
),

recorded as (
    select run_id, feed_url, url, outcome, reason, article_id
    from url_outcomes
    where recorded_at >= $since
        and run_id <> $run_id
        and outcome in ('loaded', 'duplicate', 'off_theme', 'quarantined')
),

final as (
    select s.feed_url, s.url, min(r.run_id) as run_id, min(r.article_id) as article_id
    from staged as s
    inner join recorded as r on r.feed_url = s.feed_url and r.url = s.url
    where (r.outcome = s.outcome
            and r.reason is not distinct from s.reason
            and r.article_id is not distinct from s.article_id)
        or (r.outcome = 'loaded' and s.outcome = 'duplicate' and r.article_id = s.article_id)
    group by s.feed_url, s.url
)

select feed_url, url, run_id, article_id from final
