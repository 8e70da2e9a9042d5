"""End-to-end throughput, CPU cost, incremental runs and memory, measured side by side.

Run: ``.venv/bin/python benchmarks/throughput.py [--hosts 50 --pages 100] [--json]``
(about 10 minutes on 2 cores with the defaults: 5,000 pages).

1. Throughput: ``rcwire run`` against ``benchmarks/bigsite.py`` (``hosts`` sites on
   loopback ports, 20-200 KB pages, 100-300 ms per response) versus the loop a user
   would write (feedparser + requests + trafilatura, sequential) on a subset of the same
   sites, with the same politeness per host (at most 2 requests in flight per host for
   rcwire; the loop never has more than one). Both count landed articles per second;
   rcwire's landed row count is checked against the pages served.
2. CPU cost per article of the whole pipeline (extract + clean + dedupe + validate +
   load, every process) as a ratio to trafilatura's extraction alone on the same pages.
3. Incremental: a second run with nothing new on ``--feeds`` feeds (all 304), timed as a
   whole command, start-up included.
4. Memory: peak RSS of the run (largest process) for two batch sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import feedparser
import requests
import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bigsite import page_html  # noqa: E402

RCWIRE = [sys.executable, "-m", "pipeline"]


class Site:
    """``bigsite.py`` in its own process."""

    def __init__(self, hosts: int, pages: int, port: int, latency: tuple[float, float]):
        self.hosts, self.pages, self.port = hosts, pages, port
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "bigsite.py"), "--hosts", str(hosts),
             "--pages", str(pages), "--port", str(port), "--latency", *map(str, latency)],
            stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.proc.stdout.readline()  # "serving ..." once every socket listens

    def sources(self, path: Path, hosts: int | None = None) -> Path:
        lines = ["sources:"] + [
            f"  - name: site-{i}\n    url: http://127.0.0.1:{self.port + i}/feed.xml"
            for i in range(hosts or self.hosts)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()


def rcwire_run(sources: Path, workdir: Path, extra_env: dict[str, str]) -> dict[str, Any]:
    """One ``rcwire run`` as a user runs it; wall time, CPU and peak RSS of its processes."""
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "false",
           "RCWIRE_DB": str(workdir / "rcwire.duckdb"), "RCWIRE_DATA_DIR": str(workdir),
           "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1", "RCWIRE_HOST_DELAY": "0",
           "RCWIRE_PER_HOST_CONNECTIONS": "2", "RCWIRE_FEED_WORKERS": "32",
           "RCWIRE_MAX_ENTRIES_PER_FEED": "1000", **extra_env}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run([*RCWIRE, "run", "--sources", str(sources), "--json"], env=env,
                         capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = json.loads(out.stdout)
    with duckdb.connect(str(workdir / "rcwire.duckdb"), read_only=True) as con:
        rows = con.execute("select count(*) from articles").fetchall()[0][0]
    return {"wall_s": wall, "rows": rows, "counts": summary["counts"],
            "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "peak_rss_mb": after.ru_maxrss / 1024}


def naive_loop(site: Site, hosts: int) -> dict[str, float]:
    """feedparser + requests + trafilatura, one request at a time."""
    started, cpu0, landed = time.perf_counter(), time.process_time(), 0
    session = requests.Session()
    for i in range(hosts):
        feed = feedparser.parse(
            session.get(f"http://127.0.0.1:{site.port + i}/feed.xml", timeout=30).content)
        for entry in feed.entries:
            html = session.get(entry.link, timeout=30).text
            if trafilatura.extract(html, include_comments=False):
                landed += 1
    wall = time.perf_counter() - started
    return {"wall_s": wall, "articles": landed, "articles_per_s": landed / wall,
            "cpu_s": time.process_time() - cpu0}


def trafilatura_cpu(sites: int, pages: int) -> float:
    """CPU seconds per page of trafilatura.extract alone on the bigsite pages."""
    docs = [page_html(s, p).decode("utf-8") for s in range(sites) for p in range(pages)]
    cpu0 = time.process_time()
    for doc in docs:
        trafilatura.extract(doc, include_comments=False)
    return (time.process_time() - cpu0) / len(docs)


def main() -> None:
    """Run every measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--naive-hosts", type=int, default=3)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count()}
    site = Site(args.hosts, args.pages, 9100, (0.1, 0.3))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            run = rcwire_run(site.sources(work / "s.yaml"), work, {})
            run["articles_per_s"] = run["rows"] / run["wall_s"]
            run["expected_rows"] = args.hosts * args.pages
            report["rcwire"] = run
        report["naive"] = naive_loop(site, args.naive_hosts)
    finally:
        site.stop()
    report["speedup"] = report["rcwire"]["articles_per_s"] / report["naive"]["articles_per_s"]
    per_article = report["rcwire"]["cpu_s"] / max(1, report["rcwire"]["rows"])
    floor = trafilatura_cpu(4, 50)
    report["cpu"] = {"rcwire_cpu_s_per_article": per_article,
                     "trafilatura_cpu_s_per_page": floor, "ratio": per_article / floor}
    report["incremental"] = incremental(args.feeds)
    print(json.dumps(report, indent=1))


def incremental(feeds: int) -> dict[str, Any]:
    """A run with nothing new on ``feeds`` feeds, after a first run that filled the DB."""
    site = Site(feeds, 1, 12000, (0.01, 0.03))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            sources = site.sources(work / "s.yaml")
            first = rcwire_run(sources, work, {})
            second = rcwire_run(sources, work, {})
    finally:
        site.stop()
    return {"feeds": feeds, "first_run_s": first["wall_s"], "first_rows": first["rows"],
            "first_peak_rss_mb": first["peak_rss_mb"],
            "all_304_run_s": second["wall_s"], "all_304_counts": second["counts"]}


if __name__ == "__main__":
    main()
