"""The run folder: staged batches written by per-feed workers, read by the single loader.

Layout of ``<data_dir>/runs/<run_id>/``::

    plan.json                   feeds to fetch, what the database knew about them, and the
                                feeds grouped by host (one worker / Airflow task per group)
    hosts/                      per-host politeness shared by the run's tasks
                                (``pipeline.fetch.hostboard``)
    feeds/<source>.json         one feed's result and the outcome of every URL it listed
    feeds/<source>.parquet      the articles that feed produced
    decided/articles.parquet    what the loader will write (after dedupe and validation),
    decided/signatures.parquet  their MinHash signatures,
    decided/duplicates.parquet  the copies found and what they copy,
    decided/outcomes.json       every listed URL's fate, and the feeds, quarantined rows
    decided/feeds.json          and expectation results the loader stores
    decided/quarantine.json
    decided/dq_results.json
    summary.json                the run's counts, written after the load (a report, not
                                the sign of a loaded run: that is the ``runs`` row in DuckDB)

This module is the whole contract: every file name and every Arrow schema of staged data
lives here (workers and ``decide`` write, the loader and quarantine release read). It
sits in the shared core because both ``run`` (which writes) and ``store`` (which loads)
use it. Every file is written to a temporary name and renamed, so a re-run task replaces
its own output whole and a crash never leaves half a file for the loader.

Across machines the folder is either on a shared filesystem (the same path everywhere)
or, with ``RCWIRE_STAGING_URL`` set, published to an object store step by step and
pulled by the next step (``pipeline.remote``: files uploaded whole, then a marker listing
them; readers trust only what markers list). The run functions (``pipeline.run.local``)
are the one place that publishes and pulls; everything here keeps reading and writing
the local folder.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, astuple, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import (
    Article,
    FeedResult,
    FeedStatus,
    FeedTask,
    Outcome,
    OutcomeKind,
    Source,
)

_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_TS = pa.timestamp("us", tz="UTC")

# Names inside a run folder (``folder / PLAN``; ``decided_files`` names those of decided/).
PLAN = "plan.json"
FEEDS = "feeds"
SUMMARY = "summary.json"
DECIDED = "decided"
HOSTS = "hosts"

ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("url", pa.string()), ("canonical_url", pa.string()),
    ("source", pa.string()), ("source_domain", pa.string()), ("feed_url", pa.string()),
    ("entry_key", pa.string()), ("guid", pa.string()), ("title", pa.string()),
    ("author", pa.string()), ("published_at", _TS), ("published_signal", pa.string()),
    ("fetched_at", _TS), ("language", pa.string()), ("description", pa.string()),
    ("text", pa.string()), ("word_count", pa.int32()), ("content_hash", pa.string()),
    ("removed", pa.list_(pa.struct([("kind", pa.string()), ("text", pa.string()),
                                    ("reason", pa.string())]))),
    ("relevance_score", pa.float64()), ("truncated", pa.bool_()),
    ("body_hashes", pa.list_(pa.string())), ("minhash", pa.binary()), ("shingles", pa.int32()),
    ("cleaning_fallback", pa.bool_()),
    ("theme_evidence", pa.string()), ("is_brief", pa.bool_()),
    ("claimed_language", pa.string()), ("date_zone", pa.string()),
    ("date_zone_origin", pa.string()),
    # Made by the extraction workers (``records.Article``); null: decide or load makes it.
    ("opening_tokens", pa.int32()), ("opening_ladder", pa.list_(pa.int64())),
    ("mentions", pa.list_(pa.struct([("entity", pa.string()), ("kind", pa.string()),
                                     ("mentions", pa.int32()), ("in_title", pa.bool_())]))),
])
# decided/articles.parquet: the staged articles to store, with the key of their URL.
DECIDED_ARTICLE_SCHEMA = ARTICLE_SCHEMA.append(pa.field("url_key", pa.string()))
# decided/signatures.parquet: the kept articles' MinHash and LSH band keys.
SIGNATURE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("minhash", pa.binary()), ("shingles", pa.int32()),
    ("band_keys", pa.list_(pa.int64())),
    # The text's opening for the excerpt layer (``layers.Opening``).
    ("opening_tokens", pa.int32()), ("ladder", pa.list_(pa.int64())),
])
# decided/duplicates.parquet: one row per copy found in this run.
DUPLICATE_SCHEMA = pa.schema([
    ("url", pa.string()), ("duplicate_of", pa.string()), ("method", pa.string()),
    ("similarity", pa.float64()), ("first_seen", _TS),
    ("run_id", pa.string()), ("source", pa.string()), ("feed_url", pa.string()),
    ("better_copy", pa.bool_()), ("containment", pa.float64()),
])
# decided/outcomes.json as the table the loader inserts into url_outcomes.
OUTCOME_SCHEMA = pa.schema([
    ("url", pa.string()), ("entry_key", pa.string()), ("source", pa.string()),
    ("feed_url", pa.string()), ("outcome", pa.string()), ("reason", pa.string()),
    ("detail", pa.string()), ("article_id", pa.string()), ("title", pa.string()),
    ("relevance_score", pa.float64()), ("theme_evidence", pa.string()),
])
# decided/feeds.json as the table the loader inserts into feed_events.
FEED_SCHEMA = pa.schema([
    ("source", pa.string()), ("feed_url", pa.string()), ("status", pa.string()),
    ("http_status", pa.int32()), ("error", pa.string()), ("entries", pa.int32()),
    ("new_entries", pa.int32()), ("fetched_at", _TS),
])
# The feed_state rows the loader upserts (each feed's next state from decided/feeds.json).
FEED_STATE_SCHEMA = pa.schema([
    ("feed_url", pa.string()), ("source", pa.string()), ("etag", pa.string()),
    ("last_modified", pa.string()), ("last_status", pa.string()),
    ("last_http_status", pa.int32()), ("last_error", pa.string()),
    ("consecutive_failures", pa.int32()), ("last_fetched_at", _TS),
    ("last_success_at", _TS), ("next_fetch_at", _TS), ("unchanged_polls", pa.int32()),
    ("consecutive_not_found", pa.int32()), ("retired_at", _TS), ("retired_reason", pa.string()),
])


@dataclass(frozen=True)
class DecidedFiles:
    """The files ``decide`` writes and the loader reads (all under ``decided/``)."""

    articles: Path
    signatures: Path
    duplicates: Path
    outcomes: Path
    quarantine: Path
    dq_results: Path
    feeds: Path


def decided_files(folder: Path) -> DecidedFiles:
    """The ``decided/`` files of a run folder."""
    base = folder / DECIDED
    return DecidedFiles(
        articles=base / "articles.parquet", signatures=base / "signatures.parquet",
        duplicates=base / "duplicates.parquet", outcomes=base / "outcomes.json",
        quarantine=base / "quarantine.json", dq_results=base / "dq_results.json",
        feeds=base / "feeds.json")


def decided_names() -> list[str]:
    """The ``decided/`` files relative to the run folder (what ``decide`` publishes)."""
    return [p.as_posix() for p in astuple(decided_files(Path()))]


def outcome_counts(outcomes: Iterable[dict[str, Any]]) -> dict[str, int]:
    """URLs per outcome of ``decided/outcomes.json`` records, by outcome name."""
    counts: dict[str, int] = {}
    for out in outcomes:
        counts[out["outcome"]] = counts.get(out["outcome"], 0) + 1
    return dict(sorted(counts.items()))


def safe_name(text: str) -> str:
    """A file-system-safe form of a run id or source name."""
    return _SAFE.sub("_", text).strip("._") or "_"


def run_dir(runs_dir: Path, run_id: str) -> Path:
    """The folder of one run."""
    return runs_dir / safe_name(run_id)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes so readers see the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def write_json(path: Path, payload: Any) -> None:
    """Atomic JSON write (datetimes as ISO strings)."""
    write_atomic(path, json.dumps(payload, default=_json_default, indent=1,
                                  ensure_ascii=False).encode("utf-8"))


def read_json(path: Path) -> Any:
    """Read a JSON file written by ``write_json``."""
    return json.loads(path.read_text(encoding="utf-8"))


def write_table(path: Path, table: pa.Table) -> None:
    """Atomic Parquet write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)


