"""The loader's bookkeeping across runs: paragraph counts that teach boilerplate."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from pipeline.clean.learned import paragraph_hash
from pipeline.records import Article
from pipeline.settings import Settings
from pipeline.store import db
from pipeline.stories.match import Params
from pipeline.text import fold
from tests.conftest import SAMPLES
from tests.support.staging import article, run_articles

SEEDS = sorted((SAMPLES / "seeds").glob("*.gold.json"))
# A paragraph a source repeats that no rule knows (a promo line would now be removed by the
# rules, and a text still holding one is quarantined): what learned boilerplate is for.
SHARED = ("Figures in this piece are in US dollars at the exchange rate of the day they were "
          "reported.")


def staged(url: str, seed: int) -> Article:
    """An article with the paragraph hashes extraction gives it."""
    paras = [*json.loads(SEEDS[seed].read_text(encoding="utf-8"))["body_paragraphs"], SHARED]
    return replace(article(url, paras),
                   body_hashes=tuple(paragraph_hash(fold(p)) for p in paras))


def test_paragraph_counts_grow_across_runs(settings: Settings) -> None:
    run_articles(settings, "r1", [staged("https://a.example/1", 0),
                                  staged("https://a.example/2", 1)])
    run_articles(settings, "r2", [staged("https://a.example/3", 2)])
    with db.opened(settings.db) as con:
        shared = con.execute(
            "select articles, first_seen < last_seen from source_boilerplate "
            "where source = 'a' and para_hash = $h",
            {"h": paragraph_hash(fold(SHARED))}).fetchall()
        once = con.execute("select count(*) from source_boilerplate where articles = 1",
                           ).fetchall()[0][0]
    assert shared == [(3, True)]  # one row: two articles of r1, one of r2
    assert once > 0  # the seeds' own paragraphs, seen once each


def test_the_loader_matches_stories_with_the_run_settings(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.store import load as loader

    seen: list[Params | None] = []
    real = loader.assign_stories

    def spy(con: Any, articles: Any, run_id: str, params: Params | None = None) -> Any:
        seen.append(params)
        return real(con, articles, run_id, params)

    monkeypatch.setattr(loader, "assign_stories", spy)
    tuned = settings.model_copy(update={"story_threshold": 0.9, "story_quiet_days": 2.0})
    run_articles(tuned, "r1", [staged("https://a.example/1", 0)], checks=True)
    assert [(p.threshold, p.quiet_days) for p in seen if p is not None] == [(0.9, 2.0)]
