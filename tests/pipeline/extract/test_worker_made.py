"""What the extraction workers now make for the decide and load steps (the text's opening,
the entities it names) equals what those steps made from the staged text, and rows
staged without it (older run folders, quarantine releases) are still made whole."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.dedupe.opening import opening, opening_of
from pipeline.extract.article import extract_and_score
from pipeline.records import Article, FeedEntry, Page
from pipeline.runfolder import ARTICLE_SCHEMA, articles_table, read_feed_outputs
from pipeline.store.entities import entity_rows
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
WORKER_MADE = ["opening_tokens", "opening_ladder", "mentions"]


def _pages() -> list[tuple[str, str]]:
    # English news pages, Russian and Chinese pages: every tokenizer and case rule.
    english = [(p.name, gzip.decompress(p.read_bytes()).decode("utf-8"))
               for p in sorted((FIXTURES / "news_subset" / "html").glob("*.html.gz"))[:6]]
    ruzh = sorted((FIXTURES / "ruzh" / "pages").glob("*.html"))
    other = [(p.name, p.read_text(encoding="utf-8")) for p in ruzh[::25]]
    return english + other


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    made = []
    for name, html in _pages():
        url = f"https://example.org/{name}"
        entry = FeedEntry("s", "https://example.org/feed", url, name)
        made.append(extract_and_score(Page(entry, url, 200, "text/html", html,
                                           datetime.now(UTC))))
    return made


def test_the_worker_made_opening_is_the_texts(articles: list[Article]) -> None:
    table = articles_table(articles)
    for row, art in zip(table.to_pylist(), articles, strict=True):
        assert art.opening_tokens is not None
        assert opening_of(row) == opening(art.text)
    assert any(len(a.opening_ladder) > 5 for a in articles)


def test_staged_mentions_give_the_rows_counting_gives(articles: list[Article]) -> None:
    table = articles_table(articles)
    staged = entity_rows(table)
    counted = entity_rows(table.drop_columns(["mentions"]))
    assert staged.num_rows > len(articles)  # the pages name several entities each
    assert staged.to_pylist() == counted.to_pylist()
    assert {"Vladimir Putin", "SCO"} <= {r["entity"] for r in staged.to_pylist()}


def test_rows_staged_without_them_are_made_at_decide(articles: list[Article],
                                                     tmp_path: Path) -> None:
    # A run folder staged before the workers made them: the columns read as null.
    old = articles_table(articles).drop_columns(WORKER_MADE)
    (tmp_path / "feeds").mkdir()
    pq.write_table(old, tmp_path / "feeds" / "s.parquet")
    (tmp_path / "feeds" / "s.json").write_text(
        '{"result": {"source": "s", "feed_url": "f", "status": "ok", '
        '"fetched_at": "2026-12-02T00:00:00+00:00"}, "outcomes": []}', encoding="utf-8")
    _, _, table = read_feed_outputs(tmp_path)
    assert table.schema == ARTICLE_SCHEMA
    rows = table.to_pylist()
    assert all(r[c] is None for r in rows for c in ("opening_tokens", "mentions"))
    assert [opening_of(r) for r in rows] == [opening(a.text) for a in articles]
    assert entity_rows(table).to_pylist() == entity_rows(articles_table(articles)).to_pylist()


def test_an_article_naming_nothing_is_counted_once(articles: list[Article]) -> None:
    # Counted and found nothing (an empty tuple) is not "not counted" (None).
    quiet = articles[0].__class__(**{**articles[0].__dict__, "title": "Weather",
                                     "text": "Rain all week.", "mentions": ()})
    row = articles_table([quiet]).to_pylist()[0]
    assert row["mentions"] == []
    assert entity_rows(pa.Table.from_pylist([row], schema=ARTICLE_SCHEMA)).num_rows == 0
