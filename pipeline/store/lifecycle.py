"""Feed life-cycle in the database: log retirements and moves, move a feed's history to
its new address, and re-enable a retired feed (``rcwire sources enable``).

The rules themselves (what retires a feed, how moves chain) are in
``pipeline.fetch.lifecycle``; this module only writes what a run decided.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from pipeline.errors import RunError
from pipeline.fetch.lifecycle import current_urls
from pipeline.records import FeedResult
from pipeline.store.db import sql

LIFECYCLE_SCHEMA = pa.schema([
    ("happened_at", pa.timestamp("us", tz="UTC")), ("run_id", pa.string()),
    ("source", pa.string()), ("feed_url", pa.string()), ("event", pa.string()),
    ("new_url", pa.string()), ("http_status", pa.int32()), ("detail", pa.string()),
])


def lifecycle_events(feeds: list[FeedResult], run_id: str) -> list[dict[str, Any]]:
    """The ``feed_lifecycle`` rows of a run: one per feed retired, one per feed moved."""
    rows = []
    for f in feeds:
        base = {"happened_at": f.fetched_at, "run_id": run_id, "source": f.source,
                "feed_url": f.feed_url, "http_status": f.http_status}
        if f.retire:
            rows.append({**base, "event": "retired", "new_url": None, "detail": f.retire})
        if f.moved_to:
            rows.append({**base, "event": "moved", "new_url": f.moved_to,
                         "detail": "permanent redirect (301/308) to a working feed"})
    return rows


def record_lifecycle(con: duckdb.DuckDBPyConnection, feeds: list[FeedResult],
                     run_id: str) -> None:
    """Log the run's retirements and moves, and move moved feeds' history (inside the
    loader's transaction, before ``feed_state`` is written)."""
    rows = lifecycle_events(feeds, run_id)
    if not rows:
        return
    con.register("staged_lifecycle", pa.Table.from_pylist(rows, schema=LIFECYCLE_SCHEMA))
    try:
        con.execute(sql("queries/store/insert_feed_lifecycle"))
        con.execute(sql("queries/store/move_feed_history"))
    finally:
        con.unregister("staged_lifecycle")


def enable_feed(con: duckdb.DuckDBPyConnection, which: str) -> list[dict[str, Any]]:
    """Re-enable retired feeds named by address (as listed, or where it moved) or source.

    Args:
        con: the writer connection.
        which: a feed URL or a source name.

    Returns:
        The feeds re-enabled (``feed_url``, ``source``, ``retired_reason``).

    Raises:
        RunError: no retired feed matches.
    """
    moved = current_urls(con.execute(sql("queries/store/feed_moves")).fetchall())
    wanted = {which, moved.get(which, which)}
    cur = con.execute(sql("queries/store/retired_feeds"))
    names = [d[0] for d in cur.description]
    retired = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    found = [r for r in retired if r["feed_url"] in wanted or r["source"] == which]
    if not found:
        listed = ", ".join(f"{r['source']} ({r['feed_url']})" for r in retired) or "none"
        raise RunError(f"no retired feed is {which!r}; retired feeds: {listed}")
    con.execute("begin transaction")
    try:
        for feed in found:
            con.execute(sql("queries/store/enable_feed"), {"feed_url": feed["feed_url"]})
            con.execute(sql("queries/store/insert_feed_enabled"), {
                "source": feed["source"], "feed_url": feed["feed_url"],
                "detail": f"re-enabled by an operator; was {feed['retired_reason']}"})
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return found
