-- A feed that moved for good keeps its history under its new address: the outcomes the
-- planner reads "already seen" keys from, its fetch log, its articles and duplicates.
-- Its old feed_state row goes; the loader writes the new one (same counters, validators).
create or replace temp view feed_moves as
select feed_url as old_url, new_url from staged_lifecycle where event = 'moved';

update url_outcomes set feed_url = m.new_url
from feed_moves as m
where url_outcomes.feed_url = m.old_url;

update feed_events set feed_url = m.new_url
from feed_moves as m
where feed_events.feed_url = m.old_url
    -- (run_id, feed_url) is the key: a run that also fetched the new address keeps both
    and not exists (
        select 1 from feed_events as e
        where e.run_id = feed_events.run_id and e.feed_url = m.new_url
    );

update articles set feed_url = m.new_url
from feed_moves as m
where articles.feed_url = m.old_url;

update article_duplicates set feed_url = m.new_url
from feed_moves as m
where article_duplicates.feed_url = m.old_url;

delete from feed_state
where feed_url in (select old_url from feed_moves);

drop view feed_moves;
