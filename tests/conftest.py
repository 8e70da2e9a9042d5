"""Shared fixtures: a fresh DuckDB file, the loopback sample site, settings that use both."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.samplesite import SampleSite, write_sources
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# Every process a test starts prints its Python stacks if it dies on a native signal
# (SIGSEGV, SIGABRT): a subprocess that crashes says where, not just its return code.
os.environ.setdefault("PYTHONFAULTHANDLER", "1")


def settings_in(folder: Path) -> Settings:
    """Settings with a fresh DuckDB file and run folder under ``folder``, loopback allowed."""
    return Settings(
        db=folder / "rcwire.duckdb",
        data_dir=folder / "data",
        sources=folder / "sources.yaml",
        allow_private_hosts=[ipaddress.ip_network("127.0.0.1/32")],
        deadline=5.0,
        read_timeout=2.0,
        connect_timeout=2.0,
        host_delay=0.0,
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a fresh DuckDB file and run folder under tmp_path, loopback allowed."""
    return settings_in(tmp_path)


@pytest.fixture
def sample_site() -> Iterator[SampleSite]:
    """The bundled sample site on an ephemeral loopback port."""
    with SampleSite(SAMPLES / "site") as site:
        yield site


def sample_sources(site: SampleSite, dest: Path, extra: list[tuple[str, str]] = ()) -> Path:  # type: ignore[assignment]
    """Write ``samples/sources.yaml`` re-pointed at ``site``, plus extra (name, path) feeds."""
    write_sources(site.base_url, dest)
    with dest.open("a", encoding="utf-8") as out:
        for name, path in extra:
            out.write(f"  - name: {name}\n    url: {site.base_url}{path}\n")
    return dest


# The suite's longest tests (60-110 s each on 2 cores, `pytest --durations`), run first
# (in `make test` or, for the quality checks, in `make quality`):
# xdist hands tests out in collection order, and one of these started last kept a worker
# busy for a minute and a half after the other had finished (make test 9:29 -> 10:20 from
# one run to the next). Started first, they run beside the short ones.
_LONGEST = (
    "tests/pipeline/clean/test_classifier.py::test_retraining_reproduces_the_committed_models",
    "tests/pipeline/clean/test_literals.py::test_screened_rules_give_the_first_rule_that_matches",
    "tests/dags/test_ingest_dag.py::",
    # Last in collection order, the wheel's build and install (a module fixture) was the
    # suite's tail; started early on one worker, it is built once.
    "tests/test_wheel.py::",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next((k for k, head in enumerate(_LONGEST) if item.nodeid.startswith(head)),
                    len(_LONGEST))
    items.sort(key=rank)
