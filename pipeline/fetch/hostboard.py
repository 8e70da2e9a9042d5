"""Per-host politeness state of one run, shared by every process of the run through files.

In Airflow every host group is its own task process, maybe running beside the others,
and the run folder is the one thing they all see (tasks never write DuckDB). So the
state that must hold across tasks lives in ``<run folder>/hosts/``::

    <host>.json           observed latency, Retry-After hold, earliest next start,
                          Crawl-delay, request count: read-modify-written under <host>.lock
    <host>.lock           flock held for a few microseconds around each update
    <host>.slot<i>        one flock per connection the host allows: a request holds one
                          from its start to its end, in whichever process it runs
    robots/<origin>.json  the origin's robots.txt answer (body, or why it failed)

``plan`` seeds the folder from DuckDB (``host_state``, ``host_robots``), the fetch tasks
update it, and the loader merges it back (both in ``pipeline.store.hosts``), so holds and
latency also carry across runs.

Why flock rather than a lock server: it needs nothing running, is released by the
kernel when a task dies mid-request (no stale locks to clean), and is exact between
processes of one machine (Airflow's LocalExecutor, the compose set-up, ``rcwire run``).
Workers on several machines sharing the run folder over NFS get what its locking gives.
The critical sections never await, so a blocking flock only ever waits for another
process's read-modify-write.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pipeline.fetch.hosts import file_name

# Seconds between two attempts at a connection slot that another process holds.
_SLOT_POLL = 0.02


@dataclass
class HostState:
    """What a run knows of one host; times are Unix epoch seconds."""

    host: str
    latency_s: float | None = None   # smoothed response time (None: not measured yet)
    hold_until: float = 0.0          # Retry-After: nothing sent before this instant
    next_at: float = 0.0             # earliest start of the next request (spacing)
    crawl_delay_s: float = 0.0       # robots.txt Crawl-delay of the host, if any
    requests: int = 0                # requests started in this run
    errors: int = 0                  # of which failed (5xx, 429, timeouts, ...)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> HostState:
        """Back from the file's JSON (unknown keys ignored)."""
        known = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw}
        return cls(**known)


@dataclass(frozen=True)
class RobotsRecord:
    """One origin's robots.txt answer: the body (``reason`` None) or why it failed."""

    url: str
    fetched_at: float
    status: int | None = None
    reason: str | None = None
    body: str | None = None


