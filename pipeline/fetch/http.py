"""Polite, bounded HTTP fetching.

Every request has an overall deadline (not just connect/read timeouts), a cap on decoded
bytes that also holds for compressed bodies, a redirect limit with loop detection and a
scheme check on every hop, TLS verification that is never relaxed, and the SSRF guard of
``pipeline.fetch.netguard`` on every connection. ``HostLimiter`` keeps the per-host politeness
of a run: concurrency, adaptive spacing, ``Retry-After`` holds and each host's robots.txt,
shared by the run's tasks through ``pipeline.fetch.hostboard``.
"""

from __future__ import annotations

import asyncio
import shutil
import ssl
import tempfile
import time
import weakref
import zlib
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from pipeline.fetch.answers import error_reason, retry_after_seconds
from pipeline.fetch.hostboard import HoldTooLongError, HostBoard, HostState, RobotsRecord
from pipeline.fetch.hosts import host_key
from pipeline.fetch.netguard import BlockedAddressError, GuardedBackend
from pipeline.fetch.robots import (
    ROBOTS_MAX_BYTES,
    RobotsRules,
    product_token,
    robots_url,
    rules_from_body,
    rules_from_failure,
)
from pipeline.settings import Settings

_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A fetch that produced no usable body; ``reason`` is a short stable name."""

    def __init__(self, reason: str, detail: str, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchResult:
    """A response body (decoded from gzip/deflate) with what the caller needs of it."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    redirects: int
    # Where the leading run of permanent redirects (301/308) led, when there was one: a
    # temporary redirect (302/303/307) anywhere before it keeps the old address.
    moved_to: str | None = None

    @property
    def not_modified(self) -> bool:
        """The server answered 304 to a conditional request."""
        return self.status == 304

    @property
    def content_type(self) -> str:
        """Media type without parameters, lower case."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def tls_context() -> ssl.SSLContext:
    """A TLS context that verifies certificates and host names (``SSL_CERT_FILE`` is
    honoured). Building one reads the CA store (about 20 ms and a megabyte), so a run's
    clients share one."""
    return httpx.create_ssl_context()


def make_client(settings: Settings, backend: GuardedBackend | None = None,
                tls: ssl.SSLContext | None = None) -> httpx.AsyncClient:
    """An async client whose every connection passes the SSRF guard.

    Args:
        settings: timeouts, User-Agent and the allowed private networks.
        backend: a guard with its own resolver or socket layer (tests); by default one
            built from ``settings.allow_private_hosts``.
        tls: the run's shared ``tls_context()``; a new one by default.
    """
    tls = tls or tls_context()
    # Given the context, the transport does not build one of its own (it is replaced).
    transport = httpx.AsyncHTTPTransport(retries=0, trust_env=False, verify=tls)
    # httpx has no public hook for the network backend; swapping the pool keeps its
    # request/response mapping and adds the address check at connect time. The TLS
    # context verifies certificates and host names, and no code path ever relaxes it.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=tls,
        max_connections=settings.max_connections,
        max_keepalive_connections=settings.max_connections,
        keepalive_expiry=5.0,
        network_backend=backend or GuardedBackend(settings.allow_private_hosts),
    )
    timeout = httpx.Timeout(
        connect=settings.connect_timeout, read=settings.read_timeout,
        write=settings.read_timeout, pool=settings.deadline,
    )
    return httpx.AsyncClient(
        transport=transport, timeout=timeout, follow_redirects=False, trust_env=False,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        event_hooks={"response": [_refuse_bad_redirect]},
    )


async def _refuse_bad_redirect(response: httpx.Response) -> None:
    """Check a redirect's target before httpx parses it: httpx builds the next request
    even when not following, and a Location such as ``javascript:x`` would otherwise
    escape as ``InvalidURL`` instead of a named refusal."""
    location = response.headers.get("location")
    if location and response.status_code in (301, 302, 303, 307, 308):
        check_scheme(_join(str(response.request.url), location))


def _join(base: str, location: str) -> str:
    try:
        return urljoin(base, location)
    except ValueError:  # "http://[::1" and the like: no parser accepts them
        raise FetchError("bad_url", f"{base[:200]} redirected to an invalid URL "
                         f"{location[:200]!r}") from None


class HostLimiter:
    """Per-host politeness shared by every fetch of a run, in this process and, through
    the run's ``HostBoard``, in every other task of the run.

    For each host key (``pipeline.fetch.hosts``): at most ``per_host`` requests in flight;
    starts spaced by an adaptive delay, ``factor`` times the host's smoothed response
    time, bounded by ``delay`` (floor) and ``ceiling``, and never below its robots.txt
    Crawl-delay; nothing sent while its ``Retry-After`` holds; robots.txt fetched once
    per origin (or reused from an earlier run) and cached.
    """

    def __init__(self, per_host: int = 2, delay: float = 0.0, *, factor: float = 0.0,
                 ceiling: float = 30.0, board: HostBoard | None = None,
                 total: int | None = None) -> None:
        self._per_host = max(1, per_host)
        # Requests in flight across all hosts (``max_connections``, the size of the
        # client's connection pool), counted here so that none waits inside httpx's pool:
        # each request queued there makes every later one scan every connection for it
        # (quadratic in hosts: a 500-feed run spent most of its CPU in that scan).
        self._total = asyncio.Semaphore(total) if total else None
        self._floor = delay
        self._factor = factor
        self._ceiling = max(ceiling, delay)
        if board is None:
            # A limiter of its own (tests, ad hoc use): a private folder, removed with it.
            tmp = tempfile.mkdtemp(prefix="rcwire-hosts-")
            weakref.finalize(self, shutil.rmtree, tmp, True)
            board = HostBoard(Path(tmp))
        self.board = board
        self._sems: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self._per_host))
        self._turns: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._robots: dict[str, RobotsRules] = {}
        self._robots_locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    @classmethod
    def from_settings(cls, settings: Settings, board: HostBoard | None = None) -> HostLimiter:
        """The limiter the settings describe, sharing ``board`` with the run's other tasks."""
        return cls(settings.per_host_connections, settings.host_delay,
                   factor=settings.host_delay_factor, ceiling=settings.host_delay_max,
                   board=board, total=settings.max_connections)

    def spacing(self, state: HostState) -> float:
        """Seconds between two request starts to a host in ``state``."""
        adaptive = self._factor * state.latency_s if state.latency_s is not None else 0.0
        return max(state.crawl_delay_s, min(self._ceiling, max(self._floor, adaptive)))

    @asynccontextmanager
    async def slot(self, url: str, max_wait: float | None = None,
                   before: Callable[[], Awaitable[None]] | None = None,
                   ) -> AsyncIterator[None]:
        """Hold one of the host's slots, waiting out its spacing first; the time the
        body takes is the host's response-time sample.

        ``before`` is awaited once the slot is held and before the spacing is measured
        (the extraction backlog: a wait there must not eat into the host's spacing).

        Raises:
            FetchError: ``retry_after`` when the host asked to be left alone for longer
                than ``max_wait`` seconds (the URL is retried by a later run).
        """
        host = host_key(url)
        self._check_hold(host, max_wait)
        async with self._sems[host]:
            if before is not None:
                await before()
            async with self.board.connection(host, self._per_host), \
                    self._spaced(host, max_wait):
                yield

    @asynccontextmanager
    async def _spaced(self, host: str, max_wait: float | None) -> AsyncIterator[None]:
        """Wait for the host's next start, then time the body as a response sample."""
        # One waiter per host at a time, and the next start counted from when this
        # request really left: a busy event loop must not bunch starts up.
        async with self._turns[host]:
            try:
                start = self.board.reserve(host, self.spacing, max_wait)
            except HoldTooLongError as exc:
                raise FetchError("retry_after", str(exc)) from None
            if start > time.time():
                await asyncio.sleep(start - time.time())
            if self._total is not None:
                await self._total.acquire()
            try:
                self.board.started(host, self.spacing)
            except BaseException:
                self._release()
                raise
        began, ok = time.monotonic(), False
        try:
            yield
            ok = True
        except FetchError as exc:
            # A 404 is a prompt answer; 5xx, 429 and timeouts are the host struggling
            # and may only slow us down.
            ok = exc.status is not None and exc.status < 500 and exc.status != 429
            raise
        finally:
            self._release()
            self.board.observe(host, time.monotonic() - began, ok)

    def _release(self) -> None:
        if self._total is not None:
            self._total.release()

    def push_back(self, url: str, seconds: float) -> None:
        """Keep the host quiet for ``seconds`` (``Retry-After``), in every task of the run."""
        self.board.hold(host_key(url), seconds)

    def _check_hold(self, host: str, max_wait: float | None) -> None:
        left = self.board.read(host).hold_until - time.time()
        if max_wait is not None and left > max_wait:
            raise FetchError("retry_after", str(HoldTooLongError(host, left)))

    async def check_robots(self, client: httpx.AsyncClient, url: str,
                           settings: Settings, *, redirected_from: str | None = None,
                           ) -> None:
        """Raise ``FetchError("robots_disallowed")`` unless the host's robots.txt allows
        ``url`` for our product token.

        ``redirected_from``: ``url`` is a redirect target of a fetch of that URL (a feed
        that moved to another host is held to that host's rules). On the same host
        (http -> https is the common case) the rules already read for it apply: fetching
        the other scheme's robots.txt would need a slot of the host the fetch holds one
        of, and could wait on itself. An address the guard refuses cannot serve
        robots.txt either: the redirected request itself then fails with the guard's
        own reason.
        """
        token = product_token(settings.user_agent)
        origin = redirected_from or url
        same_host = urlsplit(url).netloc.lower() == urlsplit(origin).netloc.lower()
        rules = await self.robots(client, origin if same_host else url, settings)
        if redirected_from is not None and rules.failure == "blocked_address":
            return
        if not rules.allows(url, token):
            raise FetchError("robots_disallowed", rules.why_not(url, token))

    async def robots(self, client: httpx.AsyncClient, url: str, settings: Settings,
                     ) -> RobotsRules:
        """The rules of ``url``'s origin: from this process's cache, else from the run's
        board (another task or an earlier run fetched them), else fetched now."""
        where = robots_url(url)
        async with self._robots_locks[where]:
            if where not in self._robots:
                record = self.board.robots(where)
                if record is None:
                    record = await self._fetch_robots(client, where, settings)
                    self.board.save_robots(record)
                rules = rules_from_record(record)
                delay = rules.crawl_delay(product_token(settings.user_agent))
                if delay:
                    self.board.set_crawl_delay(host_key(url), delay)
                self._robots[where] = rules
        return self._robots[where]

    async def _fetch_robots(self, client: httpx.AsyncClient, where: str,
                            settings: Settings) -> RobotsRecord:
        capped = settings.model_copy(
            update={"max_bytes": min(settings.max_bytes, ROBOTS_MAX_BYTES)})
        host = host_key(where)
        try:
            # Spaced and held like any request, but without one of the host's connection
            # slots: a redirect to another origin of the host asks for its robots.txt
            # while holding a slot, and would wait on itself. One request a day per origin.
            self._check_hold(host, settings.deadline)
            async with self._spaced(host, settings.deadline):
                got = await fetch(client, where, capped, accept="text/plain")
        except FetchError as exc:
            if exc.reason == "retry_after":
                raise  # not an answer about robots.txt: the host asked for quiet
            return RobotsRecord(where, time.time(), exc.status, exc.reason)
        return RobotsRecord(where, time.time(), got.status,
                            body=got.body.decode("utf-8", errors="replace"))


