"""
# rcwire_maintenance

Daily housekeeping, at 03:30 UTC so it does not meet the midnight ingest run.

1. Deletes run folders (`RCWIRE_DATA_DIR/runs/<run_id>/`: plan, staged Parquet, decided
   batch, summary) planned more than `RCWIRE_RETENTION_DAYS` (default 14) days ago. The
   articles themselves stay in DuckDB; the folders are only needed to resume or inspect
   a recent run.
2. Checkpoints DuckDB (folds the write-ahead log into the database file).
3. Returns the **unhealthy feeds**: 3 or more failed runs in a row, or no useful answer
   for 3 days. They are logged as warnings and are the task's XCom result: open the
   task's *XCom* tab to see the list with each feed's last HTTP status and error.

What to do with a dead feed: check its URL by hand; if it moved, fix it in the sources
file; if it is gone, remove it. A failing feed already backs off (15 min doubling up
to 24 h between attempts), so leaving it for a few days costs little.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from airflow.sdk import dag, task

from pipeline.run import tasks


@dag(
    schedule="30 3 * * *",
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["rcwire", "maintenance"],
    default_args=tasks.default_args(),
    doc_md=__doc__,
)
def rcwire_maintenance() -> None:
    """Prune old run folders, checkpoint DuckDB, list dead feeds."""

    @task
    def maintain() -> list[dict[str, Any]]:
        return tasks.maintenance_task()

    maintain()


rcwire_maintenance()
