"""Migration 015 on a database that version 14 left: every story keeps its row (the stories
in the matcher's index move to indexed_stories, the others to retired_stories, and
``stories`` is their view), and the next load goes on from where the old one stopped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from pipeline.store import db
from tests.pipeline.store.test_stories import FAIR_1, FAIR_2, FAIR_3, STRIKE, load

STORY_TABLES = ("stories", "article_stories", "story_keys")


def rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[Any, ...]]:
    return con.execute(f"select * from {table} order by all").fetchall()


def at_version_14(path: Path) -> duckdb.DuckDBPyConnection:
    """A database with migrations 001-014 applied, as a version 14 install made it."""
    con = db.connect(path)
    con.execute(db.sql("queries/store/migrations_table"))
    for ddl in sorted((db.sql_dir() / "ddl").glob("*.sql")):
        if int(ddl.name[:3]) <= 14:
            con.execute(ddl.read_text(encoding="utf-8"))
            con.execute(db.sql("queries/store/migrations_record"),
                        {"version": int(ddl.name[:3]), "name": ddl.stem[4:]})
    return con


def test_migration_015_splits_stories_by_the_index_and_keeps_every_row(tmp_path: Path) -> None:
    # The rows a version 14 loader would have stored: made by today's loader (the same
    # assignments), the strike's story then past the retention period (keys pruned).
    with db.opened(tmp_path / "made.duckdb") as made:
        db.migrate(made)
        first = load(made, [FAIR_1, STRIKE, FAIR_2], "run-1")
        made.execute("delete from story_keys where story_id = $s", {"s": first[STRIKE.article_id]})
        old = {t: rows(made, t) for t in STORY_TABLES}
    [touched] = {r[3] for r in old["story_keys"]}  # one load: one load time
    con = at_version_14(tmp_path / "v14.duckdb")
    try:
        for table in STORY_TABLES:
            marks = ", ".join("?" * len(old[table][0]))
            con.executemany(f"insert into {table} values ({marks})", old[table])
        assert db.migrate(con) == ["015_story_index_rows.sql"]
        assert {t: rows(con, t) for t in STORY_TABLES} == old
        [(kind,)] = con.execute("select table_type from information_schema.tables "
                                "where table_name = 'stories'").fetchall()
        assert kind == "VIEW"
        fair, strike = first[FAIR_1.article_id], first[STRIKE.article_id]
        assert con.execute("select story_id, touched_at from indexed_stories").fetchall() == [
            (fair, touched)]
        assert con.execute("select story_id from retired_stories").fetchall() == [(strike,)]
        # The next load joins the indexed story and rewrites only its row.
        second = load(con, [FAIR_3], "run-2")
        assert second[FAIR_3.article_id] == fair
        assert con.execute("select story_id, articles, run_id from stories order by all"
                           ).fetchall() == sorted([(fair, 3, "run-2"), (strike, 1, "run-1")])
        assert rows(con, "retired_stories") == [
            r for r in old["stories"] if r[0] == strike]
    finally:
        con.close()


def test_stories_leaving_the_index_keep_their_final_row(tmp_path: Path) -> None:
    with db.opened(tmp_path / "x.duckdb") as con:
        db.migrate(con)
        first = load(con, [FAIR_1, FAIR_2], "run-1")
        before = rows(con, "stories")
        old = datetime.now(UTC) - timedelta(days=31)
        for table in ("story_keys", "indexed_stories"):
            con.execute(f"update {table} set touched_at = $t", {"t": old})
        load(con, [STRIKE], "run-2")
        assert rows(con, "retired_stories") == before
        assert {s for (s,) in con.execute("select story_id from indexed_stories").fetchall()
                } == {f"story-{STRIKE.article_id}"} != {first[FAIR_1.article_id]}
        assert len(rows(con, "stories")) == 2