def rules_from_record(record: RobotsRecord) -> RobotsRules:
    """The rules a stored robots.txt answer stands for."""
    if record.reason is not None:
        return rules_from_failure(record.url, record.reason, record.status)
    return rules_from_body(record.url, (record.body or "").encode("utf-8"))


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    settings: Settings,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "*/*",
    on_redirect: Callable[[str], Awaitable[None]] | None = None,
) -> FetchResult:
    """Fetch one URL within the settings' deadline, size cap and redirect limit.

    Args:
        client: from ``make_client``.
        url: absolute http(s) URL.
        settings: limits to apply.
        etag: validator from an earlier response, sent as ``If-None-Match``.
        last_modified: sent as ``If-Modified-Since``.
        accept: the ``Accept`` header.
        on_redirect: awaited with each redirect target before it is requested; raises
            ``FetchError`` to refuse it (feeds: the target host's robots.txt).

    Returns:
        The decoded body; ``status`` 304 with an empty body for a conditional hit.

    Raises:
        FetchError: with a reason such as ``deadline``, ``too_large``, ``http_500``.
    """
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with asyncio.timeout(settings.deadline):
            return await _follow(client, url, headers, settings, on_redirect)
    except TimeoutError:
        raise FetchError("deadline", f"no complete answer within {settings.deadline:g}s") from None
    except BlockedAddressError as exc:
        raise FetchError("blocked_address", str(exc)) from None
    except httpx.TimeoutException as exc:
        raise FetchError("timeout", f"{type(exc).__name__} {exc}".strip()) from None
    except httpx.InvalidURL as exc:
        raise FetchError("bad_url", f"cannot fetch {url[:200]} or a redirect of it ({exc})",
                         ) from None
    except httpx.HTTPError as exc:
        raise FetchError(error_reason(exc), str(exc) or type(exc).__name__) from None


