"""Run folders on object storage, for workers and a loader on different machines.

With ``RCWIRE_STAGING_URL`` set (``s3://bucket/prefix``, ``gs://``, ``az://``,
``file:///path``; ``memory://`` for tests), every process still works in its local run
folder (``RCWIRE_DATA_DIR/runs/<run>/``, the contract of ``pipeline.runfolder``,
unchanged), and at each stage boundary the run functions call two things here:
``publish`` the files a step wrote to ``<staging_url>/<run>/``, and ``pull`` the files
earlier steps published (the loader reads them the same way as a worker does). With the
setting empty both are no-ops: the local folder, or a shared filesystem mounted at the
same path everywhere, is the only copy.

Publishing is the object-store form of the local folder's write-temp-then-rename:

1. every file is uploaded whole (one PUT, or a multipart upload, which an object store
   shows only once complete: never half an object);
2. then one marker, ``_published/<step>.json``, lists each file's size, SHA-256 and
   modification time.

A reader trusts only what markers list: files of a step that died before its marker are
invisible; where two markers list one file the marker the store stamped last wins; a
listed file whose bytes no longer match its marker (re-uploaded meanwhile by a retried
step) stops the reader with an error naming it, never a silently mixed batch. A pull
also mirrors ``feeds/`` and ``decided/``: a local file there that no marker lists is
removed, so one machine's leftovers never join another machine's batch (a run with no
marker at all, started before the setting was, keeps its local folder).

What does not travel: the ``hosts/`` flock files (``*.lock``, ``*.slot<i>``). Per-host
politeness is exact between processes of one machine; across machines it holds within a
task (a host group keeps one host in one task); the loader merges the host state every
task published, the last published winning for a host two tasks touched.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pipeline.errors import RunError

if TYPE_CHECKING:
    from obstore.store import ClientConfig, ObjectStore, RetryConfig

    from pipeline.settings import Settings

MARKERS = "_published"
# Sub-folders a pull mirrors exactly (what the loader reads as a whole batch).
MIRRORED = ("feeds/", "decided/")
# URL schemes the object-store library serves (``obstore.store.from_url``).
SCHEMES = ("s3", "s3a", "gs", "az", "abfs", "abfss", "file", "memory")
# Requests in flight at once per publish or pull: object stores reward parallel requests.
_PARALLEL = 16


class StagingError(RunError):
    """The staging store cannot be reached, or holds a file that its marker disowns."""


@dataclass(frozen=True)
class Entry:
    """One published file, as its marker lists it."""

    path: str     # relative to the run folder, with "/" separators
    size: int
    sha256: str
    mtime: float  # the writer's modification time, restored on pull


def enabled(settings: Settings) -> bool:
    """Whether run folders are published to an object store."""
    return bool(settings.staging_url)


def shown_url(url: str) -> str:
    """The URL as logs and messages may show it (any user:password part cut out)."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return f"{parts.scheme}://{host}{parts.path}" if parts.scheme else url


