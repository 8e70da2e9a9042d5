"""The acceptance test of the reliability issue: a whole run against the sample site where
most feeds are hostile finishes in bounded time, lands every good article, and records
every bad feed and page with its reason."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import duckdb

from pipeline.run.local import run_once
from pipeline.settings import Settings
from tests.conftest import sample_sources
from tests.pipeline.sample_run import ORIGINALS as _ORIGINALS
from tests.support.faultsite import FaultSite

ORIGINALS = {i["path"] for i in _ORIGINALS}
PRIVATE_PAGE = "/private/drafts/embargoed-briefing.html"


def hostile_feeds(site: FaultSite) -> dict[str, tuple[str, str]]:
    """Source name -> (feed path, reason it must fail with)."""
    port = urlsplit(site.base_url).port
    return {
        "hang": ("/_fault/hang", "deadline"),
        "drip": ("/_fault/drip?every=0.3", "deadline"),
        "bomb": ("/_fault/bomb", "too_large"),
        "laughs": ("/_fault/feed/billion-laughs.xml", "xml_entities"),
        "author": ("/_fault/feed/slow-author.xml?n=60000", "parse_timeout"),
        "loop": ("/_fault/loop/a", "redirect_loop"),
        # 127.0.0.2 is loopback but not allowed: refused, and harmless were it not.
        "ssrf": ("/_fault/redirect?to=" + quote(f"http://127.0.0.2:{port}/feed"),
                 "blocked_address"),
        "down": ("/_fault/status/503", "http_503"),
    }


BAD_PAGES = {  # route on the site -> reason the page must be recorded with
    "/_fault/hang": "deadline",
    "/_fault/drip?every=0.3&head=1": "deadline",
    "/_fault/bomb.gz": "too_large",
    "/_fault/chain/9": "too_many_redirects",
    "/_fault/redirect?to=" + quote("http://[::ffff:169.254.169.254]/"): "blocked_address",
    "/_fault/redirect?to=" + quote("file:///etc/passwd"): "bad_scheme",
    PRIVATE_PAGE: "robots_disallowed",
    "/_fault/page/invalid-utf8": "undecodable",
}


def test_hostile_run_is_bounded_lands_good_articles_and_records_bad_ones(
        settings: Settings, tmp_path: Path) -> None:
    quick = settings.model_copy(update={"deadline": 1.5, "extract_timeout": 6.0,
                                       "parse_timeout": 6.0})
    with FaultSite() as site:
        feeds = hostile_feeds(site)
        links = "&".join("link=" + quote(site.base_url + p, safe="") for p in BAD_PAGES)
        sources = sample_sources(site, tmp_path / "sources.yaml", extra=[
            *((name, path) for name, (path, _) in feeds.items()),
            ("bad-pages", f"/_fault/feed.xml?{links}")])
        started = time.monotonic()
        summary = run_once(quick, sources)
        seconds = time.monotonic() - started
        private_hits = site.hits.get(PRIVATE_PAGE, 0)
    print(f"hostile run: {seconds:.1f}s, {summary['counts']}")
    assert seconds < 60

    with duckdb.connect(str(quick.db), read_only=True) as con:
        landed = {urlsplit(u).path for (u,) in con.execute("select url from articles").fetchall()}
        states = dict(con.execute("select source, last_error from feed_state").fetchall())
        pages = dict(con.execute("select url, reason from url_outcomes where source = "
                                 "'bad-pages'").fetchall())
    assert landed == ORIGINALS
    assert summary["counts"]["loaded"] == len(ORIGINALS)

    by_source = {f["source"]: f for f in summary["feeds"]}
    for name, (_, reason) in feeds.items():
        assert by_source[name]["status"] == "failed", name
        assert states[name].startswith(f"{reason}: "), (name, states[name])
    assert {by_source[n]["status"] for n in by_source if n.startswith("sample-")} == {"ok"}
    assert by_source["bad-pages"]["status"] == "ok", by_source["bad-pages"]["error"]

    got = {urlsplit(u).path + ("?" + urlsplit(u).query if urlsplit(u).query else ""): r
           for u, r in pages.items()}
    assert sorted(got.values()) == sorted(BAD_PAGES.values())
    assert private_hits == 0
