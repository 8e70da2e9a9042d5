"""Run folders on an object store (``pipeline.remote``): what a reader may trust.

Stores here are ``file://`` folders under tmp_path (the library's local store: the same
code path as S3 above the transport) and ``memory://``; ``tests/pipeline/run/
test_staging_s3.py`` runs whole runs against an S3 server.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import obstore
import pytest

from pipeline.checks import ConfigError, check_run_paths
from pipeline.remote import MARKERS, StagingError, probe, prune, publish, pull, under
from pipeline.settings import Settings


def staged(settings: Settings, tmp_path: Path) -> Settings:
    """``settings`` publishing to a ``file://`` store under tmp_path."""
    return settings.model_copy(update={"staging_url": f"file://{tmp_path / 'store'}"})


def folder_with(root: Path, files: dict[str, bytes]) -> Path:
    """A run folder ``run-1`` under ``root`` holding ``files``."""
    folder = root / "run-1"
    for rel, blob in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(blob)
    return folder


def marker(tmp_path: Path, step: str) -> dict[str, object]:
    path = tmp_path / "store" / "run-1" / MARKERS / f"{step}.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_a_published_step_reaches_another_machine_whole(settings: Settings,
                                                        tmp_path: Path) -> None:
    conf = staged(settings, tmp_path)
    worker = folder_with(tmp_path / "worker", {"feeds/a.json": b'{"a": 1}',
                                               "feeds/a.parquet": b"PAR1 bytes"})
    os.utime(worker / "feeds/a.json", (1_700_000_000, 1_700_000_000))
    assert publish(conf, worker, "group-0", ["feeds/a.json", "feeds/a.parquet"]) == 2
    loader = tmp_path / "loader" / "run-1"
    assert pull(conf, loader, under("feeds/")) == 2
    assert (loader / "feeds/a.parquet").read_bytes() == b"PAR1 bytes"
    # The writer's modification time travels (the loader dates a run by its plan's).
    assert (loader / "feeds/a.json").stat().st_mtime == 1_700_000_000
    assert pull(conf, loader, under("feeds/")) == 0  # equal local files are kept


def test_objects_no_marker_lists_are_invisible_and_local_leftovers_go(
        settings: Settings, tmp_path: Path) -> None:
    conf = staged(settings, tmp_path)
    worker = folder_with(tmp_path / "worker", {"feeds/a.json": b"{}"})
    publish(conf, worker, "group-0", ["feeds/a.json"])
    # A step that died after uploading, before its marker: its object is in the store...
    store = obstore.store.from_url(conf.staging_url)
    obstore.put(store, "run-1/feeds/b.json", b"{}")
    # ... and a machine holds a file it staged but never published.
    loader = folder_with(tmp_path / "loader", {"feeds/c.json": b"{}", "plan.json": b"{}"})
    pull(conf, loader, under("feeds/"))
    assert sorted(p.name for p in (loader / "feeds").iterdir()) == ["a.json"]
    assert (loader / "plan.json").exists()  # outside what was pulled: untouched


def test_the_later_marker_wins_and_a_file_it_lists_as_gone_leaves(
        settings: Settings, tmp_path: Path) -> None:
    conf = staged(settings, tmp_path)
    first = folder_with(tmp_path / "m1", {"feeds/a.json": b"v1", "feeds/a.parquet": b"rows"})
    publish(conf, first, "group-0", ["feeds/a.json", "feeds/a.parquet"])
    time.sleep(0.01)
    # A retry on another machine found nothing new: JSON only, no Parquet.
    second = folder_with(tmp_path / "m2", {"feeds/a.json": b"v2"})
    publish(conf, second, "retry", ["feeds/a.json", "feeds/a.parquet"])
    assert marker(tmp_path, "retry")["gone"] == ["feeds/a.parquet"]
    pull(conf, first, under("feeds/"))
    assert (first / "feeds/a.json").read_bytes() == b"v2"
    assert not (first / "feeds/a.parquet").exists()


def test_an_object_changed_after_its_marker_stops_the_reader(settings: Settings,
                                                              tmp_path: Path) -> None:
    conf = staged(settings, tmp_path)
    worker = folder_with(tmp_path / "worker", {"decided/articles.parquet": b"batch one"})
    publish(conf, worker, "decided", ["decided/articles.parquet"])
    store = obstore.store.from_url(conf.staging_url)
    obstore.put(store, "run-1/decided/articles.parquet", b"batch two, half written")
    with pytest.raises(StagingError, match=r"run-1/decided/articles\.parquet .* changed after"):
        pull(conf, tmp_path / "loader" / "run-1", under("decided/"))
    assert not (tmp_path / "loader" / "run-1" / "decided" / "articles.parquet").exists()


