"""End to end on the loopback sample site, with a real DuckDB file."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin

import duckdb
import pytest

from pipeline.records import FeedTask, Source
from pipeline.run.local import QualityWarmUp, pages_likely, run_once
from pipeline.samplesite import SampleSite
from pipeline.settings import Settings
from pipeline.urls import canonical_url
from tests.conftest import SAMPLES, sample_sources, settings_in
from tests.pipeline.sample_run import COPIES, OFF_THEME
from tests.pipeline.sample_run import ORIGINALS as _ORIGINALS

MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))


def rows(settings: Settings, query: str) -> list[tuple]:
    with duckdb.connect(str(settings.db), read_only=True) as con:
        return con.execute(query).fetchall()


@pytest.fixture
def first_run(settings: Settings, sample_site: SampleSite, tmp_path: Path) -> dict:
    return run_once(settings, sample_sources(sample_site, tmp_path / "sources.yaml"))


@dataclass(frozen=True)
class SharedRun:
    summary: dict
    settings: Settings
    base_url: str


@pytest.fixture(scope="module")
def shared_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedRun]:
    """One run of the sample site for the tests that only read what it landed (a run
    each cost the suite half a minute); the tests that run again get ``first_run``."""
    folder = tmp_path_factory.mktemp("shared-run")
    settings = settings_in(folder)
    with SampleSite(SAMPLES / "site") as site:
        summary = run_once(settings, sample_sources(site, folder / "sources.yaml"))
        yield SharedRun(summary, settings, site.base_url)


def listed_entries(base: str) -> set[tuple[str, str]]:
    """(feed, clean link) of every link the sample feeds list: one outcome each per run."""
    return {(feed, canonical_url(urljoin(base + feed, link)))
            for item in MANIFEST for feed, link in zip(item["feeds"], item["feed_links"],
                                                       strict=True)}


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


ORIGINALS = {i["path"] for i in _ORIGINALS}


def test_every_listed_page_gets_an_outcome(shared_run: SharedRun) -> None:
    listed = listed_entries(shared_run.base_url)
    assert sum(shared_run.summary["counts"].values()) == len(listed)
    assert rows(shared_run.settings, "select count(*) from url_outcomes")[0][0] == len(listed)


def test_on_theme_originals_land_once_and_off_theme_are_recorded(
        shared_run: SharedRun) -> None:
    settings = shared_run.settings
    landed = {path_of(r[0]) for r in rows(settings, "select url from articles")}
    assert landed == ORIGINALS
    assert shared_run.summary["counts"]["off_theme"] == len(OFF_THEME)
    assert shared_run.summary["counts"]["loaded"] == len(ORIGINALS)
    reasons = rows(settings, "select distinct reason from url_outcomes where outcome='off_theme'")
    assert reasons == [("off_theme",)]


def test_every_copy_is_linked_to_its_original_by_the_expected_method(
        shared_run: SharedRun) -> None:
    links = {path_of(u): (m, path_of(orig)) for u, m, orig in rows(
        shared_run.settings, "select d.url, d.method, a.url from article_duplicates d "
                  "join articles a on a.article_id = d.duplicate_of")}
    for copy in COPIES:
        assert links[copy["path"]] == (copy["dup_method"], copy["duplicate_of"]), copy["path"]


def test_stored_article_matches_gold(shared_run: SharedRun) -> None:
    seed = next(i for i in MANIFEST if i["seed"] == "001" and i["kind"] == "seed")
    (title, author, text, published, signal, lang) = rows(
        shared_run.settings, "select title, author, text, published_at, published_signal, language "
        f"from articles where url like '%{seed['path']}'")[0]
    assert (title, author, lang) == (seed["title"], seed["author"], "en")
    assert text.split("\n\n") == seed["body_paragraphs"]
    assert published.date().isoformat() == seed["published"] and signal


def test_second_run_adds_nothing_and_reports_304(
        first_run: dict, settings: Settings, sample_site: SampleSite, tmp_path: Path) -> None:
    before = rows(settings, "select count(*) from articles")[0][0]
    second = run_once(settings, tmp_path / "sources.yaml")
    assert rows(settings, "select count(*) from articles")[0][0] == before
    assert second["counts"].get("loaded", 0) == 0
    assert {f["status"] for f in second["feeds"]} == {"not_modified"}
    assert {f["http_status"] for f in second["feeds"]} == {304}


def test_broken_feeds_and_slow_page_are_recorded_and_the_rest_lands(
        settings: Settings, sample_site: SampleSite, tmp_path: Path) -> None:
    slow = quote("/_fault/slow?seconds=20", safe="")
    sources = sample_sources(sample_site, tmp_path / "sources.yaml", extra=[
        ("broken-500", "/_fault/status/500"),
        ("broken-xml", "/_fault/malformed.xml"),
        ("slow-pages", f"/_fault/feed.xml?link={slow}"),
    ])
    quick = settings.model_copy(update={"deadline": 2.0})
    summary = run_once(quick, sources)
    feeds = {f["source"]: f for f in summary["feeds"]}
    assert feeds["broken-500"]["status"] == "failed"
    assert feeds["broken-500"]["error"].startswith("http_500")
    assert feeds["broken-xml"]["status"] == "failed"
    assert feeds["broken-xml"]["error"].startswith("malformed_feed")
    assert feeds["slow-pages"]["status"] == "ok"
    slow_fail = [p for p in summary["page_failures"] if "slow" in p["url"]]
    assert [p["reason"] for p in slow_fail] == ["deadline"]
    assert summary["counts"]["loaded"] == len(ORIGINALS)
    stored = dict(rows(quick, "select source, last_error from feed_state "
                              "where last_status = 'failed'"))
    assert set(stored) == {"broken-500", "broken-xml"}


def test_copies_found_again_in_a_later_run(settings: Settings, sample_site: SampleSite,
                                           tmp_path: Path) -> None:
    everything = sample_sources(sample_site, tmp_path / "all.yaml")
    text = everything.read_text(encoding="utf-8")
    originals_only = tmp_path / "originals.yaml"
    first_part = text.split("  - name: sample-syndication")[0]
    originals_only.write_text(first_part, encoding="utf-8")
    first_feeds = {"/" + line.split("/", 3)[3] for line in first_part.splitlines()
                   if "url:" in line}
    run_once(settings, originals_only)
    second = run_once(settings, everything)
    # New in the second run: originals listed only in the feeds it adds (syndication, and
    # the Russian and Chinese feeds).
    assert second["counts"].get("loaded", 0) == len(
        [i for i in _ORIGINALS if not set(i["feeds"]) & first_feeds])
    links = {path_of(u): m for u, m in rows(settings, "select url, method from article_duplicates")}
    for copy in COPIES:
        assert links[copy["path"]] == copy["dup_method"], copy["path"]


def test_removals_and_learned_paragraphs_stored(shared_run: SharedRun) -> None:
    settings = shared_run.settings
    kinds = {r[0] for r in rows(settings, "select distinct kind from article_removals")}
    assert {"newsletter_promo", "related_posts", "comment_form"} <= kinds
    # Every removal is stored with why it went (issue 15).
    assert rows(settings, "select count(*) from article_removals where coalesce(reason, '') = ''",
                )[0][0] == 0
    assert rows(settings, "select count(*) from source_boilerplate")[0][0] > 0


def test_rerunning_the_load_of_a_run_is_a_no_op(first_run: dict, settings: Settings) -> None:
    from pipeline.run.local import load_run
    from pipeline.runfolder import run_dir

    again = load_run(run_dir(settings.runs_dir, first_run["run_id"]), settings)
    assert again["counts"] == first_run["counts"]
    assert rows(settings, "select count(*) from runs")[0][0] == 1


def test_maintenance_keeps_run_folders_for_the_settings_retention(settings: Settings) -> None:
    from pipeline.run import tasks

    old = settings.runs_dir / "cli-old"
    old.mkdir(parents=True)
    (old / "plan.json").write_text("{}", encoding="utf-8")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old / "plan.json", (two_days_ago, two_days_ago))
    assert tasks.maintenance_task(settings.model_copy(update={"retention_days": 3})) == []
    assert old.exists()
    tasks.maintenance_task(settings.model_copy(update={"retention_days": 1}))
    assert not old.exists()


def test_the_quality_warm_up_starts_at_the_fetch_only_when_pages_are_likely() -> None:
    # A feed without a validator answers in full (first fetch, or a server that sends
    # none), and held retries are fetched whatever the feed says; feeds that can answer
    # 304 leave the import to the first page queued, so an all-304 run never pays it.
    src = Source("s", "http://news.example/feed")
    known = FeedTask(src, etag='"v1"')
    dated = FeedTask(src, last_modified="Tue, 01 Dec 2026 10:00:00 GMT")
    assert not pages_likely([known, dated])
    assert pages_likely([known, FeedTask(src)])
    assert pages_likely([FeedTask(src, etag='"v1"', retry_urls=(("http://a", "k"),))])
    warm = QualityWarmUp()
    hook = warm.hook(None)
    hook("s", 0)  # a feed with nothing new does not start it
    assert warm._thread is None
    hook("s", 2)
    first = warm._thread
    warm.start()  # once only
    assert first is not None and warm._thread is first
    warm.join()
    assert not first.is_alive()
