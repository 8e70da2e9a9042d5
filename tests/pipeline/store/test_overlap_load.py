"""The loader records a verdict once when runs overlap (``pipeline/store/overlap.py``).

Runs staged with the same pages, decided before or after another one loaded, then loaded
in turn on one database, must leave the rows of one run.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from pipeline.records import Article
from pipeline.run.decide import decide
from pipeline.settings import Settings
from pipeline.store import db
from pipeline.store.load import load
from pipeline.store.overlap import OVERLAP_REASON
from tests.conftest import SAMPLES
from tests.support.staging import article, stage

SEEDS = sorted((SAMPLES / "seeds").glob("*.gold.json"))
DECISIONS = ("select feed_url, url, outcome, reason, article_id from url_outcomes "
             "where outcome <> 'already_known' order by all")
COPIES = "select url, duplicate_of, method from article_duplicates order by all"


def _paragraphs(seed: int) -> list[str]:
    return list(json.loads(SEEDS[seed].read_text(encoding="utf-8"))["body_paragraphs"])


def batch() -> list[Article]:
    """Two originals, an exact copy of the first under another link, and an off-theme page."""
    first = article("https://a.example/one", _paragraphs(0))
    return [first, article("https://a.example/two", _paragraphs(1)),
            article("https://a.example/copy-of-one", _paragraphs(0)),
            replace(article("https://a.example/weather", _paragraphs(2)), relevance_score=0.05)]


def _decide(settings: Settings, run_id: str) -> Path:
    folder = stage(settings, run_id, batch())
    with db.opened(settings.db) as con:
        db.migrate(con)
        decide(folder, con, settings)
    return folder


def _load(settings: Settings, folder: Path) -> dict[str, Any]:
    with db.opened(settings.db) as con:
        return load(folder, con)


def _rows(settings: Settings, query: str) -> list[tuple[Any, ...]]:
    with db.opened(settings.db, read_only=True) as con:
        return con.execute(query).fetchall()


@pytest.fixture
def one_run(settings: Settings, tmp_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of a single run of the batch, on a database of its own."""
    alone = settings.model_copy(update={"db": tmp_path / "alone.duckdb",
                                        "data_dir": tmp_path / "alone"})
    _load(alone, _decide(alone, "alone"))
    return {"decisions": _rows(alone, DECISIONS), "copies": _rows(alone, COPIES)}


def test_runs_decided_side_by_side_record_each_verdict_once(
        settings: Settings, one_run: dict[str, list[tuple[Any, ...]]]) -> None:
    first, second = _decide(settings, "first"), _decide(settings, "second")
    counts = _load(settings, first)["counts"]
    later = _load(settings, second)
    assert counts == {"duplicate": 1, "loaded": 2, "off_theme": 1}
    assert later["counts"] == {"already_known": 4}
    assert _rows(settings, DECISIONS) == one_run["decisions"]
    assert _rows(settings, COPIES) == one_run["copies"]
    reasons = _rows(settings, "select reason, detail from url_outcomes where run_id = 'second'")
    assert reasons == [(OVERLAP_REASON, "recorded by run first")] * 4
    assert _rows(settings, "select sum(loaded), sum(duplicates), sum(off_theme) "
                           "from run_history") == [(2, 1, 1)]


def test_run_decided_after_another_loaded_is_not_its_own_duplicate(
        settings: Settings, one_run: dict[str, list[tuple[Any, ...]]]) -> None:
    first = _decide(settings, "first")
    _load(settings, first)
    # Decided now, the batch's originals look like copies of themselves (same URL).
    late = _decide(settings, "late")
    assert _load(settings, late)["counts"] == {"already_known": 4}
    assert _rows(settings, DECISIONS) == one_run["decisions"]
    assert _rows(settings, COPIES) == one_run["copies"]


def test_a_different_verdict_is_still_recorded(settings: Settings) -> None:
    first = _decide(settings, "first")
    second = _decide(settings, "second")
    _load(settings, first)
    # The second run judged the weather page on the beat (another threshold): a new verdict.
    outcomes = second / "decided" / "outcomes.json"
    rows = json.loads(outcomes.read_text(encoding="utf-8"))
    for row in rows:
        if row["url"].endswith("/weather"):
            row.update(outcome="quarantined", reason="validation", detail="failed x")
    outcomes.write_text(json.dumps(rows), encoding="utf-8")
    assert _load(settings, second)["counts"] == {"already_known": 3, "quarantined": 1}
