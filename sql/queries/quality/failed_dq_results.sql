select suite, expectation, unexpected_count, element_count, observed_value
from dq_results
where run_id = $run_id and not success
order by suite, expectation
