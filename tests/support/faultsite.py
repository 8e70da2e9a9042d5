"""A hostile sample site: the bundled sample site plus one route per failure rcwire must
survive. Tests (``tests/pipeline/test_reliability*.py``, ``test_politeness.py``,
``test_crash.py``) and ``benchmarks/reliability.py`` serve it on 127.0.0.1.

Everything ``pipeline.samplesite.SampleSite`` serves, plus, under ``/_fault/``:

Transport
  ``hang``                    reads the request, never answers
  ``drip?every=S[&head=1][&length=N]``
                              one byte every S seconds, forever (``head=1``: the status line
                              and headers too; ``length``: claim a Content-Length of N)
  ``big?size=N[&length=0]``   N bytes of HTML, with Content-Length (or without: ``length=0``)
  ``bomb?size=N``             gzip (Content-Encoding) inflating to N bytes (default 1 GiB)
  ``bomb.gz?size=N``          the same bytes as a raw .gz file (application/gzip)
  ``redirect?to=URL``         302 to URL (any scheme, any address)
  ``loop/a``, ``loop/b``      redirect to each other
  ``chain/N``                 N redirects, then an article
  ``busy/K?status=C&retry=S&times=T``
                              the first T requests (default 1) answer C (429) with
                              ``Retry-After: S``; later ones serve article K
  ``hit/K[?hold=S&status=C]`` ``ok`` (or status C) after S seconds: a target whose hits and
                              timing tests check (``site.hits``, ``site.log``)
Feeds (ETag and 304 like a real server)
  ``flaky/K?times=T&status=C`` the first T requests answer C (500), later ones a feed
                              linking to ``hit/K-i?status=404`` (1 + ``site.generation``
                              items)
  ``articles.xml?n=N&prefix=P[&hold=S]``
                              N article links ``article/P-i`` (plus ``site.generation``
                              more: bump it to publish a new item)
  ``feed/billion-laughs.xml`` nested entity expansion
  ``feed/xxe-file.xml?path=P`` an external entity naming a local file
  ``feed/xxe-http.xml``       an external entity naming ``hit/xxe`` on this site
  ``feed/local-path?path=P``  a body that is just a local path (feedparser opens those)
  ``feed/slow-author.xml?n=N`` an author field that makes feedparser's e-mail regex quadratic
  ``feed/bad-links.xml``      entry links to file:, ftp:, javascript: and data: URLs, one
                              no URL parser accepts, one to ``status/410``
Pages
  ``article/K[?hold=S]``      an on-theme article unique to K (after S seconds)
  ``page/cp1252``             windows-1252 bytes, no charset anywhere
  ``page/mislabelled``        windows-1252 bytes labelled ``charset=utf-8``
  ``page/utf8-as-latin1``     UTF-8 bytes labelled ``charset=iso-8859-1``
  ``page/double-encoded``     UTF-8 that was once read as windows-1252 ("cafÃ©")
  ``page/invalid-utf8``       UTF-8 with a stray byte in every few words
  ``page/nested?mb=M``        M MB (default 4.8) of nested markup around an article
  ``page/scripts``            an article laced with scripts, handlers and javascript: links
  ``page/sql-title``          an article whose title holds ``'); drop table articles; --``

``/robots.txt`` is the sample site's unless the site was built with ``robots=(status,
text)``; with ``tls=`` the site speaks HTTPS only.
"""

from __future__ import annotations

import hashlib
import random
import socket
import ssl
import time
import zlib
from collections.abc import Callable
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pipeline.samplesite import SampleSite, _Handler

SPECIAL_TEXT = ("Gazprom’s “landmark” deal — signed at a café in São Paulo, déjà vu for "
                "the €5 billion pipeline… said Lavrov’s aide.")
SQL_TITLE = "Russia and China talks'); drop table articles; -- end in a grain deal"
Query = dict[str, list[str]]


