"""A large synthetic news site for benchmarks: many hosts, slow answers, realistic pages.

``python benchmarks/bigsite.py --hosts 50 --pages 100 --port 9100 --latency 0.1 0.3``
serves ``hosts`` sites on consecutive loopback ports (one "host" per port, so per-host
politeness applies per site), each with ``/feed.xml`` (RSS, ``pages`` items) and article
pages built on 16 real news pages (``tests/fixtures/news_subset``): their markup, chrome,
attributes and JSON-LD as they are, inline scripts and styles removed (so pages weigh
20-200 KB), and every text node refilled with on-beat words, so each page is its own
article while extraction works as hard as on the real page. Every response waits a
random latency first. Pages are generated on request from their number (about 1 ms), so
the server holds only the templates; feeds send ETags and answer 304. Each host counts
what it saw (requests, most in flight at once, first start and last end); ``GET
/_stats`` returns those figures and starts afresh. ``--port 0`` picks free ports.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html

# Names of the beat, and the plain words news prose is mostly made of: about one word in
# twenty is a name, as in real reporting on the beat.
BEAT = [
    "Moscow", "Beijing", "Kremlin", "Xi", "Putin", "Lavrov", "Wang", "Russia", "China",
    "Russian", "Chinese", "yuan", "rouble", "Siberia", "SCO", "BRICS", "Gazprom",
]
COMMON = [
    "the", "of", "and", "in", "to", "a", "on", "for", "with", "that", "by", "from", "as",
    "said", "would", "will", "has", "have", "was", "were", "is", "are", "be", "been", "it",
    "its", "their", "they", "which", "who", "this", "after", "over", "more", "than",
    "about", "into", "year", "years", "new", "also", "two", "three", "first", "last",
    "week", "month", "government", "officials", "ministers", "minister", "talks",
    "agreement", "trade", "energy", "gas", "oil", "pipeline", "sanctions", "summit",
    "partnership", "security", "exports", "imports", "delegation", "border", "investment",
    "banks", "payments", "settlement", "analysts", "market", "growth", "industry", "ports",
    "railways", "deal", "prices", "supply", "demand", "talks", "meeting", "visit", "state",
    "country", "countries", "economy", "economic", "political", "policy", "military",
    "cooperation", "plans", "project", "projects", "companies", "company", "president",
    "foreign", "affairs", "according", "report", "statement", "since", "while", "under",
    "between", "against", "during", "before", "however", "could", "should", "may", "might",
    "such", "other", "some", "many", "most", "both", "each", "only", "own", "same", "so",
    "than", "too", "very", "can", "just", "people", "time", "day", "percent", "billion",
    "million", "dollars", "share", "record", "level", "rise", "fall", "increase", "decline",
]
BEAT_SHARE = 0.05


TEMPLATES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "news_subset" / "html"
_SLOT = re.compile("\ue000(\\d+)\ue001")
# Element text left as it is: code, and data the extractor reads as metadata.
_VERBATIM = {"script", "style"}
_MAX_TEMPLATE = 200 * 1024


@dataclass(frozen=True)
class Template:
    """A real news page with every text node replaced by a numbered slot."""

    name: str
    parts: tuple[str, ...]   # literal HTML between slots
    words: tuple[int, ...]   # words each slot held in the real page; HEADLINE for titles


HEADLINE = -1
_TITLE_TAGS = {"title", "h1"}
_TITLE_META = ("//meta[@property='og:title' or @name='twitter:title' or @name='title' or "
               "@property='og:description' or @name='description' or "
               "@name='twitter:description']")


def _template(name: str, html: str) -> Template:
    doc = lxml.html.document_fromstring(html)
    # Inline scripts and styles are most of a raw page's bytes (the real pages are
    # 117 KB-1.1 MB); without them the pages fall in the 20-200 KB range. JSON-LD stays.
    for node in doc.xpath("//script[not(contains(@type, 'ld+json'))] | //style | //svg"):
        node.getparent().remove(node)
    # Every copy of a template must be its own article, not a URL duplicate.
    for node in doc.xpath("//link[@rel='canonical'] | //meta[@property='og:url']"):
        node.getparent().remove(node)
    words: list[int] = []

    def slot(count: int) -> str:
        words.append(count)
        return f"\ue000{len(words) - 1}\ue001"

    def fill(text: str | None) -> str | None:
        return slot(max(1, len(text.split()))) if text and text.strip() else text

    for node in doc.xpath(_TITLE_META):
        node.set("content", slot(HEADLINE))
    for node in doc.xpath("//script[contains(@type, 'ld+json')]"):
        node.text = _JSON_TITLE.sub(lambda m: m.group(1) + slot(HEADLINE) + '"', node.text or "")
    for node in doc.iter():
        if isinstance(node.tag, str) and node.tag in _TITLE_TAGS:
            node.text = slot(HEADLINE)
        elif isinstance(node.tag, str) and node.tag not in _VERBATIM:
            node.text = fill(node.text)
        node.tail = fill(node.tail)
    pieces = _SLOT.split(lxml.html.tostring(doc, encoding="unicode"))
    # Slots are numbered in the order made, which is not document order.
    order = [int(k) for k in pieces[1::2]]
    return Template(name, tuple(pieces[0::2]), tuple(words[k] for k in order))


_JSON_TITLE = re.compile(r'("(?:headline|name|alternativeHeadline|description)"\s*:\s*")'
                         r'(?:[^"\\]|\\.)*"')


@lru_cache(maxsize=1)
def templates() -> tuple[Template, ...]:
    """The real-page templates (``tests/fixtures/news_subset``, MIT) that weigh at most
    200 KB once their scripts are gone (14 of the 16)."""
    every = (_template(path.name, gzip.decompress(path.read_bytes()).decode("utf-8"))
             for path in sorted(TEMPLATES.glob("*.html.gz")))
    return tuple(t for t in every if sum(map(len, t.parts)) <= _MAX_TEMPLATE)


def page_html(site: int, page: int) -> bytes:
    """A real page's markup (structure, chrome, attributes, JSON-LD) with new words in
    every text node: unique, on-theme text at the real page's size and DOM complexity."""
    rng = random.Random(site * 100_003 + page)
    tpl = templates()[(site * 7 + page) % len(templates())]
    headline = f"Moscow and Beijing widen trade deal {site}-{page}"
    out = [tpl.parts[0]]
    for i, count in enumerate(tpl.words):
        out.append(headline if count == HEADLINE else " ".join(
            rng.choice(BEAT) if rng.random() < BEAT_SHARE else rng.choice(COMMON)
            for _ in range(count)))
        out.append(tpl.parts[i + 1])
    return "".join(out).encode("utf-8")


