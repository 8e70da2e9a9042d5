"""A whole run as the stage functions the CLI and the DAG share.

``plan`` (writer, brief) -> ``process_group`` per host (no database) -> ``decide``
(reader) -> ``load`` (writer, one transaction). ``run_once`` chains them in one process.

Resuming (``rcwire run --run-id RUN``, or an Airflow task retried or cleared) goes
through the same few functions: ``plan_once`` keeps an existing plan, ``is_loaded`` asks
DuckDB whether a decided run's batch was committed (its ``runs`` row; ``summary.json`` is
written after the commit and may be missing), fetching and ``decide_unless_loaded`` are
skipped for a loaded run, and ``load_run`` is a no-op for it that rebuilds a missing
summary. Deciding a loaded run again would find its own articles in the database and
call them duplicates of themselves.
"""

from __future__ import annotations

import asyncio
import contextlib
import resource
import secrets
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from pipeline import remote
from pipeline.checks import ConfigError
from pipeline.errors import RunError
from pipeline.extract.pool import ExtractPool
from pipeline.fetch.hostboard import HostBoard
from pipeline.fetch.http import HostLimiter, make_client, tls_context
from pipeline.fetch.parsers import FeedParsers
from pipeline.fetch.sources import load_sources, require_contact
from pipeline.quality.notify import Alert, feeds_retired_alert, send
from pipeline.quality.post_load import check_run
from pipeline.quality.validate import warm_up
from pipeline.records import FeedResult, FeedTask
from pipeline.run.decide import decide
from pipeline.run.lock import run_lock
from pipeline.run.plan import plan_run
from pipeline.run.timing import PhaseClock
from pipeline.run.worker import ProgressHook, process_feed_async
from pipeline.runfolder import (
    DECIDED,
    FEEDS,
    HOSTS,
    PLAN,
    SUMMARY,
    HostGroup,
    decided_files,
    decided_names,
    feed_names,
    plan_run_id,
    read_groups,
    read_plan,
    run_dir,
)
from pipeline.settings import Settings, get_settings
from pipeline.store import db
from pipeline.store.load import load, mark_checked, run_loaded
from pipeline.store.snapshot import publish, read_copy_path, reader_path
from pipeline.store.stories import params_from
from pipeline.zygote import Zygote

# Seconds a run waits for another writer to finish before giving up with a clear message.
WRITER_WAIT = 30.0


def new_run_id(trigger: str = "cli") -> str:
    """A sortable, unique run id such as ``cli-20261123T230501Z-4f2a``."""
    return f"{trigger}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


def plan(settings: Settings, run_id: str, sources_path: Path | None = None,
         *, only_due: bool = True) -> Path:
    """Migrate the database and write the run's plan; returns the run folder.

    Raises:
        RunError: the run was loaded already and its folder is gone (pruned), so there
            is nothing to resume and a new plan would fetch it all again.
    """
    sources = load_sources(sources_path or settings.sources)
    require_contact(settings.user_agent, sources)
    with db.opened(settings.db, wait=WRITER_WAIT) as con:
        db.migrate(con)
        if run_loaded(con, run_id):
            raise RunError(f"run {run_id} is loaded already and its folder "
                           f"{run_dir(settings.runs_dir, run_id)} is gone; nothing to resume")
        folder = plan_run(con, sources, settings.runs_dir, run_id, only_due=only_due)
        if not read_copy_path(settings.db, settings.read_db).exists():
            publish_read_copy(con, settings)  # a new database: decide reads the copy
        return folder


def plan_once(settings: Settings, run_id: str, sources_path: Path | None = None,
              *, only_due: bool = True) -> Path:
    """The run's folder, planned now unless its plan is there (a resumed run keeps it)."""
    folder = run_dir(settings.runs_dir, run_id)
    pull_plan(folder, settings)
    if (folder / PLAN).exists():
        return folder
    folder = plan(settings, run_id, sources_path, only_due=only_due)
    remote.publish(settings, folder, "plan", [PLAN], changed_under=(f"{HOSTS}/",))
    return folder


