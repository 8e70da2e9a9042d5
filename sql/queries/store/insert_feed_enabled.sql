insert into feed_lifecycle (happened_at, run_id, source, feed_url, event, detail)
values (now(), null, $source, $feed_url, 'enabled', $detail)
