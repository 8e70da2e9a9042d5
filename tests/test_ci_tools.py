"""With ``CI=true`` a test whose tool is missing fails instead of skipping, so a green CI
run means the report was rendered and the compose file validated."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.tools import tool_missing

COMPOSE_TEST = "tests/docker/test_compose.py::test_compose_config_is_valid"


@pytest.mark.parametrize(("ci", "outcome"), [
    ("true", pytest.fail.Exception), ("1", pytest.fail.Exception),
    ("", pytest.skip.Exception), ("false", pytest.skip.Exception),
])
def test_missing_tool_fails_only_under_ci(monkeypatch: pytest.MonkeyPatch, ci: str,
                                          outcome: type[BaseException]) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="chromium is missing"):
        tool_missing("chromium is missing")


def test_compose_check_fails_under_ci_without_a_client(tmp_path: Path) -> None:
    # An empty PATH: neither `docker` nor `docker-compose` can be found.
    env = {**os.environ, "PATH": str(tmp_path)}
    ran = {ci: subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfs", COMPOSE_TEST],
        cwd=ROOT, env={**env, "CI": ci}, capture_output=True, text=True, timeout=120)
        for ci in ("true", "")}
    assert ran["true"].returncode == 1, ran["true"].stdout
    assert "2 failed" in ran["true"].stdout and "CI=true and neither" in ran["true"].stdout
    assert ran[""].returncode == 0 and "2 skipped" in ran[""].stdout, ran[""].stdout
