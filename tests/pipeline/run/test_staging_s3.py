"""Whole runs staged on an S3 server on 127.0.0.1 (``RCWIRE_STAGING_URL=s3://...``).

The reference is the sample site run with local staging (``shared_run``, which the
analyst tests share). ``rcwire run`` runs as a user types it; the Airflow task functions
run as three "machines" - planner (this process), worker and loader (subprocesses) - each
with its own data folder, so nothing passes between them but the S3 store and, between
planner and loader, the DuckDB file.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipeline.checks import ConfigError, check_staging
from pipeline.run.tasks import checked_settings, plan_task
from pipeline.samplesite import SampleSite
from pipeline.settings import Settings
from tests.conftest import ROOT, SAMPLES, sample_sources
from tests.pipeline.sample_run import SampleRun, shared_run
from tests.support.s3 import S3Server, s3_server

# The rows a run lands, with the sample site's address cut from URLs (each site has its
# own port): the same rows mean the same articles, fates, copies and quarantine.
_P = r"regexp_replace({}, '^https?://127\.0\.0\.1:[0-9]+', '')"
LANDED = {
    "articles": f"select {_P.format('url')}, source, content_hash, title, language, "
                "word_count from articles order by all",
    "outcomes": f"select {_P.format('url')}, source, {_P.format('feed_url')}, outcome, "
                "reason from url_outcomes order by all",
    "duplicates": f"select {_P.format('d.url')}, {_P.format('a.url')}, d.method "
                  "from article_duplicates d left join articles a "
                  "on a.article_id = d.duplicate_of order by all",
    "quarantine": f"select {_P.format('url')}, source from quarantine order by all",
    "feeds": "select source, status, entries, new_entries from feed_events order by all",
    "hosts": "select requests, errors from host_state order by all",
}
TASK = "import json, sys\nfrom pipeline.run import tasks\n"
FETCH = TASK + "for ref in json.loads(sys.argv[1]):\n    tasks.host_task(ref)"
LOAD = TASK + "tasks.decide_task(sys.argv[1])\nprint(json.dumps(tasks.load_task(sys.argv[1])))"


def landed(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(query).fetchall() for name, query in LANDED.items()}


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    with s3_server() as server:
        yield server


@pytest.fixture(scope="module")
def site() -> Iterator[SampleSite]:
    with SampleSite(SAMPLES / "site") as served:
        yield served


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    """The sample site run with local staging (the run folder only on this disk)."""
    return shared_run(tmp_path_factory)


def machine(base: Path, db: Path, s3: S3Server, url: str) -> dict[str, str]:
    """The environment of one machine: its own data folder, the store, the database."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("RCWIRE_", "AWS_"))}
    return {**env, **s3.env(url), "RCWIRE_DB": str(db), "RCWIRE_DATA_DIR": str(base),
            "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1", "RCWIRE_HOST_DELAY": "0",
            "GX_ANALYTICS_ENABLED": "false"}


def python(code: str, arg: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", code, arg], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_rcwire_run_staged_on_s3_lands_the_rows_of_a_local_run(
        s3: S3Server, site: SampleSite, reference: SampleRun, tmp_path: Path) -> None:
    bucket = s3.bucket()
    sources = sample_sources(site, tmp_path / "sources.yaml")
    env = machine(tmp_path / "data", tmp_path / "rcwire.duckdb", s3, f"s3://{bucket}/runs")
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", "--sources", str(sources),
                           "--run-id", "cli-s3", "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert landed(tmp_path / "rcwire.duckdb") == landed(reference.db)
    keys = s3.keys(bucket)
    assert {f"runs/cli-s3/_published/{step}.json"
            for step in ("plan", "fetch", "decided", "summary")} <= set(keys)
    assert "runs/cli-s3/decided/articles.parquet" in keys
    assert not any(k.endswith((".lock", ".tmp")) or ".slot" in k for k in keys)


def test_worker_and_loader_on_other_machines_share_only_the_store(
        s3: S3Server, site: SampleSite, reference: SampleRun, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"s3://{s3.bucket()}/staging"
    sources = sample_sources(site, tmp_path / "sources.yaml")
    db = tmp_path / "db" / "rcwire.duckdb"
    planner, worker, loader = (tmp_path / name for name in ("planner", "worker", "loader"))
    env = {name: {**machine(base, db, s3, url), "RCWIRE_SOURCES": str(sources)}
           for name, base in (("planner", planner), ("worker", worker), ("loader", loader))}
    # The worker machine has no database: a fetch task never opens one.
    env["worker"]["RCWIRE_DB"] = str(worker / "no-database-here" / "rcwire.duckdb")
    for key, value in env["planner"].items():  # the planner is this process
        monkeypatch.setenv(key, value)
    refs = plan_task("manual__s3", checked_settings())["feeds"]
    python(FETCH, json.dumps(refs), env["worker"])
    summary = json.loads(python(LOAD, "manual__s3", env["loader"]).strip().splitlines()[-1])
    assert landed(db) == landed(reference.db)
    assert summary["counts"] == reference.summary["counts"]
    run = "manual__s3"
    assert not (planner / "runs" / run / "feeds").exists()  # staged on the worker only
    assert list((worker / "runs" / run / "feeds").glob("*.parquet"))
    assert not (worker / "runs" / run / "decided").exists()
    assert not (worker / "no-database-here" / "rcwire.duckdb").exists()
    # The loader read the worker's batch from the store, byte for byte.
    for staged in (worker / "runs" / run / "feeds").iterdir():
        assert (loader / "runs" / run / "feeds" / staged.name).read_bytes() == \
            staged.read_bytes()


def test_an_unreachable_store_stops_rcwire_run_in_one_line(s3: S3Server,
                                                           tmp_path: Path) -> None:
    env = machine(tmp_path / "data", tmp_path / "rcwire.duckdb", s3, "s3://staging/runs")
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        env["RCWIRE_STAGING_ENDPOINT"] = f"http://127.0.0.1:{sock.getsockname()[1]}"
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", "--sample-site",
                           "--sample-port", "0"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith("rcwire: error: RCWIRE_STAGING_URL=s3://staging/runs: "
                                  "cannot write there (")
    assert env["AWS_SECRET_ACCESS_KEY"] not in done.stderr
    assert not (tmp_path / "rcwire.duckdb").exists()


def test_a_missing_bucket_is_named_at_start_up(s3: S3Server, settings: Settings,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in s3.env("s3://no-such-bucket-here/runs").items():
        monkeypatch.setenv(key, value)
    conf = settings.model_copy(update={"staging_url": "s3://no-such-bucket-here/runs",
                                       "staging_endpoint": s3.endpoint})
    with pytest.raises(ConfigError, match=r"cannot write there \(no such bucket") as err:
        check_staging(conf)
    assert "\n" not in str(err.value)
