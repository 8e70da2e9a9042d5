"""Extraction quality metrics shared by the benchmark and the CI quality gate.

Token-shingle F1 as in the Zyte article-extraction benchmark: tokens are ``\\w+``,
4-token shingles with multiplicity, per-page precision and recall, averaged over pages,
F1 = 2PR/(P+R). Gold paragraphs in square brackets are optional and count neither way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")


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
    lines = {ln.strip() for ln in output.split("\n") if ln.strip()}
    removed = sum(1 for line in boilerplate if line not in lines)
    out_tokens = Counter(_TOKEN.findall(output))
    body_tokens = Counter(_TOKEN.findall(" ".join(body)))
    return (removed, len(boilerplate), sum((out_tokens & body_tokens).values()),
            sum(body_tokens.values()))
