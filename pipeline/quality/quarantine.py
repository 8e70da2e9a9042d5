"""Inspect and re-admit quarantined articles (``rcwire quarantine list|show|release``)."""

from __future__ import annotations

import getpass
import json
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.dedupe.layers import Thresholds, find_duplicates
from pipeline.dedupe.opening import opening
from pipeline.errors import RunError
from pipeline.quality.validate import validate_rows
from pipeline.runfolder import ARTICLE_SCHEMA, SIGNATURE_SCHEMA
from pipeline.settings import Settings
from pipeline.store.db import sql
from pipeline.store.new_rows import store_new
from pipeline.urls import url_key

_TS_FIELDS = ("published_at", "fetched_at")


def list_quarantined(con: duckdb.DuckDBPyConnection, run_id: str | None = None,
                     include_released: bool = False, limit: int = 100) -> list[dict[str, Any]]:
    """Quarantined articles, newest first."""
    cur = con.execute(sql("queries/quality/quarantine_list"), {
        "run_id": run_id, "all": include_released, "limit": limit})
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def resolve_id(con: duckdb.DuckDBPyConnection, prefix: str) -> str:
    """The one quarantined article id starting with ``prefix``.

    Raises:
        RunError: no id, or several, start with it (the message lists them).
    """
    prefix = prefix.strip().lower()
    found = [str(r[0]) for r in con.execute(sql("queries/quality/quarantine_ids"),
                                            {"prefix": prefix}).fetchall()] if prefix else []
    if not found:
        raise RunError(f"no quarantined article {prefix!r} (see `rcwire quarantine list`)")
    if len(found) > 1:
        shown = ", ".join(found[:5]) + (" ..." if len(found) > 5 else "")
        raise RunError(f"{prefix!r} matches several quarantined articles ({shown}); "
                       "type more of the id")
    return found[0]


def get_quarantined(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    """One quarantined article with its full record (``article_id`` may be a prefix)."""
    article_id = resolve_id(con, article_id)
    cur = con.execute(sql("queries/quality/quarantine_get"), {"article_id": article_id})
    found = cur.fetchall()
    row = found[0] if found else None
    if row is None:
        raise RunError(f"no quarantined article {article_id!r} (see `rcwire quarantine list`)")
    item = dict(zip([d[0] for d in cur.description], row, strict=True))
    item["failed"] = json.loads(item["failed"])
    item["record"] = json.loads(item["record"])
    return item


def release(con: duckdb.DuckDBPyConnection, article_id: str, settings: Settings,
            *, force: bool = False) -> dict[str, Any]:
    """Re-admit a quarantined article into ``articles``.

    Args:
        con: the writer connection.
        article_id: the article to release.
        settings: current validation thresholds.
        force: load even if the record still fails validation.

    Returns:
        The released item (with ``still_failing``, empty unless forced).

    Raises:
        RunError: unknown or already released article, still failing without ``force``,
            or a copy of an article stored since.
    """
    item = get_quarantined(con, article_id)
    article_id = item["article_id"]
    if item["released_at"] is not None:
        raise RunError(f"article {article_id} was already released at {item['released_at']}")
    table = _record_table(item["record"])
    failed, _ = validate_rows(table, settings)
    still = sorted(set(failed.get(0, [])))
    if still and not force:
        raise RunError(f"article {article_id} still fails {', '.join(still)}; fix the rule "
                       "or the settings first, or use --force")
    dups, sigs = find_duplicates(table, con, Thresholds(settings.near_jaccard,
                                                        settings.near_containment))
    if dups:
        raise RunError(f"article {article_id} is now a {dups[0].method} duplicate of "
                       f"{dups[0].duplicate_of}; nothing to release")
    _insert(con, item, table, sigs[0])
    return {**item, "still_failing": still}


def _insert(con: duckdb.DuckDBPyConnection, item: dict[str, Any], table: pa.Table,
            sig: Any) -> None:
    staged = table.append_column("url_key", pa.array(
        [url_key(item["record"]["canonical_url"])], pa.string()))
    start = opening(item["record"]["text"])
    sigs = pa.Table.from_pylist([{
        "article_id": item["article_id"], "minhash": sig.to_bytes(), "shingles": sig.shingles,
        "band_keys": sig.band_keys(), "opening_tokens": start.tokens,
        "ladder": list(start.ladder)}], schema=SIGNATURE_SCHEMA)
    con.execute("begin transaction")
    try:
        if store_new(con, staged, sigs, item["run_id"]).num_rows == 0:
            raise RunError(f"article {item['article_id']} is stored already; nothing to release")
        con.execute(sql("queries/quality/quarantine_release"), {
            "run_id": item["run_id"], "article_id": item["article_id"],
            "released_by": _who()})
        con.execute(sql("queries/quality/outcome_released"), {
            "run_id": item["run_id"], "url": item["url"], "article_id": item["article_id"],
            "detail": "released from quarantine"})
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def _record_table(record: dict[str, Any]) -> pa.Table:
    row = dict(record)
    for key in _TS_FIELDS:
        if row.get(key):
            row[key] = datetime.fromisoformat(row[key])
    return pa.Table.from_pylist([row], schema=ARTICLE_SCHEMA)


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
