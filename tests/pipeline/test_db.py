"""Opening the database: DuckDB's memory is capped by the setting, for readers and writers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline import db
from pipeline.settings import Settings


def test_memory_limit_applies_to_every_connection(tmp_path: Path) -> None:
    path = tmp_path / "x.duckdb"
    with db.opened(path) as con:
        db.migrate(con)
        writer = con.execute("select current_setting('memory_limit')").fetchall()[0][0]
    with db.opened(path, read_only=True) as con:
        reader = con.execute("select current_setting('memory_limit')").fetchall()[0][0]
    # DuckDB reports 1GB as 953.6 MiB.
    assert writer == reader == "953.6 MiB"


@pytest.mark.parametrize("value", ["1GB'; drop table articles; --", "lots", "1 PB"])
def test_memory_limit_setting_is_a_size(value: str) -> None:
    with pytest.raises(ValidationError):
        Settings(duckdb_memory_limit=value)
