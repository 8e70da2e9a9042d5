"""A loopback site for feed life-cycle tests: the fault site plus a route table that
tests change between runs (a feed that dies, moves, or was never a feed).

``site.routes[path] = <route>`` answers ``path`` with one of:

* ``status(C)``              an HTML error page with status C (410, 404, 500 ...)
* ``redirect(C, to)``        a redirect with status C (301, 302, 307, 308) to ``to``
* ``rss_feed(keys)``         RSS 2.0 whose items link to ``/_fault/article/<key>`` (on-theme
                             articles unique to each key); ETag and 304 like a real server
* ``json_feed(keys)``        the same items as a JSON Feed 1.1 (application/feed+json)
* ``html_page(links)``       a web page whose head advertises ``links`` (href, type) with
                             ``<link rel="alternate">``

Every request's headers are kept in ``site.requests`` as (path, headers) for tests that
check validators (If-None-Match) or which address was asked for.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from xml.sax.saxutils import escape, quoteattr

from pipeline.samplesite import _Handler
from tests.support.faultsite import FaultSite, article_title, rss

Route = Callable[[_Handler], None]
# Items are dated one hour apart, newest first, ending here (JSON Feed's date_published).
NEWEST = datetime(2026, 11, 30, 8, 15, tzinfo=UTC)


class FeedSite(FaultSite):
    """The fault site with per-path routes tests set and change (``routes``)."""

    def __init__(self, *, robots: tuple[int, str] | None = None) -> None:
        super().__init__(robots=robots)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []

    def respond(self, handler: _Handler, path: str) -> bool:
        """Serve ``routes[path]`` when set, else what the fault site serves."""
        with self._lock:
            self.requests.append((path, dict(handler.headers.items())))
        route = self.routes.get(path)
        if route is None:
            return super().respond(handler, path)
        route(handler)
        return True

    def article(self, key: str) -> str:
        """The URL of the on-theme article page of ``key``."""
        return f"{self.base_url}/_fault/article/{key}"

    def asked(self, path: str) -> list[dict[str, str]]:
        """Headers of every request for ``path``, in order."""
        with self._lock:
            return [h for p, h in self.requests if p == path]


def status(code: int) -> Route:
    """Answer ``code`` with a small HTML page."""
    def route(h: _Handler) -> None:
        h.send(code, f"<h1>{code} {HTTPStatus(code).phrase}</h1>".encode(), "text/html")
    return route


def redirect(code: int, to: str) -> Route:
    """Redirect with ``code`` to ``to`` (absolute, or a path on this site)."""
    def route(h: _Handler) -> None:
        h.send_response(code)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return route


def rss_feed(keys: list[str], pages: str = "/_fault/article/") -> Route:
    """RSS 2.0 listing the article pages of ``keys`` (with ETag and 304); ``pages`` is
    the path the keys are appended to (``/_fault/status/404/`` for pages that fail)."""
    def route(h: _Handler) -> None:
        base = h.site.base_url
        body = rss(base, [(article_title(k), f"{base}{pages}{k}") for k in keys])
        _send(h, body, "application/rss+xml")
    return route


def json_feed(keys: list[str], *, language: str = "en") -> Route:
    """A JSON Feed 1.1 listing the article pages of ``keys`` (with ETag and 304)."""
    def route(h: _Handler) -> None:
        base = h.site.base_url
        items = [{"id": f"urn:rcwire-test:{k}", "url": f"{base}/_fault/article/{k}",
                  "title": article_title(k), "summary": f"Summary of {k}.",
                  "date_published": (NEWEST - timedelta(hours=i)).isoformat(),
                  "date_modified": "2030-01-01T00:00:00Z", "authors": [{"name": "Desk"}]}
                 for i, k in enumerate(keys)]
        doc = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON Wire",
               "home_page_url": f"{base}/", "feed_url": f"{base}/feed.json",
               "language": language, "items": items}
        _send(h, json.dumps(doc).encode(), "application/feed+json")
    return route


def html_page(links: list[tuple[str, str]]) -> Route:
    """A site front page advertising ``links`` as (href, type) alternates."""
    def route(h: _Handler) -> None:
        heads = "".join(f"<link rel=\"alternate\" type={quoteattr(t)} href={quoteattr(u)}>"
                        for u, t in links)
        body = (f"<!DOCTYPE html><html><head><title>Front page</title>{heads}"
                "<link rel=\"stylesheet\" href=\"/style.css\"></head><body><h1>News</h1>"
                f"<p>{escape('Russia & China: the latest')}</p></body></html>")
        h.send(HTTPStatus.OK, body.encode(), "text/html; charset=utf-8")
    return route


def _send(h: _Handler, body: bytes, ctype: str) -> None:
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    if not h.not_modified(etag):
        h.send(HTTPStatus.OK, body, ctype, {"ETag": etag})
