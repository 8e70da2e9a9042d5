"""Feed discovery: the feeds a web page leads to.

A source URL that answers an HTML page is a site, not a feed. Its feeds are, in order:

1. the ones the page advertises in ``<link rel="alternate" type=...>`` (RSS, Atom, RDF,
   JSON Feed as ``application/feed+json``; plain ``application/json`` is left out because
   WordPress advertises its REST API that way), read here from the page inside the
   killable parse process, since the page is as hostile as any feed;
2. failing that, the common paths of feed generators (``common_paths``), which the caller
   probes one by one (each probe is an ordinary polite fetch and a parse).

The run only names what it found (one line in the feed's error); `rcwire sources add`
fetches the first working one and appends it to the sources file.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/rdf+xml": "rdf",
    "application/feed+json": "json",
}
# What WordPress, Ghost, Hugo, Jekyll, Blogger and most CMSs publish, most common first.
COMMON_PATHS = ("feed", "rss", "rss.xml", "atom.xml", "feed.xml", "index.xml", "feed.json")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_LINKS = 10


def looks_like_html(body: bytes, content_type: str) -> bool:
    """An HTML media type, or a body that opens like an HTML document."""
    if content_type.split(";")[0].strip().lower() in _HTML_TYPES:
        return True
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<head" in head


def advertised_feeds(html: bytes, page_url: str) -> list[tuple[str, str]]:
    """The feeds a page advertises, as (absolute URL, kind), in page order.

    Args:
        html: the page's bytes (decoded leniently: only ASCII markup matters here).
        page_url: the URL the page came from (``<base href>`` wins when present).

    Returns:
        At most ten distinct http(s) feed URLs, each with ``rss``, ``atom``, ``rdf`` or
        ``json``.
    """
    finder = _LinkFinder()
    try:
        finder.feed(html.decode("utf-8", errors="replace"))
        finder.close()
    except AssertionError:  # html.parser on a malformed declaration: keep what was found
        pass
    base = _join(page_url, finder.base) if finder.base else page_url
    found: dict[str, str] = {}
    for href, kind in finder.links:
        url = _join(base or page_url, href)
        if url and urlsplit(url).scheme in ("http", "https") and url not in found:
            found[url] = kind
    return list(found.items())[:_MAX_LINKS]


def common_paths(page_url: str) -> list[str]:
    """Feed URLs to probe for a page that advertises none: beside the page, then at the
    site's root."""
    parts = urlsplit(page_url)
    folder = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    bases = [urlunsplit((parts.scheme, parts.netloc, folder, "", ""))]
    root = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
    if root not in bases:
        bases.append(root)
    return [base + path for base in bases for path in COMMON_PATHS]


def describe(found: list[tuple[str, str]]) -> str:
    """``URL (rss), URL (atom)`` for a one-line message."""
    return ", ".join(f"{url} ({kind})" for url, kind in found)


class _LinkFinder(HTMLParser):
    """Collects ``<link rel=alternate type=feed href>`` and ``<base href>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "base" and values.get("href") and self.base is None:
            self.base = values["href"]
        if tag != "link" or len(self.links) >= _MAX_LINKS * 2:
            return
        rels = values.get("rel", "").lower().split()
        kind = FEED_TYPES.get(values.get("type", "").split(";")[0].strip().lower())
        if "alternate" in rels and kind and values.get("href"):
            self.links.append((values["href"], kind))

    handle_startendtag = handle_starttag


def _join(base: str, href: str) -> str | None:
    try:
        return urljoin(base, href)
    except ValueError:  # "http://[::1" and other hrefs no parser accepts
        return None
