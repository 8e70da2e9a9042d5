-- Stories quiet for longer than the retention period leave the matcher's index.
delete from story_keys where last_seen < $cutoff
