update quarantine
set released_at = now(), released_by = $released_by
where run_id = $run_id and article_id = $article_id