def articles_table(articles: Iterable[Article]) -> pa.Table:
    """Articles as an Arrow table in ``ARTICLE_SCHEMA``."""
    rows = []
    for art in articles:
        row = asdict(art)
        reasons = list(art.removal_reasons) + [None] * len(art.removed)
        row["removed"] = [{"kind": k, "text": t, "reason": r}
                          for (k, t), r in zip(art.removed, reasons, strict=False)]
        del row["removal_reasons"]
        row["mentions"] = None if art.mentions is None else [
            {"entity": e, "kind": k, "mentions": n, "in_title": t} for e, k, n, t in art.mentions]
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA)


# --- plan -----------------------------------------------------------------------------

def write_plan(folder: Path, run_id: str, tasks: list[FeedTask], skipped: list[str],
               retired: list[str] | None = None,
               groups: list[HostGroup] | None = None,
               why: list[dict[str, Any]] | None = None) -> None:
    """Record the feeds this run will fetch (the retired ones it leaves alone, and in
    ``why`` each skipped one's reason), and their host groups (the unit of work)."""
    write_json(folder / PLAN, {
        "run_id": run_id,
        "feeds": [_task_to_json(t) for t in tasks],
        "skipped_not_due": skipped,
        "skipped_retired": retired or [],
        "groups": [{"host": g.host, "feeds": list(g.feeds)} for g in groups or []],
        "skipped": why or [],
    })


def plan_run_id(folder: Path) -> str:
    """The run id recorded in a run folder's plan."""
    return str(read_json(folder / PLAN)["run_id"])


def read_plan(folder: Path) -> list[FeedTask]:
    """The feed tasks of a run, as the planner wrote them."""
    return [feed_task_from_json(t) for t in read_json(folder / PLAN)["feeds"]]


