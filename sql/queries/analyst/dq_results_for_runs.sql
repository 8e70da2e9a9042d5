select run_id, suite, expectation, success, observed_value, unexpected_count, element_count,
    threshold
from dq_results
where run_id in (select run_id from runs order by started_at desc limit $limit)
order by run_id desc, suite, success, expectation
