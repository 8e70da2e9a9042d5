-- Stories leaving the index keep their final row (appended: they never change again).
insert into retired_stories by name
select * exclude (touched_at) from indexed_stories where touched_at < $cutoff
