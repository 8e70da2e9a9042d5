"""Decide which staged articles are new and which repeat one we already have.

Layers, cheapest first: URL key (canonical URL, tracking parameters and host variants
folded), then the hash of the normalised text. Each is checked within the batch and
against everything already stored, by join, never by scanning history in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from pipeline.db import sql
from pipeline.urls import url_key


@dataclass(frozen=True)
class Duplicate:
    """A staged article that repeats another; ``duplicate_of`` is the kept article's id."""

    row: int
    duplicate_of: str
    method: str
    similarity: float


def order_for_keeping(table: pa.Table) -> list[int]:
    """Row order in which copies are considered: the first of a group is kept.

    Earliest published first (undated last), then the longest text, then URL for a
    stable tie-break.
    """
    rows = table.select(["published_at", "word_count", "url"]).to_pylist()
    return sorted(range(len(rows)), key=lambda i: (
        rows[i]["published_at"] is None,
        rows[i]["published_at"] or 0,
        -(rows[i]["word_count"] or 0),
        rows[i]["url"],
    ))


def find_duplicates(table: pa.Table, con: duckdb.DuckDBPyConnection) -> list[Duplicate]:
    """Duplicates among the staged articles, against the batch and the database.

    Args:
        table: staged articles (``stage.ARTICLE_SCHEMA``).
        con: database connection, only read.

    Returns:
        One ``Duplicate`` per row that must not be loaded as a new article.
    """
    keys = [url_key(u) for u in table.column("canonical_url").to_pylist()]
    hashes = table.column("content_hash").to_pylist()
    ids = table.column("article_id").to_pylist()
    stored_keys = _stored(con, "existing_by_url_key", "batch_keys", "url_key", keys)
    stored_hashes = _stored(con, "existing_by_hash", "batch_hashes", "content_hash", hashes)
    seen_keys: dict[str, str] = {}
    seen_hashes: dict[str, str] = {}
    found: list[Duplicate] = []
    for row in order_for_keeping(table):
        key, digest = keys[row], hashes[row]
        match = _first_match(
            (stored_keys.get(key) or seen_keys.get(key), "url"),
            (stored_hashes.get(digest) or seen_hashes.get(digest), "hash"),
        )
        if match is not None:
            found.append(Duplicate(row, match[0], match[1], 1.0))
            continue
        seen_keys[key] = ids[row]
        seen_hashes[digest] = ids[row]
    return found


def _first_match(*candidates: tuple[str | None, str]) -> tuple[str, str] | None:
    for kept, method in candidates:
        if kept is not None:
            return kept, method
    return None


def _stored(con: duckdb.DuckDBPyConnection, query: str, view: str, column: str,
            values: list[str]) -> dict[str, str]:
    if not values:
        return {}
    con.register(view, pa.table({column: sorted(set(values))}))
    try:
        return {str(k): str(v) for k, v in con.execute(sql(f"queries/{query}")).fetchall()}
    finally:
        con.unregister(view)
