"""Read-only SQL for analysts (``rcwire sql``): results as a table, CSV, JSON, JSON lines
or Parquet, streamed in Arrow batches so a large result never has to fit in memory.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline.errors import RunError
from pipeline.store import db

FORMATS = ("table", "csv", "json", "jsonl", "parquet")
# Formats a file suffix implies when --format is not given.
SUFFIXES = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
            ".parquet": "parquet", ".pq": "parquet"}
BATCH_ROWS = 10_000


class QueryError(Exception):
    """The analyst's SQL failed (syntax, unknown column, an attempt to write ...)."""


def named_rows(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any],
               ) -> list[dict[str, Any]]:
    """Rows of ``sql/queries/analyst/<name>.sql`` as dicts keyed by column (the pages'
    queries: ``rcwire report`` and ``rcwire dq report``)."""
    relation = con.sql(db.sql(f"queries/analyst/{name}"), params=params)
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


def choose_format(fmt: str | None, out: Path | None, default: str) -> str:
    """The output format: as given, else implied by ``out``'s suffix, else ``default``.

    Raises:
        RunError: unknown format, or a binary format without a file to write.
    """
    chosen = fmt or (SUFFIXES.get(out.suffix.lower()) if out else None) or default
    if chosen not in FORMATS:
        raise RunError(f"unknown format {chosen!r}: use one of {', '.join(FORMATS)}")
    if chosen == "parquet" and out is None:
        raise RunError("--format parquet needs --out PATH (Parquet is not for a terminal)")
    return chosen


def run_sql(path: Path, query: str, fmt: str, out: Path | None = None,
            max_rows: int = 100, columns: str | None = None) -> int:
    """Run one analyst query on the database, opened read-only, and write its result.

    Args:
        path: the DuckDB file.
        query: SQL text (several statements run in order; the last one's result is shown).
        fmt: one of ``FORMATS``.
        out: file to write; standard output when None.
        max_rows: rows shown by the ``table`` format (the rest are counted).
        columns: comma-separated columns the ``table`` format shows (default: what fits).

    Returns:
        Rows in the result.

    Raises:
        RunError: the database is missing or being written by a run (one clear line).
        QueryError: DuckDB rejected the query.
    """
    with db.opened(path, read_only=True) as con:
        reader = execute(con, query)
        if reader is None:
            return 0
        if fmt == "table":
            picked = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
            return print_table(reader, max_rows, out, picked)
        return write(reader, fmt, out, max_rows)


def execute(con: duckdb.DuckDBPyConnection, query: str) -> pa.RecordBatchReader | None:
    """The query's result as a stream of Arrow batches (None for statements without one)."""
    try:
        relation = con.sql(query)
        return None if relation is None else relation.to_arrow_reader(BATCH_ROWS)
    except duckdb.Error as exc:
        raise QueryError(str(exc).strip()) from None


