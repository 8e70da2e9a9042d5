"""Hostile feed documents: one real run over feeds that try entity bombs, external
entities, local files and a regex that never ends. Each is recorded as failed with its
reason, the run ends in bounded time, and nothing outside the responses is read."""

from __future__ import annotations

import asyncio
import ipaddress
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.fetch.feeds import FeedParseError
from pipeline.fetch.parsers import parse_feed_isolated
from pipeline.records import Source
from pipeline.run.local import run_once
from pipeline.settings import Settings
from tests.support.faultsite import FaultSite, rss

PARSE_BUDGET = 2.0
HOSTILE = {
    "billion-laughs": ("/_fault/feed/billion-laughs.xml", "xml_entities"),
    "xxe-file": ("/_fault/feed/xxe-file.xml?path={secret_text}", "xml_entities"),
    "xxe-http": ("/_fault/feed/xxe-http.xml", "xml_entities"),
    "local-path": ("/_fault/feed/local-path?path={secret_feed}", "malformed_feed"),
    "slow-author": ("/_fault/feed/slow-author.xml?n=60000", "parse_timeout"),
    "malformed": ("/_fault/malformed.xml", "malformed_feed"),
}


@dataclass
class Run:
    site: FaultSite
    settings: Settings
    summary: dict[str, Any]
    seconds: float
    secret: str

    def rows(self, query: str, *params: object) -> list[tuple[Any, ...]]:
        with duckdb.connect(str(self.settings.db), read_only=True) as con:
            return con.execute(query, list(params)).fetchall()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    tmp = tmp_path_factory.mktemp("hostile-feeds")
    secret = f"rcwire-secret-{secrets.token_hex(8)}"
    (tmp / "hostname").write_text(secret + "\n", encoding="utf-8")
    # A valid feed on disk: read by mistake, it would show up as an entry.
    (tmp / "feed.xml").write_bytes(rss("http://127.0.0.1", [(secret, "http://127.0.0.1/x")]))
    with FaultSite() as site:
        lines = ["sources:"]
        for name, (path, _) in {**HOSTILE,
                                "bad-links": ("/_fault/feed/bad-links.xml", "")}.items():
            url = site.base_url + path.format(secret_text=tmp / "hostname",
                                              secret_feed=tmp / "feed.xml")
            lines += [f"  - name: {name}", f"    url: {url}"]
        (tmp / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        settings = Settings(db=tmp / "rcwire.duckdb", data_dir=tmp / "data",
                            allow_private_hosts=[ipaddress.ip_network("127.0.0.1/32")],
                            deadline=2.0, host_delay=0.0, parse_timeout=PARSE_BUDGET,
                            feed_workers=8)
        started = time.monotonic()
        summary = run_once(settings, tmp / "sources.yaml")
        yield Run(site, settings, summary, time.monotonic() - started, secret)


@pytest.mark.parametrize("source", sorted(HOSTILE))
def test_hostile_feed_recorded_as_failed_with_its_reason(hostile: Run, source: str) -> None:
    reason = HOSTILE[source][1]
    feeds = {f["source"]: f for f in hostile.summary["feeds"]}
    assert feeds[source]["status"] == "failed"
    assert feeds[source]["error"].startswith(f"{reason}: ")
    (last_error,) = hostile.rows("select last_error from feed_state where source = ?",
                                 source)[0]
    assert last_error.startswith(f"{reason}: ")


def test_nothing_outside_the_responses_is_read(hostile: Run) -> None:
    everything = ""
    for (table,) in hostile.rows("select table_name from information_schema.tables "
                                 "where table_type = 'BASE TABLE'"):
        everything += repr(hostile.rows(f"select * from {table}"))
    for path in hostile.settings.runs_dir.rglob("*"):
        if path.is_file():
            everything += path.read_bytes().decode("utf-8", "replace")
    assert hostile.secret not in everything
    assert "root:x:0:0" not in everything
    assert hostile.site.hits.get("/_fault/hit/xxe", 0) == 0


def test_run_with_hostile_feeds_ends_in_bounded_time(hostile: Run) -> None:
    # Six hostile feeds at once; the quadratic author alone would take minutes unbounded.
    assert hostile.seconds < 30


def test_non_http_entry_links_recorded_and_never_fetched(hostile: Run) -> None:
    rows = dict(hostile.rows("select url, reason from url_outcomes where source = ?",
                             "bad-links"))
    # feedparser itself drops the link no parser accepts; the entry is only a warning.
    by_kind = {u.split(":")[0]: r for u, r in rows.items()}
    assert by_kind == {"file": "bad_scheme", "ftp": "bad_scheme", "javascript": "bad_scheme",
                       "data": "bad_scheme", "http": "http_410"}
    feeds = {f["source"]: f for f in hostile.summary["feeds"]}
    assert feeds["bad-links"]["status"] == "ok"


def _parse(body: bytes, **kw: Any) -> Any:
    src = Source("t", "http://news.example/feed")
    return asyncio.run(parse_feed_isolated(src, body, src.url, **kw))


def test_feed_parse_stopped_at_its_time_budget() -> None:
    body = rss("http://news.example", [("Russia and China", "http://news.example/a")],
               extra=f"<author>{'a' * 60000}</author>")
    started = time.monotonic()
    with pytest.raises(FeedParseError) as err:
        _parse(body, timeout=1.0)
    assert err.value.reason == "parse_timeout"
    assert time.monotonic() - started < 2.0


def test_feed_parse_stopped_at_its_memory_budget() -> None:
    body = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>"
            + b"<item><title>t</title></item>" * 30000 + b"</channel></rss>")
    with pytest.raises(FeedParseError) as err:
        _parse(body, timeout=30.0, memory=4 << 20)
    assert err.value.reason == "parse_out_of_memory"


def test_local_path_as_body_is_parsed_as_text_not_opened(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss("http://127.0.0.1", [("leaked", "http://127.0.0.1/leak")]))
    with pytest.raises(FeedParseError) as err:
        _parse(str(feed).encode())
    assert err.value.reason in ("malformed_feed", "not_a_feed")
