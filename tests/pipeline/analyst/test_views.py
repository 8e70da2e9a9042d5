"""The analyst views (sql/views) on a database filled by one run of the sample site,
checked against what samples/manifest.json says the site contains."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.enrich.entities import count_mentions
from pipeline.store import db
from tests.pipeline.sample_run import (
    COPIES,
    OFF_THEME,
    ORIGINALS,
    SampleRun,
    feed_sources,
    listed_per_feed,
    manifest_text,
    shared_run,
)

VIEWS = {"article_days", "daily_volume", "entity_mentions_daily", "entity_totals",
         "feed_health", "dq_trend", "latest_headlines", "duplicates_daily", "run_history",
         "syndication", "better_copies"}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    return shared_run(tmp_path_factory)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with db.opened(tmp_path / "fresh.duckdb") as con:
        db.migrate(con)
        yield con


def views(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    return dict(con.execute(
        "select view_name, comment from duckdb_views() where not internal").fetchall())


def test_every_view_and_column_is_documented(fresh: duckdb.DuckDBPyConnection) -> None:
    found = views(fresh)
    assert set(found) >= VIEWS
    assert [v for v, comment in found.items() if not comment] == []
    bare = fresh.execute("select table_name, column_name from duckdb_columns() "
                         "where comment is null and table_name in "
                         "(select view_name from duckdb_views() where not internal)").fetchall()
    assert bare == []


def test_views_survive_being_refreshed_again(fresh: duckdb.DuckDBPyConnection) -> None:
    before = fresh.execute("select table_name, column_name, comment from duckdb_columns() "
                           "order by all").fetchall()
    db.refresh_views(fresh)
    db.migrate(fresh)
    after = fresh.execute("select table_name, column_name, comment from duckdb_columns() "
                          "order by all").fetchall()
    assert after == before


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_view_answers_on_an_empty_database(fresh: duckdb.DuckDBPyConnection,
                                                 view: str) -> None:
    assert fresh.execute(f"select count(*) from {view}").fetchone() == (0,)


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_view_answers_after_a_run(run: SampleRun, view: str) -> None:
    assert run.rows(f"select count(*) from {view}")[0][0] >= (0 if view == "better_copies"
                                                              else 1)


def test_daily_volume_counts_every_original_once_under_a_feed_listing_it(
        run: SampleRun) -> None:
    per_source = dict(run.rows("select source, sum(articles) from daily_volume group by 1"))
    expected: Counter[str] = Counter()
    for item in ORIGINALS:
        source = run.source_of(item["path"])
        assert source in feed_sources(item), item["path"]
        expected[source] += 1
    assert per_source == dict(expected)
    assert sum(per_source.values()) == len(ORIGINALS)


def test_dated_originals_fall_on_their_publication_day(run: SampleRun) -> None:
    expected = Counter((datetime.fromisoformat(i["published"]).date(), run.source_of(i["path"]))
                       for i in ORIGINALS if i["published"])
    got = {(d, s): n for d, s, n in run.rows(
        "select day, source, dated_articles from daily_volume")}
    assert {key: got.get(key) for key in expected} == dict(expected)


def test_undated_originals_are_filed_under_their_fetch_day(run: SampleRun) -> None:
    undated = [i for i in ORIGINALS if not i["published"]]
    rows = dict(run.rows("select day, sum(articles - dated_articles) from daily_volume "
                         "group by 1"))
    assert rows.get(run.run_day) == len(undated)
    assert run.rows("select sum(dated_articles) from daily_volume")[0][0] == \
        len(ORIGINALS) - len(undated)


def test_words_add_up(run: SampleRun) -> None:
    assert run.rows("select sum(words) from daily_volume") == run.rows(
        "select sum(word_count) from articles")


def direct_counts() -> dict[str, tuple[int, int]]:
    """(articles, mentions) per entity, counted on the manifest's original pages."""
    totals: dict[str, list[int]] = {}
    for item in ORIGINALS:
        for m in count_mentions(item["title"], manifest_text(item)):
            entry = totals.setdefault(m.entity, [0, 0])
            entry[0] += 1
            entry[1] += m.mentions
    return {name: (a, n) for name, (a, n) in totals.items()}


