"""Extraction quality metrics and the corpus-scoring loops shared by the benchmark
(``benchmarks/extraction.py``) and the CI quality gate (``tests/pipeline/clean/
test_quality_gate.py``): both score the same extractors on the same pages the same way.

Token-shingle F1 as in the Zyte article-extraction benchmark: tokens are ``\\w+``,
4-token shingles with multiplicity, per-page precision and recall, averaged over pages,
F1 = 2PR/(P+R). Gold paragraphs in square brackets are optional and count neither way.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import trafilatura

from pipeline.extract.article import ExtractError, extract_article
from pipeline.records import FeedEntry, Page

# (html, url) -> the text an extractor keeps.
Extractor = Callable[[str, str], str]
# (name, html, ground truth with "url" and "body") of one labelled news page.
NewsPage = tuple[str, str, dict[str, Any]]

# Words, except that each Chinese or Japanese character is a token of its own (those
# scripts have no spaces: a whole clause would otherwise be one token).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """n-token shingles with multiplicity."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1)))


def is_optional(paragraph: str) -> bool:
    """A gold paragraph in square brackets."""
    return paragraph.startswith("[") and paragraph.endswith("]")


def page_precision_recall(predicted: str, gold_paragraphs: list[str]) -> tuple[float, float]:
    """Shingle precision and recall of one page (an empty side counts as perfect)."""
    gold = "\n".join(p for p in gold_paragraphs if not is_optional(p))
    optional = "\n".join(p.strip("[]") for p in gold_paragraphs if is_optional(p))
    pred, true = shingles(predicted) - shingles(optional), shingles(gold)
    tp = sum((pred & true).values())
    precision = tp / sum(pred.values()) if pred else (1.0 if not true else 0.0)
    recall = tp / sum(true.values()) if true else 1.0
    return precision, recall


def shingle_f1(pages: Iterable[tuple[str, list[str]]]) -> dict[str, float]:
    """Mean precision, mean recall and their F1 over (predicted, gold paragraphs) pairs."""
    pairs = [page_precision_recall(pred, gold) for pred, gold in pages]
    if not pairs:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def boilerplate_scores(output: str, body: list[str], boilerplate: list[str],
                       ) -> tuple[int, int, int, int]:
    """(boilerplate lines removed, boilerplate lines, body tokens kept, body tokens)."""
    # Whitespace folded on both sides: the cleaner joins a line's runs of spaces, so a kept
    # line printed with two spaces must still count as kept.
    lines = {" ".join(ln.split()) for ln in output.split("\n") if ln.strip()}
    removed = sum(1 for line in boilerplate if " ".join(line.split()) not in lines)
    out_tokens = Counter(_TOKEN.findall(output))
    body_tokens = Counter(_TOKEN.findall(" ".join(body)))
    return (removed, len(boilerplate), sum((out_tokens & body_tokens).values()),
            sum(body_tokens.values()))


def fetched_page(html: str, url: str) -> Page:
    """``html`` as the fetch stage hands a page at ``url`` to extraction."""
    return Page(FeedEntry("eval", "eval", url, url), url, 200, "text/html", html,
                datetime.now(UTC))


def rcwire_text(html: str, url: str) -> str:
    """The pipeline's extraction and cleaning, as stored in ``articles.text``; a page the
    pipeline rejects (``ExtractError``) scores as empty text, as it would store nothing."""
    try:
        return extract_article(fetched_page(html, url)).text
    except ExtractError:
        return ""


def trafilatura_variant(**options: bool) -> Extractor:
    """trafilatura.extract with the given options (comments always off)."""
    def run(html: str, url: str) -> str:
        return trafilatura.extract(html, url=url, include_comments=False, **options) or ""
    return run


TRAFILATURA: dict[str, Extractor] = {
    "trafilatura default": trafilatura_variant(),
    "trafilatura favor_precision": trafilatura_variant(favor_precision=True),
    "trafilatura favor_recall": trafilatura_variant(favor_recall=True),
}


def load_news_pages(folder: Path, limit: int | None = None) -> list[NewsPage]:
    """The pages of a news-extraction set (``ground_truth.json`` and ``html/*.gz``)."""
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[:limit] if limit else sorted(truth)
    return [(n, gzip.decompress((folder / "html" / n).read_bytes()).decode("utf-8", "replace"),
             truth[n]) for n in names]


def score_news(extract: Extractor, pages: list[NewsPage]) -> dict[str, float]:
    """Shingle precision, recall and F1 of one extractor on news pages."""
    return shingle_f1((extract(html, str(item["url"])), list(item["body"]))
                      for _, html, item in pages)


def score_boilerplate_corpus(extract: Extractor, golds: list[Path]) -> dict[str, float]:
    """Share of labelled boilerplate lines removed and of body tokens kept over the given
    ``*.gold.json`` pages of the labelled corpus (each beside its ``.html``)."""
    totals = [0, 0, 0, 0]
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        html = path.with_name(path.name.replace(".gold.json", ".html")).read_text("utf-8")
        out = extract(html, f"https://example.org/{path.parent.name}/{path.stem}")
        got = boilerplate_scores(out, gold["body_paragraphs"],
                                 [b["text"] for b in gold["boilerplate"]])
        totals = [a + b for a, b in zip(totals, got, strict=True)]
    return {"boilerplate_removed": totals[0] / max(1, totals[1]),
            "body_tokens_kept": totals[2] / max(1, totals[3]), "pages": len(golds)}
