"""`rcwire sql` / `rcwire query` and `rcwire export` on the sample run's database."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.analyst.export import entities_file, export_articles
from pipeline.analyst.query import run_sql
from pipeline.store import db
from tests.conftest import ROOT
from tests.pipeline.sample_run import ORIGINALS, SampleRun, shared_run

QUERY = "select day, source, articles from daily_volume order by day, source"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    return shared_run(tmp_path_factory)


def rcwire(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "GX_ANALYTICS_ENABLED": "false",
                               "COLUMNS": "160"})


def test_sql_prints_a_table(run: SampleRun) -> None:
    result = rcwire("sql", QUERY, "--db", str(run.db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "day" in lines[1] and "source" in lines[1] and "articles" in lines[1]
    assert lines[-1] == f"{len(run.rows(QUERY))} rows"
    for day, source, _ in run.rows(QUERY):
        assert any(str(day) in line and source in line for line in lines)


def test_query_is_an_alias_reading_stdin(run: SampleRun) -> None:
    result = rcwire("query", "-", "--db", str(run.db), "--format", "json", stdin=QUERY)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["day"], r["source"], r["articles"]) for r in rows] == [
        (d.isoformat(), s, n) for d, s, n in run.rows(QUERY)]


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "parquet"])
def test_file_formats_round_trip(run: SampleRun, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"result.{fmt}"
    query = "select title, entities, duplicates from latest_headlines"
    assert run_sql(run.db, query, fmt, out) == len(ORIGINALS)
    expected = [(t, list(e), d) for t, e, d in run.rows(query)]
    assert read_back(out, fmt) == expected


def read_back(path: Path, fmt: str) -> list[tuple[object, ...]]:
    if fmt == "parquet":
        return [(r["title"], r["entities"], r["duplicates"])
                for r in pq.read_table(path).to_pylist()]
    if fmt == "csv":
        return [(r["title"], json.loads(r["entities"]), int(r["duplicates"]))
                for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))]
    text = path.read_text(encoding="utf-8")
    rows = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
    return [(r["title"], r["entities"], r["duplicates"]) for r in rows]


def test_empty_result_is_valid_json(run: SampleRun, tmp_path: Path) -> None:
    out = tmp_path / "none.json"
    assert run_sql(run.db, "select * from articles where false", "json", out) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == []


def test_sql_error_is_reported_with_exit_1(run: SampleRun) -> None:
    result = rcwire("sql", "select nope from daily_volume", "--db", str(run.db))
    assert result.returncode == 1
    assert result.stderr.startswith("rcwire: sql: Binder Error")


def test_database_is_opened_read_only(run: SampleRun) -> None:
    result = rcwire("sql", "delete from articles", "--db", str(run.db))
    assert result.returncode == 1 and "read-only" in result.stderr
    assert run.rows("select count(*) from articles") == [(len(ORIGINALS),)]


def test_parquet_needs_an_output_file(run: SampleRun) -> None:
    result = rcwire("sql", QUERY, "--format", "parquet", "--db", str(run.db))
    assert result.returncode == 2
    assert result.stderr.strip() == ("rcwire: error: --format parquet needs --out PATH "
                                     "(Parquet is not for a terminal)")


def test_missing_database_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    result = rcwire("sql", "select 1", "--db", str(missing))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"rcwire: error: database {missing} does not exist yet: run `rcwire run` first"]


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[Path]:
    """A database held open for writing by another process, as a running load would."""
    path = tmp_path / "busy.duckdb"
    with db.opened(path) as con:
        db.migrate(con)
    code = ("import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
            "con.execute('begin transaction'); print('ready', flush=True); time.sleep(120)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield path
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.parametrize("command", [
    ["sql", "select count(*) from articles"],
    ["export", "x.parquet"],
    ["report", "--out", "x.html"],
])
def test_busy_database_one_clear_line_and_exit_2(writer: Path, tmp_path: Path,
                                                 command: list[str]) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in command]
    result = rcwire(*args, "--db", str(writer))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"rcwire: error: database {writer} is being written by another "
                           "run (process ")
    assert line.endswith("try again when it has finished")


def test_export_parquet_has_entities_as_a_list(run: SampleRun, tmp_path: Path) -> None:
    done = export_articles(run.db, tmp_path / "articles.parquet", "parquet")
    rows = pq.read_table(done.path).to_pylist()
    assert done.articles == len(rows) == len(ORIGINALS)
    exported = sorted((r["article_id"], e["entity"], e["kind"], e["mentions"], e["in_title"])
                      for r in rows for e in r["entities"])
    assert exported == sorted(run.rows("select * from article_entities"))
    assert {r["title"] for r in rows} == {i["title"] for i in ORIGINALS}


def test_export_since_keeps_the_later_days(run: SampleRun, tmp_path: Path) -> None:
    since = date(2024, 6, 1)
    done = export_articles(run.db, tmp_path / "a.jsonl", "jsonl", since)
    rows = [json.loads(x) for x in done.path.read_text(encoding="utf-8").splitlines()]
    [(expected,)] = run.rows("select count(*) from article_days where day >= $d", {"d": since})
    assert done.articles == len(rows) == expected < len(ORIGINALS)
    assert min(r["day"] for r in rows) >= since.isoformat()
    assert all(isinstance(r["entities"], list) for r in rows)


def test_export_csv_writes_articles_and_entities(run: SampleRun, tmp_path: Path) -> None:
    result = rcwire("export", str(tmp_path / "articles.csv"), "--db", str(run.db))
    assert result.returncode == 0, result.stderr
    articles = list(csv.DictReader((tmp_path / "articles.csv").open(encoding="utf-8")))
    entities = list(csv.DictReader(entities_file(tmp_path / "articles.csv").open(
        encoding="utf-8")))
    assert len(articles) == len(ORIGINALS)
    assert len(entities) == run.rows("select count(*) from article_entities")[0][0]
    names = {a["article_id"]: set(a["entities"].split("; ")) for a in articles}
    for row in entities:
        assert row["entity"] in names[row["article_id"]]
    assert result.stdout.splitlines() == [
        f"wrote {len(articles)} article(s) to {tmp_path / 'articles.csv'}",
        f"wrote {len(entities)} entity row(s) to {tmp_path / 'articles.entities.csv'}"]


def test_export_reads_back_in_duckdb(run: SampleRun, tmp_path: Path) -> None:
    done = export_articles(run.db, tmp_path / "a.parquet", "parquet")
    with duckdb.connect() as con:
        top = con.execute("select e.entity, count(*) from read_parquet($p), "
                          "unnest(entities) as t(e) group by 1 order by 2 desc, 1 limit 1",
                          {"p": str(done.path)}).fetchall()
    assert top == run.rows("select entity, articles from entity_totals "
                           "order by articles desc, entity limit 1")


def _narrow(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "GX_ANALYTICS_ENABLED": "false",
                               "COLUMNS": "80"})


def test_wide_result_keeps_first_and_last_columns_and_names_the_rest(run: SampleRun) -> None:
    result = _narrow("sql", "select * from articles", "--db", str(run.db), "--max-rows", "3")
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[1]
    names = [n for (n,) in run.rows("select column_name from (describe articles)")]
    footer = " ".join(result.stdout.split("columns, ", 1)[1].split())
    shown = [n for n in names if f" {n} " in f" {header} "]
    assert shown[0] == names[0] and shown[-1] == names[-1] and 2 < len(shown) < len(names)
    assert footer.startswith(f"{len(shown)} shown; hidden: ")
    hidden = footer.split("hidden: ", 1)[1].split(" (pick with")[0].split(", ")
    assert hidden == [n for n in names if n not in shown]
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "…" not in header  # headers are whole words, not 21 ellipses


def test_columns_option_picks_the_columns(run: SampleRun) -> None:
    result = _narrow("sql", "select * from articles", "--db", str(run.db),
                     "--columns", "title,source")
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[1].split()
    assert [w for w in header if w.isidentifier()] == ["title", "source"]
    assert "hidden" not in result.stdout
    bad = _narrow("sql", "select 1 as a", "--db", str(run.db), "--columns", "b")
    assert bad.returncode == 1 and "no column b in the result; it has a" in bad.stderr
