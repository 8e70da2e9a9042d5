-- Stories in the matcher's index.
select count(distinct story_id) from story_keys
