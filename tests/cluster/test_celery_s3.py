"""rcwire_ingest on the CeleryExecutor cluster with the run folder on S3
(``RCWIRE_STAGING_URL``) and every worker in a data folder of its own, as if each were a
machine of its own: nothing staged passes between them but the S3 store (moto's server
on 127.0.0.1). The DAG is the one every deployment runs, unchanged.

Run by ``make cluster-test`` and by ``.ci/run``'s cluster step (marker ``cluster``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipeline.runfolder import safe_name
from tests.support.cluster import Cluster, generated_site
from tests.support.s3 import S3Server, s3_server

pytestmark = [pytest.mark.cluster, pytest.mark.timeout(1500)]
ROOT = Path(__file__).resolve().parents[2]
DAG = "rcwire_ingest"
HOSTS, PAGES = 8, 4
LANDED = ("select url, source, content_hash from articles order by all",
          "select url, outcome, reason from url_outcomes order by all",
          "select url, method from article_duplicates order by all",
          "select source, status, new_entries from feed_events order by all")


def landed(db: Path) -> list[list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [con.execute(query).fetchall() for query in LANDED]


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A generated site of ``HOSTS`` hosts (benchmarks/bigsite.py): one fetch task each."""
    folder = tmp_path_factory.mktemp("cluster-s3-site")
    with generated_site(folder / "sources.yaml", HOSTS, PAGES, (0.1, 0.3)) as sources:
        yield sources


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    with s3_server() as server:
        yield server


def rcwire_env(folder: Path, sources: Path) -> dict[str, str]:
    return {"RCWIRE_DB": str(folder / "rcwire.duckdb"), "RCWIRE_SOURCES": str(sources),
            "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1", "RCWIRE_HOST_DELAY": "0",
            "RCWIRE_SCHEDULE": "none", "RCWIRE_RETRIES": "3", "RCWIRE_RETRY_DELAY": "2"}


def cli_run(folder: Path, sources: Path) -> Path:
    """The same sources through `rcwire run`, staged locally, into a database of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RCWIRE_", "AWS_"))}
    env |= {**rcwire_env(folder, sources), "RCWIRE_DB": str(folder / "cli.duckdb"),
            "RCWIRE_DATA_DIR": str(folder / "cli-data"), "GX_ANALYTICS_ENABLED": "false"}
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", "--json"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return folder / "cli.duckdb"


def test_workers_on_their_own_folders_stage_through_s3_and_land_the_cli_rows(
        tmp_path_factory: pytest.TempPathFactory, big_site: Path, s3: S3Server) -> None:
    folder = tmp_path_factory.mktemp("cluster-s3")
    folder.chmod(0o755)
    bucket = s3.bucket()
    env = {**rcwire_env(folder, big_site), **s3.env(f"s3://{bucket}/runs"),
           "RCWIRE_DATA_DIR": str(folder / "scheduler-data")}
    own = {f"worker{n}": {"RCWIRE_DATA_DIR": str(folder / f"worker{n}-data")} for n in (1, 2)}
    with Cluster(folder / "cluster", env, workers=2, worker_env=own) as running:
        run_id = running.trigger(DAG)
        state = running.wait_run(DAG, run_id, 900)
        assert state == "success", running.log_tail("scheduler")
        tis = running.task_instances(DAG, run_id)
    fetched = {ti["map_index"]: ti["hostname"] for ti in tis if ti["task_id"] == "fetch_host"}
    assert len(fetched) == HOSTS and set(fetched.values()) == {"worker1", "worker2"}, tis
    ran = {ti["task_id"]: ti["hostname"] for ti in tis if ti["task_id"] in ("decide", "load")}
    run = safe_name(run_id)
    folders = {name: folder / f"{name}-data" / "runs" / run for name in own}
    # `decide` read every staged feed: those the other worker fetched came through S3,
    # byte for byte.
    decider = ran["decide"]
    other = "worker2" if decider == "worker1" else "worker1"
    theirs = sorted((folders[other] / "feeds").glob("*.json"))
    assert theirs, f"{other} staged nothing"
    for path in theirs:
        assert (folders[decider] / "feeds" / path.name).read_bytes() == path.read_bytes()
    # `load` read the decided batch the same way, wherever it ran.
    for path in sorted((folders[decider] / "decided").iterdir()):
        assert (folders[ran["load"]] / "decided" / path.name).read_bytes() == \
            path.read_bytes()
    assert not (folder / "scheduler-data" / "runs" / run).exists()
    keys = s3.keys(bucket)
    assert {f"runs/{run}/_published/group-{i}.json" for i in range(HOSTS)} <= set(keys)
    assert landed(folder / "rcwire.duckdb") == landed(cli_run(folder, big_site))
