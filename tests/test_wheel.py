"""The wheel ``uv build`` makes: no test-only code inside, and ``rcwire run --sample-site``
works from it, installed into a fresh virtualenv outside the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, SAMPLES
from tests.support.tools import tool_missing

pytestmark = pytest.mark.slow
MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
ORIGINALS = [i for i in MANIFEST if i["on_theme"] and not i["duplicate_of"]]
# Lists every module ``import X`` loaded that comes from a test package.
TEST_MODULES = ("import sys, {imports}; print(json.dumps(sorted(m for m in sys.modules "
                "if m.split('.')[0] in ('tests', 'conftest', 'benchmarks'))))")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    work: Path

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        """A command of the venv, from a folder outside the checkout."""
        return subprocess.run(args, cwd=self.work, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "GX_ANALYTICS_ENABLED": "false", **env})


def uv(*args: str, cwd: Path = ROOT) -> None:
    exe = shutil.which("uv")
    if exe is None:
        tool_missing("uv is not on PATH (https://docs.astral.sh/uv/)")
    done = subprocess.run([exe, *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"uv {' '.join(args)}: {done.stderr[-2000:]}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    uv("build", "--wheel", "--out-dir", str(base / "dist"))
    [wheel] = (base / "dist").glob("rcwire-*.whl")
    # The locked versions, so the install resolves from uv's cache (PyPI only for a miss).
    uv("export", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes", "--quiet",
       "--output-file", str(base / "requirements.txt"))
    uv("venv", "--quiet", "--python", sys.executable, str(base / "venv"))
    uv("pip", "install", "--quiet", "--python", str(base / "venv" / "bin" / "python"),
       "-r", str(base / "requirements.txt"), str(wheel))
    (base / "work").mkdir()
    return Installed(wheel, base / "venv", base / "work")


def test_wheel_holds_the_package_and_the_sample_site_but_no_test_code(
        installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert not [n for n in names if not n.startswith(("pipeline/", "rcwire-"))]
    assert not [n for n in names if n.endswith(("faultsite.py", "evaluate.py", "staging.py",
                                                "conftest.py"))]
    site = {n.removeprefix("pipeline/_samples/site/") for n in names
            if n.startswith("pipeline/_samples/site/")}
    assert {i["path"].lstrip("/") for i in MANIFEST} <= {
        n.removesuffix("index.html") for n in site} | site
    assert "pipeline/_samples/sources.yaml" in names


def test_importing_the_package_imports_no_test_module(installed: Installed) -> None:
    python = str(installed.venv / "bin" / "python")
    for imports in ("pipeline", "pipeline.cli, pipeline.samplesite, pipeline.run.local"):
        done = installed.run(python, "-c", "import json; " + TEST_MODULES.format(
            imports=imports))
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == [], imports
    # The checkout too, where tests/ is importable from the working folder.
    done = subprocess.run([sys.executable, "-c", "import json; " + TEST_MODULES.format(
        imports="pipeline")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert json.loads(done.stdout) == []


def test_sample_site_run_from_the_installed_wheel_lands_the_articles(
        installed: Installed) -> None:
    data = installed.work / "data"
    done = installed.run(str(installed.venv / "bin" / "rcwire"), "run", "--sample-site",
                         "--sample-port", "0", "--json", RCWIRE_DATA_DIR=str(data),
                         RCWIRE_DB=str(data / "rcwire.duckdb"),
                         # Packaging is under test, not speed: a busy machine must not fail it.
                         RCWIRE_DEADLINE="120", RCWIRE_EXTRACT_TIMEOUT="120",
                         RCWIRE_PARSE_TIMEOUT="120")
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout)
    assert summary["counts"].get("loaded") == len(ORIGINALS), (summary["counts"], summary["feeds"])
    assert {f["status"] for f in summary["feeds"]} == {"ok"}
    with duckdb.connect(str(data / "rcwire.duckdb"), read_only=True) as con:
        paths = {u.split("/", 3)[3] for (u,) in con.execute("select url from articles")
                 .fetchall()}
    assert paths == {i["path"].lstrip("/") for i in ORIGINALS}
