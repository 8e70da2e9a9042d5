select status, counts from runs where run_id = $run_id