async def _follow(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], settings: Settings,
    on_redirect: Callable[[str], Awaitable[None]] | None = None,
) -> FetchResult:
    current = url
    seen: set[str] = set()
    moved: str | None = None
    permanent = True  # every redirect so far was 301/308
    for hop in range(settings.max_redirects + 1):
        check_scheme(current)
        if current in seen:
            raise FetchError("redirect_loop", f"redirected back to {current[:200]}")
        seen.add(current)
        if hop and on_redirect is not None:
            await on_redirect(current)
        async with client.stream("GET", current, headers=headers) as resp:
            if resp.status_code in (301, 302, 303, 307, 308) and "location" in resp.headers:
                current = _join(current, resp.headers["location"])
                permanent = permanent and resp.status_code in (301, 308)
                moved = current if permanent else moved
                continue
            if resp.status_code == 304:
                return FetchResult(url, current, 304, _headers(resp), b"", hop, moved)
            if resp.status_code >= 400:
                wait = retry_after_seconds(resp.headers.get("retry-after"))
                detail = _status_detail(resp) + (f"; Retry-After {wait:.0f}s" if wait else "")
                raise FetchError(f"http_{resp.status_code}", detail, resp.status_code, wait)
            body = await _read_capped(resp, settings.max_bytes)
            return FetchResult(url, str(resp.url), resp.status_code, _headers(resp), body, hop,
                               moved)
    raise FetchError("too_many_redirects", f"more than {settings.max_redirects} redirects")


