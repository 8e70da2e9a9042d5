-- Is data quality holding? Every Great Expectations result the runs stored, per UTC day
-- and suite (article_batch before the load, articles_table and run after it).
create or replace view dq_trend as
with results as (
    select cast(timezone('UTC', checked_at) as date) as day, suite, run_id, success
    from dq_results
)

select
    day,
    suite,
    count(distinct run_id) as runs,
    count(*) as checks,
    count(*) filter (where success) as passed,
    count(*) filter (where not success) as failed,
    round(count(*) filter (where success) / count(*), 4) as pass_rate
from results
group by day, suite
order by day desc, suite;

comment on view dq_trend is
    'Data-quality pass rate per day and expectation suite (from dq_results).';
comment on column dq_trend.day is 'UTC day the checks ran.';
comment on column dq_trend.suite is 'article_batch (rows before load), articles_table or run.';
comment on column dq_trend.runs is 'Runs checked that day.';
comment on column dq_trend.checks is 'Expectation results stored.';
comment on column dq_trend.passed is 'Results that passed.';
comment on column dq_trend.failed is 'Results that failed (details: rcwire dq report).';
comment on column dq_trend.pass_rate is 'passed / checks (0-1).';
