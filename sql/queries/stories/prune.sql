-- Stories no load has added to for longer than the retention period leave the index.
delete from story_keys where touched_at < $cutoff
