"""One feed fetch against a loopback site: gone, moved, temporarily redirected, a web page
instead of a feed (``worker.fetch_feed``, no database)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from pipeline.fetch.http import HostLimiter, make_client
from pipeline.records import FeedStatus, FeedTask, Source
from pipeline.run.worker import FeedFetch, fetch_feed
from pipeline.settings import Settings
from tests.support.feedsite import FeedSite, html_page, json_feed, redirect, rss_feed, status


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite() as served:
        served.routes["/new/feed.xml"] = rss_feed(["ff-1", "ff-2"])
        yield served


@pytest.fixture
def quick(settings: Settings) -> Settings:
    # A loaded CI machine can take seconds to start the parsing process.
    return settings.model_copy(update={"parse_timeout": 30.0})


def fetch(settings: Settings, url: str, **task: object) -> FeedFetch:
    async def go() -> FeedFetch:
        async with make_client(settings) as client:
            limiter = HostLimiter(per_host=2, delay=0.0)
            return await fetch_feed(FeedTask(Source("t", url), **task),  # type: ignore[arg-type]
                                    settings, client, limiter)
    return asyncio.run(go())


@pytest.mark.parametrize("code", [301, 308])
def test_permanent_redirect_moves_the_feed(quick: Settings, site: FeedSite, code: int) -> None:
    site.routes["/old.xml"] = redirect(code, "/new/feed.xml")
    got = fetch(quick, f"{site.base_url}/old.xml")
    new = f"{site.base_url}/new/feed.xml"
    assert got.result.status is FeedStatus.OK and got.result.moved_to == new
    assert got.result.feed_url == f"{site.base_url}/old.xml"  # the move is the loader's
    assert {e.feed_url for e in got.entries} == {new}


@pytest.mark.parametrize("code", [302, 307])
def test_temporary_redirect_moves_nothing(quick: Settings, site: FeedSite, code: int) -> None:
    site.routes["/old.xml"] = redirect(code, "/new/feed.xml")
    got = fetch(quick, f"{site.base_url}/old.xml")
    assert got.result.status is FeedStatus.OK and got.result.moved_to is None
    assert got.final_url == f"{site.base_url}/new/feed.xml"
    # entries stay the listed feed's, so the next run knows them
    assert {e.feed_url for e in got.entries} == {f"{site.base_url}/old.xml"}


def test_permanent_then_temporary_moves_to_the_last_permanent_hop(
        quick: Settings, site: FeedSite) -> None:
    site.routes["/a.xml"] = redirect(301, "/b.xml")
    site.routes["/b.xml"] = redirect(302, "/new/feed.xml")
    assert fetch(quick, f"{site.base_url}/a.xml").result.moved_to == f"{site.base_url}/b.xml"
    site.routes["/c.xml"] = redirect(302, "/d.xml")
    site.routes["/d.xml"] = redirect(301, "/new/feed.xml")
    assert fetch(quick, f"{site.base_url}/c.xml").result.moved_to is None


def test_a_move_to_a_broken_address_is_not_followed(quick: Settings, site: FeedSite) -> None:
    site.routes["/old.xml"] = redirect(301, "/nowhere.xml")
    got = fetch(quick, f"{site.base_url}/old.xml")
    assert got.result.status is FeedStatus.FAILED and got.result.moved_to is None
    assert got.result.error and got.result.error.startswith("http_404")


def test_a_move_to_another_host_obeys_that_hosts_robots(quick: Settings, site: FeedSite) -> None:
    with FeedSite(robots=(200, "User-agent: *\nDisallow: /\n")) as other:
        other.routes["/feed.xml"] = rss_feed(["ff-other"])
        site.routes["/old.xml"] = redirect(301, f"{other.base_url}/feed.xml")
        got = fetch(quick, f"{site.base_url}/old.xml")
        assert other.hits.get("/robots.txt") == 1
        assert "/feed.xml" not in other.hits
    assert got.result.status is FeedStatus.FAILED and got.result.moved_to is None
    assert got.result.error and got.result.error.startswith("robots_disallowed")


def test_a_move_to_another_host_passes_the_address_guard(quick: Settings,
                                                         site: FeedSite) -> None:
    port = urlsplit(site.base_url).port
    site.routes["/old.xml"] = redirect(308, f"http://127.0.0.2:{port}/new/feed.xml")
    got = fetch(quick, f"{site.base_url}/old.xml")
    assert got.result.moved_to is None
    assert got.result.error and got.result.error.startswith("blocked_address")


def test_410_marks_the_feed_for_retirement(quick: Settings, site: FeedSite) -> None:
    site.routes["/gone.xml"] = status(410)
    got = fetch(quick, f"{site.base_url}/gone.xml")
    assert got.result.http_status == 410
    assert got.result.retire and got.result.retire.startswith("gone_410")


@pytest.mark.parametrize(("before", "retired"), [(0, False), (8, False), (9, True)])
def test_404_retires_only_after_the_threshold(quick: Settings, site: FeedSite, before: int,
                                              retired: bool) -> None:
    got = fetch(quick, f"{site.base_url}/missing.xml", not_found_runs=before)
    assert got.result.http_status == 404
    assert bool(got.result.retire) is retired


def test_a_web_page_names_the_feeds_it_advertises(quick: Settings, site: FeedSite) -> None:
    site.routes["/"] = html_page([("/new/feed.xml", "application/rss+xml"),
                                  ("/feed.json", "application/feed+json")])
    got = fetch(quick, f"{site.base_url}/")
    assert got.result.status is FeedStatus.FAILED
    assert got.result.discovered == (f"{site.base_url}/new/feed.xml",
                                     f"{site.base_url}/feed.json")
    error = got.result.error or ""
    assert error.startswith("html_page:") and "\n" not in error
    assert f"advertises {site.base_url}/new/feed.xml (rss)" in error
    assert "rcwire sources add" in error
    assert "/feed" not in site.hits  # advertised feeds need no probing


def test_a_page_that_advertises_nothing_leads_to_a_common_path(quick: Settings,
                                                               site: FeedSite) -> None:
    site.routes["/news/"] = html_page([])
    site.routes["/rss.xml"] = json_feed(["ff-json"])
    got = fetch(quick, f"{site.base_url}/news/")
    assert got.result.discovered == (f"{site.base_url}/rss.xml",)
    assert "(common path) answers one" in (got.result.error or "")
    # beside the page first, then the root, in order, stopping at the first feed
    probed = [p for p, _ in site.requests if p not in ("/robots.txt", "/news/")]
    assert probed == ["/news/feed", "/news/rss", "/news/rss.xml", "/news/atom.xml",
                      "/news/feed.xml", "/news/index.xml", "/news/feed.json", "/feed", "/rss",
                      "/rss.xml"]


def test_a_page_without_any_feed_says_so(quick: Settings, site: FeedSite) -> None:
    site.routes["/lonely/"] = html_page([])
    got = fetch(quick, f"{site.base_url}/lonely/")
    assert got.result.discovered == ()
    assert "none of its site's common feed paths answers one" in (got.result.error or "")


def test_a_redirect_into_a_disallowed_path_of_the_same_host_is_refused(
        quick: Settings) -> None:
    with FeedSite(robots=(200, "User-agent: *\nDisallow: /private/\n")) as site:
        site.routes["/old.xml"] = redirect(301, "/private/feed.xml")
        site.routes["/private/feed.xml"] = rss_feed(["ff-private"])
        got = fetch(quick, f"{site.base_url}/old.xml")
        assert "/private/feed.xml" not in site.hits and site.hits["/robots.txt"] == 1
    assert got.result.moved_to is None
    assert (got.result.error or "").startswith("robots_disallowed")
