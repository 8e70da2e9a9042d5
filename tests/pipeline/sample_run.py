"""One pipeline run on the loopback sample site, shared by the analyst tests.

A run costs most of the analyst tests' time, so the views, query, export, report and entity
tests share one database per test session. Tests only read it (read-only connections);
a test that writes works on a copy (``copy_db``).
"""

from __future__ import annotations

import ipaddress
import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from pipeline.run.local import run_once
from pipeline.samplesite import SampleSite
from pipeline.settings import Settings
from tests.conftest import SAMPLES, sample_sources

MANIFEST: list[dict[str, Any]] = json.loads(
    (SAMPLES / "manifest.json").read_text(encoding="utf-8"))
# Feed path -> source name, from the sample sources file.
SOURCE_OF_FEED = {"/" + s["url"].split("/", 3)[3]: s["name"] for s in yaml.safe_load(
    (SAMPLES / "sources.yaml").read_text(encoding="utf-8"))["sources"]}


def theme_reads(item: dict[str, Any]) -> bool:
    """Whether config/theme.yaml has terms in the page's script, so that an on-theme page
    can pass the theme filter. Russian and Chinese pages (issue 17) need the multilingual
    lexicon of the theme issue; until it is in the file they are expected off theme."""
    language = item.get("language", "en")
    pattern = {"ru": "[\u0400-\u04ff]", "zh": "[\u4e00-\u9fff]"}.get(language)
    return pattern is None or re.search(pattern, _THEME_FILE) is not None


_THEME_FILE = (SAMPLES.parent / "config" / "theme.yaml").read_text(encoding="utf-8")
ORIGINALS = [i for i in MANIFEST if i["on_theme"] and not i["duplicate_of"] and theme_reads(i)]
COPIES = [i for i in MANIFEST if i["duplicate_of"] and theme_reads(i)]
OFF_THEME = [i for i in MANIFEST if not i["on_theme"] or not theme_reads(i)]


@dataclass(frozen=True)
class SampleRun:
    """The shared run: its settings, summary and the day it ran."""

    settings: Settings
    summary: dict[str, Any]

    @property
    def db(self) -> Path:
        """The DuckDB file."""
        return self.settings.db

    def rows(self, query: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Rows of a query on a read-only connection."""
        with duckdb.connect(str(self.db), read_only=True) as con:
            return con.execute(query, params or {}).fetchall()

    def source_of(self, path: str) -> str:
        """The source a stored original landed under (one of the feeds listing it)."""
        [(source,)] = self.rows("select source from articles where url like $p",
                                {"p": f"%{path}"})
        return str(source)

    @property
    def run_day(self) -> date:
        """UTC day of the run (the day undated articles are filed under)."""
        [(day,)] = self.rows("select cast(timezone('UTC', min(fetched_at)) as date) "
                             "from articles")
        return day  # type: ignore[no-any-return]


def shared_run(factory: pytest.TempPathFactory) -> SampleRun:
    """Run the sample site once per session (later callers get the same database)."""
    base = factory.getbasetemp() / "analyst-sample-run"
    settings = Settings(
        db=base / "rcwire.duckdb", data_dir=base / "data", sources=base / "sources.yaml",
        allow_private_hosts=[ipaddress.ip_network("127.0.0.1/32")], host_delay=0.0,
        deadline=10.0, read_timeout=5.0, connect_timeout=2.0)
    done = base / "summary.json"
    if done.exists():
        return SampleRun(settings, json.loads(done.read_text(encoding="utf-8")))
    base.mkdir(parents=True, exist_ok=True)
    with SampleSite(SAMPLES / "site") as site:
        summary = run_once(settings, sample_sources(site, base / "sources.yaml"))
    done.write_text(json.dumps(summary), encoding="utf-8")
    return SampleRun(settings, summary)


def copy_db(run: SampleRun, dest: Path) -> Path:
    """A private copy of the shared database, for tests that write."""
    target = dest / "copy.duckdb"
    shutil.copyfile(run.db, target)
    return target


def manifest_text(item: dict[str, Any]) -> str:
    """The body of a page as the pipeline stores it: paragraphs separated by blank lines."""
    return "\n\n".join(item["body_paragraphs"])


def feed_sources(item: dict[str, Any]) -> set[str]:
    """Sources whose feed lists the page."""
    return {SOURCE_OF_FEED[f] for f in item["feeds"]}


def listed_per_feed() -> Counter[str]:
    """Feed items per source, as the manifest lists them."""
    return Counter(SOURCE_OF_FEED[f] for i in MANIFEST for f in i["feeds"])
