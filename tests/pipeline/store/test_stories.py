"""The story index in DuckDB: assignments persist across loads, later loads join stored
stories without re-clustering them, and stories past the retention period leave the index."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from pipeline.records import Article
from pipeline.runfolder import articles_table
from pipeline.store import db
from pipeline.store.stories import assign_staged
from pipeline.stories.match import Params
from tests.support.staging import article

PARAMS = Params(retention_days=30)


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with db.opened(tmp_path / "stories.duckdb") as opened:
        db.migrate(opened)
        yield opened


def report(n: int, title: str, lead: str, day: str, source: str = "a") -> Article:
    art = article(f"https://{source}.example/{n}", [lead], title=title, source=source,
                  published=day)
    return art


FAIR_1 = report(1, "Harbin fair opens with 1,450 Russian exhibitors",
                "The Russia-China Expo opened in Harbin with 1,450 Russian companies, the "
                "organisers said, a record for the fair.", "2025-03-03")
FAIR_2 = report(2, "Record Russian presence at Harbin expo",
                "A record 1,450 Russian firms are exhibiting at the Harbin expo, according "
                "to the organisers.", "2025-03-03", source="b")
FAIR_3 = report(3, "Harbin expo deals top 2.3 billion yuan as 1,450 Russian firms attend",
                "Contracts signed at the Harbin expo, where 1,450 Russian companies "
                "exhibited, reached 2.3 billion yuan, organisers said.", "2025-03-05",
                source="c")
STRIKE = report(4, "Dockers strike at Vladivostok port halts container traffic",
                "Crane operators at Vladivostok's commercial port walked out over pay, "
                "stopping container loading.", "2025-03-04")


def load(con: duckdb.DuckDBPyConnection, arts: list[Article], run_id: str) -> dict[str, str]:
    con.execute("begin")
    done = assign_staged(con, articles_table(arts), run_id, PARAMS)
    con.execute("commit")
    return {a.article_id: a.story_id for a in done}


def test_a_later_load_joins_a_stored_story_without_touching_others(
        con: duckdb.DuckDBPyConnection) -> None:
    first = load(con, [FAIR_1, STRIKE, FAIR_2], "run-1")
    assert first[FAIR_1.article_id] == first[FAIR_2.article_id] != first[STRIKE.article_id]
    strike_row = con.execute("select * from stories where story_id = $s",
                             {"s": first[STRIKE.article_id]}).fetchall()
    second = load(con, [FAIR_3], "run-2")
    assert second[FAIR_3.article_id] == first[FAIR_1.article_id]
    [(articles, sources, run_id, title)] = con.execute(
        "select articles, sources, run_id, title from stories where story_id = $s",
        {"s": first[FAIR_1.article_id]}).fetchall()
    assert (articles, sources, run_id) == (3, ["a", "b", "c"], "run-2")
    [(opener,)] = con.execute("select article_id from article_stories where opened and "
                              "story_id = $s", {"s": first[FAIR_1.article_id]}).fetchall()
    assert title == {FAIR_1.article_id: FAIR_1.title, FAIR_2.article_id: FAIR_2.title}[opener]
    assert con.execute("select * from stories where story_id = $s",
                       {"s": first[STRIKE.article_id]}).fetchall() == strike_row
    assert con.execute("select count(*) from article_stories").fetchall() == [(4,)]


def test_scores_and_cues_are_stored(con: duckdb.DuckDBPyConnection) -> None:
    load(con, [FAIR_1, FAIR_2], "run-1")
    rows = con.execute("select opened, score, cues from article_stories order by opened"
                       ).fetchall()
    (_, score, cues), (opened, _, opener_cues) = rows
    assert score > 0 and "1450" in json.loads(cues)["numbers"]
    assert opened and json.loads(opener_cues)["opened"] is True


def test_stories_untouched_past_retention_leave_the_index_but_stay_in_the_tables(
        con: duckdb.DuckDBPyConnection) -> None:
    first = load(con, [FAIR_1, FAIR_2], "run-1")
    con.execute("update story_keys set touched_at = $t",
                {"t": datetime.now(UTC) - timedelta(days=31)})
    second = load(con, [FAIR_3, STRIKE], "run-2")
    # FAIR_3 would join (see above), but its story is no longer a candidate at all.
    assert second[FAIR_3.article_id] != first[FAIR_1.article_id]
    left = {s for (s,) in con.execute("select distinct story_id from story_keys").fetchall()}
    assert left == set(second.values())
    assert con.execute("select count(*) from stories").fetchall() == [(3,)]


def test_nothing_to_assign_writes_nothing(con: duckdb.DuckDBPyConnection) -> None:
    assert assign_staged(con, articles_table([]), "run-1", PARAMS) == []
    assert con.execute("select count(*) from stories").fetchall() == [(0,)]