class FaultSite(SampleSite):
    """The sample site with the hostile routes above; a context manager like SampleSite.

    Args:
        root: the static site (the bundled one by default).
        robots: ``(status, text)`` to serve at ``/robots.txt`` instead of the file (for a
            3xx status, ``text`` is the redirect target).
        tls: serve HTTPS with this server context.
    """

    def __init__(self, root: Path | None = None, *, port: int = 0,
                 robots: tuple[int, str] | None = None, tls: ssl.SSLContext | None = None,
                 ) -> None:
        self._tls = tls
        self.scheme = "https" if tls else "http"
        super().__init__(root, port=port)
        self.robots = robots
        self.generation = 0
        self.connections = 0
        self.tls_failures = 0
        self._counters: dict[str, int] = {}

    def _make_server(self, host: str, port: int, handler: type[BaseHTTPRequestHandler],
                     ) -> ThreadingHTTPServer:
        server = _Server((host, port), handler)
        server.site = self
        return server

    def next_count(self, key: str) -> int:
        """How many times ``key`` was asked for before (thread-safe)."""
        with self._lock:
            seen = self._counters.get(key, 0)
            self._counters[key] = seen + 1
            return seen

    def respond(self, handler: _Handler, path: str) -> bool:
        """Serve the configured robots.txt, if any."""
        if path != "/robots.txt" or self.robots is None:
            return False
        status, text = self.robots
        if 300 <= status < 400:
            _redirect(handler, text, status)
        else:
            handler.send(status, text.encode(), "text/plain")
        return True

    def fault(self, handler: _Handler, name: str, query: Query) -> None:
        """Dispatch ``/_fault/<name>`` to its route."""
        route = _ROUTES.get(name) or _ROUTES.get(name.split("/")[0] + "/")
        if route is None:
            super().fault(handler, name, query)
            return
        route(handler, name.partition("/")[2], query)


