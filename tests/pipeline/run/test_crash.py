"""Crashes and concurrent writers: ``kill -9`` of the loader while it holds the write lock
leaves an openable file with the whole batch or none of it, and the next run lands exactly
what is missing; a second writer waits for the first or refuses with a clear message."""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.errors import RunError
from pipeline.run import tasks
from pipeline.run.local import decide_run, fetch_all, load_run, new_run_id, plan, run_once
from pipeline.runfolder import FEEDS, SUMMARY, decided_files, plan_run_id
from pipeline.settings import Settings
from pipeline.store import db
from tests.conftest import ROOT
from tests.support.faultsite import FaultSite

pytestmark = pytest.mark.skipif(not Path("/proc/self/fdinfo").is_dir(),
                                reason="watches the loader's open files in /proc")
PAGES = 8
# Seconds after the loader opened the database for writing: inside the transaction,
# around the commit, in the checkpoint, and in the post-load checks.
KILL_AFTER = (0.05, 0.3, 0.8)
LOAD = ("import sys; from pathlib import Path; from pipeline.run.local import load_run; "
        "from pipeline.settings import Settings; load_run(Path(sys.argv[1]), Settings())")
# The loader, killed (SIGKILL, by itself) after its commit, as it starts writing summary.json.
DIE_BEFORE_SUMMARY = (
    "import os, signal, sys\nfrom pathlib import Path\nimport pipeline.store.load as loader\n"
    "from pipeline.run.local import load_run\nfrom pipeline.settings import Settings\n"
    "real = loader.write_json\n"
    "def dying(path, payload):\n"
    "    if path.name == 'summary.json':\n"
    "        os.kill(os.getpid(), signal.SIGKILL)\n"
    "    real(path, payload)\n"
    "loader.write_json = dying\n"
    "load_run(Path(sys.argv[1]), Settings())\n")
HOLD = ("import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
        "con.execute('begin transaction'); con.execute('create table holder (x int)'); "
        "print('holding', flush=True); time.sleep(float(sys.argv[2]))")


@dataclass
class Batch:
    site: FaultSite
    sources: Path
    db: Path
    folder: Path


def settings_for(base: Path) -> Settings:
    return Settings(db=base / "rcwire.duckdb", data_dir=base / "data",
                    allow_private_hosts=[ipaddress.ip_network("127.0.0.1/32")],
                    deadline=10.0, host_delay=0.0)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Batch]:
    """A run planned, fetched and decided (not loaded), to copy for every trial."""
    base = tmp_path_factory.mktemp("crash-batch")
    with FaultSite() as site:
        sources = base / "sources.yaml"
        sources.write_text(f"sources:\n  - name: many\n    url: {site.base_url}"
                           f"/_fault/articles.xml?n={PAGES}&prefix=crash\n", encoding="utf-8")
        settings = settings_for(base)
        folder = plan(settings, new_run_id(), sources)
        fetch_all(folder, settings)
        decide_run(folder, settings)
        yield Batch(site, sources, settings.db, folder)


def copy_batch(batch: Batch, base: Path) -> tuple[Settings, Path]:
    settings = settings_for(base)
    shutil.copy(batch.db, settings.db)
    folder = settings.runs_dir / batch.folder.name
    shutil.copytree(batch.folder, folder)
    return settings, folder


def child_env(settings: Settings) -> dict[str, str]:
    return {**os.environ, "RCWIRE_DB": str(settings.db), "RCWIRE_DATA_DIR":
            str(settings.data_dir), "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
            "GX_ANALYTICS_ENABLED": "false"}


def writing(pid: int, path: Path) -> bool:
    """Does process ``pid`` have ``path`` open for writing?"""
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd) != str(path):
                continue
            info = Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text(encoding="ascii")
        except OSError:
            continue
        if int(info.split("flags:")[1].split()[0], 8) & 0o3:
            return True
    return False


