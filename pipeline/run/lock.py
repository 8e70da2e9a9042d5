"""One run at a time per database: a later run waits for the earlier one to finish.

DuckDB's own lock only covers a connection, and a run opens several (plan, decide, load)
with minutes of fetching between them. Two runs planned side by side would both fetch
every page; the loader records each verdict once either way (``store/overlap.py``), but
waiting here means the later run plans after the earlier one loaded and fetches only what
is still new. The lock is ``flock`` on ``<db>.run-lock``: the kernel drops it when the
holder exits, however it exits, so a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import RunError

log = logging.getLogger("rcwire")

_POLL = 0.25


def lock_path(db_path: Path) -> Path:
    """The lock file of a database."""
    return db_path.with_name(f"{db_path.name}.run-lock")


@contextmanager
def run_lock(db_path: Path, run_id: str, wait: float) -> Iterator[None]:
    """Hold the database's run lock, waiting up to ``wait`` seconds for another run.

    Args:
        db_path: the DuckDB file the run writes.
        run_id: recorded in the lock file so a waiting run can say whom it waits for.
        wait: seconds to wait before giving up.

    Raises:
        RunError: another run still held the lock after ``wait`` seconds.
    """
    path = lock_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise RunError(f"run lock {path}: cannot create it ({exc.strerror}); make "
                       f"{path.parent} writable or point RCWIRE_DB elsewhere") from None
    try:
        _acquire(fd, path, wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"run_id": run_id, "pid": os.getpid(),
                                  "since": datetime.now(UTC).isoformat()}).encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the flock


def _acquire(fd: int, path: Path, wait: float) -> None:
    give_up = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = _holder(fd)
            if time.monotonic() >= give_up:
                raise RunError(f"another run ({holder}) still holds {path} after {wait:.0f} s; "
                               "try again when it has finished, or raise "
                               "RCWIRE_RUN_WAIT") from None
            if not told:
                log.warning("waiting for run %s to finish (lock %s)", holder, path)
                told = True
            time.sleep(_POLL)


def _holder(fd: int) -> str:
    try:
        raw = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"{raw.get('run_id', '?')}, process {raw.get('pid', '?')}, since {raw.get('since')}"
    except (OSError, ValueError):
        return "unknown"
