"""Staging on object storage: the libraries compared, and a run folder's publish and pull.

Run: ``.venv/bin/python benchmarks/staging.py [--feeds N] [--json]``

Against moto's S3 server on 127.0.0.1 (``tests/support/s3.py``):

1. Libraries: import time in a fresh interpreter, then 200 JSON files of 2 KB and 20
   blobs of 200 KB written, listed and read back one call at a time, with obstore (the
   project's) and, when it is installed (it is not a project dependency:
   ``uv pip install s3fs`` into a scratch environment), fsspec + s3fs. ``--libraries``
   runs only this part, so it can run in such an environment without the project.
2. ``pipeline.remote`` on a synthetic run folder of N feeds (JSON 2 KB + Parquet 30 KB
   each, one host group per 10 feeds): publish every group (the fetch tasks), then the
   ``decide`` pull into an empty folder on "another machine".

The server (Python) is most of the time; real S3 adds latency per request, which the
16 requests in flight of ``pipeline.remote`` hide.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.s3 import CREDENTIALS, S3Server, s3_server  # noqa: E402


def import_seconds(module: str) -> float:
    """Seconds ``import module`` takes in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); import {module}; " \
           "print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return float(out.stdout)


def libraries(server: S3Server) -> dict[str, dict[str, float]]:
    """Sequential PUT / list / GET of 220 objects with each library installed."""
    small = [os.urandom(1000).hex().encode() for _ in range(200)]
    big = [os.urandom(200_000) for _ in range(20)]
    blobs = [(f"s/{i}.json", b) for i, b in enumerate(small)] + \
        [(f"b/{i}.parquet", b) for i, b in enumerate(big)]
    found: dict[str, dict[str, float]] = {}
    import obstore
    from obstore.store import from_url

    store = from_url(f"s3://{server.bucket()}", client_options={"allow_http": True},
                     endpoint=server.endpoint)
    found["obstore"] = _time(
        lambda k, b: obstore.put(store, k, b),
        lambda: [o["path"] for o in obstore.list(store).collect()],
        lambda k: bytes(obstore.get(store, k).bytes()), blobs)
    found["obstore"]["import_s"] = import_seconds("obstore")
    if importlib.util.find_spec("s3fs") is not None:
        import s3fs  # type: ignore[import-not-found]

        bucket = server.bucket()
        fs = s3fs.S3FileSystem(endpoint_url=server.endpoint)
        found["fsspec+s3fs"] = _time(
            lambda k, b: fs.pipe_file(f"{bucket}/{k}", b),
            lambda: fs.find(bucket), lambda k: fs.cat_file(k), blobs)
        found["fsspec+s3fs"]["import_s"] = import_seconds("s3fs")
    return found


def _time(put: Any, ls: Any, get: Any, blobs: list[tuple[str, bytes]]) -> dict[str, float]:
    began = time.perf_counter()
    for key, blob in blobs:
        put(key, blob)
    wrote = time.perf_counter()
    keys = ls()
    listed = time.perf_counter()
    for key in keys:
        get(key)
    return {"put_s": round(wrote - began, 2), "list_s": round(listed - wrote, 3),
            "get_s": round(time.perf_counter() - listed, 2), "objects": len(keys)}


def run_folder(server: S3Server, feeds: int) -> dict[str, float]:
    """Publish a synthetic run's feeds group by group, then pull them as ``decide`` does."""
    from pipeline.remote import publish, pull, under
    from pipeline.settings import Settings

    settings = Settings(staging_url=f"s3://{server.bucket()}/runs",
                        staging_endpoint=server.endpoint)
    with tempfile.TemporaryDirectory() as tmp:
        worker = Path(tmp) / "worker" / "run-1"
        (worker / "feeds").mkdir(parents=True)
        for i in range(feeds):
            (worker / f"feeds/f{i}.json").write_bytes(os.urandom(1000).hex().encode())
            (worker / f"feeds/f{i}.parquet").write_bytes(os.urandom(30_000))
        began = time.perf_counter()
        for group in range(0, feeds, 10):
            names = [f"feeds/f{i}.{ext}" for i in range(group, min(feeds, group + 10))
                     for ext in ("json", "parquet")]
            publish(settings, worker, f"group-{group // 10}", names)
        published = time.perf_counter() - began
        began = time.perf_counter()
        pulled = pull(settings, Path(tmp) / "loader" / "run-1", under("feeds/"))
        took = time.perf_counter() - began
    megabytes = feeds * 32_000 / 1e6
    return {"feeds": feeds, "groups": -(-feeds // 10), "megabytes": round(megabytes, 1),
            "publish_s": round(published, 2), "pull_s": round(took, 2), "files": pulled,
            "pull_mb_per_s": round(megabytes / took, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=300)
    parser.add_argument("--libraries", action="store_true", help="Part 1 only.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.update(CREDENTIALS)
    with s3_server() as server:
        result: dict[str, Any] = {"libraries": libraries(server)}
        if not args.libraries:
            result["run_folder"] = run_folder(server, args.feeds)
    if args.json:
        print(json.dumps(result, indent=1))
        return
    for name, row in result["libraries"].items():
        print(f"{name:12} import {row['import_s']:.2f} s  {row['objects']} PUTs "
              f"{row['put_s']:.2f} s  list {row['list_s']:.3f} s  GETs {row['get_s']:.2f} s")
    run = result.get("run_folder")
    if run:
        print(f"run folder: {run['feeds']} feeds in {run['groups']} groups "
              f"({run['megabytes']} MB): "
              f"publish {run['publish_s']} s, pull {run['files']} files {run['pull_s']} s "
              f"({run['pull_mb_per_s']} MB/s)")


if __name__ == "__main__":
    main()