def kill_while_writing(settings: Settings, folder: Path, after: float) -> str:
    proc = subprocess.Popen([sys.executable, "-c", LOAD, str(folder)], cwd=ROOT,
                            env=child_env(settings), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        give_up = time.monotonic() + 60
        while not writing(proc.pid, settings.db):
            if proc.poll() is not None or time.monotonic() > give_up:
                return "exited before writing"
            time.sleep(0.005)
        time.sleep(after)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    return "killed" if proc.returncode == -signal.SIGKILL else "finished"


def consistent(settings: Settings) -> dict[str, Any]:
    """Open the file (replaying its WAL) and check every run is whole; the counts."""
    with duckdb.connect(str(settings.db)) as con:
        def one(query: str, *params: object) -> Any:
            return con.execute(query, list(params)).fetchall()[0][0]
        runs = con.execute("select run_id, counts from runs").fetchall()
        for run_id, counts in runs:
            expected = {k: int(v) for k, v in duckdb_json(counts).items()}
            assert one("select count(*) from url_outcomes where run_id = ?", run_id) == \
                sum(expected.values())
            assert one("select count(*) from articles where run_id = ?", run_id) == \
                expected.get("loaded", 0)
        assert one("select count(*) from articles where run_id not in "
                   "(select run_id from runs)") == 0
        assert one("select count(*) from url_outcomes where run_id not in "
                   "(select run_id from runs)") == 0
        assert one("select count(*) from feed_events where run_id not in "
                   "(select run_id from runs)") == 0
        return {"runs": len(runs), "articles": one("select count(*) from articles"),
                "urls": one("select count(distinct url) from articles")}


def duckdb_json(value: object) -> dict[str, Any]:
    import json
    return dict(json.loads(value)) if isinstance(value, str) else dict(value or {})


@pytest.mark.parametrize("after", KILL_AFTER)
def test_kill_during_load_loses_nothing_and_lands_nothing_twice(
        batch: Batch, tmp_path: Path, after: float) -> None:
    settings, folder = copy_batch(batch, tmp_path)
    what = kill_while_writing(settings, folder, after)
    state = consistent(settings)
    print(f"kill {after}s after opening: {what}, {state}")
    assert state["articles"] in (0, PAGES)  # the whole batch or none of it
    run_once(settings, batch.sources)
    state = consistent(settings)
    assert state["articles"] == state["urls"] == PAGES


def test_second_writer_waits_for_the_first(batch: Batch, tmp_path: Path) -> None:
    settings, folder = copy_batch(batch, tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(settings.db), "1.5"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        summary = load_run(folder, settings)  # the writer: it waits for the holder
        waited = time.monotonic() - started
    finally:
        holder.wait()
    assert waited > 1.0 and summary["counts"]["loaded"] == PAGES
    assert consistent(settings)["articles"] == PAGES


def test_writer_refuses_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path), "5"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(RunError) as err:
            db.connect(path, wait=0.5)
    finally:
        holder.kill()
        holder.wait()
    assert str(err.value) == (f"database {path} is being written by another run "
                              f"(process {holder.pid}); try again when it has finished")
    with duckdb.connect(str(path)) as con:  # still opens once the writer is gone
        assert con.execute("select count(*) from information_schema.tables").fetchall()


def test_loader_dead_after_commit_rebuilds_the_summary(batch: Batch, tmp_path: Path) -> None:
    settings, folder = copy_batch(batch, tmp_path)
    first = load_run(folder, settings)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        checks = con.execute("select count(*) from dq_results").fetchall()[0][0]
    # As if killed after the commit, before summary.json was written.
    (folder / "summary.json").unlink()
    again = load_run(folder, settings)
    assert again["counts"] == first["counts"] == {"loaded": PAGES}
    assert again["checked"] and (folder / "summary.json").exists()
    assert consistent(settings)["articles"] == PAGES
    with duckdb.connect(str(settings.db), read_only=True) as con:
        assert con.execute("select count(*) from dq_results").fetchall()[0][0] == checks


def test_run_id_resumes_a_loader_killed_between_commit_and_summary(
        batch: Batch, tmp_path: Path) -> None:
    settings, folder = copy_batch(batch, tmp_path)
    run_id = plan_run_id(folder)
    decided = decided_files(folder).outcomes.read_bytes()
    staged = {p: p.stat().st_mtime_ns for p in (folder / FEEDS).iterdir()}
    killed = subprocess.run([sys.executable, "-c", DIE_BEFORE_SUMMARY, str(folder)], cwd=ROOT,
                            env=child_env(settings), capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not (folder / SUMMARY).exists()
    committed = consistent(settings)
    assert committed == {"runs": 1, "articles": PAGES, "urls": PAGES}
    # The Airflow tasks ask the database too: nothing to fetch or decide again.
    ref = {"folder": str(folder), "group": 0}
    assert [f["status"] for f in tasks.host_task(ref, settings)["feeds"]] == ["ok"]
    assert tasks.decide_task(run_id, settings) == {}
    # What the failure alert tells the operator to run (the site still serves the pages,
    # so fetching and deciding again would find every article stored already).
    resumed = subprocess.run([sys.executable, "-m", "pipeline", "run", "--run-id", run_id,
                              "--json"], cwd=ROOT, env=child_env(settings),
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert json.loads(resumed.stdout)["counts"] == {"loaded": PAGES}
    assert consistent(settings) == committed
    with duckdb.connect(str(settings.db), read_only=True) as con:
        assert con.execute("select count(*) from article_duplicates").fetchall() == [(0,)]
        assert con.execute("select outcome, count(*) from url_outcomes where run_id = ? "
                           "group by all", [run_id]).fetchall() == [("loaded", PAGES)]
    assert decided_files(folder).outcomes.read_bytes() == decided
    assert {p: p.stat().st_mtime_ns for p in (folder / FEEDS).iterdir()} == staged
    summary = json.loads((folder / SUMMARY).read_text(encoding="utf-8"))
    assert summary["counts"] == {"loaded": PAGES} and summary["checked"]
