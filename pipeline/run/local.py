"""A whole run as the stage functions the CLI and the DAG share.

``plan`` (writer, brief) -> ``process_feed`` per feed (no database) -> ``decide``
(reader) -> ``load`` (writer, one transaction). ``run_once`` chains them in one process.
"""

from __future__ import annotations

import asyncio
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from pipeline.checks import ConfigError
from pipeline.extract.pool import ExtractPool
from pipeline.fetch.http import HostLimiter, make_client
from pipeline.fetch.sources import load_sources, require_contact
from pipeline.quality.notify import Alert, alert_settings, feeds_retired_alert, send
from pipeline.quality.post_load import check_run
from pipeline.records import FeedResult, FeedTask
from pipeline.run.decide import decide
from pipeline.run.folder import read_plan, run_dir
from pipeline.run.lock import run_lock
from pipeline.run.plan import plan_run
from pipeline.run.timing import PhaseClock
from pipeline.run.worker import ProgressHook, process_feed_async
from pipeline.settings import Settings
from pipeline.store import db
from pipeline.store.load import load, mark_checked
from pipeline.store.snapshot import publish, read_copy_path, reader_path

# Seconds a run waits for another writer to finish before giving up with a clear message.
WRITER_WAIT = 30.0


def new_run_id(trigger: str = "cli") -> str:
    """A sortable, unique run id such as ``cli-20261123T230501Z-4f2a``."""
    return f"{trigger}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def plan(settings: Settings, run_id: str, sources_path: Path | None = None,
         *, only_due: bool = True) -> Path:
    """Migrate the database and write the run's plan; returns the run folder."""
    sources = load_sources(sources_path or settings.sources)
    require_contact(settings.user_agent, sources)
    with db.opened(settings.db, wait=WRITER_WAIT) as con:
        db.migrate(con)
        folder = plan_run(con, sources, settings.runs_dir, run_id, only_due=only_due)
        if not read_copy_path(settings.db, settings.read_db).exists():
            publish_read_copy(con, settings)  # a new database: decide reads the copy
        return folder


def fetch_all(folder: Path, settings: Settings, progress: ProgressHook | None = None,
              figures: dict[str, float] | None = None) -> list[FeedResult]:
    """Process every planned feed concurrently in one event loop (the CLI's fan-out).

    ``figures``, if given, receives ``extract_cpu_s`` and ``pages_extracted``."""
    return asyncio.run(_fetch_all(read_plan(folder), folder, settings, progress, figures))


async def _fetch_all(tasks: list[FeedTask], folder: Path, settings: Settings,
                     progress: ProgressHook | None,
                     figures: dict[str, float] | None) -> list[FeedResult]:
    gate = asyncio.Semaphore(max(1, settings.feed_workers))
    limiter = HostLimiter(per_host=settings.per_host_connections, delay=settings.host_delay)
    pool = ExtractPool(settings.extract_workers, settings.extract_timeout)
    async with make_client(settings) as client, pool:
        async def one(task: FeedTask) -> FeedResult:
            async with gate:
                return await process_feed_async(task, folder, settings, client, limiter,
                                                pool, progress)
        results = list(await asyncio.gather(*(one(t) for t in tasks)))
    if figures is not None:
        figures.update(extract_cpu_s=pool.cpu_seconds, pages_extracted=pool.pages)
    return results


def decide_run(folder: Path, settings: Settings) -> dict[str, int]:
    """Dedupe the staged batch against the last published load (read-only).

    It reads the read copy, not the database: validation keeps the connection open for
    many seconds, and a reader on the database itself would stall another run's writer.
    A load that commits meanwhile is caught by the loader (``store/overlap.py``)."""
    source = reader_path(settings.db, settings.read_db) if settings.read_copy else settings.db
    with db.opened(source, read_only=True, wait=WRITER_WAIT) as con:
        return decide(folder, con, settings)


def load_run(folder: Path, settings: Settings, *, trigger: str = "cli") -> dict[str, Any]:
    """Load the decided batch in one transaction (idempotent per run id), then run the
    post-load data-quality checks and alert once if anything failed."""
    with db.opened(settings.db, wait=WRITER_WAIT) as con:
        summary = load(folder, con, trigger=trigger)
        if not summary.get("checked"):
            if summary.get("retired"):  # once: a re-run finds the summary checked
                send(feeds_retired_alert(summary["run_id"], summary["retired"]))
            failed = check_run(con, summary["run_id"], settings)
            summary = mark_checked(folder, summary, failed)
        publish_read_copy(con, settings)
        return summary


def publish_read_copy(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Publish the analysts' read copy (``store/snapshot.py``) unless turned off."""
    if settings.read_copy:
        publish(con, settings.db, read_copy_path(settings.db, settings.read_db))


def run_once(settings: Settings, sources_path: Path | None = None, *, run_id: str | None = None,
             only_due: bool = True, progress: ProgressHook | None = None) -> dict[str, Any]:
    """Plan, fetch, decide and load one run.

    Args:
        settings: the pipeline settings.
        sources_path: sources file (defaults to ``settings.sources``).
        run_id: reuse an id to resume a run; a new one by default.
        only_due: skip feeds that are backing off.
        progress: called as feeds and pages progress.

    Returns:
        The run summary.
    """
    run_id = run_id or new_run_id()
    folder = run_dir(settings.runs_dir, run_id)
    phase = "wait"  # for the run lock, while another run on this database finishes
    clock = PhaseClock()
    try:
        with run_lock(settings.db, run_id, settings.run_wait):
            phase = "plan"
            with clock.phase(phase):
                if not (folder / "plan.json").exists():
                    folder = plan(settings, run_id, sources_path, only_due=only_due)
            phase = "fetch"
            with clock.phase(phase) as figures:
                fetch_all(folder, settings, progress, figures)
            phase = "decide"
            with clock.phase(phase):
                decide_run(folder, settings)
            phase = "load"
            with clock.phase(phase):
                summary = load_run(folder, settings)
        return {**summary, "timings": clock.as_dict()}
    except Exception as exc:
        alert_run_failure(run_id, phase, exc, folder)
        raise


def alert_run_failure(run_id: str, phase: str, exc: BaseException, folder: Path) -> None:
    """Tell the operators a CLI run failed (Airflow runs alert through their callbacks)."""
    try:
        conf = alert_settings()
    except ValueError:  # the alert settings themselves are broken: nowhere to send
        return
    if not (conf.smtp_host and conf.alert_emails) and not conf.webhook_url:
        return
    lines = [f"phase: {phase}", f"error: {type(exc).__name__}: {str(exc)[:500]}",
             f"run folder: {folder}"]
    # Resuming cannot fix a bad setting or path: the alert says what to change instead.
    where = (f"fix: {exc}" if isinstance(exc, ConfigError) else
             conf.report_url or f"rcwire run --run-id {run_id} (resumes the run)")
    send(Alert("run_failed", run_id, f"rcwire run {run_id} failed in {phase}", lines, where))
