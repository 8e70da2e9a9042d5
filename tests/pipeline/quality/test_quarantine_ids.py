"""Quarantined articles are named by the id `quarantine list` prints, or any unique prefix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import RunError
from pipeline.quality.quarantine import get_quarantined
from pipeline.store import db
from tests.conftest import ROOT

IDS = ("3fa2c01b9e4d7a55", "3fa2d77e01b6c932", "9b0c4e1f2a3d5e6f")


@pytest.fixture
def quarantined(tmp_path: Path) -> Path:
    path = tmp_path / "rcwire.duckdb"
    with db.opened(path) as con:
        db.migrate(con)
        for i, article_id in enumerate(IDS):
            con.execute(db.sql("queries/store/insert_quarantine"), {
                "run_id": "cli-20261201T000000Z-abcd", "article_id": article_id,
                "url": f"https://a.example/{i}", "source": "a", "title": f"Headline {i}",
                "failed": json.dumps(["expect_column_values_to_be_between(word_count)"]),
                "record": json.dumps({"article_id": article_id})})
    return path


@pytest.mark.parametrize(("prefix", "found"), [
    ("3fa2c", IDS[0]), ("3FA2D7", IDS[1]), ("9", IDS[2]), (IDS[0], IDS[0])])
def test_unique_prefix_finds_the_article(quarantined: Path, prefix: str, found: str) -> None:
    with db.opened(quarantined, read_only=True) as con:
        assert get_quarantined(con, prefix)["article_id"] == found


@pytest.mark.parametrize(("prefix", "message"), [
    ("3fa2", "matches several quarantined articles (3fa2c01b9e4d7a55, 3fa2d77e01b6c932)"),
    ("ffff", "no quarantined article 'ffff'"), ("", "no quarantined article ''")])
def test_ambiguous_or_unknown_prefix_one_clear_line(quarantined: Path, prefix: str,
                                                    message: str) -> None:
    with db.opened(quarantined, read_only=True) as con, pytest.raises(RunError) as err:
        get_quarantined(con, prefix)
    assert message in str(err.value)


def test_list_prints_whole_ids_that_show_accepts(quarantined: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "GX_ANALYTICS_ENABLED": "false", "COLUMNS": "80"}
    listed = subprocess.run([sys.executable, "-m", "pipeline", "quarantine", "list", "--db",
                             str(quarantined)], cwd=ROOT, capture_output=True, text=True,
                            env=env, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert all(article_id in listed.stdout for article_id in IDS)
    assert all(len(line) <= 80 for line in listed.stdout.splitlines())
    shown = subprocess.run([sys.executable, "-m", "pipeline", "quarantine", "show", "9b0c",
                            "--db", str(quarantined)], cwd=ROOT, capture_output=True,
                           text=True, env=env, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["article_id"] == IDS[2]
