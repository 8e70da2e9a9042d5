"""Work planned by host and politeness shared by a run's tasks and carried across runs,
checked on the server side: real loopback servers (one host per port), real DuckDB, the
Airflow task functions, and real task processes running side by side."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest

from pipeline.fetch.hostboard import HostBoard, HostState, RobotsRecord
from pipeline.fetch.hosts import host_key
from pipeline.fetch.http import HostLimiter
from pipeline.run import tasks
from pipeline.run.worker import FeedFailedError
from pipeline.runfolder import read_json
from pipeline.settings import Settings
from pipeline.store import db
from pipeline.store.hosts import merge_hosts
from tests.conftest import ROOT
from tests.support.faultsite import FaultSite
from tests.support.hits import max_in_flight


def feed_of(site: FaultSite, urls: list[str]) -> str:
    """A feed on ``site`` listing ``urls`` (absolute, any host)."""
    return f"{site.base_url}/_fault/feed.xml?" + "&".join(
        "link=" + quote(u, safe="") for u in urls)


def write_sources(path: Path, feeds: dict[str, str]) -> Path:
    path.write_text("sources:\n" + "".join(f"  - name: {n}\n    url: {u}\n"
                                           for n, u in feeds.items()), encoding="utf-8")
    return path




def port(site: FaultSite) -> str:
    return site.base_url.rsplit(":", 1)[1]


@pytest.mark.parametrize(("url", "key"), [
    ("https://www.bbc.co.uk/news/world", "bbc.co.uk"),
    ("https://feeds.bbci.co.uk/news/rss.xml", "bbci.co.uk"),      # a different domain
    ("http://english.news.cn/20260101/a.htm", "news.cn"),
    ("https://Alice.blogspot.com/feed", "alice.blogspot.com"),      # private suffix
    ("https://www.example.com:443/a", "example.com"),               # default port dropped
    ("https://www.example.com:8443/a", "example.com:8443"),
    ("http://127.0.0.1:8080/feed.xml", "127.0.0.1:8080"),
    ("http://[::1]:8080/x", "::1:8080"),
    ("http://localhost/x", "localhost"),
    ("http://[::1/x", "http://[::1/x"),                             # unparseable: its text
])
def test_host_key_is_the_registrable_domain(url: str, key: str) -> None:
    assert host_key(url) == key


def test_plan_groups_feeds_by_host(settings: Settings, tmp_path: Path) -> None:
    with FaultSite() as one, FaultSite() as two:
        write_sources(settings.sources, {
            "a1": f"{one.base_url}/_fault/articles.xml?n=1&prefix=a1",
            "b1": f"{two.base_url}/_fault/articles.xml?n=1&prefix=b1",
            "a2": f"{one.base_url}/_fault/articles.xml?n=1&prefix=a2"})
        refs = tasks.plan_task("plan-groups", settings)["feeds"]
    assert [(r["host"], r["sources"]) for r in refs] == [
        (f"127.0.0.1:{port(one)}", ["a1", "a2"]), (f"127.0.0.1:{port(two)}", ["b1"])]
    assert [r["group"] for r in refs] == [0, 1]


def test_delay_follows_the_hosts_response_time_within_floor_and_ceiling() -> None:
    limiter = HostLimiter(2, 0.25, factor=1.0, ceiling=2.0)
    assert limiter.spacing(HostState("h")) == 0.25                   # unknown: the floor
    assert limiter.spacing(HostState("h", latency_s=0.1)) == 0.25
    assert limiter.spacing(HostState("h", latency_s=0.8)) == 0.8
    assert limiter.spacing(HostState("h", latency_s=9.0)) == 2.0      # the ceiling
    assert limiter.spacing(HostState("h", latency_s=9.0, crawl_delay_s=5.0)) == 5.0


def test_adaptive_delay_spaces_a_slow_host_and_learns_its_latency(
        settings: Settings, tmp_path: Path) -> None:
    adaptive = settings.model_copy(update={"host_delay": 0.0, "host_delay_factor": 1.0,
                                           "per_host_connections": 2})
    with FaultSite() as site:
        write_sources(adaptive.sources, {"slow": feed_of(site, [
            f"{site.base_url}/_fault/hit/p{i}?hold=0.6&status=404" for i in range(5)])})
        [ref] = tasks.plan_task("adaptive", adaptive)["feeds"]
        tasks.host_task(ref, adaptive)
    pages = sorted(h.start for h in site.log if h.path.startswith("/_fault/hit/"))
    gaps = [b - a for a, b in pairwise(pages)]
    # No floor: without the adaptive delay two pages would go out at once, pair after
    # pair. Every page takes 0.6 s, and once that is learned the starts spread out. The
    # first 0.6 s sample moves the smoothed latency halfway from robots.txt's few
    # milliseconds, to about 0.3 s, so a later gap may be just that (minus the server
    # thread's wake-up jitter): the check is that it is far from 0.
    assert len(pages) == 5
    assert min(gaps[-2:]) >= 0.25, gaps
    assert max_in_flight([h for h in site.log if h.path.startswith("/_fault/hit/")]) <= 2
    [state] = HostBoard(Path(ref["folder"]) / "hosts").states()
    assert state.latency_s is not None and state.latency_s >= 0.4
    assert state.requests == len(site.log)  # robots.txt, the feed and five pages


def test_retry_after_holds_across_tasks_and_across_runs_and_state_is_kept(
        settings: Settings, tmp_path: Path) -> None:
    with FaultSite() as a, FaultSite() as b:
        busy = f"{b.base_url}/_fault/busy/x?status=429&retry=600"
        write_sources(settings.sources, {
            "on-a": feed_of(a, [busy]),
            "on-b": f"{b.base_url}/_fault/articles.xml?n=2&prefix=b"})
        refs = {r["host"]: r for r in tasks.plan_task("first", settings)["feeds"]}
        tasks.host_task(refs[f"127.0.0.1:{port(a)}"], settings)   # meets the 429 on b
        assert b.hits["/_fault/busy/x"] == 1
        seen = len(b.log)
        with pytest.raises(FeedFailedError, match="retry_after"):
            tasks.host_task(refs[f"127.0.0.1:{port(b)}"], settings)  # another task
        assert len(b.log) == seen, "b was contacted during its Retry-After"
        tasks.decide_task("first", settings)
        tasks.load_task("first", settings)
        with duckdb.connect(str(settings.db), read_only=True) as con:
            [(held,)] = con.execute(
                "select epoch(hold_until) - epoch(now()) from host_state where host = ?",
                [f"127.0.0.1:{port(b)}"]).fetchall()
        assert 500 < held <= 600
        with duckdb.connect(str(settings.db), read_only=True) as con:
            [(requests, latency)] = con.execute(
                "select requests, latency_s from host_state where host = ?",
                [f"127.0.0.1:{port(a)}"]).fetchall()
        assert requests == len(a.log) and latency is not None
        # The next run: the page on b is retried and the feed on a is due again.
        for ref in tasks.plan_task("second", settings)["feeds"]:
            with contextlib.suppress(FeedFailedError):  # on-b is not due: backing off
                tasks.host_task(ref, settings)
        assert len(b.log) == seen, "b was contacted in the next run during its Retry-After"
        # What the first run learned of a was carried too: its robots.txt (24 hours).
        assert a.hits["/robots.txt"] == 1
    outcomes = read_json(tasks.run_folder("second", settings) / "feeds" / "on-a.json")
    assert [(o["url"].split("?")[0], o["reason"]) for o in outcomes["outcomes"]] == [
        (busy.split("?")[0], "retry_after")]


# A task process: imports done, it says so and waits for the go file, so that both
# processes start fetching together however long each took to start.
GROUP_TASK = """
import json, pathlib, sys, time
from pipeline.run import tasks
import pipeline.run.worker
from pipeline.settings import Settings
print("ready", flush=True)
while not pathlib.Path(sys.argv[2]).exists():
    time.sleep(0.01)
