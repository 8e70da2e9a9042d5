"""The single writer: merge a run's decided batch into DuckDB in one transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.explain import summary_notes
from pipeline.fetch.schedule import next_feed_state
from pipeline.records import FeedResult, FeedStatus
from pipeline.runfolder import (
    DECIDED_ARTICLE_SCHEMA,
    DUPLICATE_SCHEMA,
    FEED_SCHEMA,
    FEED_STATE_SCHEMA,
    OUTCOME_SCHEMA,
    PLAN,
    SIGNATURE_SCHEMA,
    SUMMARY,
    decided_files,
    feed_result_from_json,
    outcome_counts,
    plan_run_id,
    read_json,
    write_json,
)
from pipeline.store.db import sql
from pipeline.store.hosts import merge_hosts
from pipeline.store.lifecycle import record_lifecycle
from pipeline.store.new_rows import store_new
from pipeline.store.overlap import recorded_elsewhere, relabel, without
from pipeline.store.stories import assign_staged as assign_stories
from pipeline.stories.match import Params


def load(folder: Path, con: duckdb.DuckDBPyConnection, *, trigger: str = "cli",
         started_at: datetime | None = None, stories: Params | None = None,
         ) -> dict[str, Any]:
    """Insert a decided run folder into the database; a second call is a no-op.

    Args:
        folder: run folder with ``decided/`` written by ``decide``.
        con: the writer connection.
        trigger: ``cli`` or ``airflow``, recorded with the run.
        started_at: when the run began (defaults to the plan file's time).
        stories: the story matcher's parameters (``params_from`` the run's settings;
            default: the environment's).

    Returns:
        The run summary (also written to ``summary.json``).
    """
    plan = read_json(folder / PLAN)
    run_id = plan["run_id"]
    loaded = run_loaded(con, run_id)
    if loaded and (folder / SUMMARY).exists():
        summary: dict[str, Any] = read_json(folder / SUMMARY)
        return summary
    decided = decided_files(folder)
    outcomes = read_json(decided.outcomes)
    feeds = [feed_result_from_json(r) for r in read_json(decided.feeds)]
    if loaded:
        # A loader died after its commit but before writing the summary: the database
        # has the batch, so the summary is rebuilt from decided/ and the stored counts
        # (an overlapping run may have relabelled some outcomes as they were recorded).
        found = con.execute(sql("queries/store/run_status"), {"run_id": run_id}).fetchall()
        counts = json.loads(found[0][1] or "{}") or outcome_counts(outcomes)
    else:
        started = started_at or datetime.fromtimestamp(
            (folder / PLAN).stat().st_mtime, UTC)
        outcomes = _load_in_one_transaction(con, folder, run_id, outcomes, feeds,
                                            started, trigger, stories)
        counts = outcome_counts(outcomes)
    summary = _summary(run_id, feeds, counts, outcomes, plan.get("skipped_not_due") or [])
    summary.update(_lifecycle_summary(feeds, plan.get("skipped_retired") or []))
    summary.update(summary_notes(plan, feeds, counts))
    write_json(folder / SUMMARY, summary)
    return summary


def run_loaded(con: duckdb.DuckDBPyConnection, run_id: str) -> bool:
    """Whether the database holds this run's batch: its ``runs`` row, written in the
    loader's transaction, is the one answer (``summary.json`` comes after the commit and
    may be missing when a loader died between the two)."""
    found = con.execute(sql("queries/store/run_status"), {"run_id": run_id}).fetchall()
    return bool(found) and found[0][0] == "loaded"


def _load_in_one_transaction(con: duckdb.DuckDBPyConnection, folder: Path, run_id: str,
                             outcomes: list[dict[str, Any]], feeds: list[FeedResult],
                             started: datetime, trigger: str, stories: Params | None,
                             ) -> list[dict[str, Any]]:
    """Insert the batch and the run row; returns the outcomes as recorded."""
    con.execute("begin transaction")
    try:
        outcomes = _insert_batch(con, folder, run_id, outcomes, feeds, started, stories)
        con.execute(sql("queries/store/insert_run"),
                    _run_row(run_id, started, trigger, feeds, outcome_counts(outcomes)))
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("checkpoint")
    return outcomes


def mark_checked(folder: Path, summary: dict[str, Any], failed: list[dict[str, Any]],
                 ) -> dict[str, Any]:
    """Record in the run's summary that the post-load checks ran, and what failed."""
    summary = {**summary, "checked": True, "dq_failed": [
        f"{f['suite']}: {f['expectation']}" for f in failed]}
    write_json(folder / SUMMARY, summary)
    return summary


