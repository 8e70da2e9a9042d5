"""Between staging and loading: settle every staged URL's fate for this run.

Reads what the per-feed workers staged, runs dedupe against the batch and the database,
and writes ``decided/`` files that the loader inserts as they are. Running it twice on the
same run folder gives the same files (the database is only read).
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.dedupe import Duplicate, find_duplicates
from pipeline.records import Outcome, OutcomeKind
from pipeline.stage import read_feed_outputs, read_json, write_json, write_table
from pipeline.urls import url_key

DUPLICATE_SCHEMA = pa.schema([
    ("url", pa.string()), ("duplicate_of", pa.string()), ("method", pa.string()),
    ("similarity", pa.float64()), ("first_seen", pa.timestamp("us", tz="UTC")),
    ("run_id", pa.string()), ("source", pa.string()), ("feed_url", pa.string()),
])


def decide(folder: Path, con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Settle the staged batch of a run folder.

    Args:
        folder: the run folder with staged feeds.
        con: database connection, only read.

    Returns:
        Counts of URLs per outcome.
    """
    run_id = read_json(folder / "plan.json")["run_id"]
    results, outcomes, table = read_feed_outputs(folder)
    dups = find_duplicates(table, con)
    dup_rows = {d.row for d in dups}
    keep = pa.array([i not in dup_rows for i in range(table.num_rows)], pa.bool_())
    kept = table.filter(keep)
    kept = kept.append_column("url_key", pa.array(
        [url_key(u) for u in kept.column("canonical_url").to_pylist()], pa.string()))
    now = datetime.now(UTC)
    dup_table = _duplicates_table(table, dups, run_id, now)
    final = _final_outcomes(outcomes, table, dups)
    out = folder / "decided"
    write_table(out / "articles.parquet", kept)
    write_table(out / "duplicates.parquet", dup_table)
    write_json(out / "outcomes.json", [asdict(o) for o in final])
    write_json(out / "feeds.json", [asdict(r) for r in results])
    return _count(final)


def _duplicates_table(table: pa.Table, dups: list[Duplicate], run_id: str,
                      now: datetime) -> pa.Table:
    rows = table.select(["url", "source", "feed_url"]).to_pylist()
    return pa.Table.from_pylist([
        {"url": rows[d.row]["url"], "duplicate_of": d.duplicate_of, "method": d.method,
         "similarity": d.similarity, "first_seen": now, "run_id": run_id,
         "source": rows[d.row]["source"], "feed_url": rows[d.row]["feed_url"]}
        for d in dups
    ], schema=DUPLICATE_SCHEMA)


def _final_outcomes(outcomes: list[Outcome], table: pa.Table,
                    dups: list[Duplicate]) -> list[Outcome]:
    """Re-label the staged outcomes of articles that turned out to be duplicates."""
    rows = table.select(["feed_url", "entry_key"]).to_pylist()
    by_entry = {(rows[d.row]["feed_url"], rows[d.row]["entry_key"]): d for d in dups}
    final = []
    for out in outcomes:
        d = by_entry.get((out.feed_url, out.entry_key))
        if out.outcome is OutcomeKind.LOADED and d is not None:
            out = replace(out, outcome=OutcomeKind.DUPLICATE, reason=d.method,
                          article_id=d.duplicate_of)
        final.append(out)
    return final


def _count(outcomes: list[Outcome]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for out in outcomes:
        counts[out.outcome.value] = counts.get(out.outcome.value, 0) + 1
    return counts
