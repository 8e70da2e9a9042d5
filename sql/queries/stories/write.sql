-- A load's assignments, and the stories they changed rewritten whole (stories and their
-- index keys): staged_story_rows, staged_story_keys, staged_article_stories.
delete from stories where story_id in (select story_id from staged_story_rows);
insert into stories by name select * from staged_story_rows;
delete from story_keys where story_id in (select story_id from staged_story_rows);
insert into story_keys by name select * from staged_story_keys;
insert into article_stories by name select * from staged_article_stories;
