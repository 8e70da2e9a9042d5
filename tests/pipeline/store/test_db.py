"""Opening the database: DuckDB's memory is capped by the setting, for readers and writers."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from pydantic import ValidationError

from pipeline.settings import Settings
from pipeline.store import db
from pipeline.store.snapshot import read_copy_path, reader_path


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


HISTORY_TABLES = ("articles", "article_signatures", "article_removals", "article_entities",
                  "source_boilerplate", "url_outcomes")


V6_ROWS = """
insert into articles values ('a1', 'https://a.example/1', 'https://a.example/1', 'a.example/1',
    'a', 'a.example', 'https://a.example/feed', 'g1', 'Title', null, null, null, now(), 'en',
    null, 'Body text.', 2, 'h1', 0.9, default, 'r1');
insert into article_signatures values ('a1', '\\x00'::blob, 1);
insert into article_removals values ('a1', 0, 'newsletter_promo', 'Sign up');
insert into article_entities values ('a1', 'Xi Jinping', 'person', 2, true);
insert into source_boilerplate values ('a', 'p1', 3, now(), now());
insert into url_outcomes values ('r1', 'https://a.example/1', 'k1', 'a', 'https://a.example/feed',
    'loaded', null, null, 'a1', now(), 'Title', 0.9);
"""


def test_history_tables_lose_key_indexes_and_keep_rows(tmp_path: Path) -> None:
    # A database as version 6 left it, with a row in every history table, migrated.
    with db.opened(tmp_path / "v6.duckdb") as con:
        con.execute(db.sql("queries/store/migrations_table"))
        for path in sorted((db.sql_dir() / "ddl").glob("00[1-6]_*.sql")):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(db.sql("queries/store/migrations_record"),
                        {"version": int(path.name[:3]), "name": path.stem[4:]})
        con.execute(V6_ROWS)
        before = {t: con.execute(f"select * from {t}").fetchall()
                  for t in HISTORY_TABLES}
        # 007 first; later migrations (008 onwards) follow it
        assert db.migrate(con)[0] == "007_history_tables_without_art.sql"
        # Later migrations may append columns: compare the columns version 6 had.
        after = {t: [r[:len(before[t][0])] for r in con.execute(f"select * from {t}").fetchall()]
                 for t in HISTORY_TABLES}
        assert after == before and all(after.values())
        indexed = con.execute(
            "select table_name from duckdb_constraints() where constraint_type in "
            "('PRIMARY KEY', 'UNIQUE') union select table_name from duckdb_indexes()",
        ).fetchall()
        assert not {r[0] for r in indexed} & set(HISTORY_TABLES)
        with pytest.raises(duckdb.ConstraintException):
            con.execute("insert into articles (article_id) values ('x')")  # NOT NULL kept
        # The version 6 row plus a default for each column later migrations appended.
        extra = len(con.execute("select * from articles limit 0").description) - 21
        con.execute(V6_ROWS.split(";")[0].replace("'a1'", "'a2'")
                    .replace("'r1')", "'r1'" + ", default" * extra + ")"))
        assert con.execute("select truncated from articles where article_id = 'a2'",
                           ).fetchall() == [(False,)]  # default kept


@pytest.mark.parametrize(("read_copy", "copy_exists", "opened"), [
    (True, True, "copy"), (True, False, "db"), (False, True, "db")])
def test_readers_open_the_read_copy_only_when_it_is_on_and_published(
        settings: Settings, read_copy: bool, copy_exists: bool, opened: str) -> None:
    settings = settings.model_copy(update={"read_copy": read_copy})
    copy = read_copy_path(settings.db, settings.read_db)
    if copy_exists:  # a copy left by earlier runs, say before RCWIRE_READ_COPY was turned off
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.touch()
    assert reader_path(settings) == {"copy": copy, "db": settings.db}[opened]
