"""Extraction quality and speed: rcwire (prune + trafilatura + clean) vs trafilatura alone.

Run: ``.venv/bin/python benchmarks/extraction.py [--limit N] [--json]``

1. ../shared/benchmarks/news-extraction (80 real pages, when present): Zyte-style
   token-shingle F1 (tokens ``\\w+``, 4-token shingles with multiplicity, per-page P/R,
   averaged) and pages per second, for rcwire and for trafilatura with its best settings.
2. tests/fixtures/corpus/boilerplate (our labelled pages, 7 template styles): share of
   boilerplate lines removed and share of body tokens kept.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import extract_article  # noqa: E402
from pipeline.records import FeedEntry, Page  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks" / "news-extraction"
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "boilerplate"
_TOKEN = re.compile(r"\w+")

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


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """4-token shingles with multiplicity."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1)))


def page_pr(predicted: str, gold: str, optional: str = "") -> tuple[float, float]:
    """Per-page precision and recall of shingles (an empty side counts as perfect).

    Optional paragraphs (in square brackets in the ground truth) count neither way:
    their shingles are taken out of the prediction and are not required.
    """
    pred, true = shingles(predicted) - shingles(optional), shingles(gold)
    tp = sum((pred & true).values())
    precision = tp / sum(pred.values()) if pred else (1.0 if not true else 0.0)
    recall = tp / sum(true.values()) if true else 1.0
    return precision, recall


def news_extraction(
    extractors: dict[str, Extractor], limit: int | None,
) -> dict[str, dict[str, float]]:
    """F1 and pages/s of each extractor on the shared 80-page set."""
    truth = json.loads((SHARED / "ground_truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[:limit] if limit else sorted(truth)
    pages = [(n, gzip.decompress((SHARED / "html" / n).read_bytes()).decode(
        "utf-8", "replace"), truth[n]) for n in names]
    results = {}
    for label, extract in extractors.items():
        precisions, recalls = [], []
        started = time.perf_counter()
        outputs = [extract(html, item["url"]) for _, html, item in pages]
        elapsed = time.perf_counter() - started
        for out, (_, _, item) in zip(outputs, pages, strict=True):
            gold = "\n".join(p for p in item["body"] if not _optional(p))
            optional = "\n".join(p.strip("[]") for p in item["body"] if _optional(p))
            p, r = page_pr(out, gold, optional)
            precisions.append(p)
            recalls.append(r)
        prec = sum(precisions) / len(precisions)
        rec = sum(recalls) / len(recalls)
        results[label] = {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec),
                          "pages_per_s": len(pages) / elapsed, "pages": len(pages)}
    return results


def _optional(paragraph: str) -> bool:
    return paragraph.startswith("[") and paragraph.endswith("]")


def boilerplate_corpus(extractors: dict[str, Extractor]) -> dict[str, dict[str, float]]:
    """Boilerplate lines removed and body tokens kept on the labelled corpus."""
    results = {}
    golds = sorted(CORPUS.glob("*/*.gold.json"))
    for label, extract in extractors.items():
        removed = total_bp = kept = total_body = 0
        for path in golds:
            gold = json.loads(path.read_text(encoding="utf-8"))
            html = path.with_name(path.name.replace(".gold.json", ".html")).read_text("utf-8")
            out = extract(html, f"https://example.org/{path.parent.name}/{path.stem}")
            lines = {ln.strip() for ln in out.split("\n") if ln.strip()}
            for item in gold["boilerplate"]:
                total_bp += 1
                removed += item["text"] not in lines
            out_tokens = Counter(_TOKEN.findall(out))
            body_tokens = Counter(_TOKEN.findall(" ".join(gold["body_paragraphs"])))
            kept += sum((out_tokens & body_tokens).values())
            total_body += sum(body_tokens.values())
        results[label] = {"boilerplate_removed": removed / total_bp,
                          "body_tokens_kept": kept / total_body, "pages": len(golds)}
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
