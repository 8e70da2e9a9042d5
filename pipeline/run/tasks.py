"""What the Airflow tasks run: one function per task, passing references, never payloads.

Every function takes and returns small JSON-able values (run ids, folder paths, counts),
so XComs stay tiny while articles move through the run folder and DuckDB. Every function
is idempotent per run: a re-run task finds the plan, the staged files or the loaded run it
left behind and returns the same result. Each takes an optional ``settings`` (default:
the environment's). The stage modules are imported inside the functions because the DAG
files import this module while parsing, which must stay quick and touch neither DuckDB
nor the network.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pipeline.settings import Settings, get_settings

log = logging.getLogger(__name__)

# The asset the ingest DAG updates after every load; the report DAG is scheduled on it.
ARTICLES_ASSET_URI = "duckdb://rcwire/articles"
# A feed is unhealthy after this many failed runs in a row, or this long without an answer.
UNHEALTHY_FAILURES = 3
STALE_AFTER = timedelta(days=3)


def dag_settings() -> Settings:
    """The settings the DAG files read while parsing (the Airflow section among them)."""
    return get_settings()


def default_args() -> dict[str, Any]:
    """``default_args`` shared by the rcwire DAGs: retries with back-off, one alert per failure."""
    from pipeline.quality.notify import RcwireNotifier

    conf = dag_settings()
    return {"owner": "rcwire", "retries": conf.retries, "retry_exponential_backoff": 2.0,
            "retry_delay": timedelta(seconds=conf.retry_delay),
            "max_retry_delay": timedelta(hours=1), "execution_timeout": timedelta(hours=1),
            "on_failure_callback": RcwireNotifier()}


def plan_task(run_id: str, settings: Settings | None = None, *, all_feeds: bool = False,
              ) -> dict[str, Any]:
    """Plan the run (once), log what it will fetch and why, and describe its feeds.

    Args:
        run_id: the Airflow run id (sanitised into the run folder's name).
        all_feeds: fetch feeds that are not due or backing off too (the CLI's ``--all``).

    Returns:
        ``feeds``: one ``{"folder", "group", "host", "sources"}`` reference per host group
        (what the DAG maps over); ``counts``: ``due``, ``not_due``, ``backing_off`` and
        ``skipped`` (each skipped feed with its reason and when it is due).
    """
    from pipeline.explain import FORCE_HINT, describe_plan, plan_counts
    from pipeline.run.local import plan_once, pull_plan
    from pipeline.run.lock import run_lock
    from pipeline.runfolder import PLAN, plan_groups, read_json

    settings = settings or checked_settings()
    folder = run_folder(run_id, settings)
    pull_plan(folder, settings)
    if not (folder / PLAN).exists():
        # A CLI run on the same database finishes first: this plan then sees what it loaded.
        with run_lock(settings.db, run_id, settings.run_wait):
            folder = plan_once(settings, run_id, only_due=not all_feeds)
    folder = folder.resolve()
    plan = read_json(folder / PLAN)
    counts = plan_counts(plan)
    log.info("plan: %s", describe_plan(counts))
    if not counts["due"]:
        log.warning("nothing to fetch in this run: %s", FORCE_HINT)
        # Airflow skips decide and load when fetch_host maps over nothing: the empty run is
        # recorded here instead, so the runs table and summary.json say why it fetched nothing.
        note = _record_empty_run(folder, settings)
        log.warning("%s", note)
    names = [feed["source"]["name"] for feed in plan["feeds"]]
    refs = [{"folder": str(folder), "group": i, "host": g.host,
             "sources": [names[f] for f in g.feeds]}
            for i, g in enumerate(plan_groups(plan))]
    return {"feeds": refs, "counts": counts}


def _record_empty_run(folder: Path, settings: Settings) -> str:
    """Decide and load a run that planned no feed (quick: no page, no GX); its note."""
    from pipeline.run.local import decide_unless_loaded, load_run

    decide_unless_loaded(folder, settings)
    return str(load_run(folder, settings, trigger="airflow").get("note"))


def checked_settings() -> Settings:
    """The environment's settings after the start-up checks (one line per bad value)."""
    from pipeline.checks import check_run_paths, check_settings, load_settings

    settings: Settings = load_settings(Settings)
    check_settings(settings)
    check_run_paths(settings)
    return settings


def host_task(ref: Mapping[str, Any], settings: Settings | None = None) -> dict[str, Any]:
    """Fetch the feeds of one planned host group side by side and stage their articles.

    A retried task keeps the feeds its earlier attempt staged successfully and fetches
    only the failed ones again.

    Args:
        ref: a reference returned by ``plan_task``.

    Returns:
        The host and each feed's status and entry counts.

    Raises:
        FeedFailedError: a feed could not be fetched or parsed (and is not retired by
            this run); raised after every feed of the group is staged, so the loader
            still records the failure.
    """
    from pipeline.run.local import is_loaded, publish_feeds
    from pipeline.run.worker import FeedFailedError, process_group
    from pipeline.runfolder import feed_task_from_json, plan_groups

    settings = settings or checked_settings()
    folder = _local_folder(ref, settings)
    step = f"group-{int(ref['group'])}"
    plan = _pull_group(folder, int(ref["group"]), step, settings)
    group = plan_groups(plan)[int(ref["group"])]
    feeds = {i: feed_task_from_json(plan["feeds"][i]) for i in group.feeds}
    todo = [feeds[i] for i in group.feeds
            if _unsettled(_staged(folder, feeds[i].source.name))]
    if todo and not is_loaded(folder, settings):
        process_group(todo, folder, settings)
        publish_feeds(folder, settings, step, [feeds[i].source.name for i in group.feeds])
    staged = [_staged(folder, feeds[i].source.name) or {} for i in group.feeds]
    # A feed this run retires (410, 404s) is settled: the loader sends its one alert, and
    # a retry would only ask a gone feed again.
    failed = [s for s in staged if _unsettled(s)]
    if failed:
        raise FeedFailedError("; ".join(f"feed {s['source']} ({s['feed_url']}): {s['error']}"
                                        for s in failed))
    return {"host": group.host, "feeds": [
        {key: s.get(key) for key in ("source", "status", "http_status", "entries",
                                     "new_entries")} for s in staged]}


def _local_folder(ref: Mapping[str, Any], settings: Settings) -> Path:
    """The task's run folder: the planner's path (a shared filesystem), or this machine's
    copy of the run under its own data folder (``RCWIRE_STAGING_URL``)."""
    from pipeline.remote import enabled

    folder = Path(ref["folder"])
    return run_folder(folder.name, settings) if enabled(settings) else folder


def _pull_group(folder: Path, index: int, step: str, settings: Settings) -> dict[str, Any]:
    """The run's plan, parsed once (a plan lists thousands of known entry keys per feed);
    first, from the staging store (if set): the plan, then this group's host state and
    staged feeds and whether the run was decided, never the other groups' files."""
    from pipeline.fetch.hosts import file_name
    from pipeline.remote import enabled, pull, under
    from pipeline.runfolder import HOSTS, PLAN, decided_files, feed_names, plan_groups, read_json

    pull(settings, folder, under(PLAN), steps=["plan"])
    plan: dict[str, Any] = read_json(folder / PLAN)
    if enabled(settings):
        group = plan_groups(plan)[index]
        host = file_name(group.host)
        names = {PLAN, f"{HOSTS}/{host}.json",
                 decided_files(folder).feeds.relative_to(folder).as_posix()}
        names.update(n for i in group.feeds
                     for n in feed_names(plan["feeds"][i]["source"]["name"]))
        pull(settings, folder, lambda rel: rel in names or (
            rel.startswith(f"{HOSTS}/robots/") and host in rel),
            steps=["plan", step, "decided"])
    return plan


def _unsettled(staged: dict[str, Any] | None) -> bool:
    """Not staged yet, or failed without being retired: a (re)try fetches it."""
    return staged is None or (staged.get("status") == "failed" and not staged.get("retire"))


def _staged(folder: Path, source: str) -> dict[str, Any] | None:
    """A feed's staged result, if its worker finished."""
    from pipeline.runfolder import feed_paths, read_json

    path = feed_paths(folder, source)[0]
    return read_json(path)["result"] if path.exists() else None


def decide_task(run_id: str, settings: Settings | None = None) -> dict[str, int]:
    """Dedupe the run's staged batch against DuckDB (read-only).

    Args:
        run_id: the Airflow run id.

    Returns:
        Counts of URLs per outcome (empty when the run was already loaded).
    """
    from pipeline.run.local import decide_unless_loaded

    settings = settings or checked_settings()
    return decide_unless_loaded(run_folder(run_id, settings), settings)


def load_task(run_id: str, settings: Settings | None = None) -> dict[str, Any]:
    """Load the decided batch in one transaction (a no-op for a loaded run).

    Args:
        run_id: the Airflow run id.

    Returns:
        Run id, outcome counts, failed feeds (the full summary stays in the folder).
    """
    from pipeline.run.local import load_run

    settings = settings or checked_settings()
    folder = run_folder(run_id, settings)
    summary = load_run(folder, settings, trigger="airflow")
    if summary.get("note"):
        log.warning("%s", summary["note"])
    return {"run_id": summary["run_id"], "counts": summary["counts"], "folder": str(folder),
            "feeds_failed": [f["source"] for f in summary["feeds"] if f["status"] == "failed"],
            "note": summary.get("note")}


def report_task(folder: str | None = None, settings: Settings | None = None) -> str:
    """Checkpoint DuckDB, then write the analyst reports of ``<data_dir>/reports/``.

    ``latest.json`` holds articles per source, feed state and the last run (for machines);
    ``report.html`` is the self-contained analyst report of ``rcwire report`` covering
    ``RCWIRE_REPORT_DAYS`` days; the JSON names it under ``report_html``.

    Args:
        folder: a run folder whose summary to include (default: none).

    Returns:
        The JSON report's path.
    """
    from pipeline.analyst.report import write_report
    from pipeline.remote import pull, under
    from pipeline.run.local import WRITER_WAIT
    from pipeline.runfolder import SUMMARY, read_json, write_json
    from pipeline.store.snapshot import reader_path

    settings = settings or get_settings()
    sources, last_run = _checkpoint_then(settings, ("store/report_counts", {}),
                                         ("store/report_last_run", {}))
    for run in last_run:
        run["counts"] = json.loads(run["counts"] or "{}")
    reports = settings.data_dir / "reports"
    # Read-only after the checkpoint: rendering charts must not hold the write lock.
    html = write_report(reader_path(settings), reports / "report.html",
                        settings.report_days, wait=WRITER_WAIT)
    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(), "sources": sources,
        "articles": sum(int(s["articles"]) for s in sources),
        "last_run": last_run[0] if last_run else None, "report_html": str(html.resolve())}
    if folder:  # the loader's folder; with RCWIRE_STAGING_URL this machine's copy of it
        local = _local_folder({"folder": folder}, settings)
        pull(settings, local, under(SUMMARY), steps=["summary"])
        if (local / SUMMARY).exists():
            report["run_summary"] = read_json(local / SUMMARY)
    path = reports / "latest.json"
    write_json(path, report)
    return str(path.resolve())


def maintenance_task(settings: Settings | None = None, now: datetime | None = None,
                     ) -> list[dict[str, Any]]:
    """Prune old run folders, checkpoint DuckDB and list feeds that look dead.

    Args:
        now: the current time (tests pass a fixed one).

    Returns:
        Feeds failing ``UNHEALTHY_FAILURES`` times in a row or silent for ``STALE_AFTER``.
    """
    from pipeline.remote import prune

    settings = settings or get_settings()
    now = now or datetime.now(UTC)
    removed = prune_runs(settings.runs_dir, settings.retention_days, now)
    # Published copies too (RCWIRE_STAGING_URL), by the newest object of each run.
    removed += [f"{name} (staged)" for name in
                prune(settings, now - timedelta(days=settings.retention_days))]
    log.info("removed %d old run folder(s): %s", len(removed), ", ".join(removed) or "none")
    [unhealthy] = _checkpoint_then(settings, ("store/feed_health", {
        "min_failures": UNHEALTHY_FAILURES, "stale_before": now - STALE_AFTER}))
    for feed in unhealthy:
        log.warning("feed %s is %s: %s failures in a row, last success %s, last error %s",
                    feed["source"], feed["problem"], feed["consecutive_failures"],
                    feed["last_success_at"], feed["last_error"])
    return unhealthy


def prune_runs(runs_dir: Path, retention_days: int, now: datetime) -> list[str]:
    """Delete run folders planned more than ``retention_days`` before ``now``; return names."""
    from pipeline.runfolder import PLAN

    cutoff = (now - timedelta(days=retention_days)).timestamp()
    removed = []
    for folder in sorted(runs_dir.iterdir()) if runs_dir.is_dir() else []:
        stamp = folder / PLAN
        if folder.is_dir() and not folder.is_symlink() and \
                (stamp if stamp.exists() else folder).stat().st_mtime < cutoff:
            shutil.rmtree(folder)
            removed.append(folder.name)
    return removed


def run_folder(run_id: str, settings: Settings | None = None) -> Path:
    """The absolute run folder of a run id (Airflow's ids are sanitised into a name)."""
    from pipeline.runfolder import run_dir

    return run_dir((settings or get_settings()).runs_dir, run_id).resolve()


def _checkpoint_then(settings: Settings, *queries: tuple[str, dict[str, Any]],
                     ) -> list[list[dict[str, Any]]]:
    """As the writer: migrate, CHECKPOINT, then run each ``sql/queries/<name>.sql``."""
    from pipeline.run.local import WRITER_WAIT
    from pipeline.store import db

    with db.opened(settings.db, wait=WRITER_WAIT) as con:
        db.migrate(con)
        con.execute("checkpoint")
        return [_rows(con.execute(db.sql(f"queries/{name}"), params)) for name, params in queries]


def _rows(cursor: Any) -> list[dict[str, Any]]:
    """Fetched rows as dicts of JSON-able values (timestamps as ISO strings)."""
    names = [d[0] for d in cursor.description]
    return [{n: v.isoformat() if isinstance(v, datetime) else v
             for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]