def feed_xml(site: int, pages: int, base: str) -> bytes:
    """RSS listing every page of a site."""
    items = "".join(
        f"<item><title>Moscow and Beijing widen trade deal {site}-{p}</title>"
        f"<link>{base}/a/{p}.html</link><guid>{base}/a/{p}.html</guid></item>"
        for p in range(pages))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Site {site}</title>"
            f"<link>{base}/</link><description>d</description>{items}</channel></rss>"
            ).encode()


class Counter:
    """What one host saw, counted by the server: requests, the most in flight at once,
    and the span between the first start and the last end (for requests per second)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> dict[str, float]:
        with self.lock:
            old = getattr(self, "figures", {})
            self.figures: dict[str, float] = {"requests": 0, "max_in_flight": 0,
                                              "first_start": 0.0, "last_end": 0.0}
            self.in_flight = 0
            return old

    def start(self) -> None:
        with self.lock:
            f = self.figures
            self.in_flight += 1
            f["requests"] += 1
            f["max_in_flight"] = max(f["max_in_flight"], self.in_flight)
            f["first_start"] = f["first_start"] or time.time()

    def end(self) -> None:
        """The answer is about to go out (headers, then any body)."""
        with self.lock:
            self.in_flight -= 1
            self.figures["last_end"] = time.time()


def make_handler(site: int, pages: int, latency: tuple[float, float],
                 counter: Counter | None = None) -> type:
    """A request handler for one site; ``/_stats`` returns (and resets) its counter."""
    counter = counter or Counter()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        counted = False

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/_stats":
                body = json.dumps(counter.reset()).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            counter.start()
            self.counted = True
            try:
                self.answer()
            finally:
                self.uncount()

        def uncount(self) -> None:
            if self.counted:
                self.counted = False
                counter.end()

        def end_headers(self) -> None:
            # The request stops counting as in flight just before the answer goes out:
            # once it arrives the client may start its next request at once, before
            # this thread runs again on a busy machine (which counted 3 in flight of 2).
            self.uncount()
            super().end_headers()

        def answer(self) -> None:
            time.sleep(random.uniform(*latency))
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                body = feed_xml(site, pages, base)
            elif self.path.startswith("/a/") and self.path.endswith(".html"):
                body = page_html(site, int(self.path[3:-5]))
            elif self.path == "/robots.txt":
                body = b"User-agent: *\nAllow: /\n"
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml" if self.path == "/feed.xml"
                             else "text/html; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early (timeouts, cancelled runs) are not news here


def serve(hosts: int, pages: int, port: int, latency: tuple[float, float]) -> None:
    """Serve every site until killed; port 0 picks free ports (printed as JSON)."""
    # Every port is bound first (a caller that picked them free loses them to no other
    # process while the templates are built), then the templates are built once before
    # the first request is served. Built on demand, every handler thread that got one of
    # the first requests built them at the same time (``lru_cache`` does not lock): 3.6 s
    # of the server's CPU inside the first run's fetch phase (0.1 s each), which that run
    # alone paid, so the compared runs did not face the same server (default 23.5 s
    # first, 15.7 s after). A connection made meanwhile waits in the listen queue.
    servers = []
    for site in range(hosts):
        server = _QuietServer(("127.0.0.1", port + site if port else 0),
                              make_handler(site, pages, latency))
        server.daemon_threads = True
        servers.append(server)
    templates()
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ports = [s.server_address[1] for s in servers]
    print(f"serving {hosts} sites x {pages} pages on 127.0.0.1 ports {json.dumps(ports)}",
          flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--latency", type=float, nargs=2, default=(0.1, 0.3))
    args = parser.parse_args()
    serve(args.hosts, args.pages, args.port, tuple(args.latency))