def write(reader: pa.RecordBatchReader, fmt: str, out: Path | None, max_rows: int = 100,
          ) -> int:
    """Write a result stream in ``fmt`` to ``out`` (standard output when None); count rows."""
    if fmt == "table":
        return print_table(reader, max_rows, out)
    if fmt == "parquet":
        if out is None:
            raise RunError("--format parquet needs --out PATH")
        return write_parquet(reader, out)
    if out is None:
        return _write_text(reader, fmt, sys.stdout.buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as sink:
        return _write_text(reader, fmt, sink)


def _write_text(reader: pa.RecordBatchReader, fmt: str, sink: IO[bytes]) -> int:
    if fmt == "csv":
        return write_csv(reader, sink)
    return write_json(reader, sink, lines=fmt == "jsonl")


def write_parquet(reader: pa.RecordBatchReader, path: Path) -> int:
    """Write the stream to one Parquet file (zstd); returns rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with pq.ParquetWriter(path, reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows


def write_csv(reader: pa.RecordBatchReader, sink: IO[bytes]) -> int:
    """Write the stream as CSV with a header; list and struct cells become JSON text."""
    schema = pa.schema([_flat_field(f) for f in reader.schema])
    rows = 0
    with pacsv.CSVWriter(sink, schema) as writer:
        for batch in reader:
            writer.write_batch(_flatten(batch, schema))
            rows += batch.num_rows
    return rows


def _flat_field(field: pa.Field) -> pa.Field:
    return pa.field(field.name, pa.string()) if _nested(field.type) else field


def _nested(kind: pa.DataType) -> bool:
    return bool(pa.types.is_nested(kind))


def _flatten(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    # CSV has no lists: a list cell is written as JSON so it survives a round trip.
    columns = [pa.array([None if v is None else json.dumps(v, default=json_default,
                                                          ensure_ascii=False)
                         for v in col.to_pylist()], pa.string())
               if _nested(col.type) else col for col in batch.columns]
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def write_json(reader: pa.RecordBatchReader, sink: IO[bytes], *, lines: bool) -> int:
    """Write the stream as one JSON array, or as JSON lines (one object per line)."""
    rows = 0
    if not lines:
        sink.write(b"[")
    for row in _rows(reader):
        text = json.dumps(row, default=json_default, ensure_ascii=False)
        if lines:
            sink.write(text.encode() + b"\n")
        else:
            sink.write((",\n" if rows else "\n").encode() + text.encode())
        rows += 1
    if not lines:
        sink.write(b"\n]\n" if rows else b"]\n")
    return rows


def _rows(reader: pa.RecordBatchReader) -> Iterator[dict[str, Any]]:
    for batch in reader:
        yield from batch.to_pylist()


def json_default(value: Any) -> Any:
    """JSON for the values DuckDB returns that ``json`` does not know."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def print_table(reader: pa.RecordBatchReader, max_rows: int, out: Path | None = None,
                columns: list[str] | None = None) -> int:
    """Print the first ``max_rows`` rows as a rich table and the total row count.

    Like the DuckDB CLI, a result wider than the terminal keeps its first and last columns
    and as many between as fit; the footer names the hidden ones. ``columns`` picks them
    instead.
    """
    names = reader.schema.names
    if columns:
        unknown = [c for c in columns if c not in names]
        if unknown:
            raise QueryError(f"no column {', '.join(unknown)} in the result; it has "
                             f"{', '.join(names)}")
    rows: list[list[str]] = []
    total = 0
    for row in _rows(reader):
        if total < max_rows:
            rows.append([_cell(v) for v in row.values()])
        total += 1
    with _console_file(out) as sink:
        console = Console(file=sink, width=200 if out else None)
        cap = max(12, min(_CELL_MAX, console.width // 4))
        shown = [names.index(c) for c in columns] if columns else \
            fit_columns(names, rows, console.width, cap)
        table = Table()
        for i in shown:
            field = reader.schema.field(i)
            numeric = pa.types.is_integer(field.type) or pa.types.is_floating(field.type) \
                or pa.types.is_decimal(field.type)
            table.add_column(field.name, justify="right" if numeric else "left",
                             overflow="ellipsis", no_wrap=True,
                             max_width=None if columns else cap)
        for cells in rows:
            table.add_row(*(cells[i] for i in shown))
        console.print(table)
        more = f" ({total - max_rows} not shown: use --max-rows or --format)" \
            if total > max_rows else ""
        console.print(f"{total} row{'' if total == 1 else 's'}{more}", highlight=False)
        hidden = [n for i, n in enumerate(names) if i not in shown]
        if hidden and not columns:
            console.print(f"{len(names)} columns, {len(shown)} shown; hidden: "
                          f"{', '.join(hidden)} (pick with --columns, or --format csv/json "
                          "for all)", highlight=False)
    return total


# A cell wider than this (a quarter of the terminal, at most) is cut with an ellipsis: one
# long text must not push every other column off the screen.
_CELL_MAX = 40


def fit_columns(names: list[str], rows: list[list[str]], width: int,
                cap: int = _CELL_MAX) -> list[int]:
    """Indexes of the columns that fit ``width``: the first, the last, then inwards from
    both ends in turn (the DuckDB CLI's rule), in their original order."""
    def need(i: int) -> int:
        longest = max((len(r[i]) for r in rows), default=0)
        return min(max(len(names[i]), longest, 4), cap) + 3  # padding and border

    order: list[int] = []
    left, right = 0, len(names) - 1
    while left <= right:
        order.append(left)
        if right != left:
            order.append(right)
        left, right = left + 1, right - 1
    chosen: list[int] = []
    used = 1
    for i in order:
        if chosen and used + need(i) > width:
            break
        chosen.append(i)
        used += need(i)
    return sorted(chosen)


def _console_file(out: Path | None) -> Any:
    if out is None:
        return contextlib.nullcontext(sys.stdout)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out.open("w", encoding="utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return "[dim]NULL[/dim]"
    if isinstance(value, datetime):
        # Microseconds and a long zone name only widen the column: seconds are enough to read.
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, list | dict):
        return json.dumps(value, default=json_default, ensure_ascii=False)
    return escape(str(value))
