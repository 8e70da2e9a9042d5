"""Per-host politeness between DuckDB and a run's ``hosts/`` folder: ``plan`` seeds the
folder with what the database knows, the loader merges what the run observed back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.fetch.hostboard import HostBoard, HostState, RobotsRecord
from pipeline.fetch.hosts import host_key
from pipeline.fetch.robots import unreachable
from pipeline.store.db import sql

# A stored robots.txt answer is reused this long (RFC 9309 2.4: no more than 24 hours).
ROBOTS_FRESH = timedelta(hours=24)
_TS = pa.timestamp("us", tz="UTC")
HOST_STATE_SCHEMA = pa.schema([
    ("host", pa.string()), ("latency_s", pa.float64()), ("hold_until", _TS),
    ("crawl_delay_s", pa.float64()), ("requests", pa.int64()), ("errors", pa.int64()),
])
HOST_ROBOTS_SCHEMA = pa.schema([
    ("robots_url", pa.string()), ("host", pa.string()), ("fetched_at", _TS),
    ("http_status", pa.int32()), ("failure", pa.string()), ("body", pa.string()),
])


def seed_hosts(con: duckdb.DuckDBPyConnection, folder: Path, hosts: list[str],
               now: datetime) -> None:
    """Copy what DuckDB knows of the run's hosts (and of any host still holding a
    Retry-After) into the run folder's ``hosts/``, where the tasks read and update it."""
    con.register("planned_hosts", pa.table({"host": pa.array(sorted(hosts), pa.string())}))
    try:
        states = [HostState(host=str(host), latency_s=latency,
                            hold_until=hold.timestamp() if hold else 0.0,
                            crawl_delay_s=crawl or 0.0)
                  for host, latency, hold, crawl in con.execute(
                      sql("queries/hosts/planned_host_state"), {"now": now}).fetchall()]
        robots = [RobotsRecord(str(url), fetched.timestamp(), status, failure, body)
                  for url, fetched, status, failure, body in con.execute(
                      sql("queries/hosts/planned_host_robots"),
                      {"fresh_after": now - ROBOTS_FRESH, "now": now}).fetchall()]
    finally:
        con.unregister("planned_hosts")
    HostBoard(folder / "hosts").seed(states, robots)


def merge_hosts(con: duckdb.DuckDBPyConnection, folder: Path, run_id: str) -> int:
    """Upsert the run's host state and the robots.txt answers that allow a reading (an
    unreachable one stops the host for the run that met it, not for the next day), inside
    the load's transaction; returns the number of hosts merged."""
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
    } for r in board.robots_records() if not unreachable(r.reason, r.status)],
        schema=HOST_ROBOTS_SCHEMA)
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
