"""Clean one document without a database: what ``rcwire clean`` runs.

HTML goes through the same extraction and cleaning as a fetched page; text (already
extracted or scraped, one paragraph per line) goes through the paragraph classifier only.
"""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.clean.text import clean_paragraphs
from pipeline.enrich.theme import score_article
from pipeline.extract.article import extract_article
from pipeline.fetch.decode import decode_html
from pipeline.languages import detect_language
from pipeline.records import FeedEntry, Page


@dataclass(frozen=True)
class CleanedDocument:
    """What ``rcwire clean --json`` prints for one input."""

    path: str
    title: str | None
    author: str | None
    published_at: str | None
    language: str | None
    text: str
    removed: list[dict[str, str]]
    relevance_score: float
    on_theme: bool

    def as_json(self) -> dict[str, Any]:
        """The JSON object, in a stable key order."""
        return {
            "path": self.path, "title": self.title, "author": self.author,
            "published_at": self.published_at, "language": self.language, "text": self.text,
            "removed": self.removed, "relevance_score": self.relevance_score,
            "on_theme": self.on_theme,
        }


def read_input(path: str) -> bytes:
    """Bytes of a file (``.gz`` inflated) or of standard input for ``-``."""
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def looks_like_html(data: bytes) -> bool:
    """A document with HTML markup near its start."""
    head = data[:4096].lower()
    return any(tag in head for tag in (b"<html", b"<!doctype html", b"<body", b"<p>", b"<div"))


def clean_document(path: str, data: bytes, *, html: bool | None = None,
                   url: str | None = None, threshold: float = 0.45) -> CleanedDocument:
    """Clean one input.

    Args:
        path: shown in the output.
        data: the document's bytes.
        html: force HTML (True) or text (False) mode; sniffed when None.
        url: the page's URL (HTML mode: base for canonical links).
        threshold: relevance needed for ``on_theme``.

    Returns:
        The clean document.
    """
    text, _ = decode_html(data)
    if html if html is not None else looks_like_html(data):
        return _from_html(path, text, url or "http://localhost/document", threshold)
    return _from_text(path, text, threshold)


def _from_html(path: str, html: str, url: str, threshold: float) -> CleanedDocument:
    page = Page(FeedEntry("cli", "cli", url, url), url, 200, "text/html", html,
                datetime.now(UTC))
    art = extract_article(page)
    score = score_article(art.title, art.text).score
    return CleanedDocument(
        path=path, title=art.title or None, author=art.author,
        published_at=art.published_at.isoformat() if art.published_at else None,
        language=art.language, text=art.text,
        removed=[{"kind": k, "text": t, "reason": r}
                 for (k, t), r in zip(art.removed, art.removal_reasons, strict=False)],
        relevance_score=score, on_theme=score >= threshold,
    )


def _from_text(path: str, text: str, threshold: float) -> CleanedDocument:
    cleaned = clean_paragraphs(text.splitlines())
    body = "\n\n".join(cleaned.paragraphs)
    score = score_article(cleaned.title or "", body).score
    return CleanedDocument(
        path=path, title=cleaned.title, author=cleaned.author,
        published_at=cleaned.published_at.isoformat() if cleaned.published_at else None,
        language=detect_language(body), text=body,
        removed=[{"kind": k, "text": t, "reason": r}
                 for (k, t), r in zip(cleaned.removed, cleaned.reasons, strict=True)],
        relevance_score=score, on_theme=score >= threshold,
    )
