-- Politeness: polls in a row that found a feed unchanged (304, or 200 with no new entry).
-- pipeline/schedule.py doubles the feed's polling interval with each one, up to a cap,
-- and resets it when the feed has something new.
alter table feed_state add column if not exists unchanged_polls integer default 0;
