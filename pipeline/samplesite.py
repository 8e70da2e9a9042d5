"""The bundled sample news site, served on loopback for ``make run``, tests and demos.

Serves ``samples/site`` with ``{{BASE}}`` in text files replaced by the server's own base
URL, answers conditional requests (ETag / Last-Modified -> 304) and gzip like a real
server, logs every request with its start and end time, and offers a few fault routes
under ``/_fault/`` (``tests.support.faultsite`` adds one per hostile case):

``/_fault/status/<code>``   that status
``/_fault/slow?seconds=S``  a page after S seconds
``/_fault/feed.xml?link=U`` an RSS feed with one item per ``link`` (repeatable)
``/_fault/malformed.xml``   a truncated RSS document
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

from pipeline.fetch.decode import is_utf8
from pipeline.paths import project_dir

_TEXT_SUFFIXES = {".html", ".xml", ".rss", ".atom", ".txt", ".json"}
_TYPES = {
    ".html": "text/html; charset=utf-8", ".xml": "application/xml",
    ".rss": "application/rss+xml", ".atom": "application/atom+xml",
    ".txt": "text/plain; charset=utf-8", ".json": "application/json",
}
# One fixed date so Last-Modified does not change with the checkout's file times.
_LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


@dataclass(frozen=True)
class Hit:
    """One request the site answered: path and monotonic start and end times."""

    path: str
    start: float
    end: float


# Where ``make run`` serves the site: the address ``samples/sources.yaml`` lists.
SAMPLE_PORT = 8765
_LISTED_BASE = f"http://127.0.0.1:{SAMPLE_PORT}"


def default_root() -> Path:
    """``samples/site`` of the checkout, or its copy inside an installed wheel."""
    return project_dir("samples") / "site"


def write_sources(base_url: str, dest: Path) -> Path:
    """Write ``samples/sources.yaml`` with its feeds re-pointed at ``base_url`` (a site
    served on another port); returns ``dest``."""
    text = (project_dir("samples") / "sources.yaml").read_text(encoding="utf-8")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text.replace(_LISTED_BASE, base_url), encoding="utf-8")
    return dest


class SampleSite:
    """A threaded HTTP server over a folder; use as a context manager or start/stop."""

    scheme = "http"

    def __init__(self, root: Path | None = None, host: str = "127.0.0.1", port: int = 0,
                 ) -> None:
        self.root = (root or default_root()).resolve()
        if not self.root.is_dir():
            raise FileNotFoundError(f"sample site folder {self.root} does not exist")
        handler = type("Handler", (_Handler,), {"site": self})
        self._server = self._make_server(host, port, handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None
        self.hits: dict[str, int] = {}
        self.log: list[Hit] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()

    def _make_server(self, host: str, port: int, handler: type[BaseHTTPRequestHandler],
                     ) -> ThreadingHTTPServer:
        return ThreadingHTTPServer((host, port), handler)

    @property
    def base_url(self) -> str:
        """``http://host:port`` with no trailing slash."""
        host, port = self._server.server_address[:2]
        return f"{self.scheme}://{host!s}:{port}"

    def start(self) -> SampleSite:
        """Serve in a background thread."""
        # A short poll interval makes stop() quick (tests start many sites).
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True, name="sample-site")
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket (handlers that hang are released)."""
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted."""
        try:
            self._server.serve_forever()
        finally:
            self._server.server_close()

    def __enter__(self) -> SampleSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def count(self, path: str) -> None:
        """Record a request (tests assert on what was fetched)."""
        with self._lock:
            self.hits[path] = self.hits.get(path, 0) + 1

    def record(self, path: str, start: float) -> None:
        """Log a finished request with its timing (tests check spacing and concurrency)."""
        with self._lock:
            self.log.append(Hit(path, start, time.monotonic()))

    def respond(self, handler: _Handler, path: str) -> bool:
        """Answer ``path`` specially (subclasses); False to serve the file."""
        return False

    def fault(self, handler: _Handler, name: str, query: dict[str, list[str]]) -> None:
        """Answer ``/_fault/<name>``; subclasses add routes."""
        handler.basic_fault(name, query)

    def render(self, path: str) -> tuple[bytes, str] | None:
        """The body and Content-Type for a URL path, or None if there is no such file."""
        rel = unquote(path).lstrip("/")
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root):
            return None
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return None
        data = target.read_bytes()
        if target.suffix in _TEXT_SUFFIXES:
            data = data.replace(b"{{BASE}}", self.base_url.encode("ascii"))
        ctype = _TYPES.get(target.suffix, "application/octet-stream")
        if target.suffix == ".html" and not is_utf8(data):
            # The sample's windows-1251 and GBK pages: like many such servers, no charset
            # in the header (some declare it in a <meta>, some nowhere).
            ctype = "text/html"
        return data, ctype


