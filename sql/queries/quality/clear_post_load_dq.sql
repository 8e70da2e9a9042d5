-- A loader killed during its post-load checks runs them again: replace, never double.
delete from dq_results
where run_id = $run_id and suite in ('articles_table', 'run')
