"""Furniture worded in ways the rules were not written from: how much of it the cleaner removes.

Run: ``.venv/bin/python benchmarks/fresh_lines.py [--lines FILE] [--show]``

1. The fresh lines of tests/fixtures/paragraphs/fresh.yaml, which
   ``benchmarks/build_paragraphs.py`` inserted into the labelled pages (even-numbered lines
   of each kind into tuning pages, odd-numbered into validation pages; at the top, the
   middle or the end in turn): share of the boilerplate lines removed and of the body lines
   kept, per part, as plain text and as HTML (``tests.support.paragraphs.fresh_scores``).
2. With ``--lines FILE`` (a YAML file shaped like fresh.yaml: ``boilerplate: {kind:
   [lines]}``, ``body: [lines]``): the same scores for those lines, inserted the same way
   into the tuning pages in place of the fresh ones. For checking a batch of lines of your
   own before it goes anywhere near the rules or the training data.

``--show`` lists the boilerplate lines missed and the body lines removed, for the tuning
part and ``--lines`` only (never the validation part: nothing is tuned on it).
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.paragraphs import fresh_scores, load_part  # noqa: E402


def with_lines(pages: list[dict[str, Any]], lines: dict[str, Any]) -> list[dict[str, Any]]:
    """Copies of the pages without their fresh lines and with ``lines`` inserted instead
    (each line into one page fixed by a hash of it, at the top, middle or end in turn)."""
    out = [{**p, "paragraphs": [q for q in p["paragraphs"] if not q.get("fresh")]}
           for p in pages]
    items = [(kind, text) for kind, texts in lines["boilerplate"].items() for text in texts]
    items += [("body", text) for text in lines.get("body", [])]
    for n, (kind, text) in enumerate(items):
        page = out[zlib.crc32(f"{kind}|{text}".encode()) % len(out)]
        paras = page["paragraphs"]
        at = (0, len(paras) // 2, len(paras))[n % 3]
        paras.insert(at, {"text": text, "label": "body" if kind == "body" else "boilerplate",
                          "link_share": None, "fresh": kind})
    return out


def report(name: str, pages: list[dict[str, Any]], show: bool) -> dict[str, Any]:
    """Scores of one set of pages in both modes, printed."""
    result = {}
    for html in (False, True):
        got = fresh_scores(pages, html=html)
        mode = "html" if html else "text"
        print(f"{name:<12} {mode:<5} boilerplate removed {got['removed']:.3f} "
              f"({round(got['removed'] * got['boilerplate'])}/{got['boilerplate']})   "
              f"body kept {got['body_kept']:.3f} ({got['body']})")
        if show and not html:
            for kind, text in got["missed"]:
                print(f"    missed  {kind:<18} {text}")
            for text in got["lost"]:
                print(f"    removed body       {text}")
        result[mode] = {k: got[k] for k in ("removed", "boilerplate", "body_kept", "body")}
    return result


def main() -> None:
    """Print the scores (and ``--json`` them)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=Path, help="YAML of lines of your own to score")
    parser.add_argument("--show", action="store_true", help="list misses (not validation)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    out: dict[str, Any] = {}
    tuning = load_part("tuning")
    if args.lines:
        lines = yaml.safe_load(args.lines.read_text(encoding="utf-8"))
        out["lines"] = report(args.lines.stem, with_lines(tuning, lines), args.show)
    else:
        out["tuning"] = report("tuning", tuning, args.show)
        out["validation"] = report("validation", load_part("validation"), False)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
