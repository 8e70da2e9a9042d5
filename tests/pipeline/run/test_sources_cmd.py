"""`rcwire sources check` and `rcwire sources add` as an operator runs them (subprocesses,
real files, a loopback site); neither writes to the database."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.fetch.sources import load_sources
from pipeline.records import Source
from pipeline.run.sources_cmd import add_source
from pipeline.settings import Settings
from tests.conftest import ROOT
from tests.support.feedsite import FeedSite, html_page, json_feed, redirect, rss_feed, status

RCWIRE = [str(ROOT / ".venv" / "bin" / "rcwire")]


def rcwire(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1", "RCWIRE_HOST_DELAY": "0",
           "RCWIRE_PARSE_TIMEOUT": "30", "RCWIRE_DB": str(tmp_path / "rcwire.duckdb"),
           "RCWIRE_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "250"}
    return subprocess.run([*RCWIRE, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=240)


@pytest.fixture(scope="module")
def site() -> Iterator[FeedSite]:
    with FeedSite() as served:
        served.routes.update({
            "/ok.xml": rss_feed(["sc-ok-1", "sc-ok-2", "sc-ok-3"]),
            "/gone.xml": status(410),
            "/down.xml": status(500),
            "/moved.xml": redirect(308, "/ok.xml"),
            "/temp.xml": redirect(307, "/wire.json"),
            "/wire.json": json_feed(["sc-json-1", "sc-json-2"]),
            "/home": html_page([("/wire.json", "application/feed+json")]),
        })
        yield served


def write_sources(path: Path, site: FeedSite, feeds: dict[str, str]) -> Path:
    path.write_text("# checked before scheduling\nsources:\n" + "".join(
        f"  - name: {name}\n    url: {site.base_url}{feed}\n" for name, feed in feeds.items()),
        encoding="utf-8")
    return path


def test_check_reports_each_kind_and_exits_1_on_a_broken_list(site: FeedSite,
                                                              tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "sources.yaml", site, {
        "ok": "/ok.xml", "gone": "/gone.xml", "down": "/down.xml", "moved": "/moved.xml",
        "temp": "/temp.xml", "home": "/home"})
    done = rcwire(tmp_path, "sources", "check", "--sources", str(sources), "--json")
    assert done.returncode == 1, done.stderr
    seen = {c["source"]: c for c in map(json.loads, done.stdout.splitlines())}
    base = site.base_url
    assert {n: (c["status"], c["broken"]) for n, c in seen.items()} == {
        "ok": ("ok", False), "gone": ("gone", True), "down": ("failed", True),
        "moved": ("moved", False), "temp": ("ok", False), "home": ("web page", True)}
    assert (seen["ok"]["entries"], seen["ok"]["language"]) == (3, "en")
    assert seen["moved"]["redirect"] == f"301/308 -> {base}/ok.xml"
    assert seen["temp"]["redirect"] == f"302/307 -> {base}/wire.json"
    assert seen["temp"]["newest"] == "2026-11-30 08:15:00+00:00"
    assert seen["home"]["discovered"] == f"{base}/wire.json"
    assert seen["down"]["error"].startswith("http_500")
    # No database, no run folder: the check writes nothing.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sources.yaml"]


def test_check_prints_a_table_and_exits_0_on_a_working_list(site: FeedSite,
                                                            tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "sources.yaml", site,
                            {"ok": "/ok.xml", "moved": "/moved.xml", "temp": "/temp.xml"})
    db = tmp_path / "rcwire.duckdb"
    db.write_bytes(b"not touched")
    before = db.stat().st_mtime_ns
    done = rcwire(tmp_path, "sources", "check", "--sources", str(sources))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    header = next(line for line in lines if "source" in line and "status" in line)
    for column in ("entries", "newest item", "redirect", "discovered feed", "language"):
        assert column in header
    moved = next(line for line in lines if line.startswith("│ moved "))
    assert f"301/308 -> {site.base_url}/ok.xml" in moved and "│ 3 " in moved
    assert "3 of 3 source(s) answer a feed" in done.stdout
    assert db.read_bytes() == b"not touched" and db.stat().st_mtime_ns == before


def test_add_appends_the_feed_a_page_advertises(site: FeedSite, tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "sources.yaml", site, {"ok": "/ok.xml"})
    done = rcwire(tmp_path, "sources", "add", f"{site.base_url}/home",
                  "--sources", str(sources), "--name", "jsonwire", "--tag", "wire")
    assert done.returncode == 0, done.stderr
    assert f"added jsonwire: {site.base_url}/wire.json (2 entries" in done.stdout
    text = sources.read_text(encoding="utf-8")
    assert text.startswith("# checked before scheduling\n")
    assert text.endswith(f'  - name: "jsonwire"\n    url: "{site.base_url}/wire.json"\n'
                         '    tags: ["wire"]\n')
    assert not (tmp_path / "rcwire.duckdb").exists()


def test_add_of_a_moved_feed_lists_its_new_address(site: FeedSite, tmp_path: Path,
                                                   settings: Settings) -> None:
    sources = tmp_path / "new.yaml"
    added = add_source(f"{site.base_url}/moved.xml", sources,
                       settings.model_copy(update={"parse_timeout": 30.0}))
    assert added.source == Source("127-0-0-1", f"{site.base_url}/ok.xml")
    assert added.how == f"moved there from {site.base_url}/moved.xml"
    assert load_sources(sources) == [added.source]
    assert not settings.db.exists()


def test_add_of_a_dead_feed_adds_nothing(site: FeedSite, tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "sources.yaml", site, {"ok": "/ok.xml"})
    before = sources.read_bytes()
    done = rcwire(tmp_path, "sources", "add", f"{site.base_url}/gone.xml",
                  "--sources", str(sources))
    assert done.returncode == 2
    assert done.stderr.strip() == (f"rcwire: error: {site.base_url}/gone.xml: http_410: "
                                   "HTTP 410 Gone; nothing added")
    assert sources.read_bytes() == before
