"""CI quality gate for stories: B-cubed on the validation half of tests/fixtures/stories must
not fall below the floors in tests/quality_floors.json (default settings)."""

from __future__ import annotations

import json

import yaml

from pipeline.settings import Settings
from pipeline.store.stories import params_from
from pipeline.stories.match import assign_all
from tests.conftest import ROOT
from tests.support.stories_eval import STORIES, bcubed, load_split

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))


def test_validation_bcubed_stays_above_the_floors() -> None:
    items = load_split("validation")
    done = assign_all((i.features for i in items), params_from(Settings()))
    got = bcubed([a.story_id for a in done], [i.story for i in items])
    assert got["f1"] >= FLOORS["stories_validation_bcubed_f1"], got
    assert got["precision"] >= FLOORS["stories_validation_bcubed_precision"], got


def test_the_labelled_set_is_split_by_story_and_large_enough() -> None:
    halves = {name: yaml.safe_load((STORIES / f"{name}.yaml").read_text(encoding="utf-8"))
              for name in ("tuning", "validation")}
    labels = {name: {s["story"] for s in half["stories"]} for name, half in halves.items()}
    assert not labels["tuning"] & labels["validation"]
    assert all(half["split"] == name for name, half in halves.items())
    articles = [a for half in halves.values() for s in half["stories"] for a in s["articles"]]
    assert len(articles) >= 300 and sum(map(len, labels.values())) >= 60
    assert {a["lang"] for a in articles} == {"en", "ru", "zh"}
