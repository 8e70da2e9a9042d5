"""docker/compose.yaml and the Dockerfile: valid, complete, and consistent with the code.

The YAML-level tests always run. ``docker compose config`` / ``docker-compose config``
validation runs when either client is installed (neither needs a running engine).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.settings import Settings
from tests.support.tools import tool_missing

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
COMPOSE = DOCKER / "compose.yaml"
CORE = ["postgres", "airflow-init", "airflow-apiserver", "airflow-scheduler",
        "airflow-dag-processor", "airflow-triggerer"]
LONG_RUNNING = ["postgres", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                "airflow-triggerer", "redis", "airflow-worker"]
REQUIRED = re.compile(r"\$\{([A-Z0-9_]+):\?")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = compose["services"]
    return found


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in (DOCKER / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def test_core_services_run_by_default(services: dict[str, Any]) -> None:
    for name in CORE:
        assert name in services, name
        assert "profiles" not in services[name], name


def test_celery_profile_adds_broker_and_worker(services: dict[str, Any]) -> None:
    assert services["redis"]["profiles"] == ["celery"]
    worker = services["airflow-worker"]
    assert worker["profiles"] == ["celery"]
    assert worker["command"] == "celery worker"
    assert worker["environment"]["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert worker["depends_on"]["redis"] == {"condition": "service_healthy"}


def test_executor_defaults_to_local(services: dict[str, Any]) -> None:
    env = services["airflow-scheduler"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "${AIRFLOW_EXECUTOR:-LocalExecutor}"
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg2://")


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_long_running_services_have_healthchecks(services: dict[str, Any], name: str) -> None:
    check = services[name]["healthcheck"]
    assert check["test"] and check["interval"] and check["retries"] >= 1


@pytest.mark.parametrize("name", ["airflow-apiserver", "airflow-scheduler",
                                  "airflow-dag-processor", "airflow-triggerer"])
def test_airflow_waits_for_postgres_and_init(services: dict[str, Any], name: str) -> None:
    depends = services[name]["depends_on"]
    assert depends["postgres"] == {"condition": "service_healthy"}
    assert depends["airflow-init"] == {"condition": "service_completed_successfully"}


def test_init_migrates_creates_admin_and_pool(services: dict[str, Any]) -> None:
    init = services["airflow-init"]
    script = "\n".join(init["command"])
    assert "/entrypoint airflow version" in script
    assert "airflow pools set rcwire_feeds" in script
    assert init["environment"]["_AIRFLOW_DB_MIGRATE"] == "true"
    assert init["environment"]["_AIRFLOW_WWW_USER_CREATE"] == "true"


def test_duckdb_and_runs_live_on_a_named_volume(compose: dict[str, Any],
                                                services: dict[str, Any]) -> None:
    assert {"postgres-db", "airflow-logs", "rcwire-data"} <= set(compose["volumes"])
    for name in ("airflow-scheduler", "airflow-worker"):
        assert "rcwire-data:/opt/rcwire/data" in services[name]["volumes"], name
    env = services["airflow-scheduler"]["environment"]
    assert env["RCWIRE_DB"].startswith("/opt/rcwire/data/")
    assert env["RCWIRE_DATA_DIR"] == "/opt/rcwire/data"


def test_every_rcwire_variable_is_a_setting(services: dict[str, Any]) -> None:
    known = {f"RCWIRE_{name.upper()}" for name in Settings.model_fields}
    passed = {k for k in services["airflow-scheduler"]["environment"] if k.startswith("RCWIRE_")}
    assert passed - known == set()
    assert {"RCWIRE_WEBHOOK_URL", "RCWIRE_SMTP_HOST", "RCWIRE_ALERT_EMAILS",
            "RCWIRE_SCHEDULE"} <= passed


def test_env_example_lists_every_required_variable() -> None:
    required = set(REQUIRED.findall(COMPOSE.read_text(encoding="utf-8")))
    assert {"POSTGRES_PASSWORD", "AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET"} <= required
    assert required - set(_env_example()) == set()


def test_image_matches_the_locked_airflow() -> None:
    dockerfile = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    assert f"ARG AIRFLOW_VERSION={version('apache-airflow')}\n" in dockerfile
    assert "FROM apache/airflow:${AIRFLOW_VERSION}-python${PYTHON_VERSION}" in dockerfile
    assert "uv export --frozen --no-dev" in dockerfile


def _compose_client() -> list[str] | None:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True,
                                 check=False).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


@pytest.mark.parametrize("profile", [None, "celery"])
def test_compose_config_is_valid(profile: str | None) -> None:
    client = _compose_client()
    if client is None:
        tool_missing("neither `docker compose` nor `docker-compose` is installed "
                     "(apt-get install -y docker-compose)")
    env = {"PATH": "/usr/bin:/bin", **{k: v or "test-value" for k, v in _env_example().items()}}
    args = [*client, "-f", str(COMPOSE)]
    if profile:
        args += ["--profile", profile]
    done = subprocess.run([*args, "config", "--quiet"], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run([*args, "config", "--services"], env=env, capture_output=True,
                            text=True, timeout=60, check=True).stdout.split()
    assert set(CORE) <= set(listed)
