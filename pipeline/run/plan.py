"""Plan a run: which feeds are due, what the database already knows about each, and how
they group by host (the unit of parallel work, with its politeness state)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.clean.learned import MIN_ARTICLES
from pipeline.explain import skip_detail
from pipeline.fetch.hosts import host_key
from pipeline.fetch.lifecycle import current_urls
from pipeline.records import FeedTask, Source
from pipeline.runfolder import HostGroup, run_dir, write_plan
from pipeline.store.db import sql
from pipeline.store.hosts import seed_hosts

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
    states = {row[0]: row for row in con.execute(sql("queries/run/feed_states")).fetchall()}
    moved = current_urls(con.execute(sql("queries/store/feed_moves")).fetchall())
    due: list[Source] = []
    skipped: list[str] = []
    retired: list[str] = []
    why: list[dict[str, Any]] = []
    for listed in sources:
        # A feed that moved for good is fetched at its new address (fetch/lifecycle.py).
        src = replace(listed, url=moved.get(listed.url, listed.url))
        state = states.get(src.url)
        next_at = state[4] if state else None
        if state and state[6] is not None:
            retired.append(src.name)  # until `rcwire sources enable`, even with --all
        elif only_due and next_at is not None and next_at > now:
            skipped.append(src.name)
            why.append(skip_detail(src.name, state[3] if state else None, next_at))
        else:
            due.append(src)
    known, retry, learned = _history(con, due)
    tasks = [FeedTask(
        source=src,
        etag=_text(states.get(src.url), 1),
        last_modified=_text(states.get(src.url), 2),
        known_keys=frozenset(known.get(src.url, ())),
        retry_urls=tuple(retry.get(src.url, ())),
        learned=frozenset(learned.get(src.name, ())),
        not_found_runs=int(_text(states.get(src.url), 5) or 0),
    ) for src in due]
    folder = run_dir(runs_dir, run_id)
    groups = group_by_host(tasks)
    seed_hosts(con, folder, [g.host for g in groups], now)
    write_plan(folder, run_id, tasks, skipped, retired, groups, why)
    return folder


def group_by_host(tasks: list[FeedTask]) -> list[HostGroup]:
    """The feeds grouped by host key, biggest group first: a host's feeds share one
    worker (one Airflow task) and every group runs beside the others."""
    by_host: dict[str, list[int]] = defaultdict(list)
    for i, task in enumerate(tasks):
        by_host[host_key(task.source.url)].append(i)
    ordered = sorted(by_host.items(), key=lambda item: (-len(item[1]), item[0]))
    return [HostGroup(host, tuple(feeds)) for host, feeds in ordered]


def _history(con: duckdb.DuckDBPyConnection, due: list[Source]) -> tuple[
        dict[str, list[str]], dict[str, list[tuple[str, str]]], dict[str, list[str]]]:
    """What the database knows of the due feeds: three queries for the whole plan, not
    three per feed (500 feeds took 1.8 s one by one)."""
    known: dict[str, list[str]] = defaultdict(list)
    retry: dict[str, list[tuple[str, str]]] = defaultdict(list)
    learned: dict[str, list[str]] = defaultdict(list)
    if not due:
        return known, retry, learned
    con.register("planned_feeds", pa.table({"feed_url": sorted({s.url for s in due})}))
    con.register("planned_sources", pa.table({"source": sorted({s.name for s in due})}))
    try:
        for feed_url, key in con.execute(sql("queries/run/planned_known_keys"),
                                         {"limit": KNOWN_KEYS_PER_FEED}).fetchall():
            known[str(feed_url)].append(str(key))
        for feed_url, url, key in con.execute(sql("queries/run/planned_retry_urls"),
                                              {"max_tries": MAX_PAGE_TRIES}).fetchall():
            retry[str(feed_url)].append((str(url), str(key)))
        for source, para_hash in con.execute(sql("queries/run/planned_learned_hashes"),
                                             {"min_articles": MIN_ARTICLES}).fetchall():
            learned[str(source)].append(str(para_hash))
    finally:
        con.unregister("planned_feeds")
        con.unregister("planned_sources")
    return known, retry, learned


def _text(state: tuple[object, ...] | None, column: int) -> str | None:
    return str(state[column]) if state and state[column] else None
