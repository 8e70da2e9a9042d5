"""The data-quality page (``rcwire dq report``) is built by the report's page builder: the
same head and Content-Security-Policy, every stored result shown, every value escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from pipeline.analyst.dq_report import build_report
from pipeline.analyst.html import page
from pipeline.store import db
from pipeline.store.load import insert_dq_results
from tests.pipeline.sample_run import SampleRun, copy_db, shared_run

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    return shared_run(tmp_path_factory)


@pytest.fixture
def html(run: SampleRun, tmp_path: Path) -> str:
    """The page for a copy of the sample run, with one failed check and one quarantined
    article whose title and URL carry markup."""
    path = copy_db(run, tmp_path)
    with duckdb.connect(str(path)) as con:
        insert_dq_results(con, run.summary["run_id"], [{
            "suite": "articles_table", "expectation": f"expect_{HOSTILE}", "success": False,
            "observed_value": HOSTILE, "unexpected_count": 2, "element_count": 9}])
        con.execute(db.sql("queries/store/insert_quarantine"), {
            "run_id": run.summary["run_id"], "article_id": "held1", "source": "s",
            "url": "https://example.org/a?x='><b>", "title": HOSTILE,
            "failed": json.dumps(["too_short"]), "record": "{}"})
    with duckdb.connect(str(path), read_only=True) as con:
        return build_report(con, runs=10)


def head(document: str) -> str:
    return document.split("<title>")[0]


def test_same_head_and_security_policy_as_the_report(html: str) -> None:
    assert head(html) == head(page("x", "", "", []))
    assert "Content-Security-Policy" in head(html) and "default-src 'none'" in head(html)
    for tag in ("<script", "<link", "<img", "<iframe", "@import"):
        assert tag not in html.lower(), tag


def test_every_stored_result_of_the_run_is_shown(html: str, run: SampleRun) -> None:
    rows = run.rows("select suite, expectation, success from dq_results where run_id = $r",
                    {"r": run.summary["run_id"]})
    assert rows
    for suite, expectation, _ok in rows:
        assert f"<td>{suite}</td><td>{expectation}</td>" in html
    passes = html.count("<span class='ok'>pass</span>")
    assert passes == sum(1 for r in rows if r[2])
    assert html.count("<span class='fail'>FAIL</span>") == 1 + sum(1 for r in rows if not r[2])
    assert re.search(r"<span class='fail'>\d+ failed</span>", html)


def test_markup_in_values_is_escaped(html: str) -> None:
    assert HOSTILE not in html
    assert "expect_&lt;script&gt;" in html and "<td>too_short</td>" in html
    assert "href='https://example.org/a?x=&#x27;&gt;&lt;b&gt;'" in html
