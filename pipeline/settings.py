"""One settings object for the whole pipeline.

Every field can be overridden from the environment as ``RCWIRE_<FIELD>`` (upper case),
e.g. ``RCWIRE_DB=/srv/rcwire.duckdb``. Defaults are the values below; the README lists them.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class Settings(BaseSettings):
    """Pipeline settings; env prefix ``RCWIRE_``."""

    # Empty variables count as unset: a deployment can pass every one through blank.
    model_config = SettingsConfigDict(env_prefix="RCWIRE_", extra="ignore",
                                      env_ignore_empty=True)

    # Storage
    db: Path = Field(Path("data/rcwire.duckdb"), description="DuckDB file analysts query.")
    sources: Path = Field(Path("samples/sources.yaml"), description="YAML list of feeds.")
    data_dir: Path = Field(Path("data"), description="Run folders with staged Parquet.")

    # Fetching
    user_agent: str = Field(
        "rcwire/0.1 (+https://github.com/rcwire/rcwire; news research crawler)",
        description="Honest User-Agent sent with every request.",
    )
    connect_timeout: float = Field(5.0, description="Seconds to establish a connection.")
    read_timeout: float = Field(10.0, description="Seconds between two received chunks.")
    deadline: float = Field(30.0, description="Overall seconds per request, all included.")
    max_bytes: int = Field(5_000_000, description="Response size cap (decoded bytes).")
    max_redirects: int = Field(5, description="Redirects followed per request.")
    allow_private_hosts: Annotated[list[IPNetwork], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated addresses/CIDRs allowed although private or loopback.",
    )
    feed_workers: int = Field(4, description="Feeds processed at once by `rcwire run`.")
    max_entries_per_feed: int = Field(200, description="Newest entries taken from one feed.")
    per_host_connections: int = Field(2, description="Requests in flight to one host.")
    host_delay: float = Field(1.0, description="Minimum seconds between requests to one host.")
    extract_timeout: float = Field(20.0, description="Seconds allowed to extract one page.")
    parse_timeout: float = Field(
        10.0, description="Seconds allowed to parse one feed document (in its own process).")
    extract_workers: int = Field(
        0, description="Extraction processes (0: one per CPU core).")

    duckdb_memory_limit: str = Field(
        "1GB", pattern=r"^\d+(\.\d+)?\s*([KMGT]i?B|B)$",
        description="Memory DuckDB may use per process (it evicts or spills past it).")

    # Dedupe
    near_jaccard: float = Field(
        0.6, description="Estimated Jaccard similarity of 4-word shingles that makes a copy.")
    near_containment: float = Field(
        0.8, description="Share of a shorter text found in a longer one that makes an excerpt.")

    # Quality
    relevance_threshold: float = Field(
        0.45, description="Theme score (0-1) an article needs to be kept as on the beat.")
    min_words: int = Field(80, description="Shorter articles are quarantined.")
    oldest_year: int = Field(1990, description="Articles dated before this year are quarantined.")
    languages: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["en"], description="Comma-separated languages to keep.")
    max_failed_feed_share: float = Field(0.5, description="Run check: share of feeds failing.")
    max_quarantine_rate: float = Field(0.25, description="Run check: share of rows quarantined.")
    min_volume_ratio: float = Field(
        0.1, description="Run check: a source's last-24h count over its 14-day daily median.")
    max_missing_date_share: float = Field(
        0.8, description="Run check: share of a source's recent articles without a date.")
    max_missing_author_share: float = Field(
        0.95, description="Run check: share of a source's recent articles without an author.")

    @field_validator("allow_private_hosts", mode="before")
    @classmethod
    def _split_networks(cls, value: object) -> object:
        if isinstance(value, str):
            return [ipaddress.ip_network(p.strip(), strict=False) for p in value.split(",")
                    if p.strip()]
        return value

    @field_validator("languages", mode="before")
    @classmethod
    def _split_languages(cls, value: object) -> object:
        if isinstance(value, str):
            return [p.strip().lower() for p in value.split(",") if p.strip()]
        return value

    @property
    def runs_dir(self) -> Path:
        """Folder holding one sub-folder per run."""
        return self.data_dir / "runs"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
