"""After a load: check the table and the run as a whole, store results, alert once.

The row-level suite ran before the load (``decide``); here the ``articles_table`` and
``run`` suites run on what the load produced, every result goes to ``dq_results``, and if
anything in the run failed, one alert (email and webhook) says what and where to look.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import duckdb

from pipeline.quality.notify import Alert, send
from pipeline.quality.validate import expectation_label, run_suite
from pipeline.settings import Settings, get_settings
from pipeline.store.db import sql
from pipeline.store.load import insert_dq_results


def check_run(con: duckdb.DuckDBPyConnection, run_id: str, settings: Settings,
              ) -> list[dict[str, Any]]:
    """Run the post-load suites, store their results, and alert when the run failed any.

    Args:
        con: the writer connection (results are inserted).
        run_id: the run just loaded.
        settings: thresholds of the run suite.

    Returns:
        The failed expectation results of the whole run (all suites).
    """
    params = {"run_id": run_id}
    activity = con.execute(sql("queries/quality/run_activity"), params).fetchall()
    candidates, failed_feeds = activity[0]
    if not candidates and not failed_feeds:
        # Every feed unchanged: nothing to check, and pandas plus GX would cost ~15 s.
        return []
    results = []
    table = con.execute(sql("queries/quality/articles_of_run"), params).df()
    if len(table):
        results += run_suite("articles_table", table)
    metrics = con.execute(sql("queries/quality/run_metrics"), params).df()
    if len(metrics) and _worth_checking(metrics):
        results += run_suite("run", metrics, run_parameters(settings))
    con.execute("begin transaction")
    con.execute(sql("queries/quality/clear_post_load_dq"), params)
    insert_dq_results(con, run_id, [asdict(r) for r in results])
    con.execute("commit")
    failed = [dict(zip(("suite", "expectation", "unexpected_count", "element_count",
                        "observed_value"), row, strict=True))
              for row in con.execute(sql("queries/quality/failed_dq_results"), params).fetchall()]
    if failed:
        send(dq_alert(run_id, failed))
    return failed


def run_parameters(settings: Settings) -> dict[str, float]:
    """Thresholds of the ``run`` suite."""
    return {
        "max_failed_feed_share": settings.max_failed_feed_share,
        "max_quarantine_rate": settings.max_quarantine_rate,
        "min_volume_ratio": settings.min_volume_ratio,
        "max_missing_date_share": settings.max_missing_date_share,
        "max_missing_author_share": settings.max_missing_author_share,
    }


def _worth_checking(metrics: Any) -> bool:
    """A run with nothing to say (all feeds unchanged, no history yet) needs no GX."""
    return bool(metrics.drop(columns=["source"]).notna().to_numpy().any())


def dq_alert(run_id: str, failed: list[dict[str, Any]]) -> Alert:
    """One alert for every failed expectation of a run, grouped by suite."""
    suites = sorted({f["suite"] for f in failed})
    lines = []
    for f in failed:
        count = f["unexpected_count"]
        rows = f"{count} of {f['element_count']} row(s)" if count is not None else \
            f"observed {f['observed_value']}"
        lines.append(f"{f['suite']}: {expectation_label(f['expectation'])}: {rows}")
    quarantined = next((f["unexpected_count"] for f in failed if f["suite"] == "article_batch"),
                       None)
    where = get_settings().report_url or (
        f"rcwire quarantine list --run {run_id}; "
        f"select * from dq_results where run_id = '{run_id}' and not success")
    title = f"data quality failed in run {run_id}: {', '.join(suites)}"
    if quarantined:
        title += " (rows quarantined)"
    return Alert("dq_failed", run_id, title, lines, where)
