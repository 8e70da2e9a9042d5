-- The latest runs, newest first.
select run_id, started_at, status, feeds_total, feeds_failed, loaded, duplicates, off_theme,
    failed_pages
from run_history
limit $limit
