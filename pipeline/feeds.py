"""Turn feed bytes into ``FeedEntry`` records (feedparser on bytes, never on a URL)."""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from pipeline.records import FeedEntry, Source
from pipeline.urls import canonical_url, url_key


class FeedParseError(Exception):
    """The bytes are not a usable RSS/Atom feed; ``reason`` names why."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def parse_feed(
    source: Source, body: bytes, feed_url: str, content_type: str = "", limit: int = 200,
) -> tuple[list[FeedEntry], list[str]]:
    """Parse a feed document.

    Args:
        source: the source the feed belongs to.
        body: the raw response body.
        feed_url: the URL the body came from (base for relative links).
        content_type: the response's Content-Type header.
        limit: keep at most this many entries (feeds list newest first).

    Returns:
        The entries with absolute http(s) links, and warnings for entries that were skipped.

    Raises:
        FeedParseError: when the document is not a feed at all.
    """
    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, resolve_relative_uris=True,
                              sanitize_html=True)
    if not parsed.entries:
        raise FeedParseError(*_why_empty(parsed))
    entries: list[FeedEntry] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for raw in parsed.entries[:limit]:
        entry = _entry(source, feed_url, raw)
        if entry is None:
            warnings.append(f"entry without a usable http(s) link: {_title(raw)!r}")
        elif entry.url not in seen:
            seen.add(entry.url)
            entries.append(entry)
    if _malformed(parsed):
        warnings.append(f"feed is not well-formed: {parsed.get('bozo_exception')}")
    return entries, warnings


def _malformed(parsed: Any) -> bool:
    # Servers often label feeds text/html or mislabel the charset; feedparser copes.
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    return bool(parsed.get("bozo")) and not isinstance(parsed.get("bozo_exception"), benign)


def _why_empty(parsed: Any) -> tuple[str, str]:
    if _malformed(parsed):
        return "malformed_feed", f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"
    if not parsed.get("version"):
        return "not_a_feed", "document is not RSS or Atom"
    return "empty_feed", "feed has no entries"


def _entry(source: Source, feed_url: str, raw: Any) -> FeedEntry | None:
    link = _link(raw, feed_url)
    if link is None:
        return None
    guid = raw.get("id") or None
    return FeedEntry(
        source=source.name,
        feed_url=feed_url,
        url=link,
        entry_key=url_key(link),
        guid=str(guid)[:1000] if guid else None,
        title=_title(raw) or None,
        summary=(raw.get("summary") or None),
        published_at=_when(raw),
    )


def _link(raw: Any, feed_url: str) -> str | None:
    candidates = [raw.get("link")] + [
        ln.get("href") for ln in raw.get("links", []) if ln.get("rel", "alternate") == "alternate"]
    for cand in candidates:
        if not cand:
            continue
        url = urljoin(feed_url, str(cand).strip())
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
            return canonical_url(url)
    return None


def _title(raw: Any) -> str:
    return " ".join(str(raw.get("title", "")).split())[:1000]


def _when(raw: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = raw.get(key)
        if isinstance(value, time.struct_time):
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None