class _Handler(BaseHTTPRequestHandler):
    site: SampleSite
    server_version = "rcwire-sample-site/1.0"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests and `make run` print their own summaries."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.site.count(parts.path)
        start = time.monotonic()
        try:
            self._answer(parts.path, parts.query)
        finally:
            self.site.record(parts.path, start)

    def _answer(self, path: str, query: str) -> None:
        if path.startswith("/_fault/"):
            self.site.fault(self, path.removeprefix("/_fault/"), parse_qs(query))
            return
        if self.site.respond(self, path):
            return
        found = self.site.render(path)
        if found is None:
            self._send(HTTPStatus.NOT_FOUND, b"<h1>404 Not Found</h1>", "text/html")
            return
        body, ctype = found
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        if not self.not_modified(etag):
            self._send(HTTPStatus.OK, body, ctype,
                       {"ETag": etag, "Last-Modified": _LAST_MODIFIED})

    def _not_modified(self, etag: str) -> bool:
        if_none = self.headers.get("If-None-Match")
        if if_none is not None:
            return etag in [t.strip() for t in if_none.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return parsedate_to_datetime(since) >= parsedate_to_datetime(_LAST_MODIFIED)
            except (TypeError, ValueError):
                return False
        return False

    def send(self, status: int, body: bytes, ctype: str,
             headers: dict[str, str] | None = None) -> None:
        """Answer with a body (gzip when the client accepts it), like a real server."""
        self._send(status, body, ctype, headers)

    def not_modified(self, etag: str) -> bool:
        """Answer 304 when the request's validators match ``etag``; True if it did."""
        if not self._not_modified(etag):
            return False
        self.send_response(HTTPStatus.NOT_MODIFIED)
        self.send_header("ETag", etag)
        self.end_headers()
        return True

    def _send(self, status: int, body: bytes, ctype: str,
              headers: dict[str, str] | None = None) -> None:
        if "gzip" in self.headers.get("Accept-Encoding", "") and len(body) > 512:
            body = gzip.compress(body, mtime=0)
            headers = {**(headers or {}), "Content-Encoding": "gzip"}
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def basic_fault(self, name: str, query: dict[str, list[str]]) -> None:
        """The fault routes every sample site offers."""
        if name.startswith("status/"):
            code = int(name.split("/")[1])
            self._send(code, f"<h1>{code}</h1>".encode(), "text/html")
        elif name == "slow":
            time.sleep(float(query.get("seconds", ["30"])[0]))
            self._send(HTTPStatus.OK, b"<html><body><p>late</p></body></html>", "text/html")
        elif name == "feed.xml":
            self._send(HTTPStatus.OK, _feed_listing(query.get("link", [])),
                       "application/rss+xml")
        elif name == "malformed.xml":
            body = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken</ti"
            self._send(HTTPStatus.OK, body, "application/rss+xml")
        else:
            self._send(HTTPStatus.NOT_FOUND, b"unknown fault", "text/plain")


def _feed_listing(links: list[str]) -> bytes:
    """An RSS feed whose items link to ``links`` (tests point feeds at fault routes)."""
    items = "".join(
        f"<item><title>Item {i}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        "</item>" for i, link in enumerate(links))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Faults</title>"
            f"<link>/</link><description>fault feed</description>{items}</channel></rss>"
            ).encode()


