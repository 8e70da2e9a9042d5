"""The read copy: a consistent snapshot of the last completed load, for analysts.

DuckDB lets one process write a file, and a read-only connection from another process
locks it against that writer: an analyst's notebook left open would stall every run.
So the writer publishes a copy after each load (``rcwire.read.duckdb`` beside
``rcwire.duckdb``): it checkpoints, copies the file to a temporary name while it still
holds the write lock (nothing can change it mid-copy), and renames the copy over the
previous one. A reader's open connection keeps the file it opened (POSIX keeps a renamed
file alive for whoever holds it), so it goes on answering from the snapshot it started
with; a new connection sees the latest load. ``rcwire sql``, ``report``, ``export``,
``quarantine`` and ``dq report`` read the copy.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    from pipeline.settings import Settings

log = logging.getLogger(__name__)

# Linux's FICLONE ioctl: a copy-on-write clone where the file system supports it (btrfs,
# XFS with reflink), which makes publishing instant and shares the disk blocks.
_FICLONE = 0x40049409


@dataclass(frozen=True)
class Published:
    """One publication of the read copy."""

    path: Path
    seconds: float
    bytes: int
    cloned: bool


def read_copy_path(db_path: Path, configured: Path | None = None) -> Path:
    """Where the read copy of ``db_path`` lives (``<stem>.read<suffix>`` beside it)."""
    if configured is not None:
        return configured
    return db_path.with_name(f"{db_path.stem}.read{db_path.suffix or '.duckdb'}")


def reader_path(settings: Settings) -> Path:
    """The file readers open: the read copy once published, else (or with
    ``RCWIRE_READ_COPY`` off) the database itself."""
    copy = read_copy_path(settings.db, settings.read_db)
    return copy if settings.read_copy and copy.exists() else settings.db


def publish(con: duckdb.DuckDBPyConnection, db_path: Path, dest: Path) -> Published:
    """Publish ``db_path`` to ``dest`` atomically; call as the writer, between transactions.

    Args:
        con: the open writer connection (its lock keeps other writers out while copying).
        db_path: the database file ``con`` has open.
        dest: the read copy to replace.

    Returns:
        How long it took and how large the copy is.
    """
    start = time.monotonic()
    con.execute("checkpoint")  # every committed change in the main file, the WAL empty
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        cloned = _copy(db_path, tmp)
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)
    _sync_dir(dest.parent)
    done = Published(dest, time.monotonic() - start, dest.stat().st_size, cloned)
    log.info("published read copy %s (%.1f MB) in %.2f s%s", dest, done.bytes / 1e6,
             done.seconds, " (clone)" if cloned else "")
    return done


def _copy(src: Path, dst: Path) -> bool:
    """Copy ``src`` to ``dst`` durably; True when the file system cloned it."""
    with src.open("rb") as fin, dst.open("wb") as fout:
        try:
            fcntl.ioctl(fout.fileno(), _FICLONE, fin.fileno())
            cloned = True
        except OSError:
            _kernel_copy(fin.fileno(), fout.fileno())
            cloned = False
        os.fsync(fout.fileno())
    return cloned


def _kernel_copy(fin: int, fout: int) -> None:
    """Copy in the kernel (no trip through Python's buffers), else in 16 MB chunks."""
    left = os.fstat(fin).st_size
    try:
        while left > 0:
            done = os.copy_file_range(fin, fout, min(left, 1 << 30))
            if done == 0:
                break
            left -= done
    except OSError:
        os.lseek(fin, 0, os.SEEK_SET)
        os.lseek(fout, 0, os.SEEK_SET)
        os.ftruncate(fout, 0)
        while chunk := os.read(fin, 16 << 20):
            view = memoryview(chunk)
            while view:
                view = view[os.write(fout, view):]


def _sync_dir(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
