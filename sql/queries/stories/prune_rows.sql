-- ... and leave the index's rows (after retire.sql).
delete from indexed_stories where touched_at < $cutoff