def test_host_state_travels_when_changed_and_lock_files_never(settings: Settings,
                                                              tmp_path: Path) -> None:
    conf = staged(settings, tmp_path)
    folder = folder_with(tmp_path / "planner", {"plan.json": b"{}", "hosts/a.json": b"1",
                                                "hosts/b.json": b"1"})
    publish(conf, folder, "plan", ["plan.json"], changed_under=("hosts/",))
    assert {e["path"] for e in marker(tmp_path, "plan")["files"]} == {  # type: ignore[attr-defined]
        "plan.json", "hosts/a.json", "hosts/b.json"}
    (folder / "hosts/a.json").write_bytes(b"2")
    for name in ("a.lock", "a.slot0", ".a.json.123.tmp"):
        (folder / "hosts" / name).write_bytes(b"")
    publish(conf, folder, "group-0", [], changed_under=("hosts/",))
    assert [e["path"] for e in marker(tmp_path, "group-0")["files"]] == [  # type: ignore[attr-defined]
        "hosts/a.json"]


def test_a_run_never_published_keeps_its_local_folder(settings: Settings,
                                                      tmp_path: Path) -> None:
    # A run started before RCWIRE_STAGING_URL was set: its staged feeds stay where they are.
    conf = staged(settings, tmp_path)
    folder = folder_with(tmp_path / "here", {"feeds/a.json": b"{}"})
    assert pull(conf, folder, under("feeds/")) == 0
    assert (folder / "feeds/a.json").exists()


def test_without_a_url_nothing_is_published_or_pulled(settings: Settings,
                                                      tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"feeds/a.json": b"{}"})
    assert publish(settings, folder, "group-0", ["feeds/a.json"]) == 0
    assert pull(settings, folder, under("feeds/")) == 0
    assert (folder / "feeds/a.json").exists()


def test_prune_deletes_runs_older_than_the_cutoff(settings: Settings, tmp_path: Path) -> None:
    conf = settings.model_copy(update={"staging_url": "memory://"})
    publish(conf, folder_with(tmp_path, {"plan.json": b"{}"}), "plan", ["plan.json"])
    now = datetime.now(UTC)
    assert prune(conf, now - timedelta(hours=1)) == []
    assert prune(conf, now + timedelta(seconds=5)) == ["run-1"]
    assert pull(conf, tmp_path / "again" / "run-1", under("plan.json")) == 0


def test_a_writable_store_passes_the_start_up_check(settings: Settings,
                                                    tmp_path: Path) -> None:
    check_run_paths(staged(settings, tmp_path))  # writes and deletes one object
    assert obstore.list(obstore.store.from_url(f"file://{tmp_path / 'store'}")).collect() == []


@pytest.mark.parametrize(("url", "says"), [
    ("ftp://host/x", "unsupported scheme 'ftp'"),
    ("bucket/prefix", "unsupported scheme '(none)'"),
    ("s3://AKIAKEY:s3cr3t@bucket/x", "credentials in the URL are refused"),
    ("s3:///prefix", "no bucket named"),
])
def test_a_bad_url_is_one_line_at_start_up(settings: Settings, url: str, says: str) -> None:
    conf = settings.model_copy(update={"staging_url": url})
    with pytest.raises(ConfigError, match=re.escape(says)) as err:
        check_run_paths(conf)
    assert "\n" not in str(err.value) and "s3cr3t" not in str(err.value)


def test_an_unreachable_store_fails_the_probe_in_seconds() -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    began = time.monotonic()
    with pytest.raises(StagingError, match="cannot write there") as err:
        probe("s3://rcwire-staging/runs", f"http://127.0.0.1:{port}")
    assert time.monotonic() - began < 15
    assert "\n" not in str(err.value) and "RCWIRE_STAGING_ENDPOINT" in str(err.value)


def test_maintenance_prunes_published_runs_with_the_local_ones(settings: Settings,
                                                               tmp_path: Path) -> None:
    from pipeline.run import tasks

    conf = staged(settings, tmp_path).model_copy(update={"retention_days": 14})
    publish(conf, folder_with(tmp_path / "w", {"plan.json": b"{}"}), "plan", ["plan.json"])
    store = obstore.store.from_url(conf.staging_url)
    tasks.maintenance_task(conf, now=datetime.now(UTC) + timedelta(days=13))
    assert obstore.list(store).collect()
    tasks.maintenance_task(conf, now=datetime.now(UTC) + timedelta(days=15))
    assert obstore.list(store).collect() == []
