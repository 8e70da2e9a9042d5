"""Merge the per-host politeness a run observed (its ``hosts/`` folder) into DuckDB."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.fetch.hostboard import HostBoard
from pipeline.fetch.hosts import host_key
from pipeline.store.db import sql

_TS = pa.timestamp("us", tz="UTC")
HOST_STATE_SCHEMA = pa.schema([
    ("host", pa.string()), ("latency_s", pa.float64()), ("hold_until", _TS),
    ("crawl_delay_s", pa.float64()), ("requests", pa.int64()), ("errors", pa.int64()),
])
HOST_ROBOTS_SCHEMA = pa.schema([
    ("robots_url", pa.string()), ("host", pa.string()), ("fetched_at", _TS),
    ("http_status", pa.int32()), ("failure", pa.string()), ("body", pa.string()),
])


def merge_hosts(con: duckdb.DuckDBPyConnection, folder: Path, run_id: str) -> int:
    """Upsert the run's host state and robots.txt answers (inside the load's
    transaction); returns the number of hosts merged."""
    root = folder / "hosts"
    if not root.is_dir():
        return 0
    board = HostBoard(root)
    states = pa.Table.from_pylist([{
        "host": s.host, "latency_s": s.latency_s, "hold_until": _when(s.hold_until),
        "crawl_delay_s": s.crawl_delay_s or None, "requests": s.requests, "errors": s.errors,
    } for s in board.states()], schema=HOST_STATE_SCHEMA)
    robots = pa.Table.from_pylist([{
        "robots_url": r.url, "host": host_key(r.url), "fetched_at": _when(r.fetched_at),
        "http_status": r.status, "failure": r.reason, "body": r.body,
    } for r in board.robots_records()], schema=HOST_ROBOTS_SCHEMA)
    con.register("staged_host_state", states)
    con.register("staged_host_robots", robots)
    try:
        con.execute(sql("queries/hosts/merge_host_state"),
                    {"now": datetime.now(UTC), "run_id": run_id})
        con.execute(sql("queries/hosts/merge_host_robots"))
    finally:
        con.unregister("staged_host_state")
        con.unregister("staged_host_robots")
    return len(states)


def _when(epoch: float) -> datetime | None:
    return datetime.fromtimestamp(epoch, UTC) if epoch else None
