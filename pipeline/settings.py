"""One settings object for the whole project: pipeline, Airflow DAGs and alerts.

Every field can be overridden from the environment as ``RCWIRE_<FIELD>`` (upper case),
e.g. ``RCWIRE_DB=/srv/rcwire.duckdb``. Defaults are the values below. Each field's
``description`` is the documentation: ``rcwire settings --markdown`` writes
``docs/settings.md`` from them (a test fails when that page is stale), grouped by the
``section`` of each field.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from pipeline.paths import project_dir

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# The shipped User-Agent names no one to contact: a live run refuses it (see fetch.sources).
PLACEHOLDER_AGENT = "rcwire/0.1 (+contact-unset; news research crawler)"


class Settings(BaseSettings):
    """Pipeline settings; env prefix ``RCWIRE_``."""

    # Empty variables count as unset: a deployment can pass every one through blank.
    model_config = SettingsConfigDict(env_prefix="RCWIRE_", extra="ignore",
                                      env_ignore_empty=True)

    # Storage
    db: Path = Field(Path("data/rcwire.duckdb"), description="DuckDB file analysts query.")
    sources: Path = Field(
        default_factory=lambda: project_dir("config") / "sources.yaml",
        description="YAML list of feeds (default: the live list, config/sources.yaml; "
                    "`rcwire run --sample-site` uses samples/sources.yaml).")
    data_dir: Path = Field(Path("data"), description="Run folders with staged Parquet.")

    # Fetching
    user_agent: str = Field(
        PLACEHOLDER_AGENT,
        description="Honest User-Agent sent with every request: name a contact (URL or "
                    "e-mail) for the operators of the sites you fetch. A live run refuses "
                    "the placeholder default; loopback-only runs (the sample site) accept it.",
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
    feed_workers: int = Field(
        4, description="Feed documents parsed at once (each in its own process) by a run or "
        "an Airflow task; hosts are fetched side by side regardless.")
    max_entries_per_feed: int = Field(200, description="Newest entries taken from one feed.")
    per_host_connections: int = Field(2, description="Requests in flight to one host.")
    host_delay: float = Field(
        0.25, description="Floor of the adaptive delay: minimum seconds between the starts of "
        "two requests to one host (robots.txt Crawl-delay may ask for more).")
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
    min_words: int = Field(
        25, description="Floor against empty or broken extraction: shorter articles are "
        "quarantined (briefs above it land, flagged is_brief; see docs/relevance.md).")
    oldest_year: int = Field(1990, description="Articles dated before this year are quarantined.")
    languages: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["en", "ru", "zh"],
        description="Comma-separated languages to keep (the language detected in the text).")
    max_failed_feed_share: float = Field(0.5, description="Run check: share of feeds failing.")
    max_quarantine_rate: float = Field(0.25, description="Run check: share of rows quarantined.")
    min_volume_ratio: float = Field(
        0.1, description="Run check: a source's last-24h count over its 14-day daily median.")
    max_missing_date_share: float = Field(
        0.8, description="Run check: share of a source's recent articles without a date.")
    max_missing_author_share: float = Field(
        0.95, description="Run check: share of a source's recent articles without an author.")


    # --- Airflow DAGs (read while the DAG files are parsed; no I/O)
    schedule: str | None = Field(
        "@daily", description="Ingest schedule: preset or cron; 'none' for manual runs only.",
        json_schema_extra={"section": "airflow"})
    feed_pool: str = Field("rcwire_feeds", description="Airflow pool of the per-host fetch tasks.",
                           json_schema_extra={"section": "airflow"})
    retention_days: int = Field(14, ge=1, description="Days a run folder is kept.",
                                json_schema_extra={"section": "airflow"})
    retries: int = Field(2, ge=0, description="Retries of every task (0: none).",
                         json_schema_extra={"section": "airflow"})
    retry_delay: float = Field(
        300.0, gt=0, description="Seconds before the first retry; doubles on each retry.",
        json_schema_extra={"section": "airflow"})
    report_days: int = Field(
        30, ge=0, description="Days the HTML report covers, ending today (0: all history).",
        json_schema_extra={"section": "airflow"})

    # --- Alerts (failed runs and failed data-quality checks)
    smtp_host: str | None = Field(None, description="SMTP server; unset disables email.",
                                  json_schema_extra={"section": "alerts"})
    smtp_port: int = Field(25, description="SMTP port (587 with STARTTLS is usual).",
                           json_schema_extra={"section": "alerts"})
    smtp_from: str = Field("rcwire@localhost", description="From address of alert emails.",
                           json_schema_extra={"section": "alerts"})
    smtp_starttls: bool = Field(False, description="Upgrade the SMTP session with STARTTLS.",
                                json_schema_extra={"section": "alerts"})
    smtp_user: str | None = Field(None, description="SMTP login, if the server wants one.",
                                  json_schema_extra={"section": "alerts"})
    smtp_password: SecretStr | None = Field(None, description="SMTP password.",
                                            json_schema_extra={"section": "alerts"})
    alert_emails: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated recipients of alert emails.",
        json_schema_extra={"section": "alerts"})
    webhook_url: str | None = Field(
        None, description="Slack-compatible incoming webhook; unset disables it.",
        json_schema_extra={"section": "alerts"})
    report_url: str | None = Field(
        None, description="Link put in every alert: where an operator should look first.",
        json_schema_extra={"section": "alerts"})
    alert_timeout: float = Field(10.0, description="Seconds allowed per channel.",
                                 json_schema_extra={"section": "alerts"})

    # --- feed life-cycle (issue 22)
    feed_retire_after_404: int = Field(
        10, ge=1, description="Runs in a row a feed must answer 404 before it is retired "
        "(410 Gone retires at once); `rcwire sources enable URL` brings it back.")

    # --- briefs (issue 16)
    brief_words: int = Field(
        80, description="On-beat articles with fewer words land flagged is_brief (a wire "
        "brief); the quarantine floor is min_words.")
    # --- stories (issue 19)
    story_threshold: float = Field(
        0.14, description="Match score an article needs to join an open story.")
    story_reopen_threshold: float = Field(
        0.45, description="Score needed to reopen a closed story (with a number or quote).")
    story_quiet_days: float = Field(
        4.0, description="Days without a new article after which a story is closed.")
    story_retention_days: float = Field(
        30.0, description="Days a story stays in the matcher's index after a load last "
        "added to it; past that no article can join it.")
    # --- host scheduling and adaptive politeness (issue 18)
    host_delay_factor: float = Field(
        1.0, ge=0, description="Delay between request starts to a host, as a multiple of its "
        "smoothed response time (AutoThrottle's 1/target concurrency), within host_delay "
        "and host_delay_max.")
    host_delay_max: float = Field(
        30.0, ge=0, description="Ceiling of the adaptive delay between requests to one host "
        "(robots.txt Crawl-delay may ask for more, up to 60 s).")
    max_connections: int = Field(
        100, ge=1, description="Requests in flight at once across all hosts (one process).")

    # --- operations (issue 21)
    read_db: Path | None = Field(
        None, description="Read copy analysts query, published after every load "
        "(default: <db name>.read.duckdb beside RCWIRE_DB).")
    read_copy: bool = Field(
        True, description="Publish the read copy after every load; off, readers open "
        "RCWIRE_DB itself and an open reader stalls the next run.")
    run_wait: float = Field(
        3600.0, ge=0, description="Seconds a run waits for another run on the same "
        "database to finish before giving up.")

    # --- staging across machines (issue 20)
    staging_url: str = Field(
        "", description="Object store every run folder is published to, so workers and "
        "the loader on different machines share it: `s3://bucket/prefix` (credentials "
        "and region from the standard AWS_* variables), `gs://`, `az://` or `file:///path`; "
        "empty: run folders live only under RCWIRE_DATA_DIR/runs (a shared filesystem "
        "across machines). See docs/scaling.md.")
    staging_endpoint: str = Field(
        "", description="Endpoint of an S3-compatible store for RCWIRE_STAGING_URL (MinIO, "
        "Ceph, R2: `http://minio:9000`); empty: AWS_ENDPOINT_URL, else AWS itself.")

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

    @field_validator("alert_emails", mode="before")
    @classmethod
    def _split_emails(cls, value: object) -> object:
        if isinstance(value, str):
            return [p.strip() for p in value.split(",") if p.strip()]
        return value

    @field_validator("schedule", mode="before")
    @classmethod
    def _none_schedule(cls, value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in ("", "none", "null"):
            return None
        return value

    @property
    def runs_dir(self) -> Path:
        """Folder holding one sub-folder per run."""
        return self.data_dir / "runs"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()


SECTIONS = {"pipeline": "Pipeline", "airflow": "Airflow DAGs", "alerts": "Alerts"}


def settings_markdown() -> str:
    """``docs/settings.md``: every ``RCWIRE_*`` variable, its default and meaning, by section."""
    lines = ["# Settings", "",
             "Every setting is an environment variable `RCWIRE_<NAME>`; an empty variable "
             "counts as unset. Generated from `pipeline/settings.py` by "
             "`rcwire settings --markdown > docs/settings.md` (a test fails when this page "
             "is stale).", ""]
    for section, title in SECTIONS.items():
        lines += [f"## {title}", "", "| variable | default | meaning |", "|---|---|---|"]
        for name, field in Settings.model_fields.items():
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
            if extra.get("section", "pipeline") != section:
                continue
            lines.append(f"| `RCWIRE_{name.upper()}` | {_default_text(name, field)} | "
                         f"{(field.description or '').replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


def _default_text(name: str, field: FieldInfo) -> str:
    if name == "sources":  # a path inside the installed package: name it as users see it
        return "`config/sources.yaml`"
    value = field.get_default(call_default_factory=True)
    if value is None or value == []:
        return "(unset)"
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return f"`{value}`"
