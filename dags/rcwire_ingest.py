"""
# rcwire_ingest

Fetches every **due** feed of the sources file (`RCWIRE_SOURCES`), extracts the new
articles, drops duplicates and loads them into DuckDB (`RCWIRE_DB`) in one transaction.

1. `plan` migrates DuckDB (a few seconds as writer) and writes `plan.json` in the run
   folder: the due feeds grouped by host (registrable domain), and each host's
   politeness state (response time, Retry-After hold, robots.txt) under `hosts/`. Its
   log and its XCom `feed_counts` count the feeds due, not due yet and backing off after
   failures, each skipped feed with its reason.
2. `fetch_host` is mapped: one task per host group, named after the host. It fetches
   the group's feeds and their new pages side by side within the host's politeness
   budget, extracts them and stages Parquet in the run folder. No DuckDB; runs in the
   `rcwire_feeds` pool. Tasks share each host's budget through the run folder, so a
   page on another task's host still waits its turn and honours its Retry-After.
3. `decide` dedupes the staged batch against the database (read-only).
4. `load` inserts the batch and the feeds' state in one transaction and updates the
   asset `duckdb://rcwire/articles`, which triggers `rcwire_report`.

**A dead feed fails alone.** Its host's `fetch_host` task goes red (and sends one alert)
after its retries, which fetch only the failed feeds again; its failure is staged first:
`decide` and `load` still run (trigger rule `all_done_min_one_success`), the feed's
`consecutive_failures` grows and it backs off.
The run is green when `load` is green. If every feed is backing off, `fetch_host` has
nothing to map over (Airflow skips `decide` and `load`): `plan` logs a warning saying
why and records the empty run itself, its summary's `note` saying the same.

**Fetch every feed now** (the CLI's `--all`): trigger with the param `all_feeds` set to
true (*Trigger DAG w/ config* in the UI, or `airflow dags trigger rcwire_ingest -c
'{"all_feeds": true}'`).

**Re-running is safe.** Clear any task (or the whole run): `plan` reuses `plan.json`, a
loaded run is never loaded twice, and articles already in DuckDB are never duplicated.

**Before the first run** create the pool that caps concurrent fetches (tasks in a missing
pool are never scheduled): `airflow pools set rcwire_feeds 4 "rcwire feed fetches"`.

**Settings** (environment of every Airflow component): `RCWIRE_SCHEDULE` (default
`@daily`; `none` for manual runs only), `RCWIRE_FEED_POOL`, `RCWIRE_RETRIES`,
`RCWIRE_RETRY_DELAY` (seconds, doubles per retry), alert targets `RCWIRE_WEBHOOK_URL`,
`RCWIRE_SMTP_HOST` + `RCWIRE_ALERT_EMAILS`. Run folders live in `RCWIRE_DATA_DIR/runs/`
(and on object storage with `RCWIRE_STAGING_URL`: docs/scaling.md).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from airflow.sdk import Asset, Param, TriggerRule, dag, task

from pipeline.run import tasks

CONF = tasks.dag_settings()
# Rendered by Airflow when a task starts (op_kwargs are templated), not at parse time.
# The parameter is called `run`: `run_id` is a context key Airflow reserves.
RUN_ID = "{{ run_id }}"


@dag(
    schedule=CONF.schedule,
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["rcwire", "ingest"],
    default_args=tasks.default_args(),
    doc_md=__doc__,
    params={"all_feeds": Param(False, type="boolean",
                               description="Fetch every feed, even those not due or backing off.")},
)
def rcwire_ingest() -> None:
    """Plan -> fetch each host group (mapped) -> decide -> load."""

    @task
    def plan(run: str, params: dict[str, Any] | None = None, ti: Any = None,
             ) -> list[dict[str, Any]]:
        planned = tasks.plan_task(run, all_feeds=bool((params or {}).get("all_feeds")))
        # Mapping needs the plain list; the counts go beside it, under their own key.
        ti.xcom_push(key="feed_counts", value=planned["counts"])
        return planned["feeds"]  # type: ignore[no-any-return]

    @task(pool=CONF.feed_pool, map_index_template="{{ task.op_kwargs['ref']['host'] }}")
    def fetch_host(ref: dict[str, Any]) -> dict[str, Any]:
        return tasks.host_task(ref)

    @task(trigger_rule=TriggerRule.ALL_DONE_MIN_ONE_SUCCESS)
    def decide(run: str) -> dict[str, int]:
        return tasks.decide_task(run)

    @task(outlets=[Asset(tasks.ARTICLES_ASSET_URI)])
    def load(run: str) -> dict[str, Any]:
        return tasks.load_task(run)

    refs = plan(RUN_ID)
    decided = decide(RUN_ID)
    # decide waits on plan directly too: a failed plan then leaves it upstream_failed
    # (one alert) instead of running it on a missing plan (a second alert).
    refs >> fetch_host.expand(ref=refs) >> decided
    refs >> decided >> load(RUN_ID)


rcwire_ingest()