def check_url(url: str) -> None:
    """A URL the store library serves, naming no credentials.

    Raises:
        StagingError: with the one line to show.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise StagingError(
            f"RCWIRE_STAGING_URL={shown_url(url)}: unsupported scheme {scheme or '(none)'!r}; "
            f"use one of {', '.join(s + '://' for s in SCHEMES)} or leave it empty")
    if "@" in parts.netloc:
        raise StagingError(
            f"RCWIRE_STAGING_URL={shown_url(url)}: credentials in the URL are refused "
            "(they would be logged); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead")
    if scheme not in ("file", "memory") and not parts.netloc:
        raise StagingError(f"RCWIRE_STAGING_URL={shown_url(url)}: no bucket named; "
                           f"write it as {scheme}://bucket/prefix")


def probe(url: str, endpoint: str = "") -> None:
    """Write and delete one small object, with short time limits: the start-up check.

    Raises:
        StagingError: the URL is malformed or the store refuses or does not answer.
    """
    import obstore

    check_url(url)
    store = _open(url, endpoint, _QUICK_RETRY, "5s")
    key = f"{MARKERS}/.write-check-{socket.gethostname()}-{os.getpid()}"
    try:
        obstore.put(store, key, b"")
        obstore.delete(store, key)
    except Exception as exc:  # the library's errors share no base class with OSError's
        raise StagingError(
            f"RCWIRE_STAGING_URL={shown_url(url)}: cannot write there ({_why(exc)}); "
            "check the bucket, RCWIRE_STAGING_ENDPOINT and the AWS_* credentials") from None


def publish(settings: Settings, folder: Path, step: str, files: Iterable[str],
            changed_under: tuple[str, ...] = ()) -> int:
    """Upload files of a run folder whole, then the step's marker listing them.

    Args:
        settings: ``staging_url`` (a no-op when empty) and ``staging_endpoint``.
        folder: the local run folder.
        step: the marker's name (``plan``, ``group-3``, ``decided``, ``summary``).
        files: paths relative to ``folder`` the step covers; those it did not write
            are listed as ``gone``.
        changed_under: sub-folders (``hosts/``) whose files go too where they differ
            from what is published already.

    Returns:
        The number of files the marker lists.
    """
    if not enabled(settings):
        return 0
    store = _store(settings.staging_url, settings.staging_endpoint)
    run = folder.name
    named = set(files)
    wanted = sorted(f for f in named if (folder / f).is_file())
    # A file the step names but did not write (a feed with no new article has no Parquet)
    # is listed as gone, so an earlier marker's copy of it leaves the batch.
    gone = sorted(named - set(wanted))
    if changed_under:
        known = _call(settings, _published, store, run, None) or {}
        wanted += [rel for rel in _local_files(folder, changed_under)
                   if rel not in named and not _same(folder / rel, known.get(rel))]
    blobs = {rel: (folder / rel).read_bytes() for rel in wanted}
    entries = {rel: Entry(rel, len(blob), hashlib.sha256(blob).hexdigest(),
                          (folder / rel).stat().st_mtime) for rel, blob in blobs.items()}
    _call(settings, asyncio.run, _put_all(store, [(f"{run}/{rel}", b) for rel, b in blobs.items()]))
    marker = {"step": step, "host": socket.gethostname(), "written_at": time.time(),
              "files": [asdict(e) for e in entries.values()], "gone": gone}
    _call(settings, _put, store, f"{run}/{MARKERS}/{step}.json",
          json.dumps(marker, indent=1).encode("utf-8"))
    return len(entries)


def pull(settings: Settings, folder: Path, wanted: Callable[[str], bool],
         steps: Iterable[str] | None = None) -> int:
    """Bring the published files ``wanted`` picks into the local run folder.

    Args:
        settings: ``staging_url`` (a no-op when empty) and ``staging_endpoint``.
        folder: the local run folder (created if missing).
        wanted: picks relative paths (``under(...)`` builds one).
        steps: read only these steps' markers (default: all).

    Returns:
        The number of files downloaded (those already local and equal are kept).

    Raises:
        StagingError: a listed file's bytes differ from its marker, or the store fails.
    """
    if not enabled(settings):
        return 0
    store = _store(settings.staging_url, settings.staging_endpoint)
    published = _call(settings, _published, store, folder.name, steps)
    if published is None:
        # Nothing of this run was ever published (it started before the setting was):
        # the local folder is all there is, and is left as it is.
        return 0
    listed = {rel: e for rel, e in published.items() if wanted(rel)}
    todo = [e for e in listed.values() if not _same(folder / e.path, e)]
    blobs = _call(settings, asyncio.run,
                  _get_all(store, [f"{folder.name}/{e.path}" for e in todo]))
    for entry, blob in zip(todo, blobs, strict=True):
        if hashlib.sha256(blob).hexdigest() != entry.sha256:
            raise StagingError(
                f"staged {folder.name}/{entry.path} in {shown_url(settings.staging_url)} "
                "changed after its marker was written (a retried step still running?); "
                "run the step that reads it again")
        _write(folder / entry.path, blob, entry.mtime)
    for rel in _local_files(folder, MIRRORED):
        if wanted(rel) and rel not in listed:
            (folder / rel).unlink()  # never published: not part of the batch
    return len(todo)


def under(*prefixes: str) -> Callable[[str], bool]:
    """A ``wanted`` for ``pull``: paths equal to or under any of ``prefixes``."""
    return lambda rel: any(rel == p or rel.startswith(p) for p in prefixes)


def prune(settings: Settings, cutoff: datetime) -> list[str]:
    """Delete published runs whose newest object is older than ``cutoff``; their names."""
    import obstore

    if not enabled(settings):
        return []
    store = _store(settings.staging_url, settings.staging_endpoint)
    removed = []
    for prefix in obstore.list_with_delimiter(store)["common_prefixes"]:
        run = prefix.rstrip("/")
        if run == MARKERS:
            continue
        objects = obstore.list(store, prefix=f"{run}/").collect()
        if objects and max(o["last_modified"] for o in objects) < cutoff:
            obstore.delete(store, [o["path"] for o in objects])
            removed.append(run)
    return removed


# --- internals ----------------------------------------------------------------------

# The start-up probe must fail in seconds, not after the library's three minutes of retries.
_QUICK_RETRY: RetryConfig = {"max_retries": 1, "retry_timeout": timedelta(seconds=5),
                             "backoff": {"init_backoff": timedelta(milliseconds=200),
                                         "max_backoff": timedelta(seconds=1), "base": 2.0}}
_RUN_RETRY: RetryConfig = {"max_retries": 5, "retry_timeout": timedelta(seconds=120)}


@cache
def _store(url: str, endpoint: str) -> ObjectStore:
    """One store per URL and process (``memory://`` is then shared within the process)."""
    return _open(url, endpoint, _RUN_RETRY, "30s")


def _open(url: str, endpoint: str, retry: RetryConfig, connect: str) -> ObjectStore:
    from obstore.store import from_url

    check_url(url)
    scheme = urlsplit(url).scheme.lower()
    if urlsplit(url).path.strip("/"):
        url = url.rstrip("/")  # "s3://b/runs/" and "s3://b/runs" name the same prefix
    if scheme in ("file", "memory"):
        return from_url(url, mkdir=True) if scheme == "file" else from_url(url)
    endpoint = endpoint or os.environ.get("AWS_ENDPOINT_URL", "")
    options: ClientConfig = {"connect_timeout": connect, "timeout": "300s",
                             "allow_http": endpoint.startswith("http://")}
    extra: dict[str, Any] = {"endpoint": endpoint} if endpoint and scheme in ("s3", "s3a") \
        else {}
    return from_url(url, client_options=options, retry_config=retry, **extra)


def _published(store: ObjectStore, run: str, steps: Iterable[str] | None,
               ) -> dict[str, Entry] | None:
    """Relative path -> entry of every file the run's markers list (the later marker
    wins); None when the run has no marker at all."""
    import obstore

    names = None if steps is None else {f"{run}/{MARKERS}/{s}.json" for s in steps}
    markers = [m for m in obstore.list(store, prefix=f"{run}/{MARKERS}/").collect()
               if m["path"].endswith(".json")]
    if not markers:
        return None
    markers = [m for m in markers if names is None or m["path"] in names]
    blobs = asyncio.run(_get_all(store, [m["path"] for m in markers]))
    parsed = [(m["last_modified"], json.loads(blob)) for m, blob in zip(markers, blobs,
                                                                         strict=True)]
    # In the order the store stamped them; S3 stamps whole seconds, so within one second
    # the writers' clocks decide (a wrong guess there is caught by the SHA-256 check).
    parsed.sort(key=lambda item: (item[0], item[1].get("written_at", 0.0)))
    union: dict[str, Entry] = {}
    for _, marker in parsed:
        for raw in marker["files"]:
            union[raw["path"]] = Entry(**raw)
        for rel in marker.get("gone", []):
            union.pop(rel, None)
    return union


def _local_files(folder: Path, prefixes: Iterable[str]) -> list[str]:
    """Relative paths of the files under ``prefixes`` that can travel (no temporary
    files, no flock files)."""
    found = []
    for prefix in prefixes:
        root = folder / prefix
        for path in sorted(root.rglob("*")) if root.is_dir() else []:
            if path.is_file() and not path.name.startswith(".") and \
                    path.suffix in (".json", ".parquet"):
                found.append(path.relative_to(folder).as_posix())
    return found


def _write(path: Path, blob: bytes, mtime: float) -> None:
    """Replace ``path`` whole (temporary name, then rename), dated ``mtime``. No fsync:
    a pulled copy lost to a crash is pulled again (its SHA-256 no longer matches), and
    thousands of fsyncs were most of a pull's time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(blob)
    os.utime(tmp, (mtime, mtime))
    tmp.replace(path)


def _same(path: Path, entry: Entry | None) -> bool:
    """Whether the local file holds exactly the bytes ``entry`` lists."""
    if entry is None or not path.is_file() or path.stat().st_size != entry.size:
        return False
    return hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256


async def _put_all(store: ObjectStore, items: list[tuple[str, bytes]]) -> None:
    import obstore

    gate = asyncio.Semaphore(_PARALLEL)

    async def one(key: str, blob: bytes) -> None:
        async with gate:
            await obstore.put_async(store, key, blob)
    await asyncio.gather(*(one(k, b) for k, b in items))


async def _get_all(store: ObjectStore, keys: list[str]) -> list[bytes]:
    import obstore

    gate = asyncio.Semaphore(_PARALLEL)

    async def one(key: str) -> bytes:
        async with gate:
            result = await obstore.get_async(store, key)
            return bytes(await result.bytes_async())
    return list(await asyncio.gather(*(one(k) for k in keys)))


def _put(store: ObjectStore, key: str, blob: bytes) -> None:
    import obstore

    obstore.put(store, key, blob)


def _call(settings: Settings, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)``, a failure of the store as one ``StagingError`` line."""
    try:
        return fn(*args)
    except StagingError:
        raise
    except Exception as exc:
        for arg in args:  # a coroutine that never ran must not warn at exit
            if asyncio.iscoroutine(arg):
                arg.close()
        raise StagingError(f"staging store {shown_url(settings.staging_url)}: "
                           f"{_first_line(exc)}") from exc


def _why(exc: BaseException) -> str:
    """What a failed probe means, in words (the library's text is one long HTTP trace)."""
    from obstore.exceptions import (
        NotFoundError,
        PermissionDeniedError,
        UnauthenticatedError,
    )

    if isinstance(exc, FileNotFoundError | NotFoundError):
        return "no such bucket: the store answered 404 Not Found"
    if isinstance(exc, PermissionDeniedError | UnauthenticatedError | PermissionError):
        return f"access denied: {_first_line(exc)}"
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().split("\n", 1)[0] or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."
