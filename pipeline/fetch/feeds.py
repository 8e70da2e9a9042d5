"""Turn feed bytes into ``FeedEntry`` records, treating every feed as hostile.

* feedparser gets a stream, never bytes or a string: given ``bytes`` it first tries
  ``open()`` on them, so a response whose body is ``/etc/passwd`` would be read from disk.
* Documents that declare XML entities are refused (billion laughs, external entities).
* A run parses in child processes (``pipeline.fetch.parsers``) with a time budget and an
  address-space limit: feedparser's e-mail regex is quadratic on a crafted author field,
  and a thread could not be stopped.
* Entry links that are not http(s) are kept aside as ``refused`` so the run records them.
* JSON Feed (``pipeline.fetch.jsonfeed``) is read into feedparser's shape and then follows
  the same path; an HTML page fails as ``html_page`` naming the feeds it advertises
  (``pipeline.fetch.discover``).
"""

from __future__ import annotations

import calendar
import contextlib
import email.utils
import io
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser

from pipeline.fetch.discover import advertised_feeds, describe, looks_like_html
from pipeline.fetch.jsonfeed import JsonFeedError, looks_like_json, parse_json_feed
from pipeline.records import FeedEntry, Source
from pipeline.urls import canonical_url, url_key

_ENTITY_DECL = tuple("<!ENTITY".encode(enc) for enc in (
    "utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp037"))


class FeedParseError(Exception):
    """The bytes are not a usable RSS/Atom/JSON feed; ``reason`` names why. For an HTML
    page (``html_page``), ``feeds`` holds the (URL, kind) of the feeds it advertises."""

    def __init__(self, reason: str, detail: str,
                 feeds: list[tuple[str, str]] | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.feeds = feeds or []


@dataclass(frozen=True)
class ParsedFeed:
    """Entries with usable links, warnings, the (link, reason) of links refused, and the
    feed's declared language and title."""

    entries: list[FeedEntry]
    warnings: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    language: str | None = None
    title: str | None = None


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
        FeedParseError: when the document is not a feed at all, or declares XML entities.
    """
    parsed = parse_document(source, body, feed_url, content_type, limit)
    return parsed.entries, parsed.warnings


def parse_document(
    source: Source, body: bytes, feed_url: str, content_type: str = "", limit: int = 200,
) -> ParsedFeed:
    """``parse_feed`` that also returns the links it refused, with the reason."""
    parsed = _parse_any(body, feed_url, content_type)
    if not parsed.get("entries"):
        if not parsed.get("version") and looks_like_html(body, content_type):
            found = advertised_feeds(body, feed_url)
            raise FeedParseError("html_page", f"{feed_url[:200]} is a web page, not a feed; "
                                 + (f"it advertises {describe(found)}" if found else
                                    "it advertises no feed"), found)
        raise FeedParseError(*_why_empty(parsed))
    feed = parsed.get("feed") or {}
    result = ParsedFeed([], language=_short(feed.get("language")),
                        title=_short(feed.get("title")))
    seen: set[str] = set()
    atom = str(parsed.get("version", "")).startswith("atom")
    for raw in parsed["entries"][:limit]:
        entry = _entry(source, feed_url, raw, atom=atom)
        if entry is None:
            result.warnings.append(f"entry without a usable http(s) link: {_title(raw)!r}")
            result.refused.extend(_refused_link(raw, feed_url))
        elif entry.url not in seen:
            seen.add(entry.url)
            result.entries.append(entry)
    if _malformed(parsed):
        result.warnings.append(f"feed is not well-formed: {parsed.get('bozo_exception')}")
    return result


def _parse_any(body: bytes, feed_url: str, content_type: str) -> Any:
    """feedparser's result for RSS/Atom, or the same shape for a JSON Feed."""
    if looks_like_json(body, content_type):
        try:
            return parse_json_feed(body)
        except JsonFeedError as exc:
            raise FeedParseError(exc.reason, exc.detail) from None
    if any(decl in body for decl in _ENTITY_DECL):
        raise FeedParseError("xml_entities", "the document declares XML entities "
                             "(<!ENTITY>); refused: entity expansion and external entities")
    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    return feedparser.parse(io.BytesIO(body), response_headers=headers,
                            resolve_relative_uris=True, sanitize_html=True)


def _short(value: object) -> str | None:
    return " ".join(str(value).split())[:100] or None if value else None


def _malformed(parsed: Any) -> bool:
    # Servers often label feeds text/html or mislabel the charset; feedparser copes.
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    return bool(parsed.get("bozo")) and not isinstance(parsed.get("bozo_exception"), benign)


def _why_empty(parsed: Any) -> tuple[str, str]:
    if _malformed(parsed):
        exc = parsed.get("bozo_exception")
        return "malformed_feed", f"{type(exc).__name__}: {exc}"
    if not parsed.get("version"):
        return "not_a_feed", "document is not RSS, Atom or JSON Feed"
    return "empty_feed", "feed has no entries"


def _entry(source: Source, feed_url: str, raw: Any, *, atom: bool) -> FeedEntry | None:
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
        published_at=_when(raw, atom=atom, zone=source.timezone),
    )


def _link(raw: Any, feed_url: str) -> str | None:
    candidates = [raw.get("link")] + [
        ln.get("href") for ln in raw.get("links", []) if ln.get("rel", "alternate") == "alternate"]
    for cand in candidates:
        url = _absolute(feed_url, cand) if cand else None
        if url is not None and _fetchable(url):
            return canonical_url(url)
    return None


def _absolute(feed_url: str, link: object) -> str | None:
    try:
        return urljoin(feed_url, str(link).strip())
    except ValueError:  # "http://[::1" and other links no URL parser accepts
        return None


def _fetchable(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _refused_link(raw: Any, feed_url: str) -> list[tuple[str, str]]:
    """The entry's link and why it is not fetched: ``bad_scheme`` or ``bad_url``."""
    link = raw.get("link")
    if not link:
        return []
    url = (_absolute(feed_url, link) or str(link).strip())[:2000]
    scheme = url.split(":", 1)[0].lower()
    return [(url, "bad_url" if scheme in ("http", "https") else "bad_scheme")]


def _title(raw: Any) -> str:
    return " ".join(str(raw.get("title", "")).split())[:1000]


# The end of a written date that names its zone: an offset, Z, or a zone abbreviation.
_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2}|\d[Zz]|\b(?:UTC?|GMT|[A-Z]{3,4}))$")


def _when(raw: Any, *, atom: bool, zone: str | None = None) -> datetime | None:
    # Atom requires <updated> on every entry and generators often stamp it with the feed's
    # own time: it says when an entry last changed, not when it was published. In RSS
    # feedparser files dc:date (RSS 1.0's only date) under "updated", which is a
    # publication date.
    keys = ("published_parsed",) if atom else ("published_parsed", "updated_parsed")
    for key in keys:
        value = raw.get(key)
        if isinstance(value, time.struct_time):
            when = datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            written = raw.get(key.removesuffix("_parsed"))
            if zone and isinstance(written, str) and not _OFFSET.search(written.strip()):
                # feedparser reads a time without an offset as UTC; the source's own
                # feeds print its local time (issue 17: Moscow, Beijing).
                when = when.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
            return when
        written = raw.get(key.removesuffix("_parsed"))
        if zone and isinstance(written, str) and written.strip():
            # feedparser reads no RFC 822 date without a zone ("Tue, 09 Apr 2024 14:30:00");
            # with the source's zone it is a local time.
            with contextlib.suppress(TypeError, ValueError, IndexError):
                local = email.utils.parsedate_to_datetime(written)
                if local.tzinfo is None:
                    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    return None
