"""Feed life-cycle over real runs (``run_once``) on a loopback site with a real DuckDB file,
real SMTP and webhook receivers: a feed that is gone retires with one alert and comes back
with one command, a moved feed follows, a temporary redirect does not, a web page names its
feed, and a JSON Feed lands its articles.

Three runs share one story (module scope) because each run costs seconds: the tests
below read what each run left behind.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from aiosmtpd.controller import Controller
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import RunError
from pipeline.run.local import run_once
from pipeline.settings import Settings, get_settings
from tests.pipeline.quality.test_notify import MailSink, WebhookReceiver, free_port
from tests.support.faultsite import article_title
from tests.support.feedsite import (
    NEWEST,
    FeedSite,
    html_page,
    json_feed,
    redirect,
    rss_feed,
    status,
)

FEEDS = {  # source -> path listed in the sources file
    "gone": "/gone.xml", "lost": "/lost.xml", "moved": "/moved.xml", "temp": "/temp.xml",
    "jsonwire": "/feed.json", "frontpage": "/home",
}


def routes(site: FeedSite) -> None:
    site.routes.update({
        "/gone.xml": status(410),
        "/lost.xml": status(404),
        "/moved.xml": redirect(301, "/new/feed.xml"),
        "/new/feed.xml": rss_feed(["lc-moved-1", "lc-moved-2"]),
        "/temp.xml": redirect(302, "/today/feed.xml"),
        "/today/feed.xml": rss_feed(["lc-temp-1"]),
        "/feed.json": json_feed(["lc-json-1", "lc-json-2"]),
        "/home": html_page([("/new/feed.xml", "application/rss+xml")]),
    })


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("lifecycle")
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    with pytest.MonkeyPatch.context() as env, WebhookReceiver() as hook, FeedSite() as site:
        env.setenv("RCWIRE_SMTP_HOST", "127.0.0.1")
        env.setenv("RCWIRE_SMTP_PORT", str(controller.port))
        env.setenv("RCWIRE_ALERT_EMAILS", "feeds@desk.example")
        env.setenv("RCWIRE_WEBHOOK_URL", hook.url)
        get_settings.cache_clear()
        routes(site)
        settings = Settings(
            db=tmp / "rcwire.duckdb", data_dir=tmp / "data", host_delay=0.0, deadline=5.0,
            allow_private_hosts=[ipaddress.ip_network("127.0.0.1/32")], parse_timeout=30.0,
            feed_retire_after_404=2)
        sources = tmp / "sources.yaml"
        sources.write_text("sources:\n" + "".join(
            f"  - name: {name}\n    url: {site.base_url}{path}\n"
            for name, path in FEEDS.items()), encoding="utf-8")
        told: dict[str, Any] = {"settings": settings, "site": site, "mails": sink,
                                "hook": hook, "url": {n: site.base_url + p
                                                      for n, p in FEEDS.items()}}
        told["first"] = run_once(settings, sources)
        told["after_first"] = dict(site.hits), len(sink.envelopes)
        with duckdb.connect(str(settings.db), read_only=True) as con:
            told["health_first"] = con.execute(
                "select source, health, retired_reason, last_http_status from feed_health "
                "order by all").fetchall()
        told["second"] = run_once(settings, sources, only_due=False)
        told["after_second"] = dict(site.hits), len(sink.envelopes)
        told["enable"] = CliRunner().invoke(app, ["sources", "enable", told["url"]["gone"],
                                                  "--db", str(settings.db)])
        # Back, with items whose pages fail (the run stays quick: nothing to validate).
        site.routes["/gone.xml"] = rss_feed(["lc-back-1"], pages="/_fault/status/404/")
        told["third"] = run_once(settings, sources)
        print("life-cycle runs (wall s):", [round(told[r]["timings"]["total"]["wall_s"], 1)
                                            for r in ("first", "second", "third")])
        yield told
    get_settings.cache_clear()
    controller.stop()


def rows(story: dict[str, Any], query: str, *params: object) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(story["settings"].db), read_only=True) as con:
        return con.execute(query, list(params)).fetchall()


def retired_alerts(story: dict[str, Any]) -> list[str]:
    return [m["Subject"] for m in story["mails"].messages() if "retired" in m["Subject"]]


def test_410_retires_the_feed_after_one_run(story: dict[str, Any]) -> None:
    url = story["url"]["gone"]
    assert story["first"]["retired"] == [{"source": "gone", "feed_url": url,
                                          "reason": "gone_410: the feed answered 410 Gone"}]
    health = {h[0]: h[1:] for h in story["health_first"]}
    assert health["gone"] == ("retired", "gone_410: the feed answered 410 Gone", 410)
    assert health["lost"][0] == "error" and health["jsonwire"][0] == "ok"
    events = rows(story, "select event, run_id from feed_lifecycle where source = 'gone' "
                         "order by happened_at")
    assert [e for e, _ in events] == ["retired", "enabled"]
    assert events[0][1] == story["first"]["run_id"] and events[1][1] is None


def test_a_retired_feed_is_not_fetched_again(story: dict[str, Any]) -> None:
    first_hits, _ = story["after_first"]
    second_hits, _ = story["after_second"]
    assert first_hits["/gone.xml"] == 1 and second_hits["/gone.xml"] == 1
    assert story["second"]["skipped_retired"] == ["gone"]  # even with --all (only_due=False)
    assert "gone" not in {f["source"] for f in story["second"]["feeds"]}


def test_one_alert_per_retirement_by_email_and_webhook(story: dict[str, Any]) -> None:
    subjects = retired_alerts(story)
    run1, run2 = story["first"]["run_id"], story["second"]["run_id"]
    assert subjects == [f"[rcwire] 1 feed(s) retired in run {run1}: gone",
                        f"[rcwire] 1 feed(s) retired in run {run2}: lost"]
    posts = [p for p in story["hook"].posts if "retired in run" in p["text"]]
    assert len(posts) == 2
    assert f"rcwire sources enable {story['url']['gone']}" in posts[0]["text"]
    assert "feed_retired" in posts[0]["blocks"][1]["text"]["text"]


def test_404_retires_only_after_the_threshold(story: dict[str, Any]) -> None:
    assert story["first"]["retired"][0]["source"] == "gone"  # lost: first 404 only
    assert [r["source"] for r in story["second"]["retired"]] == ["lost"]
    assert story["second"]["retired"][0]["reason"].startswith("not_found_404: ")
    assert rows(story, "select consecutive_not_found, retired_reason is not null "
                       "from feed_state where source = 'lost'") == [(2, True)]


def test_enable_is_one_command_and_the_next_run_fetches_the_feed(story: dict[str, Any]) -> None:
    enable = story["enable"]
    assert enable.exit_code == 0, enable.output
    assert f"re-enabled gone ({story['url']['gone']})" in enable.output
    third = {f["source"]: f for f in story["third"]["feeds"]}
    assert third["gone"]["status"] == "ok" and third["gone"]["entries"] == 1
    assert rows(story, "select retired_at, consecutive_failures from feed_state "
                       "where source = 'gone'") == [(None, 0)]
    assert story["third"]["skipped_retired"] == ["lost"]
    assert len(retired_alerts(story)) == 2  # coming back is no alert


def test_enable_names_the_retired_feeds_when_nothing_matches(story: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["sources", "enable", "http://nowhere.example/rss",
                                      "--db", str(story["settings"].db)])
    assert isinstance(result.exception, RunError)
    assert "retired feeds: lost" in str(result.exception)


def test_permanent_redirect_moves_state_and_history(story: dict[str, Any]) -> None:
    old, new = story["url"]["moved"], story["site"].base_url + "/new/feed.xml"
    assert story["first"]["moved"] == [{"source": "moved", "from": old, "to": new}]
    assert rows(story, "select feed_url, etag is not null from feed_state "
                       "where source = 'moved'") == [(new, True)]
    assert rows(story, "select feed_url, new_url, event from feed_lifecycle "
                       "where source = 'moved'") == [(old, new, "moved")]
    assert rows(story, "select count(*) from url_outcomes where feed_url = ?", old) == [(0,)]
    assert rows(story, "select count(*) from articles where feed_url = ?", new) == [(2,)]
    assert rows(story, "select moved_from from feed_health where feed_url = ?", new) == [(old,)]


def test_a_moved_feed_is_asked_at_its_new_address_with_its_validators(
        story: dict[str, Any]) -> None:
    hits, _ = story["after_second"]
    assert hits["/moved.xml"] == 1  # never again after the move
    asked = story["site"].asked("/new/feed.xml")
    assert "If-None-Match" not in asked[0] and asked[1]["If-None-Match"]
    second = {f["source"]: f for f in story["second"]["feeds"]}
    assert second["moved"]["status"] == "not_modified"
    assert second["moved"]["feed_url"] == story["site"].base_url + "/new/feed.xml"


def test_temporary_redirect_keeps_the_listed_address(story: dict[str, Any]) -> None:
    temp = story["url"]["temp"]
    assert story["first"]["moved"][0]["source"] == "moved"  # and nothing for temp
    assert rows(story, "select feed_url from feed_state where source = 'temp'") == [(temp,)]
    hits, _ = story["after_second"]
    assert hits["/temp.xml"] == 2
    # Its entries are recorded under the listed address, so they are known next time.
    assert rows(story, "select outcome, count(*) from url_outcomes where source = 'temp' "
                       "group by all") == [("loaded", 1)]


def test_a_web_page_source_records_one_line_naming_its_feed(story: dict[str, Any]) -> None:
    feed = story["site"].base_url + "/new/feed.xml"
    [error] = [f["error"] for f in story["first"]["feeds"] if f["source"] == "frontpage"]
    assert error.startswith("html_page: ") and f"advertises {feed} (rss)" in error
    assert rows(story, "select error from feed_events where source = 'frontpage' and "
                       "run_id = ?", story["first"]["run_id"]) == [(error,)]


def test_a_json_feed_lands_its_articles(story: dict[str, Any]) -> None:
    landed = rows(story, "select title, published_at, guid from articles "
                         "where source = 'jsonwire' order by published_at desc")
    assert [(t, p) for t, p, _ in landed] == [
        (article_title("lc-json-1"), NEWEST),
        (article_title("lc-json-2"), NEWEST.replace(hour=NEWEST.hour - 1))]
    assert {g for _, _, g in landed} == {"urn:rcwire-test:lc-json-1",
                                         "urn:rcwire-test:lc-json-2"}
    second = {f["source"]: f for f in story["second"]["feeds"]}
    assert second["jsonwire"]["status"] == "not_modified"


def test_summary_prints_retired_and_moved_feeds(story: dict[str, Any],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.run.progress import print_summary

    print_summary(story["first"], Path("db"))
    out = " ".join(capsys.readouterr().out.split())
    assert f"retired gone ({story['url']['gone']}): gone_410" in out
    assert f"rcwire sources enable {story['url']['gone']}" in out
    assert f"moved moved: {story['url']['moved']} ->" in out


def test_airflow_feed_task_does_not_fail_for_a_feed_it_retires(settings: Settings,
                                                                tmp_path: Path) -> None:
    # A failed feed task means a retry and a task alert; a retired feed gets neither (the
    # loader sends its one alert). Other failures still fail the task.
    from pipeline.run.tasks import host_task, plan_task
    from pipeline.run.worker import FeedFailedError

    # Two hosts: each host group is one task.
    with FeedSite() as site, FeedSite() as other:
        site.routes.update({"/gone.xml": status(410)})
        other.routes.update({"/down.xml": status(500)})
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - name: gone\n    url: {site.base_url}/gone.xml\n"
                           f"  - name: down\n    url: {other.base_url}/down.xml\n",
                           encoding="utf-8")
        refs = {r["sources"][0]: r for r in plan_task("manual__1", settings)["feeds"]}
        assert host_task(refs["gone"], settings)["feeds"][0]["http_status"] == 410
        with pytest.raises(FeedFailedError, match="http_500"):
            host_task(refs["down"], settings)