def test_entity_mentions_match_a_direct_count_on_the_manifest(run: SampleRun) -> None:
    got = {e: (a, n) for e, a, n in run.rows(
        "select entity, sum(articles), sum(mentions) from entity_mentions_daily group by 1")}
    assert got == direct_counts()


def test_entity_totals_agree_with_the_daily_view(run: SampleRun) -> None:
    totals = run.rows("select entity, articles, mentions, headline_articles from entity_totals "
                      "order by entity")
    daily = run.rows("select entity, sum(articles), sum(mentions), sum(headline_articles) "
                     "from entity_mentions_daily group by 1 order by 1")
    assert totals == daily


def words(pattern: str, flags: int = re.IGNORECASE) -> int:
    """Matches of a plain regular expression over the originals' bodies."""
    return sum(len(re.findall(pattern, manifest_text(i), flags)) for i in ORIGINALS)


@pytest.mark.parametrize(("entity", "pattern", "flags"), [
    # Hand-written patterns, independent of pipeline/enrich/entities.py.
    ("Sergey Lavrov", r"\blavrov\b", re.IGNORECASE),
    ("Power of Siberia", r"power of siberia|сил[аыуе]\s+сибири|西伯利亚力量", re.IGNORECASE),
    ("SCO", r"\bSCO\b|shanghai cooperation organi[sz]ation", re.IGNORECASE),
    ("Mikhail Mishustin", r"\bmishustin\b", re.IGNORECASE),
    ("Wang Yi", r"\bwang yi\b", re.IGNORECASE),
])
def test_key_entities_counted_like_a_plain_search(run: SampleRun, entity: str, pattern: str,
                                                  flags: int) -> None:
    if entity == "SCO":  # the acronym is case-sensitive: "sco" inside "Moscow" is no hit
        count = (words(r"\bSCO\b", 0) + words(r"shanghai cooperation organi[sz]ation")
                 + words(r"\bШОС\b", 0) + words(r"上海合作组织|上合组织", 0))
    else:
        count = words(pattern, flags)
    assert count > 0
    assert run.rows("select mentions from entity_totals where entity = $e",
                    {"e": entity}) == [(count,)]


def test_feed_health_is_ok_for_every_sample_feed(run: SampleRun) -> None:
    rows = run.rows("select source, health, consecutive_failures, fetches_7d, failures_7d, "
                    "new_entries_7d, articles, last_error from feed_health")
    stored = dict(run.rows("select source, sum(articles) from daily_volume group by 1"))
    listed = listed_per_feed()
    assert {r[0] for r in rows} == set(listed)
    for source, health, failures, fetches, failed, new, articles, error in rows:
        assert (health, failures, fetches, failed, error) == ("ok", 0, 1, 0, None)
        assert new == listed[source], source
        assert articles == stored.get(source, 0), source


FEED_STATE = ("insert into feed_state (feed_url, source, last_status, consecutive_failures, "
              "last_success_at, last_error) values ($url, $source, $status, $failures, "
              "$success, $error)")


@pytest.mark.parametrize(("status", "failures", "success_days_ago", "health"), [
    ("ok", 0, 0, "ok"),
    ("not_modified", 0, 1, "ok"),
    ("failed", 1, 0, "error"),
    ("failed", 3, 5, "failing"),
    ("ok", 0, 4, "stale"),
    ("failed", 2, None, "error"),
    (None, 0, None, "stale"),
])
def test_feed_health_verdicts(fresh: duckdb.DuckDBPyConnection, status: str | None,
                              failures: int, success_days_ago: int | None, health: str) -> None:
    success = None if success_days_ago is None else \
        datetime.now(UTC) - timedelta(days=success_days_ago, minutes=1)
    fresh.execute(FEED_STATE, {"url": "http://x/feed", "source": "x", "status": status,
                               "failures": failures, "success": success,
                               "error": "http_500" if status == "failed" else None})
    assert fresh.execute("select health from feed_health").fetchall() == [(health,)]


