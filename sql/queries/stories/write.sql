-- A load's assignments, and the stories they changed rewritten whole in the index (their
-- rows and keys): staged_story_rows, staged_story_keys, staged_article_stories. Every
-- changed story is in the index, so nothing that grows with history is scanned.
delete from indexed_stories where story_id in (select story_id from staged_story_rows);
insert into indexed_stories by name select * from staged_story_rows;
delete from story_keys where story_id in (select story_id from staged_story_rows);
insert into story_keys by name select * from staged_story_keys;
insert into article_stories by name select * from staged_article_stories;
