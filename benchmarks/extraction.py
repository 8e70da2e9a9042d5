"""Extraction quality and speed: rcwire (prune + trafilatura + clean) vs trafilatura alone.

Run: ``.venv/bin/python benchmarks/extraction.py [--limit N] [--json] [--lost FILE]``

1. ../shared/benchmarks/news-extraction (80 real pages) and ../shared/benchmarks/
   readability-pages (130 pages), when present, each in its validation and tuning part
   (by site, tests/fixtures/paragraphs/split.json): Zyte-style token-shingle F1
   (``tests.support.evaluate``), pages per second and CPU milliseconds per page, for
   rcwire and for trafilatura with each of its precision/recall settings (and, for the
   CPU comparison, its default with metadata: rcwire reads title, author and date too),
   page by page with every extractor in turn. Every paragraph
   trafilatura's default keeps that rcwire removes is counted (and written to ``--lost``),
   with how many of them are gold body.
2. tests/fixtures/corpus/boilerplate (our labelled pages, 7 template styles): share of
   boilerplate lines removed and share of body tokens kept, per part.
3. tests/fixtures/paragraphs (labelled paragraphs): boilerplate removed and body kept by
   the rules alone and by rules + classifier, as HTML and as plain text, per part; and the
   fresh lines alone (furniture worded unlike any rule, ``benchmarks/fresh_lines.py``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura import external as trafilatura_external

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.build_paragraphs import readability_gold  # noqa: E402
from pipeline.clean.screen import forget_answers  # noqa: E402
from pipeline.text import fold  # noqa: E402
from tests.support.evaluate import (  # noqa: E402
    TRAFILATURA,
    Extractor,
    rcwire_text,
    score_boilerplate_corpus,
    shingle_f1,
)
from tests.support.paragraphs import fresh_scores, load_part, scores  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "boilerplate"
SPLIT = json.loads((ROOT / "tests" / "fixtures" / "paragraphs" / "split.json").read_text())
PARTS = ["validation", "tuning"]  # --part narrows it to one

# (set name, page name, html, url, gold paragraphs, site)
Item = tuple[str, str, str, str, list[str], str]


def part_of(site: str) -> str:
    """``validation`` or ``tuning`` (a site the split does not list counts as validation)."""
    return "tuning" if site in SPLIT["tuning"] else "validation"


def news_items(limit: int | None) -> list[Item]:
    """The 80-page news set."""
    folder = SHARED / "news-extraction"
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[:limit] if limit else sorted(truth)
    return [("news-extraction", n,
             gzip.decompress((folder / "html" / n).read_bytes()).decode("utf-8", "replace"),
             str(truth[n]["url"]), list(truth[n]["body"]), n.rsplit("_", 1)[0])
            for n in names]


def readability_items(limit: int | None) -> list[Item]:
    """The 130 Readability pages; gold = the text of each expected output."""
    folder = SHARED / "readability-pages" / "pages"
    pages = sorted(p for p in folder.iterdir() if p.is_dir())
    items = []
    for page in pages[:limit] if limit else pages:
        html = gzip.decompress((page / "source.html.gz").read_bytes()).decode("utf-8",
                                                                             "replace")
        expected = gzip.decompress((page / "expected.html.gz").read_bytes()).decode("utf-8",
                                                                                   "replace")
        items.append(("readability", page.name, html, f"http://fakehost/{page.name}/",
                      readability_gold(expected), re.sub(r"-\d+$", "", page.name)))
    return items


def trafilatura_with_metadata(html: str, url: str) -> str:
    """trafilatura's default extraction plus its metadata (title, author, date, site):
    the work rcwire does on every page, for the CPU comparison (same text as default)."""
    doc: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                           include_comments=False)
    return (doc.text or "") if doc is not None else ""


# The two extractors the CPU target compares, timed again page by page (``--repeats``).
COMPARED = ("rcwire", "trafilatura default")


def run_set(items: list[Item], extractors: dict[str, Extractor], repeats: int = 3,
            ) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """F1, pages/s and CPU ms/page per part and extractor, and every page's outputs."""
    outputs: dict[str, list[str]] = {label: [] for label in extractors}
    timing = dict.fromkeys(extractors, (0.0, 0.0))
    # Each page's CPU per extractor, every round: the fewest of a page's rounds is its
    # cost with the least interference (other processes, cache misses, collections).
    rounds: dict[str, list[list[float]]] = {label: [[] for _ in items] for label in COMPARED}
    for _, _, html, url, _, _ in items[:3]:
        for extract in extractors.values():
            extract(html, url)  # warm up: first-call imports and model loads are not per page
    # trafilatura reads justext's stop words for every language (0.16 s) the first time a
    # page needs justext, once per process like a model load; the warm-up pages may not
    # need it, and then whichever extractor met such a page first paid it (1.2 ms a
    # Readability page, on either side of the ratio from run to run).
    if trafilatura_external.JT_STOPLIST is None:
        trafilatura_external.jt_stoplist_init()
    # The rule screen remembers each line's answer for the process (a source's furniture
    # comes back on each of its pages): forgotten before each round, so a page timed again
    # is not timed on its own first pass's answers, while a round's pages still share
    # them as a run's pages of one source do.
    forget_answers()
    # Page by page, every extractor in turn: a machine that gets busier or quieter during
    # the run weighs on all of them alike, so the CPU ratios stay comparable. The order
    # rotates from page to page: trafilatura's and htmldate's caches, warmed by whoever
    # ran first on a page, favour each extractor equally often.
    labels = list(extractors)
    for k, (_, _, html, url, _, _) in enumerate(items):
        for label in labels[k % len(labels):] + labels[:k % len(labels)]:
            wall, cpu = time.perf_counter(), time.process_time()
            outputs[label].append(extractors[label](html, url))
            spent = (time.perf_counter() - wall, time.process_time() - cpu)
            timing[label] = (timing[label][0] + spent[0], timing[label][1] + spent[1])
            if label in rounds:
                rounds[label][k].append(spent[1])
    for n in range(1, repeats):
        forget_answers()
        for k, (_, _, html, url, _, _) in enumerate(items):
            for label in COMPARED[::-1] if (k + n) % 2 else COMPARED:
                cpu = time.process_time()
                extractors[label](html, url)
                rounds[label][k].append(time.process_time() - cpu)
    report: dict[str, Any] = {}
    for part in PARTS:
        keep = [i for i, it in enumerate(items) if part_of(it[5]) == part]
        report[part] = {
            label: {**shingle_f1((outputs[label][i], items[i][4]) for i in keep),
                    "pages": len(keep)} for label in extractors}
    base = timing["trafilatura default"][1]
    report["speed (all pages)"] = {
        label: {"pages_per_s": len(items) / wall, "cpu_ms_per_page": 1000 * cpu / len(items),
                "cpu_vs_trafilatura_default": cpu / base if base else 0.0}
        for label, (wall, cpu) in timing.items()}
    if repeats > 1 and all(label in extractors for label in COMPARED):
        least = {label: sum(map(min, rounds[label])) for label in COMPARED}
        report["speed (all pages)"][f"best of {repeats} rounds a page"] = {
            **{f"{label.replace(' ', '_')}_cpu_ms_per_page": 1000 * cpu / len(items)
               for label, cpu in least.items()},
            "rcwire_cpu_vs_trafilatura_default": (least["rcwire"] / least["trafilatura default"]
                                                  if least["trafilatura default"] else 0.0)}
    return report, outputs


