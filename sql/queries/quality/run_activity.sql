-- Whether a run produced anything to check: new or quarantined rows, or failed feeds.
select
    (select count(*) from url_outcomes
     where run_id = $run_id and outcome in ('loaded', 'quarantined')) as candidates,
    (select count(*) from feed_events
     where run_id = $run_id and status = 'failed') as failed_feeds
