-- Data-quality pass rate per day and suite in the report window, oldest first.
select day, suite, checks, failed, pass_rate
from dq_trend
where cast($since as date) is null or day >= cast($since as date)
order by day, suite
