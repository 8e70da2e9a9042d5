"""Writing new articles: every row keyed by an article, for articles not stored yet."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from pipeline.store.db import sql
from pipeline.store.entities import insert_staged as insert_entities


def store_new(con: duckdb.DuckDBPyConnection, articles: pa.Table, signatures: pa.Table,
              run_id: str) -> pa.Table:
    """Insert the staged articles not stored yet, with their entity counts, removals,
    MinHash signatures, LSH keys and openings; call inside the writer's transaction.

    The history tables carry no key indexes (``sql/ddl/007``): an article already stored
    under the same id or canonical URL is left out here, by anti-join.

    Args:
        con: the writer connection.
        articles: staged rows (``runfolder.DECIDED_ARTICLE_SCHEMA``).
        signatures: their signatures (``runfolder.SIGNATURE_SCHEMA``).
        run_id: recorded with each article.

    Returns:
        The articles inserted.
    """
    con.register("staged_articles", articles)
    try:
        new: set[tuple[str, ...]] = {
            (a, u) for a, u in con.execute(sql("queries/store/new_article_ids")).fetchall()}
    finally:
        con.unregister("staged_articles")
    fresh = _first_rows(articles, ("article_id", "canonical_url"), new)
    kept = _first_rows(signatures, ("article_id",),
                       {(a,) for a in fresh["article_id"].to_pylist()})
    con.register("staged_articles", fresh)
    con.register("staged_signatures", kept)
    try:
        con.execute(sql("queries/store/insert_articles"), {"run_id": run_id})
        insert_entities(con, fresh)
        con.execute(sql("queries/store/insert_removals"))
        con.execute(sql("queries/store/insert_signatures"))
        con.execute(sql("queries/store/insert_lsh"))
        con.execute(sql("queries/store/insert_openings"))
    finally:
        con.unregister("staged_articles")
        con.unregister("staged_signatures")
    return fresh


def _first_rows(table: pa.Table, columns: tuple[str, ...], wanted: set[tuple[str, ...]],
                ) -> pa.Table:
    """The wanted rows (by their values in ``columns``), in table order, leaving out a row
    that repeats the value of any of those columns in a row kept before it."""
    rows: list[int] = []
    seen: list[set[str]] = [set() for _ in columns]
    keys = zip(*(table[c].to_pylist() for c in columns), strict=True)
    for i, key in enumerate(keys):
        if key in wanted and not any(v in s for v, s in zip(key, seen, strict=True)):
            rows.append(i)
            for value, kept in zip(key, seen, strict=True):
                kept.add(value)
    return table.take(pa.array(rows, pa.int64()))
