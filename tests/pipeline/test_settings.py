"""One settings object: documented in docs/settings.md, checked at the start of a run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import RunError
from pipeline.fetch.sources import require_contact
from pipeline.records import Source
from pipeline.settings import PLACEHOLDER_AGENT, Settings, settings_markdown
from tests.conftest import ROOT


def test_settings_page_is_generated_from_the_fields() -> None:
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert page == settings_markdown(), (
        "docs/settings.md is stale: rcwire settings --markdown > docs/settings.md")


def test_every_field_is_documented_once_in_a_known_section() -> None:
    page = settings_markdown()
    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert page.count(f"`RCWIRE_{name.upper()}`") == 1, name


def test_dag_retries_accept_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RCWIRE_RETRIES", "0")
    assert Settings().retries == 0


def test_default_sources_are_the_live_list() -> None:
    assert Settings().sources.resolve() == (ROOT / "config" / "sources.yaml").resolve()


def _rcwire(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("RCWIRE_")}
    base |= {"RCWIRE_DB": str(tmp_path / "db.duckdb"), "RCWIRE_DATA_DIR": str(tmp_path / "d")}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=tmp_path,
                          env=base | env, capture_output=True, text=True, timeout=120)


def test_live_run_refuses_the_placeholder_user_agent(tmp_path: Path) -> None:
    # No --sources: the live list (config/sources.yaml), whose feeds are not on loopback.
    done = _rcwire(["run"], tmp_path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "RCWIRE_USER_AGENT" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    # Refused before anything was written or fetched.
    assert not (tmp_path / "d" / "runs").exists()


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765/feed.xml", "http://localhost/x",
                                 "http://[::1]:80/rss"])
def test_loopback_runs_keep_the_placeholder(url: str) -> None:
    require_contact(PLACEHOLDER_AGENT, [Source(name="local", url=url)])


def test_a_named_contact_may_fetch_live_feeds() -> None:
    require_contact("rcwire/0.1 (+https://desk.example/bot)",
                    [Source(name="live", url="https://news.example.org/rss")])


def test_one_live_feed_among_loopback_ones_is_refused() -> None:
    with pytest.raises(RunError, match="RCWIRE_USER_AGENT"):
        require_contact(PLACEHOLDER_AGENT, [Source(name="a", url="http://127.0.0.1/x"),
                                            Source(name="b", url="https://news.example.org/")])
