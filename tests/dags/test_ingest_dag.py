"""``airflow dags test rcwire_ingest`` end to end against the loopback sample site.

One real Airflow (SQLite metadata DB in tmp_path, the rcwire_feeds pool) runs the DAG over
the sample site's feeds plus one feed that answers HTTP 500. A real webhook receiver on
127.0.0.1 counts the alerts. The first run is shared by the tests below; the second run
and the CLI comparison build on it.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb
import pytest
import yaml

from pipeline.run import tasks
from pipeline.samplesite import SampleSite
from pipeline.settings import Settings
from tests.conftest import ROOT, SAMPLES, sample_sources
from tests.pipeline.quality.test_notify import WebhookReceiver
from tests.support.hits import max_in_flight

pytestmark = pytest.mark.slow

BROKEN = "broken-feed"
SLOW_FEEDS = ["slow-a", "slow-b"]
SAMPLE_FEEDS = sorted(s["name"] for s in yaml.safe_load(
    (SAMPLES / "sources.yaml").read_text(encoding="utf-8"))["sources"])
FIRST = "2026-01-02T00:00:00+00:00"
SECOND = "2026-01-03T00:00:00+00:00"
THIRD = "2026-01-04T00:00:00+00:00"
FORCED = "2026-01-05T00:00:00+00:00"
AIRFLOW = str(Path(sys.executable).parent / "airflow")
RCWIRE = str(Path(sys.executable).parent / "rcwire")
ROWS = "select article_id, url, title, text from articles order by article_id"

# `airflow db migrate` then `airflow pools set`, through Airflow's own CLI entry point,
# in one interpreter: importing Airflow costs seconds, paying it once keeps the test fast.
SETUP = """
import sys
from airflow.__main__ import main
for argv in (["db", "migrate"], ["pools", "set", "rcwire_feeds", "4", "rcwire feed fetches"]):
    sys.argv = ["airflow", *argv]
    main()
"""


@dataclass
class AirflowRun:
    """A temporary Airflow installation pointed at the sample site."""

    home: Path
    env: dict[str, str]
    site: SampleSite
    sources: Path
    webhook: WebhookReceiver
    broken_site: SampleSite
    slow_site: SampleSite
    db: Path
    cli: subprocess.Popen[str]
    cli_db: Path

    def dags_test(self, logical_date: str, conf: dict[str, Any] | None = None,
                  ) -> subprocess.CompletedProcess[str]:
        """``airflow dags test rcwire_ingest <logical_date>``; output kept in home/."""
        extra = ["-c", json.dumps(conf)] if conf else []
        done = subprocess.run([AIRFLOW, "dags", "test", *extra, "rcwire_ingest", logical_date],
                              env=self.env, cwd=ROOT, capture_output=True, text=True,
                              timeout=600, check=False)
        log = self.home / f"dags-test-{logical_date[:10]}.log"
        log.write_text(done.stdout + done.stderr, encoding="utf-8")
        return done

    def run_id(self, logical_date: str) -> str:
        """The id Airflow gave the run (manual ids come from the trigger time, not the date)."""
        found = self.metadata("select run_id from dag_run where dag_id = 'rcwire_ingest' "
                              "and logical_date like ?", f"{logical_date[:10]}%")
        assert len(found) == 1, found
        return str(found[0][0])

    def metadata(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        """Rows from Airflow's metadata database."""
        with sqlite3.connect(self.home / "airflow.db") as con:
            return con.execute(query, params).fetchall()

    def rows(self, query: str = ROWS) -> list[tuple[Any, ...]]:
        """Rows from the DuckDB file the DAG loaded."""
        with duckdb.connect(str(self.db), read_only=True) as con:
            return con.execute(query).fetchall()


