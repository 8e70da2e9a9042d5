"""Overlapping runs and readers, as real processes on one database (issue 21).

One scenario, shared by the tests below because every process costs seconds:

1. A DAG-style process (the Airflow task functions, in order) plans and fetches the
   sample site, decides, then waits before loading.
2. While it fetches, ``rcwire run --all`` (A) starts, and 0.3 s later a second one (B).
   A runs; B waits for A's run lock, then runs. A reader process opens the read copy A
   published and holds that connection open through B's whole run.
3. The DAG-style process loads last: every verdict it decided was committed by A meanwhile.

Afterwards every URL has one verdict, the duplicates table one row per copy, and the run
totals count each article once - the rows one run gives.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.samplesite import SampleSite
from pipeline.store.overlap import OVERLAP_REASON
from tests.conftest import ROOT, SAMPLES, sample_sources

# Several full runs in a row: minutes on a busy machine (about a minute on an idle one).
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

RCWIRE = str(Path(sys.executable).parent / "rcwire")

# The Airflow tasks in one process: plan, each feed, decide; load once `go` exists.
DAG_STYLE = """
import json, sys, time
from pathlib import Path
from pipeline.run import tasks
run_id, go = sys.argv[1], Path(sys.argv[2])
planned = tasks.plan_task(run_id)
print("planned", flush=True)
from pipeline.run.worker import FeedFailedError
for ref in planned["feeds"]:
    try:
        tasks.host_task(ref)
    except FeedFailedError:  # staged as failed; the DAG's decide runs all the same
        pass
tasks.decide_task(run_id)
print("decided", flush=True)
while not go.exists():
    time.sleep(0.2)
print(json.dumps(tasks.load_task(run_id)), flush=True)
"""

# Holds one read-only connection to the read copy, asking it every 0.2 s until `stop`
# exists; then opens a new connection. Prints what each saw.
READER = """
import json, sys, time
from pathlib import Path
import duckdb
path, stop = sys.argv[1], Path(sys.argv[2])
con = duckdb.connect(path, read_only=True)
print("open", flush=True)
seen = []
while not stop.exists():
    seen.append(con.execute("select count(*) from runs").fetchone()[0])
    time.sleep(0.2)
