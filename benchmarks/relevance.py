"""Relevance of the relation-aware theme decision on the labelled set, and its CPU cost.

Run: ``.venv/bin/python benchmarks/relevance.py [--split validation|tuning|all] [--json F]``

Reads tests/fixtures/relevance_set.yaml (280 headline + lead items written for rcwire:
200 English with 96 near misses, 40 Russian, 40 Chinese, split into a tuning half the
rules were fitted to and a validation half written and committed before any tuning).
Prints precision and recall overall and per language, and the confusion counts per
near-miss kind, as Markdown tables (docs/relevance.md shows the validation half). Then
the theme scorer's CPU time per article on the syndication corpus (full texts).
Default settings only (``relevance_threshold`` from pipeline/settings.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.enrich.theme import load_lexicon, score_article  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from tests.support.relevance import Confusion, load_items, measure  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "syndication" / "items.jsonl"


def table(groups: dict[str, Confusion]) -> str:
    """Markdown: one row per group."""
    lines = ["| group | items | TP | FP | FN | TN | precision | recall | misses |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for key in sorted(groups, key=lambda k: (k != "all", not k.startswith("lang"), k)):
        g = groups[key]
        lines.append(f"| {key} | {g.tp + g.fp + g.fn + g.tn} | {g.tp} | {g.fp} | {g.fn} | "
                     f"{g.tn} | {g.precision:.3f} | {g.recall:.3f} | "
                     f"{', '.join(g.misses) or '-'} |")
    return "\n".join(lines)


def cpu_per_article(rounds: int = 7) -> float:
    """Best-of-rounds CPU seconds per article on the syndication corpus's full texts."""
    docs = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    load_lexicon()
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for doc in docs:
            score_article(doc["title"], doc["text"])
        best = min(best, (time.process_time() - start) / len(docs))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="validation",
                        choices=("validation", "tuning", "all"))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    threshold = Settings().relevance_threshold
    items = [i for i in load_items() if args.split == "all" or i["split"] == args.split]
    groups = measure(items, lambda t, lead: score_article(t, lead).score >= threshold)
    print(f"## {args.split} half: {len(items)} items, threshold {threshold}\n")
    print(table(groups))
    cpu = cpu_per_article()
    print(f"\nTheme scoring: {cpu * 1000:.2f} ms CPU per article "
          f"(syndication corpus, full texts, best of 7)")
    if args.json:
        args.json.write_text(json.dumps({
            "split": args.split, "threshold": threshold, "cpu_ms_per_article": cpu * 1000,
            "groups": {k: {"tp": g.tp, "fp": g.fp, "fn": g.fn, "tn": g.tn,
                           "precision": g.precision, "recall": g.recall, "misses": g.misses}
                       for k, g in groups.items()}}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