print(json.dumps(tasks.host_task(json.loads(sys.argv[1]), Settings())))
"""


def test_two_task_processes_share_one_hosts_connection_limit(
        settings: Settings, tmp_path: Path) -> None:
    one_at_a_time = settings.model_copy(update={"per_host_connections": 1})
    with FaultSite() as a, FaultSite() as b, FaultSite() as shared:
        pages = [f"{shared.base_url}/_fault/hit/{n}?hold=0.4&status=404" for n in range(6)]
        write_sources(settings.sources, {"on-a": feed_of(a, pages[:3]),
                                         "on-b": feed_of(b, pages[3:])})
        refs = tasks.plan_task("two-procs", one_at_a_time)["feeds"]
        env = {**os.environ, "RCWIRE_DB": str(settings.db),
               "RCWIRE_DATA_DIR": str(settings.data_dir),
               "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1", "RCWIRE_HOST_DELAY": "0",
               "RCWIRE_PER_HOST_CONNECTIONS": "1", "GX_ANALYTICS_ENABLED": "false"}
        go = tmp_path / "go"
        procs = [subprocess.Popen([sys.executable, "-c", GROUP_TASK, json.dumps(r), str(go)],
                                  env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
                 for r in refs]
        assert [p.stdout.readline().strip() for p in procs if p.stdout] == ["ready", "ready"]
        go.touch()
        outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    hits = [h for h in shared.log if h.path.startswith("/_fault/hit/")]
    assert len(hits) == 6
    assert max_in_flight(hits) == 1, "two tasks had requests to one host in flight at once"
    # The tasks did run side by side: both had read their feed (and so queued pages for
    # the shared host) before its second page started.
    assert {json.loads(o)["host"] for o in outs} == {r["host"] for r in refs}
    feeds_read = max(h.end for site in (a, b) for h in site.log if "feed.xml" in h.path)
    assert feeds_read < sorted(h.start for h in hits)[1]


def test_only_robots_answers_that_allow_a_reading_are_kept(tmp_path: Path) -> None:
    # A body or an "unavailable" answer (4xx, too many redirects) holds for a day; an
    # "unreachable" one (5xx, 429, network errors) only stops the run that met it.
    answers = {"body": (200, None), "gone": (404, "http_404"), "busy": (429, "http_429"),
               "down": (503, "http_503"), "hops": (None, "too_many_redirects"),
               "refused": (None, "connect_error")}
    board = HostBoard(tmp_path / "run" / "hosts")
    for name, (status, reason) in answers.items():
        board.save_robots(RobotsRecord(f"http://{name}.example/robots.txt", time.time(),
                                       status, reason, "" if reason is None else None))
    with db.opened(tmp_path / "rcwire.duckdb") as con:
        db.migrate(con)
        merge_hosts(con, tmp_path / "run", "run-1")
        kept = {host for (host,) in con.execute("select host from host_robots").fetchall()}
    assert kept == {"body.example", "gone.example", "hops.example"}


def test_host_state_is_updated_in_place_and_reads_back_after_shrinking(
        tmp_path: Path) -> None:
    # Updates rewrite the file in place (no rename: each one forced the data to disk), so
    # a shorter state leaves padding behind, which every reader must take in its stride.
    board = HostBoard(tmp_path / "hosts")
    board.observe("example.org", 0.123456789012345, ok=True)
    board.hold("example.org", 3600.0)
    path = next((tmp_path / "hosts").glob("*.json"))
    inode = path.stat().st_ino
    board.observe("example.org", 0.0, ok=True)   # halved
    state = board.read("example.org")
    assert state.latency_s == pytest.approx(0.123456789012345 / 2)
    size = path.stat().st_size
    board.observe("example.org", -state.latency_s, ok=True)  # 0.0: a shorter state
    assert path.stat().st_ino == inode and path.stat().st_size == size
    assert path.read_bytes().endswith(b" ")
    again = board.read("example.org")
    assert again.latency_s == 0.0 and again.hold_until > time.time() + 3500
    assert [s.host for s in board.states()] == ["example.org"]
    assert board.states()[0].hold_until == again.hold_until