def test_dq_trend_passes_every_suite_of_the_sample_run(run: SampleRun) -> None:
    rows = run.rows("select suite, runs, checks, passed, failed, pass_rate from dq_trend")
    stored = dict(run.rows("select suite, count(*) from dq_results group by 1"))
    assert {r[0] for r in rows} == {"article_batch", "articles_table", "run"}
    for suite, runs, checks, passed, failed, rate in rows:
        assert (runs, checks, passed, failed, rate) == (1, stored[suite], stored[suite], 0, 1.0)


def test_dq_trend_pass_rate_counts_failures(fresh: duckdb.DuckDBPyConnection) -> None:
    for success in (True, True, True, False):
        fresh.execute("insert into dq_results (run_id, suite, expectation, success, checked_at) "
                      "values ('r', 'run', 'e', $s, now())", {"s": success})
    assert fresh.execute("select checks, failed, pass_rate from dq_trend").fetchall() == [
        (4, 1, 0.75)]


def expected_duplicates(item: dict[str, Any]) -> tuple[int, int]:
    """(duplicates, republications) of an original: its copies, plus its extra feed listings."""
    copies = [c for c in COPIES if c["duplicate_of"] == item["path"]]
    return (len(copies) + len(item["feeds"]) - 1,
            sum(c["dup_method"] in ("hash", "near") for c in copies))


def test_latest_headlines_list_every_original_with_its_copies(run: SampleRun) -> None:
    rows = run.rows("select url, title, duplicates, republications, entities "
                    "from latest_headlines")
    by_path = {"/" + url.split("/", 3)[3]: rest for url, *rest in rows}
    assert set(by_path) == {i["path"] for i in ORIGINALS}
    for item in ORIGINALS:
        title, duplicates, republications, entities = by_path[item["path"]]
        assert title == item["title"]
        assert (duplicates, republications) == expected_duplicates(item), item["path"]
        assert set(entities) == {m.entity for m in count_mentions(item["title"],
                                                                  manifest_text(item))}


def test_latest_headlines_newest_first(run: SampleRun) -> None:
    order = [r[0] for r in run.rows("select article_id from latest_headlines")]
    when = dict(run.rows("select article_id, coalesce(published_at, fetched_at) from articles"))
    stamps = [when[a] for a in order]
    assert stamps == sorted(stamps, reverse=True)


def test_duplicates_daily_counts_copies_by_method(run: SampleRun) -> None:
    got = dict(run.rows("select method, sum(duplicates) from duplicates_daily group by 1"))
    expected = Counter(c["dup_method"] for c in COPIES)
    # A page listed by a second feed is a url duplicate of the first listing.
    expected["url"] += sum(len(i["feeds"]) - 1 for i in ORIGINALS)
    assert got == dict(expected)
    assert sum(got.values()) == run.summary["counts"]["duplicate"]


def test_run_history_matches_the_manifest(run: SampleRun) -> None:
    [(loaded, duplicates, off_theme, failed, feeds, feeds_failed)] = run.rows(
        "select loaded, duplicates, off_theme, failed_pages, feeds_total, feeds_failed "
        "from run_history")
    assert (loaded, off_theme, failed, feeds_failed) == (len(ORIGINALS), len(OFF_THEME), 0, 0)
    assert feeds == len(listed_per_feed())
    assert loaded + duplicates + off_theme == run.rows("select count(*) from url_outcomes")[0][0]


def test_syndication_counts_copies_across_sources(run: SampleRun) -> None:
    got = Counter()
    for copy in COPIES:
        [carrier] = feed_sources(copy)
        original = run.source_of(copy["duplicate_of"])
        if copy["dup_method"] in ("hash", "near") and carrier != original:
            got[(original, carrier)] += 1
    rows = run.rows("select original_source, republisher, copies from syndication")
    assert {(o, r): n for o, r, n in rows} == dict(got)
