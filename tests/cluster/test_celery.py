"""rcwire_ingest on a real CeleryExecutor cluster: Postgres metadata, Redis broker,
api-server, scheduler, dag-processor and two Celery workers, all separate processes.

Run by ``make cluster-test`` and by ``.ci/run`` as its own step (marker ``cluster``; the
ordinary ``make test`` deselects it because the cluster takes minutes to start).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.support.cluster import Cluster, generated_site, sample_cluster

pytestmark = [pytest.mark.cluster, pytest.mark.timeout(1500)]
ROOT = Path(__file__).resolve().parents[2]
DAG = "rcwire_ingest"
RUN_TIMEOUT = 900


def rows(db: Path, query: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query).fetchall()


def table_counts(db: Path) -> dict[str, int]:
    return {t: rows(db, f"select count(*) from {t}")[0][0]
            for t in ("articles", "url_outcomes", "article_duplicates", "quarantine")}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cluster, Path, Any]]:
    folder = tmp_path_factory.mktemp("cluster")
    folder.chmod(0o755)
    with sample_cluster(folder) as (running, site):
        yield running, folder, site


def cli_run(folder: Path, sources: Path) -> Path:
    """The same sources through `rcwire run` into a database of its own."""
    db = folder / "cli.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCWIRE_")}
    env |= {"RCWIRE_DB": str(db), "RCWIRE_DATA_DIR": str(folder / "cli-data"),
            "RCWIRE_SOURCES": str(sources), "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
            "RCWIRE_HOST_DELAY": "0", "GX_ANALYTICS_ENABLED": "false"}
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", "--json"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return db


def test_sample_site_lands_the_same_rows_as_the_cli(
        cluster: tuple[Cluster, Path, Any]) -> None:
    running, folder, _site = cluster
    run_id = running.trigger(DAG)
    state = running.wait_run(DAG, run_id, RUN_TIMEOUT)
    assert state == "success", running.log_tail("scheduler")
    tis = running.task_instances(DAG, run_id)
    assert {ti["state"] for ti in tis} == {"success"}, tis
    # One loader: exactly one task wrote the database.
    assert [ti["task_id"] for ti in tis].count("load") == 1
    assert all(ti["hostname"] in {"worker1", "worker2"} for ti in tis), tis
    cli_db = cli_run(folder, folder / "sources.yaml")
    dag_db = folder / "rcwire.duckdb"
    assert table_counts(dag_db) == table_counts(cli_db)
    assert (rows(dag_db, "select url from articles order by url")
            == rows(cli_db, "select url from articles order by url"))


@pytest.fixture(scope="module")
def big_site(cluster: tuple[Cluster, Path, Any]) -> Iterator[Path]:
    """A larger generated site (benchmarks/bigsite.py): 12 hosts x 8 pages, slow answers."""
    _running, folder, _site = cluster
    with generated_site(folder / "big-sources.yaml", 12, 8, (0.2, 0.4)) as sources:
        yield sources


def _mapped(tis: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [ti for ti in tis if ti["map_index"] is not None and ti["map_index"] >= 0]


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(
        cluster: tuple[Cluster, Path, Any], big_site: Path) -> None:
    running, folder, _site = cluster
    running.set_sources(big_site)
    before = table_counts(folder / "rcwire.duckdb")
    run_id = running.trigger(DAG)
    victim = _wait_for_running_task(running, run_id)
    running.kill(victim)
    state = running.wait_run(DAG, run_id, RUN_TIMEOUT)
    assert state == "success", running.log_tail("scheduler")
    tis = running.task_instances(DAG, run_id)
    mapped = _mapped(tis)
    survivor = "worker2" if victim == "worker1" else "worker1"
    # Both workers ran mapped tasks of this one run (the victim until it died: its tries
    # are in Airflow's task_instance_history).
    tried = running.query(
        "select hostname from task_instance_history where dag_id = %s and run_id = %s "
        "and map_index >= 0", DAG, run_id)
    assert {h for (h,) in tried} | {ti["hostname"] for ti in mapped} == {
        "worker1", "worker2"}, (tried, tis)
    # The killed worker's tasks were retried and finished on the other worker.
    assert any(ti["try_number"] > 1 and ti["hostname"] == survivor for ti in mapped), tis
    assert {ti["state"] for ti in tis} == {"success"}, tis
    after = table_counts(folder / "rcwire.duckdb")
    landed = after["articles"] - before["articles"]
    assert landed == 12 * 8, (before, after)
    # Nothing doubled: one outcome per URL of this run, every URL an article once.
    per_url = rows(folder / "rcwire.duckdb",
                   "select url, count(*) from url_outcomes where run_id = "
                   f"'{run_id}' group by url having count(*) > 1")
    assert per_url == []
    running.start_worker(victim)  # the next test wants both workers again


def _wait_for_running_task(running: Cluster, run_id: str) -> str:
    """The name of a worker that is running a mapped task of this run right now."""
    end = time.monotonic() + 300
    while time.monotonic() < end:
        busy = [ti for ti in _mapped(running.task_instances(DAG, run_id))
                if ti["state"] == "running" and ti["hostname"] in ("worker1", "worker2")]
        if busy:
            return str(busy[0]["hostname"])
        time.sleep(0.5)
    raise TimeoutError("no mapped task started running within 300 s")


def test_a_broker_outage_delays_the_run_and_loses_nothing(
        cluster: tuple[Cluster, Path, Any], big_site: Path) -> None:
    running, folder, _site = cluster
    running.set_sources(big_site)
    running.airflow("dags", "list-runs", DAG)  # the cluster answers before the outage
    run_id = running.trigger(DAG)
    running.kill("redis")
    time.sleep(8)
    running.start_broker()
    state = running.wait_run(DAG, run_id, RUN_TIMEOUT)
    assert state == "success", running.log_tail("scheduler")
    tis = running.task_instances(DAG, run_id)
    assert {ti["hostname"] for ti in _mapped(tis)} <= {"worker1", "worker2"}
    per_url = rows(folder / "rcwire.duckdb",
                   "select url, count(*) from url_outcomes where run_id = "
                   f"'{run_id}' group by url having count(*) > 1")
    assert per_url == []