class _Server(ThreadingHTTPServer):
    site: FaultSite

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, addr = super().get_request()
        with self.site._lock:
            self.site.connections += 1
        if self.site._tls is not None:
            sock = self.site._tls.wrap_socket(sock, server_side=True,
                                              do_handshake_on_connect=False)
        return sock, addr

    def finish_request(self, request: Any, client_address: Any) -> None:
        if isinstance(request, ssl.SSLSocket):
            try:
                request.do_handshake()
            except (ssl.SSLError, OSError):
                with self.site._lock:
                    self.site.tls_failures += 1
                return
        super().finish_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: clients that hang up mid-answer are the point of this site."""


# --- pages ----------------------------------------------------------------------------

_OFFICIALS = ["Sergei Lavrov", "Wang Yi", "Dmitry Peskov", "Mao Ning", "Alexei Overchuk",
              "Li Qiang", "Mikhail Mishustin", "Lin Jian", "Maria Zakharova", "Ding Xuexiang"]
_SECTORS = ["natural gas", "grain exports", "rail freight", "satellite navigation",
            "nuclear power", "Arctic shipping", "payment systems", "timber processing",
            "fertiliser supply", "machine tools", "coal deliveries", "car assembly"]
_CITIES = ["Vladivostok", "Harbin", "Kazan", "Shanghai", "Novosibirsk", "Urumqi", "Irkutsk",
           "Chengdu", "Khabarovsk", "Dalian", "Yekaterinburg", "Tianjin"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_TEMPLATES = [
    "{o} said on {d} that Russia and China would expand cooperation in {s} by {n} percent "
    "over the next {y} years.",
    "Officials in Moscow and Beijing called the {s} accord signed in {c} a milestone for "
    "relations between the two neighbours.",
    "Trade in {s} between Russia and China reached {m} billion dollars last year, according "
    "to customs figures cited by {o}.",
    "The agreement covers {n} joint projects, including a new terminal near {c} that is due "
    "to open within {y} years.",
    "Analysts in {c} noted that Chinese buyers have replaced European customers for much of "
    "Russia's {s}, often paying in yuan rather than dollars.",
    "{o} told reporters in {c} that the partnership was not directed against any third "
    "country and would deepen regardless of Western sanctions.",
    "Russian exporters expect Chinese demand for {s} to grow steadily, although prices "
    "remain a point of dispute in talks led by {o}.",
    "The Kremlin said President Vladimir Putin and Xi Jinping discussed {s} by telephone "
    "on {d}, weeks before a planned summit in {c}.",
    "Beijing has been cautious about direct investment in Russia, and only {n} of the "
    "announced {s} ventures have reached construction.",
    "A delegation from {c} arrived in Moscow on {d} to negotiate tariffs on {s}, the "
    "Chinese commerce ministry said.",
    "Western diplomats in {c} say the {s} deal shows how far Russia now depends on China "
    "for revenue and technology.",
    "Both governments promised to publish a joint roadmap for {s} before the end of the "
    "year, {o} added.",
]


def article_paragraphs(key: str, special: str = "") -> list[str]:
    """Paragraphs of an on-theme article that no other key repeats (seeded by ``key``)."""
    rng = random.Random(key)
    picks = rng.sample(_TEMPLATES, 9)
    sentences = [t.format(o=rng.choice(_OFFICIALS), s=rng.choice(_SECTORS),
                          c=rng.choice(_CITIES), d=rng.choice(_DAYS), n=rng.randint(3, 90),
                          y=rng.randint(2, 12), m=rng.randint(5, 240)) for t in picks]
    if special:
        sentences.insert(1, special)
    return [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]


def article_title(key: str) -> str:
    """A headline naming both sides, unique to ``key``."""
    rng = random.Random("title:" + key)
    return (f"Russia and China agree {rng.randint(3, 90)}% rise in "
            f"{rng.choice(_SECTORS)} trade at {rng.choice(_CITIES)} talks ({key})")


def article_html(key: str, *, title: str | None = None, special: str = "",
                 charset: bool = True, inside: str = "", around: str = "") -> str:
    """A plain news page for ``key``; ``inside`` goes into the article, ``around`` the page."""
    title = title or article_title(key)
    paras = "".join(f"<p>{escape(p)}</p>\n" for p in article_paragraphs(key, special))
    meta = '<meta charset="utf-8">' if charset else ""
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head>{meta}<title>{escape(title)}</title>"
            f"</head>\n<body><header><a href=\"/\">Fault Wire</a></header>\n{around}"
            f"<main><article><h1>{escape(title)}</h1>\n{paras}{inside}</article></main>\n"
            "<footer><p>Fault Wire is a test outlet.</p></footer></body></html>\n")


_SCRIPTS_INSIDE = (
    "<p>Moscow and Beijing said more talks would follow.<script>document.title="
    "'x-script-marker'</script> <img src=\"x\" onerror=\"alert('x-onerror-marker')\"> "
    "<a href=\"javascript:alert('x-js-marker')\" onclick=\"steal('x-onclick-marker')\">"
    "Officials</a> gave no date.</p>\n<svg onload=\"alert('x-svg-marker')\"></svg>"
    "<iframe src=\"javascript:alert('x-iframe-marker')\"></iframe>"
    # A promo box that pruning removes, with a script inside: its removal is recorded,
    # and the record must not carry the script.
    "<div class=\"newsletter-signup\">Sign up for our newsletter<script>"
    "track('x-script-marker')</script></div>")
_SCRIPTS_AROUND = ("<script src=\"javascript:alert('x-src-marker')\"></script><style>"
                   "body{background:url('javascript:x-css-marker')}</style>")


def page_bytes(name: str, query: Query) -> tuple[bytes, str] | None:
    """Body and Content-Type of ``page/<name>``, None for an unknown page."""
    html = article_html(f"page-{name}", special=SPECIAL_TEXT, charset=False)
    if name == "cp1252":
        return html.encode("cp1252"), "text/html"
    if name == "mislabelled":
        return html.encode("cp1252"), "text/html; charset=utf-8"
    if name == "utf8-as-latin1":
        return html.encode(), "text/html; charset=iso-8859-1"
    if name == "double-encoded":
        once = "".join(chr(b) if b in b"\x81\x8d\x8f\x90\x9d" else bytes([b]).decode("cp1252")
                       for b in html.encode())
        return once.encode(), "text/html; charset=utf-8"
    if name == "invalid-utf8":
        words = html.encode().split(b" ")
        return b" ".join(w + (b"\xff" if i % 7 == 0 else b"") for i, w in enumerate(words)), \
            "text/html; charset=utf-8"
    if name == "scripts":
        return article_html("page-scripts", inside=_SCRIPTS_INSIDE,
                            around=_SCRIPTS_AROUND).encode(), "text/html; charset=utf-8"
    if name == "sql-title":
        return article_html("page-sql", title=SQL_TITLE).encode(), "text/html; charset=utf-8"
    if name == "nested":
        return _nested(float(_q(query, "mb", "4.8"))), "text/html; charset=utf-8"
    return None


def _nested(megabytes: float) -> bytes:
    unit = "<div class=\"x\"><span><b><i>Moscow Beijing</i></b></span>"
    depth = 40
    block = unit * depth + "</div>" * depth + "\n"
    count = int(megabytes * 1_000_000 / len(block))
    return article_html("page-nested", inside=block * count).encode()


# --- transport faults -----------------------------------------------------------------

@cache
def gzip_bomb(size: int = 1 << 30) -> bytes:
    """A gzip file of ``size`` zero bytes (1 GiB -> about 1 MB), built without ever
    holding the inflated data: one compressed 1 MiB block repeated."""
    chunk = 1 << 20
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(b"\0" * chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(b"\0" * chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    blocks, rest = divmod(size, chunk)
    tail = comp.compress(b"\0" * rest) + comp.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(blocks):
        crc = zlib.crc32(b"\0" * chunk, crc)
    crc = zlib.crc32(b"\0" * rest, crc)
    body = first + block * (blocks - 1) if blocks else b""
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return (header + body + tail + crc.to_bytes(4, "little")
            + (size & 0xFFFFFFFF).to_bytes(4, "little"))


def _hang(h: _Handler, _: str, __: Query) -> None:
    h.site.stopping.wait()


def _drip(h: _Handler, _: str, query: Query) -> None:
    every = float(_q(query, "every", "0.5"))
    length = f"Content-Length: {_q(query, 'length', '')}\r\n" if "length" in query else ""
    head = f"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n{length}\r\n".encode()
    data = (head if _q(query, "head", "0") == "1" else b"") + b"<p>" + b"x" * 100_000
    if _q(query, "head", "0") != "1":
        h.wfile.write(head)
    for byte in data:
        if h.site.stopping.wait(every):
            return
        try:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
        except OSError:
            return


def _big(h: _Handler, _: str, query: Query) -> None:
    size = int(_q(query, "size", "6000000"))
    h.send_response(HTTPStatus.OK)
    h.send_header("Content-Type", "text/html")
    if _q(query, "length", "1") == "1":
        h.send_header("Content-Length", str(size))
    h.end_headers()
    block = b"<p>" + b"x" * 65_530 + b"</p>"
    try:
        for start in range(0, size, len(block)):
            h.wfile.write(block[:size - start])
    except OSError:
        return


def _bomb(h: _Handler, raw: bool, query: Query) -> None:
    body = gzip_bomb(int(_q(query, "size", str(1 << 30))))
    h.send_response(HTTPStatus.OK)
    h.send_header("Content-Type", "application/gzip" if raw else "text/html")
    if not raw:
        h.send_header("Content-Encoding", "gzip")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    try:
        h.wfile.write(body)
    except OSError:
        return


def _redirect(h: _Handler, to: str, status: int = 302) -> None:
    h.send_response(status)
    h.send_header("Location", to)
    h.send_header("Content-Length", "0")
    h.end_headers()


def _chain(h: _Handler, rest: str, _: Query) -> None:
    if int(rest) > 0:
        _redirect(h, str(int(rest) - 1))
    else:
        h.send(HTTPStatus.OK, article_html("chain").encode(), "text/html; charset=utf-8")


def _hit(h: _Handler, _: str, query: Query) -> None:
    time.sleep(float(_q(query, "hold", "0")))
    h.send(int(_q(query, "status", "200")), b"ok", "text/plain")


def _flaky(h: _Handler, key: str, query: Query) -> None:
    if _site(h).next_count("flaky/" + key) < int(_q(query, "times", "1")):
        h.send(int(_q(query, "status", "500")), b"<h1>down</h1>", "text/html")
        return
    base = h.site.base_url
    _send_feed(h, rss(base, [(f"Russia and China {i}", f"{base}/_fault/hit/{key}-{i}?status=404")
                             for i in range(1 + _site(h).generation)]))


def _busy(h: _Handler, key: str, query: Query) -> None:
    if _site(h).next_count("busy/" + key) < int(_q(query, "times", "1")):
        status = int(_q(query, "status", "429"))
        h.send(status, b"<h1>busy</h1>", "text/html", {"Retry-After": _q(query, "retry", "30")})
        return
    h.send(HTTPStatus.OK, article_html(key).encode(), "text/html; charset=utf-8")


def _article(h: _Handler, key: str, query: Query) -> None:
    hold = float(_q(query, "hold", "0"))
    if hold:
        time.sleep(hold)
    h.send(HTTPStatus.OK, article_html(key).encode(), "text/html; charset=utf-8")


def _page(h: _Handler, name: str, query: Query) -> None:
    found = page_bytes(name, query)
    if found is None:
        h.send(HTTPStatus.NOT_FOUND, b"no such page", "text/plain")
        return
    h.send(HTTPStatus.OK, found[0], found[1])


# --- feeds ----------------------------------------------------------------------------

_RSS_HEAD = ("<rss version=\"2.0\"><channel><title>Fault Wire</title><link>{base}/</link>"
             "<description>hostile feeds</description>")
_LAUGHS = "".join(f"<!ENTITY l{i} \"{f'&l{i - 1};' * 10}\">" for i in range(1, 10))


def rss(base: str, items: list[tuple[str, str]], prolog: str = "", extra: str = "") -> bytes:
    """An RSS 2.0 document with (title, link) items."""
    body = "".join(f"<item><title>{escape(t)}</title><link>{escape(u)}</link>"
                   f"<guid>{escape(u)}</guid>{extra}</item>" for t, u in items)
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{prolog}"
            f"{_RSS_HEAD.format(base=base)}{body}</channel></rss>").encode()


def _feed(h: _Handler, name: str, query: Query) -> None:
    base = h.site.base_url
    one = [("Russia and China sign a deal", f"{base}/_fault/article/feed-{name}")]
    if name == "billion-laughs.xml":
        body = rss(base, [("&l9;", one[0][1])], f"<!DOCTYPE rss [<!ENTITY l0 \"ha\">{_LAUGHS}]>")
    elif name == "xxe-file.xml":
        body = rss(base, [("&xxe;", one[0][1])], "<!DOCTYPE rss [<!ENTITY xxe SYSTEM "
                   f"\"file://{_q(query, 'path', '/etc/hostname')}\">]>")
    elif name == "xxe-http.xml":
        body = rss(base, [("&xxe;", one[0][1])],
                   f"<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"{base}/_fault/hit/xxe\">]>")
    elif name == "local-path":
        body = _q(query, "path", "/etc/hostname").encode()
    elif name == "slow-author.xml":
        author = "a" * int(_q(query, "n", "40000"))
        body = rss(base, one, extra=f"<author>{author}</author>")
    elif name == "bad-links.xml":
        body = rss(base, [("gone", f"{base}/_fault/status/410"),
                          ("file", "file:///etc/passwd"), ("ftp", "ftp://127.0.0.1/x"),
                          ("js", "javascript:alert(1)"), ("data", "data:text/html,<b>x</b>"),
                          ("broken", "http://[::1/x")])
    else:
        h.send(HTTPStatus.NOT_FOUND, b"no such feed", "text/plain")
        return
    _send_feed(h, body)


def _articles(h: _Handler, _: str, query: Query) -> None:
    base, prefix = h.site.base_url, _q(query, "prefix", "a")
    hold = f"?hold={_q(query, 'hold', '')}" if _q(query, "hold", "") else ""
    count = int(_q(query, "n", "3")) + _site(h).generation
    items = [(article_title(f"{prefix}-{i}"), f"{base}/_fault/article/{prefix}-{i}{hold}")
             for i in range(count)]
    _send_feed(h, rss(base, items))


def _send_feed(h: _Handler, body: bytes) -> None:
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    if not h.not_modified(etag):
        h.send(HTTPStatus.OK, body, "application/rss+xml", {"ETag": etag})


def _site(h: _Handler) -> FaultSite:
    assert isinstance(h.site, FaultSite)
    return h.site


def _q(query: Query, key: str, default: str) -> str:
    return query.get(key, [default])[0]


Route = Callable[[_Handler, str, Query], None]
_ROUTES: dict[str, Route] = {
    "hang": _hang,
    "drip": _drip,
    "big": _big,
    "bomb": lambda h, _, q: _bomb(h, False, q),
    "bomb.gz": lambda h, _, q: _bomb(h, True, q),
    "redirect": lambda h, _, q: _redirect(h, _q(q, "to", "/")),
    "loop/": lambda h, rest, _: _redirect(h, "b" if rest == "a" else "a"),
    "chain/": _chain,
    "busy/": _busy,
    "hit/": _hit,
    "flaky/": _flaky,
    "articles.xml": _articles,
    "feed/": _feed,
    "article/": _article,
    "page/": _page,
}

