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
        ``feeds``: one ``{"folder", "index", "source"}`` reference per planned feed (what
        the DAG maps over); ``counts``: ``due``, ``not_due``, ``backing_off`` and
        ``skipped`` (each skipped feed with its reason and when it is due).
    """
    from pipeline.run.explain import FORCE_HINT, describe_plan, plan_counts
    from pipeline.run.folder import read_json, read_plan
    from pipeline.run.local import plan
    from pipeline.run.lock import run_lock

    settings = settings or checked_settings()
    folder = run_folder(run_id, settings)
    if not (folder / "plan.json").exists():
        # A CLI run on the same database finishes first: this plan then sees what it loaded.
        with run_lock(settings.db, run_id, settings.run_wait):
            folder = plan(settings, run_id, only_due=not all_feeds).resolve()
    counts = plan_counts(read_json(folder / "plan.json"))
    log.info("plan: %s", describe_plan(counts))
    if not counts["due"]:
        log.warning("nothing to fetch in this run: %s", FORCE_HINT)
        # Airflow skips decide and load when fetch_feed maps over nothing: the empty run is
        # recorded here instead, so the runs table and summary.json say why it fetched nothing.
        note = _record_empty_run(folder, settings)
        log.warning("%s", note)
    feeds = [{"folder": str(folder), "index": i, "source": t.source.name}
             for i, t in enumerate(read_plan(folder))]
    return {"feeds": feeds, "counts": counts}


def _record_empty_run(folder: Path, settings: Settings) -> str:
    """Decide and load a run that planned no feed (quick: no page, no GX); its note."""
    from pipeline.run.local import decide_run, load_run

    if not _loaded(folder):
        decide_run(folder, settings)
    return str(load_run(folder, settings, trigger="airflow").get("note"))


def checked_settings() -> Settings:
    """The environment's settings after the start-up checks (one line per bad value)."""
    from pipeline.checks import check_run_paths, check_settings, load_settings

    settings: Settings = load_settings(Settings)
    check_settings(settings)
    check_run_paths(settings)
    return settings


def feed_task(ref: Mapping[str, Any], settings: Settings | None = None) -> dict[str, Any]:
    """Fetch one planned feed and stage its articles.

    Args:
        ref: a reference returned by ``plan_task``.

    Returns:
        The feed's status and entry counts.

    Raises:
        FeedFailedError: the feed could not be fetched or parsed (and is not retired by
            this run); raised after its result is staged, so the loader still records the
            failure.
    """
    from pipeline.run.folder import feed_paths, read_json, read_plan
    from pipeline.run.worker import FeedFailedError, process_feed

    folder = Path(ref["folder"])
    feed = read_plan(folder)[int(ref["index"])]
    if not _loaded(folder):
        process_feed(feed, folder, settings or checked_settings())
    staged = read_json(feed_paths(folder, feed.source.name)[0])["result"]
    # A feed this run retires (410, 404s) is settled: the loader sends its one alert, and
    # a retry would only ask a gone feed again.
    if staged["status"] == "failed" and not staged.get("retire"):
        raise FeedFailedError(f"feed {feed.source.name} ({feed.source.url}): {staged['error']}")
    return {key: staged.get(key) for key in
            ("source", "status", "http_status", "entries", "new_entries")}


def decide_task(run_id: str, settings: Settings | None = None) -> dict[str, int]:
    """Dedupe the run's staged batch against DuckDB (read-only).

    Args:
        run_id: the Airflow run id.

    Returns:
        Counts of URLs per outcome (empty when the run was already loaded).
    """
    from pipeline.run.local import decide_run

    settings = settings or checked_settings()
    folder = run_folder(run_id, settings)
    # Once loaded, the database holds this run's articles: deciding again would call
    # them duplicates of themselves and rewrite decided/ with a different answer.
    return {} if _loaded(folder) else decide_run(folder, settings)


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
    from pipeline.run.folder import read_json, write_json
    from pipeline.run.local import WRITER_WAIT
    from pipeline.store.snapshot import reader_path

    settings = settings or get_settings()
    sources, last_run = _checkpoint_then(settings, ("report_counts", {}), ("report_last_run", {}))
    for run in last_run:
        run["counts"] = json.loads(run["counts"] or "{}")
    reports = settings.data_dir / "reports"
    # Read-only after the checkpoint: rendering charts must not hold the write lock.
    html = write_report(reader_path(settings.db, settings.read_db), reports / "report.html",
                        dag_settings().report_days, wait=WRITER_WAIT)
    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(), "sources": sources,
        "articles": sum(int(s["articles"]) for s in sources),
        "last_run": last_run[0] if last_run else None, "report_html": str(html.resolve())}
    if folder and (Path(folder) / "summary.json").exists():
        report["run_summary"] = read_json(Path(folder) / "summary.json")
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
    settings = settings or get_settings()
    now = now or datetime.now(UTC)
    removed = prune_runs(settings.runs_dir, dag_settings().retention_days, now)
    log.info("removed %d old run folder(s): %s", len(removed), ", ".join(removed) or "none")
    [unhealthy] = _checkpoint_then(settings, ("feed_health", {
        "min_failures": UNHEALTHY_FAILURES, "stale_before": now - STALE_AFTER}))
    for feed in unhealthy:
        log.warning("feed %s is %s: %s failures in a row, last success %s, last error %s",
                    feed["source"], feed["problem"], feed["consecutive_failures"],
                    feed["last_success_at"], feed["last_error"])
    return unhealthy


def prune_runs(runs_dir: Path, retention_days: int, now: datetime) -> list[str]:
    """Delete run folders planned more than ``retention_days`` before ``now``; return names."""
    cutoff = (now - timedelta(days=retention_days)).timestamp()
    removed = []
    for folder in sorted(runs_dir.iterdir()) if runs_dir.is_dir() else []:
        stamp = folder / "plan.json"
        if folder.is_dir() and not folder.is_symlink() and \
                (stamp if stamp.exists() else folder).stat().st_mtime < cutoff:
            shutil.rmtree(folder)
            removed.append(folder.name)
    return removed


def run_folder(run_id: str, settings: Settings | None = None) -> Path:
    """The absolute run folder of a run id (Airflow's ids are sanitised into a name)."""
    from pipeline.run.folder import run_dir

    return run_dir((settings or get_settings()).runs_dir, run_id).resolve()


def _loaded(folder: Path) -> bool:
    # The loader writes summary.json only after its transaction committed.
    return (folder / "summary.json").exists()


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