@pytest.fixture(scope="module")
def airflow_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AirflowRun]:
    """Airflow migrated, the pool created, and rcwire_ingest run once (one broken feed)."""
    tmp = tmp_path_factory.mktemp("ingest-dag")
    home = tmp / "airflow"
    home.mkdir()
    # The broken feed lives on a host of its own (host groups are the unit of work), and
    # two feeds share a slow host that only the DAG fetches (the shared-limit test).
    with SampleSite(SAMPLES / "site") as site, SampleSite(SAMPLES / "site") as other, \
            SampleSite(SAMPLES / "site") as slow, WebhookReceiver() as webhook:
        cli_sources = sample_sources(site, tmp / "cli-sources.yaml")
        with cli_sources.open("a", encoding="utf-8") as fh:
            fh.write(f"  - name: {BROKEN}\n    url: {other.base_url}/_fault/status/500\n")
        sources = tmp / "sources.yaml"
        sources.write_text(cli_sources.read_text(encoding="utf-8") + "".join(
            f"  - name: {name}\n    url: {_slow_feed(slow, name)}\n" for name in SLOW_FEEDS),
            encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RCWIRE_", "AIRFLOW"))}
        env.update({
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "GX_ANALYTICS_ENABLED": "false",
            "RCWIRE_DB": str(tmp / "rcwire.duckdb"),
            "RCWIRE_DATA_DIR": str(tmp / "data"),
            "RCWIRE_SOURCES": str(sources),
            "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
            "RCWIRE_WEBHOOK_URL": webhook.url,
            "RCWIRE_RETRIES": "1",
            "RCWIRE_RETRY_DELAY": "1",
            # Loopback answers at once; generous limits keep a busy CI machine (the DAG and
            # the CLI extract side by side) from turning slowness into a second failure.
            "RCWIRE_CONNECT_TIMEOUT": "20",
            "RCWIRE_READ_TIMEOUT": "60",
            "RCWIRE_DEADLINE": "120",
            "RCWIRE_EXTRACT_TIMEOUT": "120",
            # No spacing: only the connection limit can keep the slow host's six pages
            # from all being in flight at once.
            "RCWIRE_HOST_DELAY": "0",
            "RCWIRE_HOST_DELAY_FACTOR": "0",
        })
        # `rcwire run` on the same site into its own database, alongside Airflow's setup
        # and first run: the comparison test collects it, the suite does not wait twice.
        cli_db = tmp / "cli.duckdb"
        cli = subprocess.Popen(
            [RCWIRE, "run", "--sources", str(cli_sources), "--db", str(cli_db), "--json"],
            env={**env, "RCWIRE_DATA_DIR": str(tmp / "cli-data"), "RCWIRE_WEBHOOK_URL": ""},
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            setup = subprocess.run([sys.executable, "-c", SETUP], env=env, capture_output=True,
                                   text=True, timeout=180, check=False)
            assert setup.returncode == 0, setup.stderr[-3000:]
            run = AirflowRun(home, env, site, sources, webhook, other, slow,
                             tmp / "rcwire.duckdb", cli, cli_db)
            first = run.dags_test(FIRST)
            assert first.returncode == 0, (first.stdout + first.stderr)[-4000:]
            yield run
        finally:
            if cli.poll() is None:
                cli.kill()
            cli.communicate()


def _states(run: AirflowRun, logical_date: str) -> dict[str, str]:
    rows = run.metadata(
        "select ti.task_id, ti.map_index, ti.rendered_map_index, ti.state "
        "from task_instance ti join dag_run dr on dr.run_id = ti.run_id "
        "and dr.dag_id = ti.dag_id where dr.dag_id = 'rcwire_ingest' and dr.run_id = ?",
        run.run_id(logical_date))
    return {(f"{t}[{label or index}]" if index >= 0 else t): state
            for t, index, label, state in rows}


def test_dag_run_succeeds_although_a_feed_failed(airflow_run: AirflowRun) -> None:
    assert airflow_run.metadata(
        "select state from dag_run where dag_id = 'rcwire_ingest' and run_id = ?",
        airflow_run.run_id(FIRST)) == [("success",)]


def _slow_feed(site: SampleSite, name: str) -> str:
    """A feed listing three pages that each take 0.5 s (no article in them)."""
    pages = [f"{site.base_url}/_fault/slow?seconds=0.5&page={name}-{i}" for i in range(3)]
    return f"{site.base_url}/_fault/feed.xml?" + "&".join(
        "link=" + quote(p, safe="") for p in pages)


def _host(site: SampleSite) -> str:
    return site.base_url.removeprefix("http://")


def test_only_the_broken_feeds_host_task_failed(airflow_run: AirflowRun) -> None:
    states = _states(airflow_run, FIRST)
    broken = f"fetch_host[{_host(airflow_run.broken_site)}]"
    failed = sorted(task for task, state in states.items() if state != "success")
    assert failed == [broken], states
    assert states[broken] == "failed"
    hosts = {broken, f"fetch_host[{_host(airflow_run.site)}]",
             f"fetch_host[{_host(airflow_run.slow_site)}]"}
    assert set(states) == {"plan", "decide", "load", *hosts}


def test_feeds_of_one_host_share_one_task_and_one_limit(airflow_run: AirflowRun) -> None:
    folder = tasks.run_folder(airflow_run.run_id(FIRST), _settings(airflow_run))
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    names = [f["source"]["name"] for f in plan["feeds"]]
    groups = {g["host"]: sorted(names[i] for i in g["feeds"]) for g in plan["groups"]}
    assert groups == {_host(airflow_run.site): SAMPLE_FEEDS,
                      _host(airflow_run.broken_site): [BROKEN],
                      _host(airflow_run.slow_site): SLOW_FEEDS}
    # Counted by the server: six slow pages from two feeds, never more than the default
    # two connections in flight (and the two were used: the limit, not luck).
    pages = [h for h in airflow_run.slow_site.log if h.path == "/_fault/slow"]
    assert len(pages) == 6
    assert max_in_flight(pages) == Settings().per_host_connections == 2


def _run_failed_alerts(run: AirflowRun) -> list[dict[str, Any]]:
    # The loader's data-quality checks post `dq_failed` alerts to the same webhook.
    return [p for p in run.webhook.posts if "kind: run_failed" in p["text"]]


def test_the_failure_alert_fired_exactly_once(airflow_run: AirflowRun) -> None:
    alerts = _run_failed_alerts(airflow_run)
    assert len(alerts) == 1
    text = alerts[0]["text"]
    assert f"rcwire_ingest.fetch_host[{_host(airflow_run.broken_site)}] failed" in text
    assert "FeedFailedError" in text and "http_500" in text
    assert airflow_run.run_id(FIRST) in text


def test_second_run_adds_no_rows(airflow_run: AirflowRun) -> None:
    before = airflow_run.rows()
    second = airflow_run.dags_test(SECOND)
    assert second.returncode == 0, (second.stdout + second.stderr)[-4000:]
    assert airflow_run.rows() == before
    assert set(_states(airflow_run, SECOND).values()) == {"success"}
    # The broken feed is backing off, so it was not fetched and not alerted on again.
    plan = json.loads((tasks.run_folder(airflow_run.run_id(SECOND), _settings(airflow_run))
                       / "plan.json").read_text(encoding="utf-8"))
    assert plan["skipped_not_due"] == [BROKEN]
    assert len(_run_failed_alerts(airflow_run)) == 1


def _plan_returned(run: AirflowRun, logical_date: str) -> dict[str, Any]:
    [(raw,)] = run.metadata("select value from xcom where dag_id = 'rcwire_ingest' and "
                            "task_id = 'plan' and key = 'feed_counts' and run_id = ?",
                            run.run_id(logical_date))
    value = json.loads(raw)
    return json.loads(value) if isinstance(value, str) else value  # type: ignore[no-any-return]


def test_plan_counts_due_and_backing_off_feeds(airflow_run: AirflowRun) -> None:
    returned = _plan_returned(airflow_run, SECOND)
    assert (returned["due"], returned["not_due"], returned["backing_off"]) == (
        len(SAMPLE_FEEDS) + len(SLOW_FEEDS), 0, 1)
    [skipped] = returned["skipped"]
    assert (skipped["source"], skipped["reason"], skipped["failures"]) == (
        BROKEN, "backing_off", 1)
    log = (airflow_run.home / f"dags-test-{SECOND[:10]}.log").read_text(encoding="utf-8")
    due = len(SAMPLE_FEEDS) + len(SLOW_FEEDS)
    assert f"plan: {due} feed(s) due, 1 backing off after failures ({BROKEN}" \
        in log


def test_run_with_nothing_due_says_so(airflow_run: AirflowRun) -> None:
    # The second run found nothing new: every sample feed now waits its polling interval.
    done = airflow_run.dags_test(THIRD)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    returned = _plan_returned(airflow_run, THIRD)
    assert (returned["due"], returned["not_due"], returned["backing_off"]) == (
        0, len(SAMPLE_FEEDS) + len(SLOW_FEEDS), 1)
    assert "nothing to fetch in this run" in done.stdout + done.stderr
    summary = json.loads((tasks.run_folder(airflow_run.run_id(THIRD), _settings(airflow_run))
                          / "summary.json").read_text(encoding="utf-8"))
    assert summary["note"].startswith("nothing fetched: 0 feed(s) due")
    assert "all_feeds" in summary["note"]
    assert airflow_run.rows("select feeds_total from runs where run_id = "
                            f"'{airflow_run.run_id(THIRD)}'") == [(0,)]


def test_cli_run_and_dag_land_identical_rows(airflow_run: AirflowRun) -> None:
    out, err = airflow_run.cli.communicate(timeout=240)
    assert airflow_run.cli.returncode == 0, err[-3000:]
    summary = json.loads(out)
    assert summary["counts"]["loaded"] >= 1
    assert [f["source"] for f in summary["feeds"] if f["status"] == "failed"] == [BROKEN]
    with duckdb.connect(str(airflow_run.cli_db), read_only=True) as con:
        cli_rows = con.execute(ROWS).fetchall()
    assert cli_rows == airflow_run.rows()


def test_report_counts_what_the_dag_loaded(airflow_run: AirflowRun) -> None:
    settings = _settings(airflow_run)
    report = json.loads(Path(tasks.report_task(None, settings)).read_text(encoding="utf-8"))
    per_source = {s["source"]: s for s in report["sources"]}
    assert report["articles"] == len(airflow_run.rows())
    assert sum(s["articles"] for s in per_source.values()) == report["articles"]
    assert per_source[BROKEN]["articles"] == 0
    assert per_source[BROKEN]["feeds_failing"] == 1
    [(latest,)] = airflow_run.rows("select run_id from runs order by started_at desc limit 1")
    assert report["last_run"]["run_id"] == latest


def test_maintenance_prunes_old_runs_and_flags_silent_feeds(airflow_run: AirflowRun) -> None:
    settings = _settings(airflow_run)
    assert tasks.maintenance_task(settings) == []
    later = datetime.now(UTC) + timedelta(days=30)
    unhealthy = tasks.maintenance_task(settings, now=later)
    assert sorted(f["source"] for f in unhealthy) == sorted(SAMPLE_FEEDS + SLOW_FEEDS)
    assert {f["problem"] for f in unhealthy} == {"stale"}
    assert list(settings.runs_dir.iterdir()) == []




def _settings(run: AirflowRun) -> Settings:
    return Settings(db=run.db, data_dir=Path(run.env["RCWIRE_DATA_DIR"]),
                    sources=run.sources,
                    allow_private_hosts=[ipaddress.ip_network("127.0.0.1/32")])


def test_all_feeds_param_fetches_every_feed(airflow_run: AirflowRun) -> None:
    before = airflow_run.rows()
    done = airflow_run.dags_test(FORCED, {"all_feeds": True})
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    returned = _plan_returned(airflow_run, FORCED)
    assert (returned["due"], returned["skipped"]) == (len(SAMPLE_FEEDS) + len(SLOW_FEEDS) + 1, [])
    states = _states(airflow_run, FORCED)
    # The broken feed's host was fetched although the feed is backing off.
    assert states[f"fetch_host[{_host(airflow_run.broken_site)}]"] == "failed"
    assert f"fetch_host[{_host(airflow_run.site)}]" in states
    assert airflow_run.rows() == before
