"""A large synthetic news site for benchmarks: many hosts, slow answers, realistic pages.

``python benchmarks/bigsite.py --hosts 50 --pages 100 --port 9100 --latency 0.1 0.3``
serves ``hosts`` sites on consecutive loopback ports (one "host" per port, so per-host
politeness applies per site), each with ``/feed.xml`` (RSS, ``pages`` items) and article
pages of 20-200 KB: a few hundred words of on-beat body text inside the chrome real pages
carry (navigation, inline scripts and styles, related lists, comments, footer). Every
response waits a random latency first. Pages are generated on request from their number,
so the server holds nothing in memory; feeds send ETags and answer 304.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = [
    "Moscow", "Beijing", "Kremlin", "Xi", "Putin", "Lavrov", "Wang", "trade", "energy",
    "pipeline", "yuan", "rouble", "sanctions", "summit", "partnership", "Siberia", "gas",
    "oil", "SCO", "BRICS", "Arctic", "security", "drills", "exports", "imports", "delegation",
    "ministers", "agreement", "talks", "border", "investment", "banks", "payments",
    "settlement", "officials", "analysts", "market", "growth", "industry", "ports", "railways",
    "the", "of", "and", "in", "to", "a", "on", "for", "with", "that", "by", "from", "as",
    "said", "would", "will", "has", "have",
]


def body_paragraphs(site: int, page: int) -> list[str]:
    """Deterministic on-theme body text for one page."""
    rng = random.Random(site * 100_003 + page)
    lead = (f"Russia and China agreed on Tuesday to expand trade in yuan and roubles, "
            f"officials in Moscow and Beijing said after talks number {site}-{page}.")
    paras = [lead]
    for _ in range(rng.randint(6, 14)):
        paras.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))) + ".")
    return paras


def page_html(site: int, page: int) -> bytes:
    """An article page of 20-200 KB."""
    rng = random.Random(site * 7919 + page)
    paras = "".join(f"<p>{p}</p>" for p in body_paragraphs(site, page))
    filler_kb = rng.randint(15, 190)
    script = "<script>var cfg = {" + ",".join(
        f'"k{i}": "{"x" * 40}"' for i in range(filler_kb * 18)) + "};</script>"
    related = "".join(f'<li><a href="/a/{(page + i) % 997}.html">Related story {i}</a></li>'
                      for i in range(12))
    html = (f"<!doctype html><html><head><meta charset='utf-8'><title>Story {site}-{page}"
            f"</title><meta property='article:published_time' content='2024-05-0"
            f"{1 + page % 9}T10:00:00Z'>{script}</head><body><nav><a href='/'>Home</a>"
            f"<a href='/world'>World</a></nav><article><h1>Moscow and Beijing widen trade "
            f"deal {site}-{page}</h1><p class='byline'>By Anna Petrova</p>{paras}</article>"
            f"<aside class='related'><h3>Related</h3><ul>{related}</ul></aside>"
            f"<div class='comments'><form><textarea></textarea></form></div>"
            f"<footer>© 2024 Site {site}. All rights reserved.</footer></body></html>")
    return html.encode("utf-8")


def feed_xml(site: int, pages: int, base: str) -> bytes:
    """RSS listing every page of a site."""
    items = "".join(
        f"<item><title>Moscow and Beijing widen trade deal {site}-{p}</title>"
        f"<link>{base}/a/{p}.html</link><guid>{base}/a/{p}.html</guid></item>"
        for p in range(pages))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Site {site}</title>"
            f"<link>{base}/</link><description>d</description>{items}</channel></rss>"
            ).encode()


def make_handler(site: int, pages: int, latency: tuple[float, float]) -> type:
    """A request handler for one site."""
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
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


def serve(hosts: int, pages: int, port: int, latency: tuple[float, float]) -> None:
    """Serve every site until killed."""
    servers = []
    for site in range(hosts):
        server = ThreadingHTTPServer(("127.0.0.1", port + site),
                                     make_handler(site, pages, latency))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    print(f"serving {hosts} sites x {pages} pages on 127.0.0.1:{port}-{port + hosts - 1}",
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
