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


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a fresh DuckDB file and run folder under tmp_path, loopback allowed."""
    return Settings(
        db=tmp_path / "rcwire.duckdb",
        data_dir=tmp_path / "data",
        sources=tmp_path / "sources.yaml",
        allow_private_hosts=[ipaddress.ip_network("127.0.0.1/32")],
        deadline=5.0,
        read_timeout=2.0,
        connect_timeout=2.0,
        host_delay=0.0,
    )


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
