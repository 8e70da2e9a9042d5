"""Acceptance (issue 19): one run of the sample site puts the articles about one event in
one story and every other event in a story of its own; copies count under their original."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.pipeline.sample_run import COPIES, ORIGINALS, SampleRun, shared_run


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    return shared_run(tmp_path_factory)


def story_of(run: SampleRun) -> dict[str, str]:
    """Manifest path of every stored original -> its story."""
    rows = run.rows("select a.url, s.story_id from article_stories s "
                    "join articles a using (article_id)")
    found = {}
    for item in ORIGINALS:
        [story] = [s for url, s in rows if url.endswith(item["path"])]
        found[item["path"]] = story
    return found


def test_same_event_one_story_distinct_events_apart(run: SampleRun) -> None:
    stories = story_of(run)
    by_event: dict[str, set[str]] = defaultdict(set)
    for item in ORIGINALS:
        by_event[item["event"] or item["path"]].add(stories[item["path"]])
    assert all(len(s) == 1 for s in by_event.values()), by_event
    assert len({next(iter(s)) for s in by_event.values()}) == len(by_event)
    assert any(len([i for i in ORIGINALS if i["event"] == e]) > 1 for e in by_event)


def test_every_stored_article_has_one_story(run: SampleRun) -> None:
    [(articles, assigned, distinct)] = run.rows(
        "select (select count(*) from articles), count(*), count(distinct article_id) "
        "from article_stories")
    assert articles == assigned == distinct


def test_copies_count_under_their_originals_story(run: SampleRun) -> None:
    [(copies,)] = run.rows("select count(*) from story_reports where copy")
    [(recorded,)] = run.rows("select count(*) from article_duplicates")
    assert copies == recorded and recorded >= len(COPIES) - 1
    widest = run.rows("select story_id, outlets, articles, copies from top_stories limit 1")
    [(story_id, outlets, articles, copied)] = widest
    coverage = run.rows("select source, first_reporter from story_coverage "
                        "where story_id = $s", {"s": story_id})
    assert len(coverage) == outlets and sum(first for _, first in coverage) == 1
    assert articles + copied >= outlets
