"""JSON Feed (https://jsonfeed.org/version/1.1, and 1.0) read into feedparser's shape.

feedparser 6 reads RSS and Atom only. Rather than a second entry path, a JSON Feed is
turned into the dictionary feedparser would have returned (``version``, ``feed``,
``entries`` with ``link``, ``id``, ``title``, ``summary``, ``published_parsed``), so that
``pipeline.fetch.feeds`` applies the very same link, date and dedupe rules to it. It runs
inside the same killable parse process as RSS/Atom.

Mapping (spec 1.1 names): ``url`` (else ``external_url``) -> link, ``id`` -> guid,
``summary`` (else ``content_text``) -> summary, ``date_published`` -> published date.
``date_modified`` is ignored for the same reason as Atom's ``<updated>``: it says when an
item changed, not when it was published. ``content_html`` is never used as a summary: it
is unsanitised HTML.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

JSON_FEED_TYPES = ("application/feed+json", "application/json")
_VERSION_PREFIX = "https://jsonfeed.org/version/"
_SUMMARY_MAX = 2000


class JsonFeedError(ValueError):
    """The document is JSON but not a usable JSON Feed; ``reason`` names why."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def looks_like_json(body: bytes, content_type: str) -> bool:
    """A body whose first character opens an object, or one labelled JSON that does not
    open like markup (servers mislabel RSS as JSON too)."""
    media = content_type.split(";")[0].strip().lower()
    start = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"{") or (media in JSON_FEED_TYPES and not start.startswith(b"<"))


def parse_json_feed(body: bytes) -> dict[str, Any]:
    """A JSON Feed as feedparser's result dictionary.

    Args:
        body: the response body (UTF-8, as the spec requires; json also reads UTF-16/32).

    Returns:
        ``{"version", "bozo", "feed", "entries"}`` shaped like feedparser's.

    Raises:
        JsonFeedError: ``malformed_feed`` (not JSON, or nested past Python's recursion
            limit), ``not_a_feed`` (JSON without a jsonfeed.org version).
    """
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError) as exc:  # also bad UTF-8 and 5000-digit numbers
        raise JsonFeedError("malformed_feed", f"not valid JSON ({_short(exc)})") from None
    version = doc.get("version") if isinstance(doc, dict) else None
    if not isinstance(version, str) or not version.startswith(_VERSION_PREFIX):
        raise JsonFeedError("not_a_feed", "JSON document is not a JSON Feed (no "
                            f"'version': '{_VERSION_PREFIX}1.1')")
    items = doc.get("items")
    # A non-object item becomes an entry without a link, which the caller reports.
    entries = [_entry(item if isinstance(item, dict) else {}) for item in items] \
        if isinstance(items, list) else []
    return {
        "version": "json" + version.removeprefix(_VERSION_PREFIX).replace(".", ""),
        "bozo": False,
        "feed": {"title": _text(doc.get("title")), "language": _text(doc.get("language"))},
        "entries": entries,
    }


def _entry(item: dict[str, Any]) -> dict[str, Any]:
    link = _text(item.get("url")) or _text(item.get("external_url"))
    raw_id = item.get("id")
    # 1.0 feeds sometimes give numeric ids; 1.1 says strings. Either way it is the guid.
    guid = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) \
        else None
    summary = _text(item.get("summary")) or _text(item.get("content_text"))
    entry: dict[str, Any] = {"title": _text(item.get("title")) or ""}
    if link:
        entry["link"] = link
    if guid:
        entry["id"] = guid
    if summary:
        entry["summary"] = summary[:_SUMMARY_MAX]
    published = _date(item.get("date_published"))
    if published is not None:
        entry["published_parsed"] = published.utctimetuple()
    return entry


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: object) -> datetime | None:
    """An RFC 3339 date (``2026-11-30T08:15:00Z``, ``...+03:00``), in UTC."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None
    if when.tzinfo is None:  # RFC 3339 requires an offset; read a bare one as UTC
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]
