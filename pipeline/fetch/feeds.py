"""Turn feed bytes into ``FeedEntry`` records, treating every feed as hostile.

* feedparser gets a stream, never bytes or a string: given ``bytes`` it first tries
  ``open()`` on them, so a response whose body is ``/etc/passwd`` would be read from disk.
* Documents that declare XML entities are refused (billion laughs, external entities).
* ``parse_feed_isolated`` runs the parser in a child process (``python -m pipeline.fetch.feeds``)
  with a time budget and an address-space limit: feedparser's e-mail regex is quadratic on
  a crafted author field, and a thread could not be stopped.
* Entry links that are not http(s) are kept aside as ``refused`` so the run records them.
* JSON Feed (``pipeline.fetch.jsonfeed``) is read into feedparser's shape and then follows
  the same path; an HTML page fails as ``html_page`` naming the feeds it advertises
  (``pipeline.fetch.discover``).
"""

from __future__ import annotations

import asyncio
import calendar
import contextlib
import email.utils
import io
import json
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser

from pipeline.fetch.discover import advertised_feeds, describe, looks_like_html
from pipeline.fetch.jsonfeed import JsonFeedError, looks_like_json, parse_json_feed
from pipeline.records import FeedEntry, Source
from pipeline.urls import canonical_url, url_key

# Seconds the parsing process may take to start (imports), before the parse budget runs.
START_BUDGET = 120.0
# Address space a parse may add to the child interpreter (Linux; elsewhere time only).
PARSE_MEMORY = 512 * 1024 * 1024
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


async def parse_feed_isolated(
    source: Source, body: bytes, feed_url: str, content_type: str = "", limit: int = 200,
    *, timeout: float = 20.0, memory: int = PARSE_MEMORY,
) -> ParsedFeed:
    """``parse_feed`` in a child process that is killed past ``timeout`` seconds.

    Args:
        source: the source the feed belongs to.
        body: the raw response body.
        feed_url: the URL the body came from.
        content_type: the response's Content-Type header.
        limit: keep at most this many entries.
        timeout: seconds the parse may take.
        memory: bytes of address space the parse may add to the child.

    Returns:
        What ``parse_document`` found.

    Raises:
        FeedParseError: as ``parse_feed``, or ``parse_timeout``, ``parse_out_of_memory``,
            ``parse_crashed``.
    """
    header = json.dumps({"source": asdict(source), "feed_url": feed_url,
                         "content_type": content_type, "limit": limit, "memory": memory})
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "pipeline.fetch.feeds", stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    try:
        assert proc.stdout is not None
        # The budget is the parse's: a busy machine may take seconds to start the
        # interpreter (4.5 s at a load of 20 on 2 cores), which is not the document's doing.
        try:
            await asyncio.wait_for(proc.stdout.readline(), START_BUDGET)
        except TimeoutError:
            raise FeedParseError("parse_timeout", f"the parsing process did not start "
                                 f"within {START_BUDGET:g}s; stopped") from None
        out, _ = await asyncio.wait_for(proc.communicate(header.encode() + b"\n" + body),
                                        timeout)
    except TimeoutError:
        raise FeedParseError("parse_timeout", f"parsing took over {timeout:g}s; "
                             "stopped") from None
    finally:
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()
    return _from_reply(source, out)


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


def _from_reply(source: Source, out: bytes) -> ParsedFeed:
    try:
        reply = json.loads(out)
    except ValueError:
        raise FeedParseError("parse_crashed", "the parsing process died") from None
    if not reply["ok"]:
        raise FeedParseError(reply["reason"], reply["detail"],
                             [(u, k) for u, k in reply.get("feeds") or ()])
    entries = [FeedEntry(**{**e, "published_at": _iso(e["published_at"])})
               for e in reply["entries"]]
    return ParsedFeed(entries, reply["warnings"], [(u, r) for u, r in reply["refused"]],
                      reply.get("language"), reply.get("title"))


def _iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _limit_memory(extra: int) -> None:
    """Cap this process's address space at its current size plus ``extra`` bytes."""
    try:
        import resource

        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[0])
        current = pages * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (current + extra, current + extra))
    except (ImportError, OSError, ValueError):
        pass  # not Linux: the time budget still holds


def _child() -> None:
    """Child side of ``parse_feed_isolated``: a ready line once imported, then header
    line and body on stdin, JSON out."""
    sys.stdout.buffer.write(b"ready\n")
    sys.stdout.buffer.flush()
    data = sys.stdin.buffer.read()
    head, _, body = data.partition(b"\n")
    job = json.loads(head)
    _limit_memory(int(job["memory"]))
    src = job["source"]
    source = Source(src["name"], src["url"], tuple(src.get("tags") or ()), src.get("language"),
                    src.get("timezone"))
    try:
        parsed = parse_document(source, body, job["feed_url"], job["content_type"],
                                job["limit"])
        reply: dict[str, Any] = {"ok": True, "entries": [
            {**asdict(e), "published_at": e.published_at.isoformat() if e.published_at
             else None} for e in parsed.entries],
            "warnings": parsed.warnings, "refused": parsed.refused,
            "language": parsed.language, "title": parsed.title}
    except FeedParseError as exc:
        reply = {"ok": False, "reason": exc.reason, "detail": exc.detail, "feeds": exc.feeds}
    except MemoryError:
        reply = {"ok": False, "reason": "parse_out_of_memory",
                 "detail": f"parsing needed over {int(job['memory']) >> 20} MiB"}
    except Exception as exc:  # a parser bug on a hostile document fails this feed only
        reply = {"ok": False, "reason": "parse_error",
                 "detail": f"{type(exc).__name__}: {exc}"[:500]}
    sys.stdout.buffer.write(json.dumps(reply).encode())


if __name__ == "__main__":
    _child()
