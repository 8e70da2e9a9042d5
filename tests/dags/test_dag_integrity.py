"""Every DAG file parses cleanly, is documented and retried, and parsing stays side-effect free.

The DAG folder is parsed once by Airflow's own ``DagBag`` in a subprocess (its own
``AIRFLOW_HOME``, so the test never writes ``~/airflow``) with the network and DuckDB
booby-trapped: any connection attempt while parsing is recorded and fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DAGS = ROOT / "dags"
DAG_FILES = sorted(p.name for p in DAGS.glob("*.py"))
ARTICLES_URI = "duckdb://rcwire/articles"

PARSE = r"""
import json, socket, sys

attempts = []
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex

def _guard(original):
    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(f"socket connect {address!r}")
            raise OSError("network access while parsing DAGs")
        return original(self, address)
    return connect

socket.socket.connect = _guard(_connect)
socket.socket.connect_ex = _guard(_connect_ex)

import duckdb

def _no_duckdb(*args, **kwargs):
    attempts.append(f"duckdb.connect{args!r}")
    raise RuntimeError("DuckDB opened while parsing DAGs")

duckdb.connect = _no_duckdb

from airflow.dag_processing.dagbag import DagBag

bag = DagBag(dag_folder=sys.argv[1], known_pools={"default_pool", "rcwire_feeds"})

def callbacks(t):
    # A mapped task keeps the callback as given; a plain one holds a list.
    found = t.on_failure_callback or []
    return found if isinstance(found, (list, tuple)) else [found]

def task_info(t):
    return {
        "retries": t.retries,
        "pool": t.pool,
        "trigger_rule": str(getattr(t.trigger_rule, "value", t.trigger_rule)),
        "mapped": "MappedOperator" in [c.__name__ for c in type(t).__mro__],
        "outlets": [getattr(o, "uri", str(o)) for o in t.outlets],
        "on_failure_callback": [type(c).__name__ for c in callbacks(t)],
        "callback_bases": [b.__name__ for c in callbacks(t) for b in type(c).__mro__],
    }

print(json.dumps({
    "import_errors": {str(k): str(v) for k, v in bag.import_errors.items()},
    "attempts": attempts,
    "dags": {
        dag_id: {
            "file": dag.fileloc.rsplit("/", 1)[-1],
            "tags": sorted(dag.tags),
            "doc_md": dag.doc_md,
            "default_retries": (dag.default_args or {}).get("retries"),
            "max_active_runs": dag.max_active_runs,
            "catchup": dag.catchup,
            "timetable": type(dag.timetable).__name__,
            "schedule": (dag.schedule if isinstance(dag.schedule, str) or dag.schedule is None
                         else [a.uri for a in dag.schedule]),
            "tasks": {t.task_id: task_info(t) for t in dag.tasks},
        }
        for dag_id, dag in bag.dags.items()
    },
}))
"""


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The DAG folder as Airflow parses it, plus the side effects parsing attempted."""
    home = tmp_path_factory.mktemp("airflow-home")
    locked = tmp_path_factory.mktemp("read-only")
    locked.chmod(0o555)
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "GX_ANALYTICS_ENABLED": "false",
        "RCWIRE_DB": str(locked / "db" / "rcwire.duckdb"),
        "RCWIRE_DATA_DIR": str(locked / "data"),
        "RCWIRE_SOURCES": str(locked / "sources.yaml"),
        "RCWIRE_WEBHOOK_URL": "http://192.0.2.1/never-called",
    }
    done = subprocess.run([sys.executable, "-c", PARSE, str(DAGS)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["locked_after"] = sorted(p.name for p in locked.iterdir())
    return result


def _dags_of(parsed: dict[str, Any], filename: str) -> list[dict[str, Any]]:
    return [d for d in parsed["dags"].values() if d["file"] == filename]


def test_dag_folder_has_the_three_dags(parsed: dict[str, Any]) -> None:
    assert DAG_FILES == ["rcwire_ingest.py", "rcwire_maintenance.py", "rcwire_report.py"]
    assert sorted(parsed["dags"]) == ["rcwire_ingest", "rcwire_maintenance", "rcwire_report"]


def test_no_import_errors(parsed: dict[str, Any]) -> None:
    assert parsed["import_errors"] == {}


def test_parsing_opens_no_connection_and_no_database(parsed: dict[str, Any]) -> None:
    assert parsed["attempts"] == []
    assert parsed["locked_after"] == []


@pytest.mark.parametrize("filename", DAG_FILES)
def test_dag_file_defines_a_dag(parsed: dict[str, Any], filename: str) -> None:
    assert _dags_of(parsed, filename), f"{filename} defines no DAG"


@pytest.mark.parametrize("filename", DAG_FILES)
def test_dags_are_tagged_and_documented(parsed: dict[str, Any], filename: str) -> None:
    for dag in _dags_of(parsed, filename):
        assert "rcwire" in dag["tags"] and len(dag["tags"]) >= 2
        assert dag["doc_md"] and dag["doc_md"].lstrip().startswith("# rcwire_")
        assert len(dag["doc_md"]) > 300, "doc_md should tell an operator what the DAG does"


@pytest.mark.parametrize("filename", DAG_FILES)
def test_every_task_retries_and_alerts(parsed: dict[str, Any], filename: str) -> None:
    for dag in _dags_of(parsed, filename):
        assert dag["default_retries"] >= 1
        assert dag["max_active_runs"] == 1
        assert dag["catchup"] is False
        for task_id, task in dag["tasks"].items():
            assert task["retries"] >= 1, task_id
            assert task["on_failure_callback"] == ["RcwireNotifier"], task_id
            assert "BaseNotifier" in task["callback_bases"], task_id


def test_ingest_maps_host_groups_in_the_pool_and_loads_whatever_finished(
        parsed: dict[str, Any]) -> None:
    ingest = parsed["dags"]["rcwire_ingest"]
    tasks = ingest["tasks"]
    assert sorted(tasks) == ["decide", "fetch_host", "load", "plan"]
    assert tasks["fetch_host"]["mapped"] is True
    assert tasks["fetch_host"]["pool"] == "rcwire_feeds"
    assert tasks["decide"]["trigger_rule"] == "all_done_min_one_success"
    assert tasks["load"]["trigger_rule"] == "all_success"
    assert tasks["load"]["outlets"] == [ARTICLES_URI]
    assert ingest["schedule"] == "@daily"


def test_report_runs_on_the_articles_asset(parsed: dict[str, Any]) -> None:
    report = parsed["dags"]["rcwire_report"]
    assert report["timetable"] == "AssetTriggeredTimetable"
    assert report["schedule"] == [ARTICLES_URI]
    assert report["tasks"]["refresh_report"]["outlets"] == []


def test_maintenance_is_daily(parsed: dict[str, Any]) -> None:
    assert parsed["dags"]["rcwire_maintenance"]["schedule"] == "30 3 * * *"