def check_scheme(url: str) -> None:
    """Refuse anything but http(s) (``file:``, ``ftp:``, ``javascript:``, ``data:`` ...)
    and URLs no parser accepts."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as exc:
        raise FetchError("bad_url", f"cannot parse {url[:200]!r} ({exc})") from None
    if scheme not in ("http", "https"):
        raise FetchError("bad_scheme", f"refusing {scheme or 'scheme-less'} URL {url[:200]}")


async def _read_capped(resp: httpx.Response, cap: int) -> bytes:
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError("too_large", f"Content-Length {declared} exceeds cap of {cap} bytes")
    decoder = _Decoder(resp.headers.get("content-encoding", ""), cap)
    async for chunk in resp.aiter_raw(_CHUNK):
        decoder.feed(chunk)
    body = decoder.finish()
    if body.startswith(_GZIP_MAGIC):
        # A raw .gz served as-is: inflate it under the same cap.
        inner = _Decoder("gzip", cap)
        inner.feed(body)
        body = inner.finish()
    return body


class _Decoder:
    """Incremental gzip/deflate decoding that never holds more than ``cap`` bytes."""

    def __init__(self, encoding: str, cap: int) -> None:
        enc = encoding.strip().lower()
        if enc in ("", "identity"):
            self._zlib = None
        elif enc in ("gzip", "x-gzip", "deflate"):
            self._zlib = zlib.decompressobj(47 if enc != "deflate" else 15)
        else:
            raise FetchError("bad_encoding", f"unsupported Content-Encoding {encoding!r}")
        self._cap = cap
        self._parts: list[bytes] = []
        self._size = 0

    def feed(self, data: bytes) -> None:
        if self._zlib is None:
            self._add(data)
            return
        try:
            while data:
                out = self._zlib.decompress(data, self._cap - self._size + 1)
                self._add(out)
                data = self._zlib.unconsumed_tail
        except zlib.error as exc:
            raise FetchError("bad_encoding", f"corrupt compressed body ({exc})") from None

    def finish(self) -> bytes:
        if self._zlib is not None:
            self._add(self._zlib.flush(self._cap - self._size + 1))
        return b"".join(self._parts)

    def _add(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._cap:
            raise FetchError("too_large", f"body exceeds cap of {self._cap} bytes")
        if data:
            self._parts.append(data)


def _headers(resp: httpx.Response) -> dict[str, str]:
    return {k.lower(): v for k, v in resp.headers.items()}


def _status_detail(resp: httpx.Response) -> str:
    return f"HTTP {resp.status_code} {resp.reason_phrase}".strip()
