update url_outcomes
set outcome = 'loaded', reason = 'released', detail = $detail, article_id = $article_id
where run_id = $run_id and url = $url and outcome = 'quarantined'
