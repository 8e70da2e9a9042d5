"""Articles with their entities, written for pandas, polars and notebooks (``rcwire export``).

Parquet and JSON lines hold one row per article with ``entities`` as a list of
``{entity, kind, mentions, in_title}``. CSV cannot nest, so it writes two files: the
articles (``entities`` as the names joined by "; ") and ``<name>.entities.csv`` with one
row per article and entity, joined on ``article_id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.analyst.query import BATCH_ROWS, write_csv, write_json, write_parquet
from pipeline.store import db

EXPORT_FORMATS = ("parquet", "csv", "jsonl")


@dataclass(frozen=True)
class Exported:
    """What an export wrote."""

    articles: int
    path: Path
    entity_rows: int | None = None
    entities_path: Path | None = None


def export_articles(path: Path, out: Path, fmt: str, since: date | None = None) -> Exported:
    """Write the stored articles whose day is on or after ``since``.

    Args:
        path: the DuckDB file (opened read-only).
        out: the file to write (CSV also writes ``<stem>.entities.csv`` beside it).
        fmt: ``parquet``, ``csv`` or ``jsonl``.
        since: first day included (publication date, or fetch date when undated); all
            articles when None.

    Returns:
        Rows and files written.

    Raises:
        RunError: the database is missing or being written by a run.
    """
    params = {"since": since}
    out.parent.mkdir(parents=True, exist_ok=True)
    with db.opened(path, read_only=True) as con:
        reader = con.sql(db.sql("queries/analyst/export_articles"), params=params) \
            .to_arrow_reader(BATCH_ROWS)
        if fmt == "parquet":
            return Exported(write_parquet(reader, out), out)
        if fmt == "jsonl":
            with out.open("wb") as sink:
                return Exported(write_json(reader, sink, lines=True), out)
        with out.open("wb") as sink:
            articles = write_csv(_names_only(reader), sink)
        side = entities_file(out)
        entities = con.sql(db.sql("queries/analyst/export_entities"), params=params) \
            .to_arrow_reader(BATCH_ROWS)
        with side.open("wb") as sink:
            return Exported(articles, out, write_csv(entities, sink), side)


def entities_file(out: Path) -> Path:
    """The second file of a CSV export: ``articles.csv`` -> ``articles.entities.csv``."""
    return out.with_name(f"{out.stem}.entities.csv")


def _names_only(reader: pa.RecordBatchReader) -> pa.RecordBatchReader:
    """The stream with ``entities`` reduced to "name; name" text for a flat CSV."""
    index = reader.schema.get_field_index("entities")
    schema = reader.schema.set(index, pa.field("entities", pa.string()))

    def batches() -> Iterator[pa.RecordBatch]:
        for batch in reader:
            names = [("; ".join(e["entity"] for e in row) if row else "")
                     for row in batch.column(index).to_pylist()]
            yield batch.set_column(index, "entities", pc.cast(pa.array(names), pa.string()))

    return pa.RecordBatchReader.from_batches(schema, batches())
