"""Scores of the text cleaner on the labelled paragraphs (tests/fixtures/paragraphs).

Shared by the quality gate and ``benchmarks/paragraphs.py``. Each page is cleaned twice,
as HTML (title from the page, link shares known) and as plain text, with the rules alone
or with rules and classifier; unsure paragraphs count neither way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.clean.text import clean_paragraphs

DATA = Path(__file__).resolve().parent.parent / "fixtures" / "paragraphs"


def load_part(part: str) -> list[dict[str, Any]]:
    """Pages of ``tuning`` or ``validation``."""
    text = (DATA / f"{part}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def paragraph_texts() -> list[str]:
    """The text of every labelled paragraph of both parts (for tests that check two ways
    of matching give the same answer on real text; no label is read)."""
    return [p["text"] for part in ("tuning", "validation") for page in load_part(part)
            for p in page["paragraphs"]]


def blind_article_lines() -> list[str]:
    """Every block of the blind whole articles (tests/fixtures/paragraphs/blind_articles),
    most of them furniture and many in Russian, Chinese and other languages: for the same
    kind of two-ways test (no label is read)."""
    folder = Path(__file__).resolve().parent.parent / "fixtures" / "paragraphs" / "blind_articles"
    return [line for txt in sorted(folder.glob("set*/*.txt"))
            for line in txt.read_text(encoding="utf-8").split("\n") if line.strip()]


def clean_page(page: dict[str, Any], *, html: bool, model: bool,
               ) -> tuple[list[dict[str, Any]], list[str | None]]:
    """The page's paragraphs in one mode and the label the cleaner gave each."""
    paras = [p for p in page["paragraphs"] if not (html and p["link_share"] is None)]
    result = clean_paragraphs([p["text"] for p in paras],
                              title=page["title"] if html else None,
                              link_shares=[p["link_share"] for p in paras] if html else None,
                              model=model)
    return paras, result.labels


def scores(pages: Iterable[dict[str, Any]], *, html: bool, model: bool = True,
           ) -> dict[str, float]:
    """Boilerplate paragraphs removed, body paragraphs and body words kept."""
    bp = bp_removed = body = body_kept = words = words_kept = 0
    for page in pages:
        paras, labels = clean_page(page, html=html, model=model)
        for para, lab in zip(paras, labels, strict=True):
            n = len(para["text"].split())
            if para["label"] == "boilerplate":
                bp += 1
                bp_removed += lab is not None
            elif para["label"] == "body":
                body += 1
                words += n
                body_kept += lab is None or lab == "title"
                words_kept += n if lab is None or lab == "title" else 0
    return {"boilerplate_removed": bp_removed / max(1, bp),
            "body_paragraphs_kept": body_kept / max(1, body),
            "body_words_kept": words_kept / max(1, words),
            "boilerplate": bp, "body": body}


def fresh_scores(pages: Iterable[dict[str, Any]], *, html: bool,
                 ) -> dict[str, Any]:
    """How the cleaner (rules + classifier) does on the fresh lines of ``fresh.yaml``.

    The fresh lines were inserted into the pages as plain lines (no link share). As HTML
    they are given a link share of 0.0 (unlinked text, the conservative case for lists of
    related stories) and the page's title; as text the cleaner gets neither.
    """
    removed = total = body = body_kept = 0
    missed: list[tuple[str, str]] = []
    lost: list[str] = []
    for page in pages:
        if html:
            page = {**page, "paragraphs": [
                {**p, "link_share": 0.0} if p.get("fresh") and p["link_share"] is None else p
                for p in page["paragraphs"]]}
        paras, labels = clean_page(page, html=html, model=True)
        for para, lab in zip(paras, labels, strict=True):
            if not para.get("fresh"):
                continue
            if para["label"] == "boilerplate":
                total += 1
                removed += lab is not None
                if lab is None:
                    missed.append((str(para["fresh"]), para["text"]))
            else:
                body += 1
                body_kept += lab is None or lab == "title"
                if not (lab is None or lab == "title"):
                    lost.append(para["text"])
    return {"removed": removed / max(1, total), "boilerplate": total,
            "body_kept": body_kept / max(1, body), "body": body,
            "missed": missed, "lost": lost}