def lost_paragraphs(items: list[Item], ours: list[str], theirs: list[str],
                    ) -> tuple[dict[str, Any], list[str]]:
    """Paragraphs trafilatura's default keeps and rcwire does not, per part."""
    counts = {part: {"paragraphs": 0, "gold_body": 0, "gold_body_words": 0} for part in PARTS}
    lines = []
    for item, mine, base in zip(items, ours, theirs, strict=True):
        kept = fold(mine)
        gold = " " + " ".join(fold(g) for g in item[4]) + " "
        part = part_of(item[5])
        if part not in counts:
            continue
        for para in base.split("\n"):
            folded = fold(para)
            if not folded or folded in kept:
                continue
            body = f" {folded} " in gold
            counts[part]["paragraphs"] += 1
            counts[part]["gold_body"] += body
            counts[part]["gold_body_words"] += len(folded.split()) if body else 0
            lines.append(f"{part}\t{item[0]}\t{item[1]}\t{'BODY' if body else 'other'}\t"
                         f"{para[:200]}")
    return counts, lines


def boilerplate_corpus(extractors: dict[str, Extractor]) -> dict[str, Any]:
    """Boilerplate lines removed and body tokens kept on the labelled corpus, per part."""
    results: dict[str, Any] = {}
    golds = sorted(CORPUS.glob("*/*.gold.json"))
    for part in PARTS:
        mine = [g for g in golds if part_of(f"corpus-{g.parent.name}") == part]
        results[part] = {}
        for label, extract in extractors.items():
            results[part][label] = score_boilerplate_corpus(extract, mine)
    return results