con.close()
fresh = duckdb.connect(path, read_only=True)
after = fresh.execute("select count(*) from runs").fetchone()[0]
print(json.dumps({"held": seen, "after": after}), flush=True)
"""


@dataclass
class Scenario:
    """What the overlapping processes left behind."""

    db: Path
    read_copy: Path
    a: dict[str, Any]
    b: dict[str, Any]
    b_stderr: str
    dag: dict[str, Any]
    dag_run: str
    reader: dict[str, Any]

    def rows(self, query: str) -> list[tuple[Any, ...]]:
        """Rows from the database all the runs wrote."""
        with duckdb.connect(str(self.db), read_only=True) as con:
            return con.execute(query).fetchall()


def _env(tmp: Path, sources: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCWIRE_")}
    env.update({
        "GX_ANALYTICS_ENABLED": "false", "RCWIRE_DB": str(tmp / "rcwire.duckdb"),
        "RCWIRE_DATA_DIR": str(tmp / "data"), "RCWIRE_SOURCES": str(sources),
        "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1", "RCWIRE_HOST_DELAY": "0",
        # Loopback answers at once; generous limits keep a busy machine from failing pages.
        "RCWIRE_READ_TIMEOUT": "60", "RCWIRE_DEADLINE": "120", "RCWIRE_EXTRACT_TIMEOUT": "120",
        "RCWIRE_CONNECT_TIMEOUT": "20", "RCWIRE_PARSE_TIMEOUT": "120",
    })
    return env


def _wait_line(proc: subprocess.Popen[str], expected: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == expected, (line, proc.stderr.read() if proc.stderr else "")


def _popen(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    """Run the overlapping processes once (see the module docstring)."""
    tmp = tmp_path_factory.mktemp("overlap")
    go, stop = tmp / "go", tmp / "stop"
    with SampleSite(SAMPLES / "site") as site:
        env = _env(tmp, sample_sources(site, tmp / "sources.yaml"))
        dag_run = "manual__overlap"
        dag = _popen([sys.executable, "-c", DAG_STYLE, dag_run, str(go)], env)
        procs = [dag]
        try:
            _wait_line(dag, "planned")
            one = _popen([RCWIRE, "run", "--all", "--json"], env)
            time.sleep(0.3)
            two = _popen([RCWIRE, "run", "--all", "--json"], env)
            procs += [one, two]
            read_copy = tmp / "rcwire.read.duckdb"
            _wait_for_first_load(read_copy, [one, two])
            reader = _popen([sys.executable, "-c", READER, str(read_copy), str(stop)], env)
            procs.append(reader)
            _wait_line(reader, "open")
            done = [(p, *p.communicate(timeout=400)) for p in (one, two)]
            for proc, _out, err in done:
                assert proc.returncode == 0, err[-3000:]
            # Whichever took the run lock first did the work; the other waited for it.
            (_, out_a, _), (_, out_b, err_b) = sorted(
                done, key=lambda d: -json.loads(d[1])["counts"].get("loaded", 0))
            _wait_line(dag, "decided")
            go.touch()
            out_dag, err_dag = dag.communicate(timeout=400)
            assert dag.returncode == 0, err_dag[-3000:]
            stop.touch()
            out_r, err_r = reader.communicate(timeout=60)
            assert reader.returncode == 0, err_r[-3000:]
            yield Scenario(tmp / "rcwire.duckdb", read_copy, json.loads(out_a),
                           json.loads(out_b), err_b, json.loads(out_dag.splitlines()[-1]),
                           dag_run, json.loads(out_r))
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.communicate()


def _wait_for_first_load(read_copy: Path, runs: list[subprocess.Popen[str]]) -> None:
    """Until the read copy holds a loaded run (the DAG-style plan published an empty one)."""
    give_up = time.monotonic() + 400
    while time.monotonic() < give_up:
        assert all(p.poll() in (None, 0) for p in runs), "a run failed"
        if read_copy.exists():
            with duckdb.connect(str(read_copy), read_only=True) as con:
                if con.execute("select count(*) from runs").fetchone() != (0,):
                    return
        time.sleep(0.1)
    raise AssertionError("no run loaded in time")


DECISIONS = ("select feed_url, url, outcome, reason, article_id from url_outcomes "
             "where outcome <> 'already_known' order by all")


def test_every_url_has_one_verdict(scenario: Scenario) -> None:
    decided = scenario.rows(DECISIONS)
    assert decided, "the sample site produced no verdicts"
    per_url = Counter((feed, url) for feed, url, *_ in decided)
    assert max(per_url.values()) == 1
    # ... and they are exactly the first run's verdicts.
    run_a = scenario.a["run_id"]
    assert decided == scenario.rows(
        f"select feed_url, url, outcome, reason, article_id from url_outcomes "
        f"where run_id = '{run_a}' and outcome <> 'already_known' order by all")


def test_duplicates_recorded_once_per_copy(scenario: Scenario) -> None:
    rows = scenario.rows("select url, duplicate_of, method, run_id from article_duplicates")
    assert len(rows) == scenario.a["counts"]["duplicate"] > 0
    assert {r[3] for r in rows} == {scenario.a["run_id"]}


def test_run_totals_count_each_article_once(scenario: Scenario) -> None:
    [(articles,)] = scenario.rows("select count(*) from articles")
    loaded = scenario.rows("select run_id, loaded, duplicates, off_theme from run_history")
    assert len(loaded) == 3
    assert sum(r[1] for r in loaded) == articles == scenario.a["counts"]["loaded"]
    assert sum(r[2] for r in loaded) == scenario.a["counts"]["duplicate"]
    assert sum(r[3] for r in loaded) == scenario.a["counts"].get("off_theme", 0)


def test_later_cli_run_waited_and_fetched_nothing_new(scenario: Scenario) -> None:
    assert "waiting for run " + scenario.a["run_id"] in scenario.b_stderr
    assert set(scenario.b["counts"]) <= {"already_known"}
    assert scenario.b["note"].startswith("nothing new:")


def test_overlapping_dag_run_records_verdicts_as_already_known(scenario: Scenario) -> None:
    assert set(scenario.dag["counts"]) == {"already_known"}
    reasons = scenario.rows(
        "select reason, count(*) from url_outcomes where run_id = "
        f"'{scenario.dag_run}' group by all")
    assert dict(reasons)[OVERLAP_REASON] == sum(
        n for k, n in scenario.a["counts"].items() if k != "fetch_failed")


def test_reader_held_open_does_not_stall_the_run(scenario: Scenario) -> None:
    # B ran its whole load while the reader held the read copy open: no 30 s lock wait.
    assert scenario.b["timings"]["load"]["wall_s"] < 20
    held = scenario.reader["held"]
    assert len(held) >= 5 and set(held) == {1}  # answered throughout, from one snapshot
    assert scenario.reader["after"] == 3  # a new connection sees the later loads


def test_sql_reads_the_copy_while_a_writer_holds_the_database(scenario: Scenario) -> None:
    with duckdb.connect(str(scenario.db)):  # the write lock, as a run holds it
        done = subprocess.run([RCWIRE, "sql", "--db", str(scenario.db), "-f", "json",
                               "select count(*) as runs from runs"],
                              cwd=ROOT, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "GX_ANALYTICS_ENABLED": "false"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"runs": 3}]