def pull_plan(folder: Path, settings: Settings) -> None:
    """With ``RCWIRE_STAGING_URL``: the published plan and seeded host state, if any
    (every step that publishes or pulls a run folder does it in this module or through
    ``pipeline.remote``; without the setting these calls do nothing)."""
    remote.pull(settings, folder, remote.under(PLAN, f"{HOSTS}/"), steps=["plan"])


def is_loaded(folder: Path, settings: Settings) -> bool:
    """Whether DuckDB holds the run's batch: the one answer every resume step asks.

    A run whose ``decide`` never finished cannot have been loaded (the loader reads
    ``decided/feeds.json``, written last), so that answer needs no database: a planned
    run's host tasks and its first ``decide`` never open DuckDB (a reader there would
    hold off another run's writer). Otherwise the ``runs`` row answers."""
    feeds = decided_files(folder).feeds
    remote.pull(settings, folder, remote.under(feeds.relative_to(folder).as_posix()),
                steps=["decided"])
    if not feeds.exists():
        return False
    with db.opened(settings.db, read_only=True, wait=WRITER_WAIT) as con:
        return run_loaded(con, plan_run_id(folder))


def fetch_all(folder: Path, settings: Settings, progress: ProgressHook | None = None,
              figures: dict[str, float] | None = None) -> list[FeedResult]:
    """Process every planned host group at once in one event loop (the CLI's fan-out).

    ``figures``, if given, receives ``extract_cpu_s`` and ``pages_extracted``."""
    tasks = read_plan(folder)
    results = asyncio.run(_fetch_all(tasks, read_groups(folder), folder, settings,
                                     progress, figures))
    publish_feeds(folder, settings, "fetch", [t.source.name for t in tasks])
    return results


def publish_feeds(folder: Path, settings: Settings, step: str, sources: list[str]) -> int:
    """Publish the staged files of ``sources`` and the host state they changed (with
    ``RCWIRE_STAGING_URL``; a no-op without it)."""
    names = [name for source in sources for name in feed_names(source)]
    return remote.publish(settings, folder, step, names, changed_under=(f"{HOSTS}/",))


