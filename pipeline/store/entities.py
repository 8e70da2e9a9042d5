"""Writing entity counts: at load time from the staged rows (as their extraction workers
counted them), or all again after the lexicon (``config/entities.yaml``) changed. The
counting itself is ``enrich.entities``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.enrich.entities import Mention, count_mentions
from pipeline.store.db import sql

ENTITY_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("entity", pa.string()), ("kind", pa.string()),
    ("mentions", pa.int32()), ("in_title", pa.bool_()),
])
# Stored articles read per batch while recounting (keeps memory flat on a large table).
_BATCH = 2000


def insert_staged(con: duckdb.DuckDBPyConnection, articles: pa.Table) -> int:
    """Insert the entity counts of staged articles; call inside the load transaction.

    Args:
        con: the writer connection, after the articles were inserted.
        articles: the staged articles (``article_id``, ``title``, ``text``).

    Returns:
        Rows offered for insertion (rows of articles not stored are skipped by the SQL).
    """
    rows = entity_rows(articles)
    con.register("staged_entities", rows)
    try:
        con.execute(sql("queries/analyst/insert_entities"))
    finally:
        con.unregister("staged_entities")
    return int(rows.num_rows)


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Recount every stored article with the current lexicon, in one transaction.

    Args:
        con: a writer connection (migrated).

    Returns:
        The number of ``article_entities`` rows written.
    """
    # Read through a cursor so the texts stream in batches instead of sitting in memory.
    with con.cursor() as reading:
        reader = reading.sql(sql("queries/analyst/article_texts")).to_arrow_reader(_BATCH)
        parts = [entity_rows(pa.Table.from_batches([batch])) for batch in reader]
    rows = pa.concat_tables(parts) if parts else ENTITY_SCHEMA.empty_table()
    con.execute("begin transaction")
    try:
        con.execute(sql("queries/analyst/delete_entities"))
        con.register("staged_entities", rows)
        con.execute(sql("queries/analyst/insert_entities"))
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.unregister("staged_entities")
    return int(rows.num_rows)


def entity_rows(articles: pa.Table | Iterable[dict[str, Any]]) -> pa.Table:
    """``article_entities`` rows for articles with ``article_id``, ``title`` and ``text``;
    a row that carries ``mentions`` (counted by its extraction worker: ``records.Article``)
    gives those instead of being counted again."""
    if isinstance(articles, pa.Table):
        names = ["article_id", "title", "text"]
        rows: Iterable[dict[str, Any]] = articles.select(
            [*names, "mentions"] if "mentions" in articles.column_names else names).to_pylist()
    else:
        rows = articles
    return pa.Table.from_pylist(list(_rows(rows)), schema=ENTITY_SCHEMA)


def _rows(articles: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for art in articles:
        staged = art.get("mentions")
        found = [Mention(m["entity"], m["kind"], m["mentions"], m["in_title"]) for m in staged] \
            if staged is not None else count_mentions(art["title"], art["text"])
        for m in found:
            yield {"article_id": art["article_id"], "entity": m.entity, "kind": m.kind,
                   "mentions": m.mentions, "in_title": m.in_title}
