"""Publishing the analysts' read copy: seconds and disk as the database grows.

Run: ``.venv/bin/python benchmarks/read_copy.py [--sizes 20000,50000] [--raw-gb 4.2]
[--json F]``. History is filled with growth.py's synthetic articles (real text, signatures,
outcomes), then the loader's ``publish`` runs three times at each size; the median is
reported with the file's size. ``--raw-gb`` also times the same copy of a file of that
many GB of incompressible bytes: the size of the 1M-article database measured in
docs/performance (growth.py), without filling a million articles first.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ["GX_ANALYTICS_ENABLED"] = "false"

from growth import SCRATCH  # noqa: E402
from history import POOL, fill  # noqa: E402
from synthetic import vocabulary  # noqa: E402

from pipeline.store import db  # noqa: E402
from pipeline.store.snapshot import _copy, publish  # noqa: E402

REPEATS = 3


def at_sizes(sizes: list[int]) -> list[dict[str, float]]:
    """Fill history size by size; publish the read copy three times at each."""
    path = SCRATCH / "read-copy.duckdb"
    copy = SCRATCH / "read-copy.read.duckdb"
    for old in (path, copy, path.with_suffix(".duckdb.wal")):
        old.unlink(missing_ok=True)
    rows = []
    with Pool(2) as workers:
        vocabulary()
        with db.opened(path) as con:
            db.migrate(con)
        have = 0
        for size in sizes:
            fill(path, workers, have, size, POOL)
            have = size
            with db.opened(path) as con:
                times = [publish(con, path, copy).seconds for _ in range(REPEATS)]
            rows.append({"articles": size, "db_mb": round(path.stat().st_size / 1e6, 1),
                         "copy_mb": round(copy.stat().st_size / 1e6, 1),
                         "publish_s": round(statistics.median(times), 2)})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def raw_copy(gigabytes: float) -> dict[str, float]:
    """Time ``_copy`` (the publish copy) of a file of random bytes."""
    src, dst = SCRATCH / "raw.bin", SCRATCH / "raw.copy"
    block = os.urandom(64 << 20)
    with src.open("wb") as out:
        for _ in range(int(gigabytes * 1e9) // len(block)):
            out.write(block)
    times = []
    for _ in range(REPEATS):
        start = time.monotonic()
        cloned = _copy(src, dst)
        times.append(time.monotonic() - start)
    row = {"file_gb": round(src.stat().st_size / 1e9, 2), "cloned": cloned,
           "copy_s": round(statistics.median(times), 2)}
    src.unlink()
    dst.unlink()
    print(json.dumps(row), flush=True)
    return row


def main() -> None:
    """Measure and print (and optionally save) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,50000")
    parser.add_argument("--raw-gb", type=float, default=4.2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    report = {"cores": os.cpu_count(),
              "sizes": at_sizes([int(s) for s in args.sizes.split(",") if s]),
              "raw": raw_copy(args.raw_gb) if args.raw_gb else None}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