def raise_open_files_limit() -> None:
    """Let this process open as many files as the system lets it (its soft limit raised to
    the hard one, at most 65,536): every host group of a run keeps its own connections,
    and a run over many hosts can hold more sockets than a soft limit of 1,024."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
    if soft != resource.RLIM_INFINITY and soft < target:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


async def _fetch_all(tasks: list[FeedTask], groups: list[HostGroup], folder: Path,
                     settings: Settings, progress: ProgressHook | None,
                     figures: dict[str, float] | None) -> list[FeedResult]:
    # One worker per host group, all at once: what bounds the run is the connection
    # pool, the extraction pool and each host's limiter, not a count of feeds.
    limiter = HostLimiter.from_settings(settings, HostBoard(folder / "hosts"))
    results: dict[int, FeedResult] = {}
    # The zygote forks the parsers and extraction workers with their imports done
    # (``pipeline/zygote.py``); it closes last, after every child it forked.
    raise_open_files_limit()
    tls = tls_context()  # one for every group's client (each costs 20 ms and 1 MB)
    async with Zygote() as zygote, \
            ExtractPool(settings.extract_workers, settings.extract_timeout, zygote) as pool, \
            FeedParsers(settings.feed_workers, settings.parse_timeout,
                        zygote=zygote) as parsers:
        async def worker(group: HostGroup) -> None:
            # A client per host group, as each Airflow task has: httpx's pool looks at
            # every connection it holds for every request, so one pool for all hosts
            # cost the run's process CPU in proportion to hosts (50 hosts x 100 pages,
            # fast settings: 65 s -> 34 s). The limiter still bounds requests in flight
            # across all groups (``max_connections``).
            async with make_client(settings, tls=tls) as client:
                done = await asyncio.gather(*(process_feed_async(
                    tasks[i], folder, settings, client, limiter, pool, progress,
                    parsers=parsers) for i in group.feeds))
            results.update(zip(group.feeds, done, strict=True))
        await asyncio.gather(*(worker(g) for g in groups))
    if figures is not None:
        figures.update(extract_cpu_s=pool.cpu_seconds, pages_extracted=pool.pages)
    return [results[i] for i in sorted(results)]


def decide_run(folder: Path, settings: Settings) -> dict[str, int]:
    """Dedupe the staged batch against the last published load (read-only).

    It reads the read copy, not the database: validation keeps the connection open for
    many seconds, and a reader on the database itself would stall another run's writer.
    A load that commits meanwhile is caught by the loader (``store/overlap.py``)."""
    remote.pull(settings, folder, remote.under(PLAN, f"{FEEDS}/"))
    with db.opened(reader_path(settings), read_only=True, wait=WRITER_WAIT) as con:
        counts = decide(folder, con, settings)
    remote.publish(settings, folder, "decided", decided_names())
    return counts


def decide_unless_loaded(folder: Path, settings: Settings) -> dict[str, int]:
    """``decide_run``, or nothing (``{}``) when DuckDB already holds the run's batch:
    deciding again would call the run's own articles duplicates of themselves and
    overwrite ``decided/``, from which a missing summary is rebuilt."""
    if is_loaded(folder, settings):
        return {}
    return decide_run(folder, settings)


def load_run(folder: Path, settings: Settings, *, trigger: str = "cli") -> dict[str, Any]:
    """Load the decided batch in one transaction (idempotent per run id), then run the
    post-load data-quality checks and alert once if anything failed."""
    remote.pull(settings, folder, remote.under(PLAN, f"{DECIDED}/", f"{HOSTS}/", SUMMARY))
    with db.opened(settings.db, wait=WRITER_WAIT) as con:
        summary = load(folder, con, trigger=trigger, stories=params_from(settings))
        if not summary.get("checked"):
            if summary.get("retired"):  # once: a re-run finds the summary checked
                send(feeds_retired_alert(summary["run_id"], summary["retired"]))
            failed = check_run(con, summary["run_id"], settings)
            summary = mark_checked(folder, summary, failed)
        publish_read_copy(con, settings)
    remote.publish(settings, folder, "summary", [SUMMARY])
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
                folder = plan_once(settings, run_id, sources_path, only_due=only_due)
                loaded = is_loaded(folder, settings)
            phase = "fetch"
            warm = QualityWarmUp()
            # Started before the first request when pages are likely: a 10-article run's
            # decide waited a second and more for the import begun with its first page.
            if not loaded and pages_likely(read_plan(folder)):
                warm.start()
            with clock.phase(phase) as figures:
                if not loaded:
                    fetch_all(folder, settings, warm.hook(progress), figures)
            phase = "decide"
            with clock.phase(phase):
                warm.join()
                if not loaded:
                    decide_run(folder, settings)
            phase = "load"
            with clock.phase(phase):
                summary = load_run(folder, settings)
        return {**summary, "timings": clock.as_dict()}
    except Exception as exc:
        alert_run_failure(run_id, phase, exc, folder)
        raise


def pages_likely(tasks: list[FeedTask]) -> bool:
    """Whether the run will most likely extract pages: a feed without an ETag or a
    Last-Modified (fetched for the first time, or its server sends neither) answers in
    full rather than 304, and pages held for a retry are fetched whatever the feed says."""
    return any(t.retry_urls or not (t.etag or t.last_modified) for t in tasks)


class QualityWarmUp:
    """Imports Great Expectations and builds its context (2-3 s of CPU, most of a small
    run's fixed cost) in a thread while the run waits on the network: from the start of
    the fetch when pages are likely (``pages_likely``), else from the moment a feed lists
    new pages; a run whose feeds all answer 304 never needs it and never pays for it."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the import now (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=warm_up, name="rcwire-gx-warm-up",
                                            daemon=True)
            self._thread.start()

    def hook(self, progress: ProgressHook | None) -> ProgressHook:
        """``progress`` that also starts the warm-up on the first page queued."""
        def seen(source: str, pages: int) -> None:
            if pages > 0:
                self.start()
            if progress is not None:
                progress(source, pages)
        return seen

    def join(self) -> None:
        """Wait for the warm-up, if it started (decide would wait on the import anyway)."""
        if self._thread is not None:
            self._thread.join()


def alert_run_failure(run_id: str, phase: str, exc: BaseException, folder: Path) -> None:
    """Tell the operators a CLI run failed (Airflow runs alert through their callbacks)."""
    try:
        conf = get_settings()
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
