-- Data-quality results per run and suite in the report window, on the time the run's
-- checks began (not the articles' dates; the post-load suites run a little after the
-- batch suite, one point per run all the same), oldest first.
with results as (
    select run_id, suite, success, checked_at
    from dq_results
    where cast($since as date) is null
        or cast(timezone('UTC', checked_at) as date) >= cast($since as date)
),

final as (
    select
        run_id,
        suite,
        min(min(checked_at)) over (partition by run_id) as checked_at,
        count(*) as checks,
        count(*) filter (where not success) as failed
    from results
    group by run_id, suite
)

select run_id, suite, checked_at, checks, failed from final
order by checked_at, suite
