"""A real Airflow cluster on this machine: Postgres, Redis, api-server, scheduler,
dag-processor and Celery workers, each a separate process started and stopped by PID.

Used by ``tests/cluster/`` and by ``make cluster`` (``python -m tests.support.cluster``).
Postgres and Redis come from Debian's packages (``postgresql``, ``redis-server``); Airflow's
Celery and Postgres providers from the ``cluster`` dependency group. Everything listens on
127.0.0.1 on free ports and lives in one folder, so two clusters never meet.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
# Seconds a dead worker's task goes without a heartbeat before the scheduler fails it
# (and retries it elsewhere). Airflow's default, 300 s, would make the kill test crawl.
HEARTBEAT_TIMEOUT = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening(proc: subprocess.Popen[bytes], ports: list[int], timeout: float) -> bool:
    """True once every port listens; False (the process reaped) when it exits first."""
    end = time.monotonic() + timeout
    waiting = list(ports)
    while waiting and time.monotonic() < end:
        if proc.poll() is not None:
            return False
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", waiting[0])) == 0:
                waiting.pop(0)
                continue
        time.sleep(0.3)
    if waiting:
        proc.kill()
        proc.wait()
        raise RuntimeError(f"the generated site did not listen on 127.0.0.1:{waiting[0]} "
                           f"within {timeout:.0f} s")
    return True


def wait_port(port: int, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {timeout:.0f} s")


@dataclass
class Cluster:
    """One Airflow deployment with ``workers`` Celery workers, staging in ``data``."""

    folder: Path
    rcwire_env: dict[str, str]
    workers: int = 2
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    # Variables of one worker only (``worker1``: its own RCWIRE_DATA_DIR, as if on a
    # machine of its own).
    worker_env: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.pg_port, self.redis_port, self.api_port = free_port(), free_port(), free_port()
        # Postgres runs as Debian's postgres user, who cannot enter pytest's private tmp
        # folders: its files live in a folder of their own, removed at stop.
        self.pg_root = Path(tempfile.mkdtemp(prefix="rcwire-pg-"))
        self.pg_data = self.pg_root / "data"
        self.home = self.folder / "airflow"
        self.home.mkdir(exist_ok=True)
        self.logs = self.folder / "logs"
        self.logs.mkdir(exist_ok=True)
        pg = f"airflow@127.0.0.1:{self.pg_port}/airflow"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "RCWIRE_"))}
        env.update({
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
            "PYTHONPATH": str(ROOT),  # workers import tests.support.cluster for their name
            "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg2://{pg}",
            "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "AIRFLOW__CELERY__RESULT_BACKEND": f"db+postgresql+psycopg2://{pg}",
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "2",
            # A worker takes one message at a time: a worker killed by -9 then holds no
            # queued task hostage (Redis would hand an unacknowledged message back only
            # after the visibility timeout, six hours by default).
            "AIRFLOW__CELERY__WORKER_PREFETCH_MULTIPLIER": "1",
            "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT": "120",
            # A task queued but never started (its message died with a worker) is queued
            # again after this many seconds (Airflow's default is 600).
            "AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT": "60",
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            # Only the DAG a caller triggers runs (trigger unpauses it).
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            "AIRFLOW__CORE__PARALLELISM": "8",
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "tests.support.cluster.worker_name",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL":
                f"http://127.0.0.1:{self.api_port}/execution/",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(self.api_port),
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(16),
            "AIRFLOW__API__SECRET_KEY": secrets.token_hex(16),
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": str(HEARTBEAT_TIMEOUT),
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "5",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "10",
            "GX_ANALYTICS_ENABLED": "false",
        })
        env.update(self.rcwire_env)
        self.env = env

    # --- life cycle
    def start(self) -> Cluster:
        self._start_postgres()
        self.start_broker()
        self.airflow("db", "migrate", timeout=600)
        self.airflow("pools", "set", "rcwire_feeds", "8", "rcwire feed fetches")
        self._spawn("api-server", ["airflow", "api-server", "--host", "127.0.0.1",
                                   "--port", str(self.api_port)])
        self._spawn("scheduler", ["airflow", "scheduler"])
        self._spawn("dag-processor", ["airflow", "dag-processor"])
        # Workers run tasks through the api-server's execution API: start them once it answers.
        wait_port(self.api_port, 300, "the Airflow api-server")
        for n in range(1, self.workers + 1):
            self.start_worker(f"worker{n}")
        return self

    def stop(self) -> None:
        """Stop every process this cluster started, by PID, then Postgres."""
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        end = time.monotonic() + 20
        for proc in self.procs.values():
            try:
                proc.wait(max(0.1, end - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if PG_BIN is not None and (self.pg_data / "postmaster.pid").exists():
            self._as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.pg_data), "-m", "fast",
                               "-w", "stop"], check=False)
        shutil.rmtree(self.pg_root, ignore_errors=True)

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start_worker(self, name: str) -> None:
        self._spawn(name, ["airflow", "celery", "worker", "--celery-hostname",
                           f"{name}@%h", "--concurrency", "2"],
                    extra={"CLUSTER_WORKER_NAME": name, **self.worker_env.get(name, {})})

    def kill(self, name: str) -> None:
        """kill -9 one component and its children (the task processes it runs)."""
        os.killpg(self.procs[name].pid, signal.SIGKILL)
        self.procs[name].wait()

    def start_broker(self) -> None:
        self._spawn("redis", [REDIS, "--port", str(self.redis_port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no"])
        wait_port(self.redis_port, 30, "redis-server")

    def set_sources(self, path: Path) -> None:
        """Point the next runs at another sources file (workers read it when planning)."""
        target = Path(self.env["RCWIRE_SOURCES"])
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")

    # --- runs
    def trigger(self, dag_id: str, conf: str = "{}") -> str:
        run_id = f"cluster-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(2)}"
        end = time.monotonic() + 300  # the dag-processor parses the DAG files after start
        while not self.query("select 1 from dag where dag_id = %s", dag_id):
            if time.monotonic() > end:
                raise TimeoutError(f"{dag_id} was not parsed within 300 s")
            time.sleep(2)
        self.airflow("dags", "unpause", dag_id)
        self.airflow("dags", "trigger", dag_id, "--run-id", run_id, "--conf", conf)
        return run_id

    def wait_run(self, dag_id: str, run_id: str, timeout: float) -> str:
        end = time.monotonic() + timeout
        state = ""
        while time.monotonic() < end:
            rows = self.query("select state from dag_run where dag_id = %s and run_id = %s",
                              dag_id, run_id)
            state = rows[0][0] if rows else "missing"
            if state in ("success", "failed"):
                return str(state)
            time.sleep(2)
        raise TimeoutError(f"{dag_id} {run_id} still {state} after {timeout:.0f} s")

    def task_instances(self, dag_id: str, run_id: str) -> list[dict[str, Any]]:
        rows = self.query(
            "select task_id, map_index, hostname, state, try_number from task_instance "
            "where dag_id = %s and run_id = %s order by task_id, map_index", dag_id, run_id)
        keys = ("task_id", "map_index", "hostname", "state", "try_number")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def query(self, sql: str, *args: object) -> list[tuple[Any, ...]]:
        import psycopg2  # cluster dependency group

        with psycopg2.connect(host="127.0.0.1", port=self.pg_port, user="airflow",
                              dbname="airflow") as con, con.cursor() as cur:
            cur.execute(sql, args)
            return list(cur.fetchall())

    def airflow(self, *args: str, timeout: float = 180) -> str:
        done = subprocess.run(["airflow", *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"airflow {' '.join(args)}: {(done.stdout + done.stderr)[-2000:]}")
        return done.stdout

    def log_tail(self, name: str, chars: int = 3000) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")[-chars:]

    # --- internals
    def _spawn(self, name: str, cmd: list[str], extra: dict[str, str] | None = None) -> None:
        log = (self.logs / f"{name}.log").open("ab")
        self.procs[name] = subprocess.Popen(cmd, env={**self.env, **(extra or {})},
                                            stdout=log, stderr=subprocess.STDOUT,
                                            cwd=self.folder, start_new_session=True)

    def _start_postgres(self) -> None:
        if PG_BIN is None:
            raise RuntimeError("PostgreSQL is not installed: apt-get install -y postgresql")
        run_dir = self.pg_root / "run"
        run_dir.mkdir()
        self.pg_root.chmod(0o755)
        if os.geteuid() == 0:  # initdb refuses root: the server runs as Debian's postgres user
            for path in (self.pg_root, run_dir):
                shutil.chown(path, "postgres")
        self._as_postgres([str(PG_BIN / "initdb"), "-D", str(self.pg_data), "-U", "airflow",
                           "--auth=trust", "-E", "UTF8"])
        self._as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.pg_data), "-w", "-l",
                           str(self.pg_root / "postgres.log"), "-o",
                           f"-p {self.pg_port} -h 127.0.0.1 -k {run_dir}", "start"])
        self._as_postgres([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p",
                           str(self.pg_port), "-U", "airflow", "airflow"])

    def _as_postgres(self, cmd: list[str], check: bool = True) -> None:
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        if check and done.returncode != 0:
            raise RuntimeError(f"{cmd[-1]}: {done.stderr[-1500:]}")


def worker_name() -> str:
    """Airflow's ``hostname_callable`` here: the Celery worker's own name.

    Both workers share this machine's host name; naming them apart is what lets a test see
    which worker ran which task instance (``task_instance.hostname``).
    """
    return os.environ.get("CLUSTER_WORKER_NAME") or socket.getfqdn()


@contextmanager
def sample_cluster(folder: Path, workers: int = 2) -> Iterator[tuple[Cluster, Any]]:
    """The sample site and a cluster pointed at it, staging in ``folder/data``."""
    from pipeline.samplesite import SampleSite

    with SampleSite(ROOT / "samples" / "site") as site:
        sources = folder / "sources.yaml"
        folder.mkdir(parents=True, exist_ok=True)
        text = (ROOT / "samples" / "sources.yaml").read_text(encoding="utf-8")
        sources.write_text(text.replace("http://127.0.0.1:8765", site.base_url),
                           encoding="utf-8")
        env = {"RCWIRE_DB": str(folder / "rcwire.duckdb"),
               "RCWIRE_DATA_DIR": str(folder / "data"),
               "RCWIRE_SOURCES": str(sources), "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
               "RCWIRE_HOST_DELAY": "0", "RCWIRE_SCHEDULE": "none", "RCWIRE_RETRIES": "3",
               "RCWIRE_RETRY_DELAY": "2"}
        with Cluster(folder / "cluster", env, workers=workers) as cluster:
            yield cluster, site


@contextmanager
def generated_site(sources: Path, hosts: int, pages: int,
                   latency: tuple[float, float]) -> Iterator[Path]:
    """A larger generated site (benchmarks/bigsite.py) of ``hosts`` hosts on consecutive
    ports from a free one (bigsite refuses to start if one is taken) and ``pages`` pages
    each, answering in ``latency`` seconds; yields ``sources`` listing one feed per host."""
    # Only the first port is known free: bigsite exits when a later one of its run is
    # taken (another process may hold it by then), so a site that exits is started again
    # on other ports.
    for _attempt in range(5):
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "bigsite.py"), "--hosts", str(hosts),
             "--pages", str(pages), "--port", str(port),
             "--latency", str(latency[0]), str(latency[1])],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        if _listening(proc, [port + n for n in range(hosts)], 60):
            break
    else:
        raise RuntimeError("the generated site did not start on 5 runs of free ports")
    try:
        sources.write_text("sources:\n" + "".join(
            f"  - name: big-{n:02d}\n    url: http://127.0.0.1:{port + n}/feed.xml\n"
            for n in range(hosts)), encoding="utf-8")
        yield sources
    finally:
        proc.kill()
        proc.wait()


def main() -> None:
    """``make cluster``: one ingest run of the sample site on two Celery workers."""
    folder = Path(tempfile.mkdtemp(prefix="rcwire-cluster-"))
    os.chmod(folder, 0o755)
    with sample_cluster(folder) as (cluster, _site):
        print(f"cluster up in {folder}: api-server http://127.0.0.1:{cluster.api_port}/")
        run_id = cluster.trigger("rcwire_ingest")
        state = cluster.wait_run("rcwire_ingest", run_id, 900)
        print(f"rcwire_ingest {run_id}: {state}")
        for ti in cluster.task_instances("rcwire_ingest", run_id):
            print(f"  {ti['task_id']:<12} {ti['map_index']:>3} {ti['state']:<8} "
                  f"try {ti['try_number']} on {ti['hostname']}")
    print("cluster stopped")


if __name__ == "__main__":
    main()
