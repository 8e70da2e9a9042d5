"""Furniture lines written blind: how much of each batch the cleaner removes the first time.

Run: ``.venv/bin/python benchmarks/blind_batches.py [--json benchmarks/results/fresh_batches.json]``

Each batch in tests/fixtures/paragraphs/blind/ was written by a session that could not
see the rules, the training lines or any earlier batch (``index.yaml`` says when it was
written, against which commit it was first scored, and whether it was later used to write
rules: then it is *tuning* material and only its first score is a measure). A batch is
scored as ``benchmarks/fresh_lines.py --lines`` scores one: its lines inserted into the
tuning pages at the top, the middle or the end, as plain text and as HTML.

The same author can write the same line twice in two sessions, and short controls
("Advertisement") are everywhere, so each batch is also scored on its **unseen** lines
only: those that share no run of ``--ngram`` words (and, when shorter, are not found
whole) with anything the cleaner was built from: the training lines, the fresh lines,
the tuning pages, the rules' and furniture words' files, and the batches marked tuning.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.fresh_lines import with_lines  # noqa: E402
from tests.support.paragraphs import fresh_scores, load_part  # noqa: E402

BLIND = ROOT / "tests" / "fixtures" / "paragraphs" / "blind"
BUILT_FROM = [ROOT / "tests" / "fixtures" / "paragraphs" / name
              for name in ("train_lines.yaml", "fresh.yaml", "tuning.jsonl")] + \
    [ROOT / "config" / name for name in ("boilerplate.yaml", "furniture_words.yaml")]
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def unseen(lines: dict[str, Any], material: str, n: int) -> dict[str, Any]:
    """The lines sharing no ``n``-word run with ``material`` (space-joined lower-case
    words, padded with a space at each end); a line of fewer words must not occur whole."""
    def fresh(text: str) -> bool:
        w = _words(text)
        runs = [" ".join(w[i:i + n]) for i in range(len(w) - n + 1)] if len(w) >= n \
            else [" ".join(w)]
        return not any(f" {r} " in material for r in runs)
    return {"boilerplate": {kind: [t for t in texts if fresh(t)]
                            for kind, texts in lines["boilerplate"].items()},
            "body": [t for t in lines.get("body", []) if fresh(t)]}


def score(pages: list[dict[str, Any]], lines: dict[str, Any]) -> dict[str, Any]:
    """Share of the batch's furniture removed and of its body lines kept, both modes."""
    out = {}
    for html in (False, True):
        got = fresh_scores(with_lines(pages, lines), html=html)
        out["html" if html else "text"] = {k: got[k] for k in
                                           ("removed", "boilerplate", "body_kept", "body")}
    return out


def main() -> None:
    """Score every blind batch, all lines and unseen lines, and print (``--json``) it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ngram", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    index = yaml.safe_load((BLIND / "index.yaml").read_text(encoding="utf-8"))
    tuning_batches = [BLIND / b["file"] for b in index["batches"] if b["role"] == "tuning"]
    words = {p: " ".join(_words(p.read_text(encoding="utf-8")))
             for p in BUILT_FROM + tuning_batches}
    pages = load_part("tuning")
    report: dict[str, Any] = {"ngram": args.ngram, "batches": []}
    for batch in index["batches"]:
        lines = yaml.safe_load((BLIND / batch["file"]).read_text(encoding="utf-8"))
        # A tuning batch is measured against the material without itself.
        own = " " + " ".join(w for p, w in words.items() if p.name != batch["file"]) + " "
        fresh = unseen(lines, own, args.ngram)
        row = {**{k: str(v) for k, v in batch.items()}, "all_lines": score(pages, lines),
               "unseen_lines": score(pages, fresh)}
        report["batches"].append(row)
        for part in ("all_lines", "unseen_lines"):
            t, h = row[part]["text"], row[part]["html"]
            print(f"{batch['file']:<14} {batch['role']:<10} {part:<13} removed text "
                  f"{t['removed']:.3f} ({round(t['removed'] * t['boilerplate'])}/"
                  f"{t['boilerplate']}) html {h['removed']:.3f}   body kept text "
                  f"{t['body_kept']:.3f} html {h['body_kept']:.3f} ({t['body']})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
