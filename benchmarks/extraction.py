"""Extraction quality and speed: rcwire (prune + trafilatura + clean) vs trafilatura alone.

Run: ``.venv/bin/python benchmarks/extraction.py [--limit N] [--json]``

1. ../shared/benchmarks/news-extraction (80 real pages, when present): Zyte-style
   token-shingle F1 (``tests.support.evaluate``) and pages per second, for rcwire and for
   trafilatura with each of its precision/recall settings.
2. tests/fixtures/corpus/boilerplate (our labelled pages, 7 template styles): share of
   boilerplate lines removed and share of body tokens kept.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract.article import extract_article  # noqa: E402
from pipeline.records import FeedEntry, Page  # noqa: E402
from tests.support.evaluate import boilerplate_scores, shingle_f1  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks" / "news-extraction"
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "boilerplate"

Extractor = Callable[[str, str], str]


def rcwire(html: str, url: str) -> str:
    """The pipeline's extraction and cleaning, as stored in ``articles.text``."""
    page = Page(FeedEntry("bench", "bench", url, url), url, 200, "text/html", html,
                datetime.now(UTC))
    try:
        return extract_article(page).text
    except Exception:  # a page the pipeline rejects scores as empty text
        return ""


def trafilatura_variant(**options: bool) -> Extractor:
    """trafilatura.extract with the given options (comments always off)."""
    def run(html: str, url: str) -> str:
        return trafilatura.extract(html, url=url, include_comments=False, **options) or ""
    return run


TRAFILATURA = {
    "trafilatura default": trafilatura_variant(),
    "trafilatura favor_precision": trafilatura_variant(favor_precision=True),
    "trafilatura favor_recall": trafilatura_variant(favor_recall=True),
}


def load_shared(limit: int | None = None) -> list[tuple[str, str, dict[str, object]]]:
    """(name, html, truth) for the shared 80-page set."""
    truth = json.loads((SHARED / "ground_truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[:limit] if limit else sorted(truth)
    return [(n, gzip.decompress((SHARED / "html" / n).read_bytes()).decode("utf-8", "replace"),
             truth[n]) for n in names]


def news_extraction(extractors: dict[str, Extractor], limit: int | None,
                    ) -> dict[str, dict[str, float]]:
    """F1 and pages/s of each extractor on the shared set."""
    pages = load_shared(limit)
    results = {}
    for label, extract in extractors.items():
        started = time.perf_counter()
        outputs = [extract(html, str(item["url"])) for _, html, item in pages]
        elapsed = time.perf_counter() - started
        scores = shingle_f1((out, list(item["body"]))  # type: ignore[call-overload]
                            for out, (_, _, item) in zip(outputs, pages, strict=True))
        results[label] = {**scores, "pages_per_s": len(pages) / elapsed, "pages": len(pages)}
    return results


def boilerplate_corpus(extractors: dict[str, Extractor]) -> dict[str, dict[str, float]]:
    """Boilerplate lines removed and body tokens kept on the labelled corpus."""
    results = {}
    golds = sorted(CORPUS.glob("*/*.gold.json"))
    for label, extract in extractors.items():
        totals = [0, 0, 0, 0]
        for path in golds:
            gold = json.loads(path.read_text(encoding="utf-8"))
            html = path.with_name(path.name.replace(".gold.json", ".html")).read_text("utf-8")
            out = extract(html, f"https://example.org/{path.parent.name}/{path.stem}")
            got = boilerplate_scores(out, gold["body_paragraphs"],
                                     [b["text"] for b in gold["boilerplate"]])
            totals = [a + b for a, b in zip(totals, got, strict=True)]
        results[label] = {"boilerplate_removed": totals[0] / totals[1],
                          "body_tokens_kept": totals[2] / totals[3], "pages": len(golds)}
    return results


def main() -> None:
    """Print both tables (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="only the first N shared pages")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    extractors = {"rcwire": rcwire, **TRAFILATURA}
    report: dict[str, object] = {"date": datetime.now(UTC).date().isoformat()}
    if SHARED.is_dir():
        report["news_extraction"] = news_extraction(extractors, args.limit)
    else:
        print(f"(skipping {SHARED}: not present)", file=sys.stderr)
    report["boilerplate_corpus"] = boilerplate_corpus(extractors)
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"extraction benchmark, {report['date']}")
    for name, rows in report.items():
        if name == "date" or not isinstance(rows, dict):
            continue
        print(f"\n{name}")
        for label, row in rows.items():
            cells = "  ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}"
                              for k, v in row.items())
            print(f"  {label:<30} {cells}")


if __name__ == "__main__":
    main()
