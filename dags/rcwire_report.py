"""
# rcwire_report

Runs after every successful load of `rcwire_ingest` (it is scheduled on the asset
`duckdb://rcwire/articles`, not on a clock).

It checkpoints DuckDB, so analysts opening the file read-only see the new articles
without a write-ahead log to replay, and writes to `RCWIRE_DATA_DIR/reports/`:

* `report.html`: the analyst report of `rcwire report` (volume per source, top entities
  and how they move, duplicates and syndication, data-quality pass rate, feed health,
  latest headlines) for the last `RCWIRE_REPORT_DAYS` days (default 30). One
  self-contained file: charts are inline SVG, it opens offline.
* `latest.json`: articles per source (total, last 24 h, newest), each source's feed
  health and the last run's counts, for machines.

Safe to re-run at any time: it only reads the articles and rewrites the report. It holds
the DuckDB write lock for a moment, so an ingest run starting at the same instant waits
(up to 30 s) rather than fails.
"""

from __future__ import annotations

from datetime import UTC, datetime

from airflow.sdk import Asset, dag, task

from pipeline.run import tasks


@dag(
    schedule=[Asset(tasks.ARTICLES_ASSET_URI)],
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["rcwire", "report"],
    default_args=tasks.default_args(),
    doc_md=__doc__,
)
def rcwire_report() -> None:
    """Refresh the analyst report after each load."""

    @task
    def refresh_report() -> str:
        return tasks.report_task()

    refresh_report()


rcwire_report()
