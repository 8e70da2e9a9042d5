"""Runs that overlap: a verdict is recorded once, by the run that committed it first.

Two runs planned before either loaded (a cron run overlapping a manual one, a DAG run
overlapping a CLI run) fetch and decide the same pages. The articles table was always
safe (the loader anti-joins stored ids); this keeps ``url_outcomes``, ``article_duplicates``
and ``quarantine`` right too. Inside the loader's transaction, a staged verdict another
run already recorded for the same feed and URL is re-labelled ``already_known`` (reason
``seen_in_overlapping_run``) - what the later run would have recorded had it planned after
the earlier one loaded - and its duplicate and quarantine rows are dropped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.records import OutcomeKind
from pipeline.store.db import sql

OVERLAP_REASON = "seen_in_overlapping_run"
# The overlap query only reads outcomes recorded since the run was planned; the margin
# covers a plan that read the database a little before its plan.json was written.
PLAN_MARGIN = timedelta(hours=1)


def recorded_elsewhere(con: duckdb.DuckDBPyConnection, run_id: str, planned_at: datetime,
                       outcomes: pa.Table) -> dict[tuple[str, str], tuple[str, str | None]]:
    """``(feed_url, url) -> (run_id, article_id)`` of staged verdicts another run recorded.

    Args:
        con: the writer connection, inside the load transaction.
        run_id: the run being loaded.
        planned_at: when it was planned.
        outcomes: its staged outcomes (``OUTCOME_SCHEMA``).
    """
    con.register("staged_outcomes", outcomes)
    try:
        rows = con.execute(sql("queries/store/recorded_by_other_runs"), {
            "run_id": run_id, "since": planned_at - PLAN_MARGIN}).fetchall()
    finally:
        con.unregister("staged_outcomes")
    return {(str(f), str(u)): (str(r), None if a is None else str(a)) for f, u, r, a in rows}


def relabel(outcomes: list[dict[str, Any]],
            seen: dict[tuple[str, str], tuple[str, str | None]]) -> list[dict[str, Any]]:
    """The outcomes with every verdict in ``seen`` turned into ``already_known``."""
    out = []
    for row in outcomes:
        hit = seen.get((row["feed_url"], row["url"]))
        if hit is not None:
            row = {**row, "outcome": OutcomeKind.ALREADY_KNOWN.value, "reason": OVERLAP_REASON,
                   "detail": f"recorded by run {hit[0]}", "article_id": hit[1]}
        out.append(row)
    return out


def without(table: pa.Table, seen: dict[tuple[str, str], Any]) -> pa.Table:
    """Rows of ``table`` (with ``feed_url`` and ``url``) whose pair is not in ``seen``."""
    if not seen or table.num_rows == 0:
        return table
    pairs = zip(table.column("feed_url").to_pylist(), table.column("url").to_pylist(),
                strict=True)
    return table.filter(pa.array([p not in seen for p in pairs], pa.bool_()))
