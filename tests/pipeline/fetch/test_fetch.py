from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipeline.fetch.http import FetchError, FetchResult, fetch, make_client
from pipeline.settings import Settings


def get(settings: Settings, url: str, **kw: str) -> FetchResult:
    async def go() -> FetchResult:
        async with make_client(settings) as client:
            return await fetch(client, url, settings, **kw)
    return asyncio.run(go())


def reason(settings: Settings, url: str) -> str:
    with pytest.raises(FetchError) as err:
        get(settings, url)
    return err.value.reason


def test_plain_body_and_user_agent(settings: Settings, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a", headers={"User-Agent": settings.user_agent}) \
        .respond_with_data("hello", content_type="text/html")
    got = get(settings, httpserver.url_for("/a"))
    assert (got.status, got.body, got.content_type) == (200, b"hello", "text/html")


def test_conditional_get_returns_304(settings: Settings, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/f", headers={"If-None-Match": '"v1"'}) \
        .respond_with_data("", status=304)
    got = get(settings, httpserver.url_for("/f"), etag='"v1"')
    assert got.not_modified and got.body == b""


def test_gzip_is_decoded(settings: Settings, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/z").respond_with_data(
        gzip.compress(b"x" * 5000), headers={"Content-Encoding": "gzip"})
    assert get(settings, httpserver.url_for("/z")).body == b"x" * 5000


def test_declared_length_over_cap(settings: Settings, httpserver: HTTPServer) -> None:
    small = settings.model_copy(update={"max_bytes": 1000})
    httpserver.expect_request("/big").respond_with_data(b"a" * 5000)
    assert reason(small, httpserver.url_for("/big")) == "too_large"


def test_streamed_body_over_cap(settings: Settings, httpserver: HTTPServer) -> None:
    small = settings.model_copy(update={"max_bytes": 1000})

    def chunks(_: Request) -> Response:
        return Response((b"a" * 100 for _ in range(100)), direct_passthrough=True)
    httpserver.expect_request("/stream").respond_with_handler(chunks)
    assert reason(small, httpserver.url_for("/stream")) == "too_large"


def test_gzip_bomb_stops_at_cap(settings: Settings, httpserver: HTTPServer) -> None:
    small = settings.model_copy(update={"max_bytes": 100_000})
    bomb = gzip.compress(b"\0" * 20_000_000)
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"})
    assert reason(small, httpserver.url_for("/bomb")) == "too_large"


def test_redirects_are_followed_then_limited(settings: Settings, httpserver: HTTPServer) -> None:
    limited = settings.model_copy(update={"max_redirects": 2})
    for i in range(4):
        httpserver.expect_request(f"/r{i}").respond_with_data(
            "", status=302, headers={"Location": f"/r{i + 1}"})
    httpserver.expect_request("/r4").respond_with_data("end")
    assert get(settings, httpserver.url_for("/r2")).body == b"end"
    assert reason(limited, httpserver.url_for("/r0")) == "too_many_redirects"


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_redirect_to_other_scheme_refused(settings: Settings, httpserver: HTTPServer,
                                          target: str) -> None:
    httpserver.expect_request("/jump").respond_with_data("", status=301,
                                                         headers={"Location": target})
    assert reason(settings, httpserver.url_for("/jump")) == "bad_scheme"


def test_http_error_status(settings: Settings, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/e").respond_with_data("oops", status=500)
    with pytest.raises(FetchError) as err:
        get(settings, httpserver.url_for("/e"))
    assert (err.value.reason, err.value.status) == ("http_500", 500)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    sock.close()


def test_silent_server_hits_deadline(settings: Settings, silent_server: str) -> None:
    quick = settings.model_copy(update={"deadline": 1.0, "read_timeout": 30.0})
    started = time.monotonic()
    assert reason(quick, silent_server) == "deadline"
    assert time.monotonic() - started < 2.0


def test_loopback_blocked_unless_allowed(settings: Settings, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/x").respond_with_data("ok")
    strict = settings.model_copy(update={"allow_private_hosts": []})
    assert reason(strict, httpserver.url_for("/x")) == "blocked_address"
