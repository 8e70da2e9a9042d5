insert or replace into quarantine
    (run_id, article_id, url, source, title, failed, record, quarantined_at)
values ($run_id, $article_id, $url, $source, $title, $failed, $record, now())