def labelled_paragraphs() -> dict[str, Any]:
    """The text cleaner on the labelled paragraphs: rules alone, rules + classifier."""
    results: dict[str, Any] = {}
    for part in PARTS:
        pages = load_part(part)
        results[part] = {f"{'html' if html else 'text'}, {'rules+model' if model else 'rules'}":
                         scores(pages, html=html, model=model)
                         for html in (True, False) for model in (False, True)}
        # The fresh lines alone (furniture worded unlike any rule; benchmarks/fresh_lines.py).
        for html in (True, False):
            got = fresh_scores(pages, html=html)
            results[part][f"{'html' if html else 'text'}, fresh lines"] = {
                k: got[k] for k in ("removed", "boilerplate", "body_kept", "body")}
    return results


def main() -> None:
    """Print every table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--lost", type=Path, help="write the lost paragraphs here")
    parser.add_argument("--repeats", type=int, default=3,
                        help="time rcwire and trafilatura default this many rounds a page "
                             "and report the sums of each page's fewest CPU ms as well "
                             "(1: the single interleaved round only)")
    parser.add_argument("--part", choices=(*PARTS, "both"), default="both",
                        help="score only this part (tune with --part tuning: the "
                             "validation figures stay unseen until the final run)")
    args = parser.parse_args()
    if args.part != "both":
        PARTS[:] = [args.part]
    extractors = {"rcwire": rcwire_text, **TRAFILATURA,
                  "trafilatura default + metadata": trafilatura_with_metadata}
    report: dict[str, Any] = {"date": datetime.now(UTC).date().isoformat()}
    lost_lines: list[str] = []
    for name, loader in (("news-extraction", news_items),
                         ("readability", readability_items)):
        if not (SHARED / name.replace("readability", "readability-pages")).is_dir():
            print(f"(skipping {name}: not present)", file=sys.stderr)
            continue
        items = loader(args.limit)
        report[name], outputs = run_set(items, extractors, args.repeats)
        counts, lines = lost_paragraphs(items, outputs["rcwire"],
                                        outputs["trafilatura default"])
        report[f"{name}: kept by trafilatura default, removed by rcwire"] = counts
        lost_lines += lines
    report["boilerplate_corpus"] = boilerplate_corpus(
        {k: v for k, v in extractors.items() if k != "trafilatura default + metadata"})
    report["labelled_paragraphs"] = labelled_paragraphs()
    if args.lost:
        args.lost.write_text("\n".join(lost_lines) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"extraction benchmark, {report['date']}")
    print_tables(report, lost_lines)


def print_tables(report: dict[str, Any], lost: list[str]) -> None:
    """The report as indented tables, then the lost gold-body paragraphs."""
    def show(rows: dict[str, Any], indent: str) -> None:
        for label, row in rows.items():
            if isinstance(row, dict) and all(isinstance(v, dict) for v in row.values()):
                print(f"{indent}{label}")
                show(row, indent + "  ")
            elif isinstance(row, dict):
                cells = "  ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}"
                                  for k, v in row.items())
                print(f"{indent}{label:<30} {cells}")
    for name, rows in report.items():
        if isinstance(rows, dict):
            print(f"\n{name}")
            show(rows, "  ")
    body = [line for line in lost if "\tBODY\t" in line]
    print(f"\ngold-body paragraphs trafilatura default keeps and rcwire removes: {len(body)}")
    for line in body:
        print("  " + line)


if __name__ == "__main__":
    main()
