"""Plan a run: which feeds are due, and what the database already knows about each."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipeline.db import sql
from pipeline.learned import MIN_ARTICLES
from pipeline.records import FeedTask, Source
from pipeline.stage import run_dir, write_plan

# A page that failed this many runs in a row is given up (its outcomes stay recorded).
MAX_PAGE_TRIES = 3
# Entry keys kept per feed for "already seen": far more than any feed lists at once.
KNOWN_KEYS_PER_FEED = 5000


def plan_run(
    con: duckdb.DuckDBPyConnection, sources: list[Source], runs_dir: Path, run_id: str,
    *, only_due: bool = True, now: datetime | None = None,
) -> Path:
    """Write the run's ``plan.json``.

    Args:
        con: an open (migrated) database connection; only read here.
        sources: the feeds from the sources file.
        runs_dir: parent of run folders.
        run_id: this run's id.
        only_due: skip feeds whose ``next_fetch_at`` lies in the future.
        now: the planning instant (tests pass a fixed one).

    Returns:
        The run folder.
    """
    now = now or datetime.now(UTC)
    states = {row[0]: row for row in con.execute(sql("queries/feed_states")).fetchall()}
    tasks: list[FeedTask] = []
    skipped: list[str] = []
    for src in sources:
        state = states.get(src.url)
        next_at = state[4] if state else None
        if only_due and next_at is not None and next_at > now:
            skipped.append(src.name)
            continue
        tasks.append(_task(con, src, state))
    folder = run_dir(runs_dir, run_id)
    write_plan(folder, run_id, tasks, skipped)
    return folder


def _task(con: duckdb.DuckDBPyConnection, src: Source, state: tuple[object, ...] | None,
          ) -> FeedTask:
    params = {"feed_url": src.url}
    known = con.execute(sql("queries/known_entry_keys"),
                        params | {"limit": KNOWN_KEYS_PER_FEED}).fetchall()
    retry = con.execute(sql("queries/retry_urls"),
                        params | {"max_tries": MAX_PAGE_TRIES}).fetchall()
    learned = con.execute(sql("queries/learned_hashes"),
                          {"source": src.name, "min_articles": MIN_ARTICLES}).fetchall()
    return FeedTask(
        source=src,
        etag=str(state[1]) if state and state[1] else None,
        last_modified=str(state[2]) if state and state[2] else None,
        known_keys=frozenset(str(r[0]) for r in known),
        retry_urls=tuple((str(u), str(k)) for u, k in retry),
        learned=frozenset(str(r[0]) for r in learned),
    )
