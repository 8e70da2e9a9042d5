"""Story grouping metrics shared by benchmarks/stories.py and the CI quality gate.

B-cubed (Bagga and Baldwin, 1998): for every article, precision is the share of its
predicted story that belongs to its labelled story, recall the share of its labelled story
that landed in its predicted one; both are averaged over articles, F1 = 2PR/(P+R).
The labelled set is tests/fixtures/stories/{tuning,validation}.yaml.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import yaml

from pipeline.stories.features import Features, features

STORIES = Path(__file__).resolve().parent.parent / "fixtures" / "stories"


@dataclass(frozen=True)
class Labelled:
    """One labelled article: its features and the story it belongs to."""

    features: Features
    story: str


def read_split(name: str, folder: Path = STORIES) -> list[dict[str, Any]]:
    """The raw articles of one split, each with its ``story`` label."""
    raw = yaml.load((folder / f"{name}.yaml").read_text(encoding="utf-8"),
                    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return [{**art, "story": story["story"], "article_id": f"{story['story']}#{k}"}
            for story in raw["stories"] for k, art in enumerate(story["articles"])]


def labelled(raw: list[dict[str, Any]]) -> list[Labelled]:
    """Features of raw articles in arrival order: by day, then by a hash of the id (the
    order a day's reports arrive in is arbitrary, but must be the same every run)."""
    items = []
    for art in raw:
        day = datetime.combine(art["date"], time(12), UTC)
        feats = features(art["article_id"], art["source"], art["lang"], art["headline"],
                         art["lead"], day, dated=True)
        items.append(Labelled(feats, art["story"]))
    return sorted(items, key=lambda i: (i.features.day, _order(i.features.article_id)))


def load_split(name: str, folder: Path = STORIES) -> list[Labelled]:
    """One split's labelled articles in arrival order."""
    return labelled(read_split(name, folder))


def _order(article_id: str) -> str:
    return hashlib.sha1(article_id.encode()).hexdigest()


def bcubed(predicted: Iterable[str], gold: Iterable[str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of predicted story ids against labelled ones
    (same order, one per article)."""
    pairs = list(zip(predicted, gold, strict=True))
    if not pairs:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    both = Counter(pairs)
    by_pred = Counter(p for p, _ in pairs)
    by_gold = Counter(g for _, g in pairs)
    precision = sum(both[p, g] / by_pred[p] for p, g in pairs) / len(pairs)
    recall = sum(both[p, g] / by_gold[g] for p, g in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
