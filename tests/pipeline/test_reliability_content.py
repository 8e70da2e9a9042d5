"""Hostile page content, end to end into DuckDB: charsets that lie, broken UTF-8, a 5 MB
page of nested markup, pages laced with scripts, and a title written as SQL."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import duckdb
import pytest

from pipeline.fetch.decode import decode_html
from pipeline.run.local import run_once
from pipeline.settings import Settings
from tests.support.faultsite import SPECIAL_TEXT, SQL_TITLE, FaultSite

EXTRACT_BUDGET = 4.0
PAGES = ["cp1252", "mislabelled", "utf8-as-latin1", "double-encoded", "invalid-utf8",
         "nested", "scripts", "sql-title"]
# Every character of SPECIAL_TEXT that a wrong charset would garble, in context.
SPECIAL_PIECES = ["Gazprom’s “landmark” deal", "café in São Paulo", "déjà vu",
                  "€5 billion pipeline…", "Lavrov’s aide"]
assert all(piece in SPECIAL_TEXT for piece in SPECIAL_PIECES)
MOJIBAKE = ["Ã", "â€", "Â", "\ufffd"]
SCRIPT_MARKERS = ["<script", "javascript:", "onerror", "onload", "onclick", "alert(",
                  "x-script-marker", "x-onerror-marker", "x-js-marker", "x-svg-marker",
                  "x-iframe-marker", "x-src-marker", "x-css-marker", "x-onclick-marker"]


@dataclass
class Run:
    summary: dict[str, Any]
    settings: Settings
    seconds: float

    def rows(self, query: str, *params: object) -> list[tuple[Any, ...]]:
        with duckdb.connect(str(self.settings.db), read_only=True) as con:
            return con.execute(query, list(params)).fetchall()

    def outcome(self, page: str) -> tuple[str, str | None]:
        found = self.rows("select outcome, reason from url_outcomes where url like ?",
                          f"%/_fault/page/{page}")
        assert len(found) == 1, found
        return found[0]

    def text(self, page: str) -> str:
        (text,) = self.rows("select text from articles where url like ?",
                            f"%/_fault/page/{page}")[0]
        return str(text)


@pytest.fixture(scope="module")
def pages_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    tmp = tmp_path_factory.mktemp("hostile-pages")
    with FaultSite() as site:
        links = "&".join("link=" + quote(f"{site.base_url}/_fault/page/{p}", safe="")
                         for p in PAGES)
        (tmp / "sources.yaml").write_text(
            f"sources:\n  - name: pages\n    url: {site.base_url}/_fault/feed.xml?{links}\n",
            encoding="utf-8")
        settings = Settings(db=tmp / "rcwire.duckdb", data_dir=tmp / "data",
                            allow_private_hosts=[ipaddress.ip_network("127.0.0.1/32")],
                            deadline=10.0, host_delay=0.0, extract_timeout=EXTRACT_BUDGET)
        started = time.monotonic()
        summary = run_once(settings, tmp / "sources.yaml")
        yield Run(summary, settings, time.monotonic() - started)


@pytest.mark.parametrize("page", ["cp1252", "mislabelled", "utf8-as-latin1",
                                  "double-encoded"])
def test_wrong_or_missing_charset_lands_the_right_text(pages_run: Run, page: str) -> None:
    assert pages_run.outcome(page) == ("loaded", None)
    text = pages_run.text(page)
    assert all(piece in text for piece in SPECIAL_PIECES), text[:400]
    assert not [m for m in MOJIBAKE if m in text]


def test_valid_utf8_wins_over_a_wrong_label() -> None:
    # Every byte of this UTF-8 also decodes as windows-1252, so only the UTF-8 check (not a
    # failing decode) keeps the label from being believed.
    text = "<p>Gazprom’s café in São Paulo, déjà vu, €5 billion</p>"
    got, charset = decode_html(text.encode(), "text/html; charset=iso-8859-1")
    assert (got, charset) == (text, "utf-8")


def test_invalid_utf8_is_recorded_as_failed_not_stored(pages_run: Run) -> None:
    assert pages_run.outcome("invalid-utf8") == ("fetch_failed", "undecodable")


def test_nested_markup_is_stopped_at_the_extraction_budget(pages_run: Run) -> None:
    assert pages_run.outcome("nested") == ("extract_failed", "extract_timeout")
    # Unbounded, trafilatura spends over half a minute on this page.
    assert pages_run.seconds < 30


def test_scripts_handlers_and_javascript_links_never_stored(pages_run: Run) -> None:
    assert pages_run.outcome("scripts") == ("loaded", None)
    assert "Officials gave no date." in pages_run.text("scripts")
    stored = repr(pages_run.rows("select * from articles")) + repr(
        pages_run.rows("select * from article_removals")) + repr(
        pages_run.rows("select * from url_outcomes"))
    assert [m for m in SCRIPT_MARKERS if m in stored] == []


def test_sql_in_a_title_lands_as_text(pages_run: Run) -> None:
    assert pages_run.outcome("sql-title") == ("loaded", None)
    titles = [t for (t,) in pages_run.rows("select title from articles")]
    assert SQL_TITLE in titles
    assert pages_run.rows("select title from url_outcomes where title = ?", SQL_TITLE)
    assert len(titles) == pages_run.summary["counts"]["loaded"]


def test_every_page_has_one_outcome(pages_run: Run) -> None:
    assert sum(pages_run.summary["counts"].values()) == len(PAGES)
