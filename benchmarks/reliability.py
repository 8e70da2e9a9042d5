"""Reliability figures on the hostile sample site (``tests/support/faultsite.py``).

Run: ``.venv/bin/python benchmarks/reliability.py [--json]``

1. Deadlines: seconds until a fetch of a server that never answers, and of servers that
   drip a byte every 0.3 s (body, or status line and headers), gives up (deadline 2 s).
2. Bombs: peak RSS of a process that fetches a 1 GiB gzip bomb (as Content-Encoding and as
   a raw .gz), measured with ``resource.getrusage`` in a fresh interpreter.
3. A whole run against the sample site plus eight hostile feeds and a feed of eight hostile
   pages: wall time, outcomes, and the reason recorded for every hostile feed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
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

from pipeline.fetch.http import FetchError, fetch, make_client  # noqa: E402
from pipeline.run.local import run_once  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from tests.conftest import sample_sources  # noqa: E402
from tests.pipeline.test_reliability import MEASURE  # noqa: E402
from tests.pipeline.test_reliability_run import BAD_PAGES, hostile_feeds  # noqa: E402
from tests.support.faultsite import FaultSite  # noqa: E402

LOOPBACK = [ipaddress.ip_network("127.0.0.1/32")]


def deadlines(site: FaultSite) -> dict[str, float]:
    settings = Settings(allow_private_hosts=LOOPBACK, deadline=2.0, read_timeout=10.0)

    async def one(route: str) -> float:
        started = time.monotonic()
        async with make_client(settings) as client:
            with contextlib.suppress(FetchError):
                await fetch(client, f"{site.base_url}/_fault/{route}", settings)
        return round(time.monotonic() - started, 2)
    return {r: asyncio.run(one(r)) for r in ("hang", "drip?every=0.3",
                                             "drip?every=0.3&head=1")}


def bombs(site: FaultSite) -> dict[str, dict[str, Any]]:
    env = {**os.environ, "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1", "RCWIRE_DEADLINE": "30"}
    out = {}
    for route in ("bomb", "bomb.gz"):
        done = subprocess.run([sys.executable, "-c", MEASURE, f"{site.base_url}/_fault/{route}"],
                              capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        out[route] = json.loads(done.stdout)
    return out


def hostile_run(site: FaultSite, tmp: Path) -> dict[str, Any]:
    from urllib.parse import quote

    settings = Settings(db=tmp / "rcwire.duckdb", data_dir=tmp / "data",
                        allow_private_hosts=LOOPBACK, deadline=1.5, host_delay=0.0,
                        extract_timeout=6.0)
    links = "&".join("link=" + quote(site.base_url + p, safe="") for p in BAD_PAGES)
    feeds = hostile_feeds(site)
    sources = sample_sources(site, tmp / "sources.yaml", extra=[
        *((name, path) for name, (path, _) in feeds.items()),
        ("bad-pages", f"/_fault/feed.xml?{links}")])
    started = time.monotonic()
    summary = run_once(settings, sources)
    return {"seconds": round(time.monotonic() - started, 1), "counts": summary["counts"],
            "feeds": {f["source"]: f["error"] or f["status"] for f in summary["feeds"]},
            "pages": {p["url"].split("/_fault/")[-1]: p["reason"]
                      for p in summary["page_failures"]}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with FaultSite() as site, tempfile.TemporaryDirectory() as tmp:
        figures = {"deadline_seconds": deadlines(site), "bomb_peak_rss": bombs(site),
                   "hostile_run": hostile_run(site, Path(tmp))}
    if args.json:
        print(json.dumps(figures, indent=1, ensure_ascii=False))
        return
    for route, secs in figures["deadline_seconds"].items():
        print(f"deadline 2 s, {route:24} gave up after {secs:.2f} s")
    for route, got in figures["bomb_peak_rss"].items():
        print(f"1 GiB {route:8} -> {got['outcome']:10} peak RSS {got['peak_mb']:.0f} MB "
              f"(after imports {got['before_mb']:.0f} MB)")
    run = figures["hostile_run"]
    print(f"hostile run: {run['seconds']} s, {run['counts']}")
    for name, what in run["feeds"].items():
        print(f"  feed {name:20} {what[:90]}")
    for page, reason in run["pages"].items():
        print(f"  page {page[:60]:60} {reason}")


if __name__ == "__main__":
    main()