class HostBoard:
    """The ``hosts/`` folder of a run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self._taken: set[Path] = set()

    # --- state ------------------------------------------------------------------------

    def read(self, host: str) -> HostState:
        """The host's current state (a fresh one if nothing is known)."""
        with self._locked(host) as state:
            return state

    def reserve(self, host: str, spacing: Callable[[HostState], float],
                max_wait: float | None = None) -> float:
        """Book the host's next start: returns the epoch instant to send at.

        Raises:
            HoldTooLongError: the host's Retry-After hold ends more than ``max_wait``
                seconds from now.
        """
        with self._locked(host) as state:
            now = time.time()
            left = state.hold_until - now
            if max_wait is not None and left > max_wait:
                raise HoldTooLongError(host, left)
            start = max(now, state.next_at, state.hold_until)
            state.next_at = start + spacing(state)
            state.requests += 1
            return start

    def started(self, host: str, spacing: Callable[[HostState], float]) -> None:
        """A request leaves now: the next may not start before now plus the spacing,
        even if this one left late (the booking assumed it would leave on time)."""
        with self._locked(host) as state:
            state.next_at = max(state.next_at, time.time() + spacing(state))

    def observe(self, host: str, seconds: float, ok: bool) -> None:
        """Record one response time: a good answer moves the smoothed latency halfway
        to it (AutoThrottle's averaging); a failure can only raise it."""
        with self._locked(host) as state:
            old = state.latency_s
            if ok:
                state.latency_s = seconds if old is None else (old + seconds) / 2
            else:
                state.latency_s = max(old or 0.0, seconds)
                state.errors += 1

    def hold(self, host: str, seconds: float) -> None:
        """Send nothing to the host for ``seconds`` (Retry-After), in every process."""
        with self._locked(host) as state:
            state.hold_until = max(state.hold_until, time.time() + seconds)

    def set_crawl_delay(self, host: str, seconds: float) -> None:
        """The host's robots.txt asks ``seconds`` between requests; the request that
        fetched robots.txt was spaced before that was known, so the next one waits."""
        with self._locked(host) as state:
            if state.crawl_delay_s != seconds:
                state.crawl_delay_s = seconds
                state.next_at = max(state.next_at, time.time() + seconds)

    def states(self) -> list[HostState]:
        """Every host's state (for the loader)."""
        return [HostState.from_json(json.loads(p.read_text(encoding="utf-8")))
                for p in sorted(self.root.glob("*.json"))]

    def seed(self, states: list[HostState], robots: list[RobotsRecord]) -> None:
        """Write what DuckDB knew (the planner's call; no other process runs yet)."""
        for state in states:
            self._path(state.host, ".json").write_text(json.dumps(asdict(state)),
                                                       encoding="utf-8")
        for record in robots:
            self.save_robots(record)

    @contextlib.contextmanager
    def _locked(self, host: str) -> Iterator[HostState]:
        with self._path(host, ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                fd = os.open(self._path(host, ".json"), os.O_RDWR | os.O_CREAT, 0o644)
                try:
                    raw = _read_all(fd)
                    try:
                        state = HostState.from_json(json.loads(raw))
                    except ValueError:  # a new host (empty file)
                        state = HostState(host)
                    # A flat record of numbers: a shallow copy is exact and far cheaper
                    # than asdict's deep one (three updates per request).
                    before = dict(vars(state))
                    yield state
                    if vars(state) != before:
                        # Rewritten in place, padded with spaces to its old length, in one
                        # write: no truncation and no rename, which on ext4 each force the
                        # file's data out (auto_da_alloc). A rename per update cost 4 ms
                        # of the event loop on a busy disk, three times per request. The
                        # state is far under a page, so a process killed around the write
                        # leaves the old or the new one; readers take the lock too.
                        data = json.dumps(vars(state)).encode()
                        os.pwrite(fd, data.ljust(len(raw)), 0)
                finally:
                    os.close(fd)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    # --- connection slots -------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def connection(self, host: str, limit: int) -> AsyncIterator[None]:
        """Hold one of the host's ``limit`` connection slots across all processes."""
        while True:
            for i in range(max(1, limit)):
                path = self._path(host, f".slot{i}")
                if path in self._taken:
                    continue  # ours: flock would refuse a second descriptor anyway
                fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o644)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                self._taken.add(path)
                try:
                    yield
                finally:
                    self._taken.discard(path)
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    os.close(fd)
                return
            await asyncio.sleep(_SLOT_POLL)

    # --- robots.txt -------------------------------------------------------------------

    def robots(self, url: str) -> RobotsRecord | None:
        """The robots.txt answer another task (or an earlier run) already got, if any."""
        try:
            raw = json.loads(self._robots_path(url).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        return RobotsRecord(**raw)

    def save_robots(self, record: RobotsRecord) -> None:
        """Share a robots.txt answer with the run's other tasks (and the loader)."""
        path = self._robots_path(record.url)
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(asdict(record)), encoding="utf-8")
        tmp.replace(path)

    def robots_records(self) -> list[RobotsRecord]:
        """Every robots.txt answer of the run."""
        folder = self.root / "robots"
        return [RobotsRecord(**json.loads(p.read_text(encoding="utf-8")))
                for p in sorted(folder.glob("*.json"))] if folder.is_dir() else []

    def _robots_path(self, url: str) -> Path:
        return self.root / "robots" / (file_name(url) + ".json")

    def _path(self, host: str, suffix: str) -> Path:
        return self.root / (file_name(host) + suffix)


def _read_all(fd: int) -> bytes:
    """The whole file behind ``fd``, from its start."""
    chunks = []
    offset = 0
    while chunk := os.pread(fd, 65536, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


class HoldTooLongError(Exception):
    """The host asked to be left alone for longer than the caller may wait."""

    def __init__(self, host: str, seconds: float) -> None:
        super().__init__(f"{host} asked to be left alone for another {seconds:.0f}s; "
                         "not contacted in this run")
        self.host = host
        self.seconds = seconds