def _insert_batch(con: duckdb.DuckDBPyConnection, folder: Path, run_id: str,
                  outcomes: list[dict[str, Any]], feeds: list[FeedResult], started: datetime,
                  stories: Params | None) -> list[dict[str, Any]]:
    params = {"run_id": run_id}
    staged_outcomes = pa.Table.from_pylist(outcomes, schema=OUTCOME_SCHEMA)
    seen = recorded_elsewhere(con, run_id, started, staged_outcomes)
    if seen:
        outcomes = relabel(outcomes, seen)
        staged_outcomes = pa.Table.from_pylist(outcomes, schema=OUTCOME_SCHEMA)
    decided = decided_files(folder)
    staged = {
        "staged_articles": pq.read_table(decided.articles, schema=DECIDED_ARTICLE_SCHEMA),
        "staged_duplicates": without(pq.read_table(decided.duplicates,
                                                   schema=DUPLICATE_SCHEMA), seen),
        "staged_signatures": pq.read_table(decided.signatures, schema=SIGNATURE_SCHEMA),
        "staged_outcomes": staged_outcomes,
        "staged_feeds": pa.Table.from_pylist(
            [_feed_row(f) for f in feeds], schema=FEED_SCHEMA),
    }
    fresh = store_new(con, staged.pop("staged_articles"), staged.pop("staged_signatures"),
                      run_id)
    staged["staged_articles"] = fresh  # paragraphs of the stored ones teach boilerplate
    assign_stories(con, fresh, run_id, stories)  # each new article joins or opens a story
    for name, table in staged.items():
        con.register(name, table)
    try:
        con.execute(sql("queries/store/learn_boilerplate"))
        con.execute(sql("queries/store/insert_duplicates"))
        con.execute(sql("queries/store/delete_run_outcomes"), params)
        con.execute(sql("queries/store/insert_outcomes"), params)
        con.execute(sql("queries/store/insert_feed_events"), params)
        con.register("staged_feed_state", _feed_states(con, feeds))
        record_lifecycle(con, feeds, run_id)  # retired and moved feeds (issue 22)
        con.execute(sql("queries/store/upsert_feed_state"), params)
        merge_hosts(con, folder, run_id)
        _insert_quality(con, folder, {url for _, url in seen})
    finally:
        for name in [*staged, "staged_feed_state"]:
            con.unregister(name)
    return outcomes


def _insert_quality(con: duckdb.DuckDBPyConnection, folder: Path, skip_urls: set[str],
                    ) -> None:
    for row in read_json(decided_files(folder).quarantine):
        if row["url"] in skip_urls:  # an overlapping run quarantined it already
            continue
        con.execute(sql("queries/store/insert_quarantine"), {
            **{k: row[k] for k in ("run_id", "article_id", "url", "source", "title")},
            "failed": json.dumps(row["failed"]), "record": json.dumps(row["record"])})
    insert_dq_results(con, plan_run_id(folder), read_json(decided_files(folder).dq_results))


def insert_dq_results(con: duckdb.DuckDBPyConnection, run_id: str,
                      results: list[dict[str, Any]]) -> None:
    """Store expectation results (one row each) for trend queries."""
    for res in results:
        con.execute(sql("queries/store/insert_dq_result"), {
            "run_id": run_id, "suite": res["suite"], "expectation": res["expectation"],
            "success": res["success"], "observed_value": res["observed_value"],
            "unexpected_count": res["unexpected_count"],
            "element_count": res["element_count"], "threshold": res.get("threshold")})


def _feed_states(con: duckdb.DuckDBPyConnection, feeds: list[FeedResult]) -> pa.Table:
    cur = con.execute(sql("queries/store/feed_state_for"))
    columns = [d[0] for d in cur.description]
    prior = {row[0]: dict(zip(columns, row, strict=True)) for row in cur.fetchall()}
    rows = [next_feed_state(f, prior.get(f.feed_url)) for f in feeds]
    return pa.Table.from_pylist(rows, schema=FEED_STATE_SCHEMA)


def _feed_row(f: FeedResult) -> dict[str, Any]:
    return {"source": f.source, "feed_url": f.feed_url, "status": f.status.value,
            "http_status": f.http_status, "error": f.error, "entries": f.entries,
            "new_entries": f.new_entries, "fetched_at": f.fetched_at}


def _lifecycle_summary(feeds: list[FeedResult], retired_before: list[str]) -> dict[str, Any]:
    """Feeds this run retired or found moved, and retired feeds it left alone."""
    return {
        "retired": [{"source": f.source, "feed_url": f.feed_url, "reason": f.retire}
                    for f in feeds if f.retire],
        "moved": [{"source": f.source, "from": f.feed_url, "to": f.moved_to}
                  for f in feeds if f.moved_to],
        "skipped_retired": sorted(retired_before),
    }


def _run_row(run_id: str, started: datetime, trigger: str, feeds: list[FeedResult],
             counts: dict[str, int]) -> dict[str, Any]:
    by_status = [f.status for f in feeds]
    return {
        "run_id": run_id, "started_at": started, "status": "loaded", "trigger": trigger,
        "feeds_total": len(feeds), "feeds_ok": by_status.count(FeedStatus.OK),
        "feeds_not_modified": by_status.count(FeedStatus.NOT_MODIFIED),
        "feeds_failed": by_status.count(FeedStatus.FAILED),
        "counts": json.dumps(counts), "error": None,
    }


def _summary(run_id: str, feeds: list[FeedResult], counts: dict[str, int],
             outcomes: list[dict[str, Any]], skipped: list[str]) -> dict[str, Any]:
    failures = [
        {"url": o["url"], "source": o["source"], "outcome": o["outcome"],
         "reason": o["reason"], "detail": o["detail"]}
        for o in outcomes if o["outcome"] in ("fetch_failed", "extract_failed")
    ]
    by_method: dict[str, int] = {}
    for o in outcomes:
        if o["outcome"] == "duplicate":
            by_method[o["reason"]] = by_method.get(o["reason"], 0) + 1
    return {
        "run_id": run_id,
        "counts": counts,
        "duplicates_by_method": dict(sorted(by_method.items())),
        "feeds": [{"source": f.source, "feed_url": f.feed_url, "status": f.status.value,
                   "http_status": f.http_status, "entries": f.entries,
                   "new_entries": f.new_entries, "error": f.error} for f in feeds],
        "page_failures": failures,
        # Feeds the planner left alone because their next_fetch_at lies ahead.
        "skipped_not_due": sorted(skipped),
    }
