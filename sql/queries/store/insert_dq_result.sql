insert into dq_results
    (run_id, suite, expectation, success, observed_value, unexpected_count, element_count,
     checked_at, threshold)
values ($run_id, $suite, $expectation, $success, $observed_value, $unexpected_count,
        $element_count, now(), $threshold)