@dataclass(frozen=True)
class HostGroup:
    """The feeds of one host (indices into the plan's feeds): one worker, one task."""

    host: str
    feeds: tuple[int, ...]


def read_groups(folder: Path) -> list[HostGroup]:
    """The run's host groups, in the order the planner wants them started."""
    return plan_groups(read_json(folder / PLAN))


def plan_groups(raw: dict[str, Any]) -> list[HostGroup]:
    """The host groups of a parsed ``plan.json`` (a task that needs more of the plan
    parses it once: a plan lists thousands of known entry keys per feed)."""
    if "groups" not in raw:  # a plan written before host groups: one group per feed
        return [HostGroup(t["source"]["url"], (i,)) for i, t in enumerate(raw["feeds"])]
    return [HostGroup(g["host"], tuple(g["feeds"])) for g in raw["groups"]]


def _task_to_json(task: FeedTask) -> dict[str, Any]:
    return {
        "source": asdict(task.source), "etag": task.etag, "last_modified": task.last_modified,
        "known_keys": sorted(task.known_keys), "retry_urls": [list(r) for r in task.retry_urls],
        "learned": sorted(task.learned), "not_found_runs": task.not_found_runs,
    }


def feed_task_from_json(raw: dict[str, Any]) -> FeedTask:
    """A ``FeedTask`` back from its entry in ``plan.json``."""
    src = raw["source"]
    return FeedTask(
        source=Source(src["name"], src["url"], tuple(src.get("tags") or ()), src.get("language"),
                      src.get("timezone")),
        etag=raw.get("etag"), last_modified=raw.get("last_modified"),
        known_keys=frozenset(raw.get("known_keys") or ()),
        retry_urls=tuple((u, k) for u, k in raw.get("retry_urls") or ()),
        learned=frozenset(raw.get("learned") or ()),
        not_found_runs=int(raw.get("not_found_runs") or 0),
    )


# --- per-feed output ------------------------------------------------------------------

def feed_paths(folder: Path, source: str) -> tuple[Path, Path]:
    """The JSON and Parquet files one feed's worker writes."""
    meta, table = feed_names(source)
    return folder / meta, folder / table


def feed_names(source: str) -> tuple[str, str]:
    """``feed_paths`` relative to the run folder (what ``pipeline.remote`` publishes)."""
    base = f"{FEEDS}/{safe_name(source)}"
    return f"{base}.json", f"{base}.parquet"


def write_feed_output(folder: Path, result: FeedResult, outcomes: list[Outcome],
                      articles: list[Article]) -> None:
    """Stage one feed's work: articles first, then the JSON that marks it complete."""
    meta_path, table_path = feed_paths(folder, result.source)
    if articles:
        write_table(table_path, articles_table(articles))
    else:
        # Nothing new (the common case for a 304): skip Arrow, whose first table costs ~1 s.
        table_path.unlink(missing_ok=True)
    write_json(meta_path, {"result": asdict(result), "outcomes": [asdict(o) for o in outcomes]})


def read_feed_outputs(folder: Path) -> tuple[list[FeedResult], list[Outcome], pa.Table]:
    """Every staged feed of a run: results, outcomes and all articles in one table."""
    results: list[FeedResult] = []
    outcomes: list[Outcome] = []
    tables = []
    for meta_path in sorted((folder / FEEDS).glob("*.json")):
        raw = read_json(meta_path)
        results.append(feed_result_from_json(raw["result"]))
        outcomes.extend(_outcome_from_json(o) for o in raw["outcomes"])
        table_path = meta_path.with_suffix(".parquet")
        if table_path.exists():
            tables.append(pq.read_table(table_path, schema=ARTICLE_SCHEMA))
    table = pa.concat_tables(tables) if tables else ARTICLE_SCHEMA.empty_table()
    return results, outcomes, table


def feed_result_from_json(raw: dict[str, Any]) -> FeedResult:
    """A ``FeedResult`` back from its JSON form (run-folder files)."""
    return FeedResult(
        source=raw["source"], feed_url=raw["feed_url"], status=FeedStatus(raw["status"]),
        fetched_at=datetime.fromisoformat(raw["fetched_at"]), http_status=raw.get("http_status"),
        etag=raw.get("etag"), last_modified=raw.get("last_modified"), error=raw.get("error"),
        entries=raw.get("entries", 0), new_entries=raw.get("new_entries", 0),
        warnings=tuple(raw.get("warnings") or ()), retry_after=raw.get("retry_after"),
        moved_to=raw.get("moved_to"), retire=raw.get("retire"),
        discovered=tuple(raw.get("discovered") or ()),
    )


def _outcome_from_json(raw: dict[str, Any]) -> Outcome:
    return Outcome(
        url=raw["url"], source=raw["source"], feed_url=raw["feed_url"],
        entry_key=raw["entry_key"], outcome=OutcomeKind(raw["outcome"]),
        reason=raw.get("reason"), detail=raw.get("detail"), article_id=raw.get("article_id"),
    )


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, frozenset | set | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
