"""Whole articles written blind, as a scraper saves them: how much furniture the plain-text
cleaner removes and how much of the body it keeps.

Run: ``.venv/bin/python benchmarks/blind_articles.py [--json FILE] [--show]``

The blind line batches (``benchmarks/blind_batches.py``) put one furniture line at a time
into a real page. A reader re-measuring the cleaner feeds whole scraped articles instead,
furniture in runs (a site bar at the top, teaser lists and footers at the bottom, boxes in
the middle) and the body around it. Each set in tests/fixtures/paragraphs/blind_articles/
was written by a helper session that opened no file of the project: ``NN.txt`` (blocks
separated by blank lines, as the seeds arrive) and ``NN.gold.json`` (title, body
paragraphs, furniture blocks with their kind). ``index.yaml`` says when a set was written,
which commit scored it first and whether it is *tuning* (its misses were read; only its
first score measures anything) or *validation* (never read: ``--show`` refuses it).

Figures per set, default settings (rules + classifier, plain text as the seeds go in):
furniture blocks removed (also per kind), body paragraphs and body words kept, articles
whose cleaned text equals the gold body exactly.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean.text import clean_paragraphs  # noqa: E402

ARTICLES = ROOT / "tests" / "fixtures" / "paragraphs" / "blind_articles"


def _squash(text: str) -> str:
    return " ".join(text.split())


def score_article(txt: Path) -> dict[str, Any]:
    """One article: its furniture blocks removed and body paragraphs kept, by text."""
    gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
    result = clean_paragraphs(txt.read_text(encoding="utf-8").split("\n"))
    # The cleaner squashes runs of spaces ("News   Arctic   Sport"): so does the scoring.
    kept = Counter(_squash(p) for p in result.paragraphs)
    furniture = [(b["kind"], _squash(b["text"])) for b in gold["boilerplate"]]
    body = [_squash(p) for p in gold["body_paragraphs"]]
    # A furniture block worded like a body paragraph stays only if kept more times than
    # the body has it.
    left = [(kind, text) for kind, text in furniture if kept[text] > body.count(text)]
    lost = [p for p in body if kept[p] == 0]
    return {"article": txt.stem, "furniture": len(furniture), "left": left,
            "body": len(body), "lost": lost,
            "body_words": sum(len(p.split()) for p in body),
            "lost_words": sum(len(p.split()) for p in lost),
            "equal": [_squash(p) for p in result.paragraphs] == body,
            "kinds": Counter(kind for kind, _ in furniture),
            "kinds_left": Counter(kind for kind, _ in left)}


def score_set(folder: Path) -> dict[str, Any]:
    """Totals over one set's articles."""
    rows = [score_article(p) for p in sorted(folder.glob("*.txt"))]
    furniture = sum(r["furniture"] for r in rows)
    body = sum(r["body"] for r in rows)
    words = sum(r["body_words"] for r in rows)
    kinds: Counter[str] = sum((r["kinds"] for r in rows), Counter())
    kinds_left: Counter[str] = sum((r["kinds_left"] for r in rows), Counter())
    return {
        "articles": len(rows),
        "furniture_removed": 1 - sum(len(r["left"]) for r in rows) / max(1, furniture),
        "furniture": furniture,
        "body_paragraphs_kept": 1 - sum(len(r["lost"]) for r in rows) / max(1, body),
        "body": body,
        "body_words_kept": 1 - sum(r["lost_words"] for r in rows) / max(1, words),
        "equal_to_gold": sum(r["equal"] for r in rows),
        "removed_by_kind": {k: round(1 - kinds_left[k] / n, 3) for k, n in sorted(kinds.items())},
        "rows": rows,
    }


def main() -> None:
    """Score every set (``--show`` lists what stayed or went, tuning sets only)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--show", action="store_true", help="list misses (tuning sets only)")
    args = parser.parse_args()
    index = yaml.safe_load((ARTICLES / "index.yaml").read_text(encoding="utf-8"))
    report: dict[str, Any] = {"sets": []}
    for entry in index["sets"]:
        got = score_set(ARTICLES / entry["folder"])
        print(f"{entry['folder']:<10} {entry['role']:<10} furniture removed "
              f"{got['furniture_removed']:.3f} ({got['furniture']})   body paragraphs kept "
              f"{got['body_paragraphs_kept']:.3f} ({got['body']}), words "
              f"{got['body_words_kept']:.4f}   equal to gold {got['equal_to_gold']}/"
              f"{got['articles']}")
        print("    by kind: " + ", ".join(f"{k} {v:.2f}"
                                          for k, v in got["removed_by_kind"].items()))
        if args.show and entry["role"] == "tuning":
            for row in got["rows"]:
                for kind, text in row["left"]:
                    print(f"    {row['article']} left  {kind:<16} {text[:130]}")
                for text in row["lost"]:
                    print(f"    {row['article']} LOST  {text[:130]}")
        rows = got.pop("rows")
        got["articles_equal"] = [r["article"] for r in rows if r["equal"]]
        report["sets"].append({**{k: str(v) for k, v in entry.items()}, **got})
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
