"""DuckDB access: open with clear errors, numbered migrations, SQL loaded by name."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb

from pipeline.errors import RunError
from pipeline.paths import project_dir

_MIGRATION = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


def sql_dir() -> Path:
    """The ``sql/`` folder: beside the package in a checkout, inside it when installed."""
    found = project_dir("sql")
    if not (found / "ddl").is_dir():
        raise RunError(f"cannot find the sql/ folder (looked for {found})")
    return found


@cache
def sql(name: str) -> str:
    """The text of ``sql/<name>.sql`` (e.g. ``queries/run/planned_known_keys``)."""
    path = sql_dir() / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no SQL file {path}")
    return path.read_text(encoding="utf-8")


def connect(path: Path, *, read_only: bool = False, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open the database file.

    Args:
        path: the DuckDB file; its folder is created for a writer.
        read_only: open shared, for readers.
        wait: seconds to keep retrying while another process holds the write lock.

    Returns:
        An open connection.

    Raises:
        RunError: the file cannot be created, opened, or is locked by another process.
    """
    if read_only and not path.exists():
        raise RunError(f"database {path} does not exist yet: run `rcwire run` first")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RunError(f"database {path}: cannot create folder ({exc.strerror})") from None
    give_up = time.monotonic() + wait
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower() and time.monotonic() < give_up:
                time.sleep(0.5)
                continue
            raise RunError(_describe_open_error(path, message)) from None
        # DuckDB's default budget is 80% of the machine's RAM, too much to promise on a
        # shared Airflow worker; past the limit it evicts cached blocks or spills.
        limit = _quoted(_memory_limit())
        con.execute(sql("queries/store/set_memory_limit").replace("$limit", limit))
        return con


def _memory_limit() -> str:
    from pipeline.settings import get_settings

    return get_settings().duckdb_memory_limit


def _quoted(value: str) -> str:
    # SET takes no parameters; the value comes from our own settings, quoted here anyway.
    return "'" + value.replace("'", "''") + "'"


@contextmanager
def opened(path: Path, *, read_only: bool = False, wait: float = 0.0,
           ) -> Iterator[duckdb.DuckDBPyConnection]:
    """``connect`` as a context manager that always closes."""
    con = connect(path, read_only=read_only, wait=wait)
    try:
        yield con
    finally:
        con.close()


def _describe_open_error(path: Path, message: str) -> str:
    if "lock" in message.lower():
        holder = re.search(r"PID (\d+)", message)
        who = f" (process {holder.group(1)})" if holder else ""
        return (f"database {path} is being written by another run{who}; "
                "try again when it has finished")
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return f"database {path}: cannot open ({first})"


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered files of ``sql/ddl`` not yet recorded; return their names."""
    con.execute(sql("queries/store/migrations_table"))
    done = {row[0] for row in con.execute(sql("queries/store/migrations_done")).fetchall()}
    applied = []
    for path in sorted((sql_dir() / "ddl").glob("*.sql")):
        match = _MIGRATION.match(path.name)
        if match is None or int(match.group(1)) in done:
            continue
        con.execute("begin")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(sql("queries/store/migrations_record"),
                        {"version": int(match.group(1)), "name": match.group(2)})
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        applied.append(path.name)
    refresh_views(con)
    return applied


def refresh_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the analyst views of ``sql/views`` (each file is idempotent)."""
    for path in sorted((sql_dir() / "views").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
