"""The labelled relevance set (tests/fixtures/relevance_set.yaml) and its measures,
shared by the CI quality gate and benchmarks/relevance.py."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SET = Path(__file__).resolve().parents[1] / "fixtures" / "relevance_set.yaml"


def load_items(path: Path = SET) -> list[dict[str, Any]]:
    """Every item; ``on`` is True for an item on the beat (YAML reads on/off as booleans)."""
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in items:
        item["on"] = item["label"] in (True, "on")
    return items


def validation_digest(items: Iterable[dict[str, Any]]) -> str:
    """A digest of the validation half's text and labels: it must never change."""
    rows = sorted((i["id"], i["title"], i["lead"], i["on"], i.get("kind")) for i in items
                  if i["split"] == "validation")
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass
class Confusion:
    """Counts of one group of items: true/false positives and negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, truth: bool, decided: bool, item_id: str) -> None:
        """Count one decision."""
        if truth and decided:
            self.tp += 1
        elif decided:
            self.fp += 1
            self.misses.append(item_id)
        elif truth:
            self.fn += 1
            self.misses.append(item_id)
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        """Share of the kept items that are on the beat (1.0 when nothing was kept)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of the on-beat items that were kept (1.0 when there were none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def measure(items: list[dict[str, Any]], decide: Callable[[str, str], bool],
            ) -> dict[str, Confusion]:
    """Confusion counts overall (``all``), per language (``lang:xx``) and per kind
    (``kind:place_list`` ..., ``kind:on`` for the on-beat items)."""
    groups: dict[str, Confusion] = {}
    for item in items:
        decided = decide(item["title"], item["lead"])
        kind = "on" if item["on"] else item.get("kind") or "plain"
        for key in ("all", f"lang:{item['lang']}", f"kind:{kind}"):
            groups.setdefault(key, Confusion()).add(item["on"], decided, item["id"])
    return groups


def sizes(items: list[dict[str, Any]]) -> Counter[str]:
    """How many items of each language and how many English near misses."""
    counts: Counter[str] = Counter(i["lang"] for i in items)
    counts["near_miss_en"] = sum(1 for i in items if i["lang"] == "en" and not i["on"]
                                 and i.get("kind") not in (None, "plain"))
    return counts
