"""Every bad setting or path: one line naming it and the fix, exit 2, no traceback.

Each case runs the real ``rcwire`` command in a subprocess, as a new user would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.checks import ConfigError, check_languages, check_output
from tests.conftest import ROOT
from tests.pipeline.quality.test_notify import WebhookReceiver

RCWIRE = str(Path(sys.executable).parent / "rcwire")


def _read_only_dir(tmp_path: Path) -> Path:
    """A folder this process cannot write: mode 0500, or /sys for root (mode is no bar)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        (folder / "probe").write_bytes(b"")
    except OSError:
        return folder
    (folder / "probe").unlink()
    folder.chmod(0o700)
    try:
        (Path("/sys") / "rcwire-probe").write_bytes(b"")
    except OSError:
        return Path("/sys")
    pytest.skip("no folder this process cannot write")


def _db(tmp_path: Path) -> Path:
    """A small database with its read copy, for the reader commands."""
    import duckdb

    from pipeline.store import db

    path = tmp_path / "rcwire.duckdb"
    with db.opened(path) as con:
        db.migrate(con)
    with duckdb.connect(str(path)) as con:
        con.execute("checkpoint")
    return path


CASES = {
    "threshold-not-a-number": (["sql", "select 1"], {"RCWIRE_RELEVANCE_THRESHOLD": "high"},
                               ["RCWIRE_RELEVANCE_THRESHOLD=high", "0.45"]),
    "threshold-out-of-range": (["sql", "select 1"], {"RCWIRE_RELEVANCE_THRESHOLD": "45"},
                               ["RCWIRE_RELEVANCE_THRESHOLD=45", "0 to 1"]),
    "language-name": (["run", "--sources", "{sources}"], {"RCWIRE_LANGUAGES": "english"},
                      ["RCWIRE_LANGUAGES", "'english'", "en, ru, zh"]),
    "language-unknown-code": (["run", "--sources", "{sources}"], {"RCWIRE_LANGUAGES": "en,xq"},
                              ["RCWIRE_LANGUAGES", "'xq'"]),
    "data-dir-read-only": (["run", "--sources", "{sources}"],
                           {"RCWIRE_DATA_DIR": "{readonly}/data"},
                           ["RCWIRE_DATA_DIR={readonly}/data", "folder you can write"]),
    "data-dir-is-a-file": (["run", "--sources", "{sources}"], {"RCWIRE_DATA_DIR": "{sources}"},
                           ["RCWIRE_DATA_DIR={sources}", "is a file"]),
    "memory-limit": (["sql", "select 1"], {"RCWIRE_DUCKDB_MEMORY_LIMIT": "lots"},
                     ["RCWIRE_DUCKDB_MEMORY_LIMIT=lots", "1GB"]),
    "report-missing-dir": (["report", "--out", "{tmp}/nope/report.html"], {},
                           ["--out {tmp}/nope/report.html", "does not exist", "mkdir -p"]),
    "report-read-only-dir": (["report", "--out", "{readonly}/report.html"], {},
                             ["--out {readonly}/report.html", "cannot write"]),
    "dq-report-missing-dir": (["dq", "report", "--out", "{tmp}/nope/dq.html"], {},
                              ["--out {tmp}/nope/dq.html", "does not exist"]),
    "export-missing-dir": (["export", "{tmp}/nope/articles.parquet"], {},
                           ["export {tmp}/nope/articles.parquet", "does not exist"]),
    "export-read-only-dir": (["export", "{readonly}/articles.parquet"], {},
                             ["export {readonly}/articles.parquet", "cannot write"]),
    "sql-out-missing-dir": (["sql", "select 1", "--out", "{tmp}/nope/x.csv"], {},
                            ["--out {tmp}/nope/x.csv", "does not exist"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_one_line_exit_2(case: str, tmp_path: Path) -> None:
    args, env_extra, expected = CASES[case]
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - name: x\n    url: http://127.0.0.1:9/feed\n")
    names = {"tmp": str(tmp_path), "sources": str(sources)}
    if any("{readonly}" in a for a in [*args, *env_extra.values()]):
        names["readonly"] = str(_read_only_dir(tmp_path))
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCWIRE_")}
    env.update({"GX_ANALYTICS_ENABLED": "false", "RCWIRE_DB": str(_db(tmp_path)),
                "RCWIRE_DATA_DIR": str(tmp_path / "data")})
    env.update({k: v.format(**names) for k, v in env_extra.items()})
    done = subprocess.run([RCWIRE, *(a.format(**names) for a in args)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    for part in expected:
        assert part.format(**names) in lines[0], lines[0]
    assert not (tmp_path / "data" / "runs").exists()  # checked before anything ran


def test_config_error_alert_says_what_to_fix(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - name: x\n    url: http://127.0.0.1:9/feed\n")
    with WebhookReceiver() as hook:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RCWIRE_")}
        env.update({"GX_ANALYTICS_ENABLED": "false", "RCWIRE_WEBHOOK_URL": hook.url,
                    "RCWIRE_DB": str(tmp_path / "r.duckdb"), "RCWIRE_LANGUAGES": "english",
                    "RCWIRE_DATA_DIR": str(tmp_path / "data")})
        done = subprocess.run([RCWIRE, "run", "--sources", str(sources)], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2
        [post] = hook.posts
    text = post["text"]
    assert "Where to look: fix: RCWIRE_LANGUAGES" in text
    assert "--run-id" not in text


def test_output_check_creates_a_default_folder(tmp_path: Path) -> None:
    out = tmp_path / "data" / "reports" / "report.html"
    assert check_output(out, "--out", create=True) == out
    assert out.parent.is_dir()
    with pytest.raises(ConfigError, match="is a folder"):
        check_output(out.parent, "--out")


@pytest.mark.parametrize("codes", [["en"], ["en", "ru", "zh"], ["yue"]])
def test_known_language_codes_pass(codes: list[str]) -> None:
    check_languages(codes)


def test_the_listed_languages_are_the_models() -> None:
    # The settings check trusts the list without loading the model: it must be exactly
    # the classes of the model installed.
    from pipeline.checks import MODEL_LANGUAGES, known_languages

    assert known_languages() == MODEL_LANGUAGES



def test_airflow_task_stops_at_the_same_check(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    from pipeline.run import tasks

    monkeypatch.setenv("RCWIRE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RCWIRE_LANGUAGES", "english")
    with pytest.raises(ConfigError, match="RCWIRE_LANGUAGES: 'english'"):
        tasks.plan_task("manual__x")
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize(("exc", "look"), [
    (ConfigError("RCWIRE_LANGUAGES: 'english' is not ..."),
     "fix: RCWIRE_LANGUAGES: 'english' is not ...; then clear the task"),
    (RuntimeError("disk full"), "http://airflow/log")])
def test_airflow_alert_for_a_config_error_says_what_to_fix(exc: Exception, look: str) -> None:
    from types import SimpleNamespace

    from pipeline.quality.notify import run_failed_alert
    from pipeline.settings import Settings

    ti = SimpleNamespace(dag_id="rcwire_ingest", run_id="manual__x", task_id="plan",
                         map_index=-1, try_number=1, log_url="http://airflow/log")
    alert = run_failed_alert({"ti": ti, "exception": exc}, Settings())
    assert alert.where_to_look == look
