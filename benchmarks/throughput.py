"""End-to-end throughput, CPU cost, incremental runs and memory, measured side by side.

Run: ``uv sync --group bench`` once (newspaper4k, py-spy), then
``.venv/bin/python benchmarks/throughput.py [--hosts 50 --pages 100] [--json PATH]``
(about 15 minutes on 2 cores with the defaults: 5,000 pages).

1. Throughput: ``rcwire run`` against ``benchmarks/bigsite.py`` (``hosts`` sites on
   loopback ports, real-page templates of 47-180 KB, 100-300 ms per response) versus
   what a user would write instead, on a subset of the same sites: the sequential loop
   (feedparser + requests + trafilatura) and newspaper4k's own threaded fetcher
   (``newspaper.mthreading.fetch_news``, two threads per host: it has no per-host limit
   of its own). rcwire keeps at most 2 requests in flight per host. Every figure is
   articles landed per second; rcwire's landed row count is checked against the pages
   served.
2. CPU per article of extract + clean + dedupe + validate + load as a ratio to
   trafilatura's extraction alone on a sample of the same pages. Extraction is measured
   side by side in one process (both on the same pages, one after the other); dedupe,
   validate and load per article are the slope of the runs' own phase timings between
   the big run and a small one (their per-run cost is reported apart). The in-run
   extraction CPU (both cores busy, pages pickled to the workers) and the whole run's CPU
   (fetching, start-up, GX imports included) are reported too.
3. Incremental: a second run with nothing new on ``--feeds`` feeds (all 304), timed as a
   whole command, start-up included.
4. Memory: peak RSS of the largest process of runs of two batch sizes.
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
from datetime import UTC, datetime
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
# Runs a command and prints the peak RSS (KiB) of its largest process, itself or any
# process it started, so each run's memory is measured on its own.
PEAK = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(code)")


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

    def feed(self, host: int) -> str:
        return f"http://127.0.0.1:{self.port + host}/feed.xml"

    def sources(self, path: Path, hosts: int | None = None) -> Path:
        lines = ["sources:"] + [f"  - name: site-{i}\n    url: {self.feed(i)}"
                                for i in range(hosts or self.hosts)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()


def rcwire_run(sources: Path, workdir: Path, extra_env: dict[str, str] | None = None,
               ) -> dict[str, Any]:
    """One ``rcwire run`` as a user runs it; wall time, CPU and peak RSS of its processes."""
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "false",
           "RCWIRE_DB": str(workdir / "rcwire.duckdb"), "RCWIRE_DATA_DIR": str(workdir),
           "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1", "RCWIRE_HOST_DELAY": "0",
           "RCWIRE_PER_HOST_CONNECTIONS": "2", "RCWIRE_FEED_WORKERS": "64",
           "RCWIRE_MAX_ENTRIES_PER_FEED": "1000", **(extra_env or {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK, *RCWIRE, "run", "--sources",
                          str(sources), "--json"], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"rcwire run failed ({out.returncode}): {out.stderr[-2000:]}")
    summary = json.loads(out.stdout)
    peak_kib = int(out.stderr.strip().splitlines()[-1])
    with duckdb.connect(str(workdir / "rcwire.duckdb"), read_only=True) as con:
        rows = con.execute("select count(*) from articles").fetchall()[0][0]
    return {"wall_s": wall, "rows": rows, "counts": summary["counts"],
            "timings": summary.get("timings", {}),
            "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "peak_rss_mb": peak_kib / 1024}


def naive_loop(site: Site, hosts: int) -> dict[str, float]:
    """feedparser + requests + trafilatura, one request at a time."""
    started, cpu0, landed = time.perf_counter(), time.process_time(), 0
    session = requests.Session()
    for i in range(hosts):
        feed = feedparser.parse(session.get(site.feed(i), timeout=30).content)
        for entry in feed.entries:
            html = session.get(entry.link, timeout=30).text
            if trafilatura.extract(html, include_comments=False):
                landed += 1
    return _rate(landed, time.perf_counter() - started, time.process_time() - cpu0)


def newspaper_run(site: Site, hosts: int) -> dict[str, float] | None:
    """newspaper4k's threaded download + parse of the feeds' links (None if not installed)."""
    try:
        from newspaper import Article
        from newspaper.mthreading import fetch_news
    except ImportError:
        return None
    started, cpu0 = time.perf_counter(), time.process_time()
    urls = [e.link for i in range(hosts)
            for e in feedparser.parse(requests.get(site.feed(i), timeout=30).content).entries]
    # Without images: newspaper would otherwise download every image of every page to
    # pick a "top image" (and here they point at hosts this machine cannot reach).
    articles = fetch_news([Article(u, fetch_images=False) for u in urls], threads=2 * hosts)
    landed = sum(1 for a in articles if (getattr(a, "text", "") or "").strip())
    return _rate(landed, time.perf_counter() - started, time.process_time() - cpu0)


def _rate(landed: int, wall: float, cpu: float) -> dict[str, float]:
    return {"wall_s": wall, "articles": landed, "articles_per_s": landed / wall, "cpu_s": cpu}


def side_by_side(site: Site, sample: int) -> dict[str, float]:
    """CPU seconds per page of trafilatura.extract alone and of rcwire's per-page work
    (extract, clean, theme score, signature), on the same pages, one after the other in
    this process: same machine state, no pipes, no other load."""
    from pipeline.extract.article import extract_and_score
    from pipeline.records import FeedEntry, Page

    step = max(1, site.hosts * site.pages // sample)
    numbers = range(0, site.hosts * site.pages, step)
    docs = [page_html(n // site.pages, n % site.pages).decode("utf-8") for n in numbers]
    pages = [Page(FeedEntry("s", "http://h/feed", f"http://h/a/{n}", f"k{n}"),
                  f"http://h/a/{n}", 200, "text/html", doc, datetime.now(UTC))
             for n, doc in zip(numbers, docs, strict=True)]
    trafilatura.extract(docs[0])  # imports and first-use set-up are not per page
    extract_and_score(pages[0])
    cpu0 = time.process_time()
    for doc in docs:
        trafilatura.extract(doc, include_comments=False)
    floor = (time.process_time() - cpu0) / len(docs)
    cpu0 = time.process_time()
    for page in pages:
        extract_and_score(page)
    ours = (time.process_time() - cpu0) / len(pages)
    return {"pages": len(pages), "trafilatura_s": floor, "rcwire_s": ours}


def cpu_report(run: dict[str, Any], small: dict[str, Any], pair: dict[str, float],
               ) -> dict[str, float]:
    """Per-article CPU of the pipeline's stages against trafilatura's extraction alone.

    Decide and load carry a cost per run (GX import and context, suites, checkpoint) and
    one per article: the per-article part is the slope between the big run and the small
    one, the per-run part what is left of the small run.
    """
    t, ts = run["timings"], small["timings"]
    rows = max(1, run["rows"])
    floor = pair["trafilatura_s"]

    def after(timings: dict[str, Any]) -> float:  # dedupe, validate, load
        return float(timings["decide"]["cpu_s"] + timings["load"]["cpu_s"])

    slope = (after(t) - after(ts)) / max(1, run["rows"] - small["rows"])
    in_run = t["fetch"]["extract_cpu_s"] / rows
    return {
        "sample_pages": pair["pages"],
        "trafilatura_ms_per_page": floor * 1000,
        "extract_ms_per_page_side_by_side": pair["rcwire_s"] * 1000,
        "extract_ratio_side_by_side": pair["rcwire_s"] / floor,
        "extract_ms_per_article_in_run": in_run * 1000,
        "decide_ms_per_article_amortized": t["decide"]["cpu_s"] / rows * 1000,
        "load_ms_per_article_amortized": t["load"]["cpu_s"] / rows * 1000,
        "decide_load_ms_per_article": slope * 1000,
        "decide_load_cpu_s_per_run": after(ts) - slope * small["rows"],
        "stages_ratio_side_by_side": (pair["rcwire_s"] + slope) / floor,
        "stages_ratio_amortized": (pair["rcwire_s"] + after(t) / rows) / floor,
        "stages_ratio_in_run": (in_run + slope) / floor,
        "whole_run_ms_per_article": run["cpu_s"] / rows * 1000,
        "whole_run_ratio": run["cpu_s"] / rows / floor,
    }


def throughput(args: argparse.Namespace) -> dict[str, Any]:
    """Measurements 1 and 2, and the big run's memory."""
    report: dict[str, Any] = {}
    site = Site(args.hosts, args.pages, 9100, (0.1, 0.3))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            run = rcwire_run(site.sources(Path(tmp) / "s.yaml"), Path(tmp))
        run["articles_per_s"] = run["rows"] / run["wall_s"]
        run["expected_rows"] = args.hosts * args.pages
        run["rows_check"] = "ok" if run["rows"] == run["expected_rows"] else "MISMATCH"
        report["rcwire"] = run
        report["naive"] = naive_loop(site, args.naive_hosts)
        report["newspaper4k"] = newspaper_run(site, args.naive_hosts)
        report["side_by_side"] = side_by_side(site, args.floor_pages)
    finally:
        site.stop()
    rate = report["rcwire"]["articles_per_s"]
    report["speedup_vs_naive"] = rate / report["naive"]["articles_per_s"]
    if report["newspaper4k"]:
        report["speedup_vs_newspaper4k"] = rate / report["newspaper4k"]["articles_per_s"]
    return report


def small_batch(pages: int) -> dict[str, Any]:
    """A run of ``pages`` pages: peak RSS for measurement 4, timings for the CPU slope."""
    hosts = max(1, pages // 100)
    site = Site(hosts, pages // hosts, 9700, (0.1, 0.3))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            run = rcwire_run(site.sources(Path(tmp) / "s.yaml"), Path(tmp))
    finally:
        site.stop()
    return {"pages": pages, "rows": run["rows"], "peak_rss_mb": run["peak_rss_mb"],
            "wall_s": run["wall_s"], "timings": run["timings"],
            "rows_check": "ok" if run["rows"] == hosts * (pages // hosts) else "MISMATCH"}


def incremental(feeds: int) -> dict[str, Any]:
    """A run with nothing new on ``feeds`` feeds, after a first run that filled the DB."""
    site = Site(feeds, 1, 12000, (0.01, 0.03))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            sources = site.sources(work / "s.yaml")
            first = rcwire_run(sources, work)
            # Every feed had news in the first run, so every feed is due again at once.
            second = rcwire_run(sources, work)
    finally:
        site.stop()
    ok = first["rows"] == second["rows"] == feeds and not second["counts"]
    return {"feeds": feeds, "rows_check": "ok" if ok else "MISMATCH",
            "first_run_s": first["wall_s"], "first_rows": first["rows"],
            "first_counts": first["counts"], "second_rows": second["rows"],
            "all_304_run_s": second["wall_s"], "all_304_counts": second["counts"],
            "all_304_timings": second["timings"], "all_304_peak_rss_mb": second["peak_rss_mb"]}


def main() -> None:
    """Run every measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--naive-hosts", type=int, default=3)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--floor-pages", type=int, default=300,
                        help="pages trafilatura extracts for the CPU floor")
    parser.add_argument("--small-batch", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    report: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(),
                              "hosts": args.hosts, "pages_per_host": args.pages}
    try:
        report.update(throughput(args))
        small = small_batch(args.small_batch)
        report["memory"] = {"batch_pages": args.hosts * args.pages,
                            "peak_rss_mb": report["rcwire"]["peak_rss_mb"],
                            "small_batch": small}
        report["cpu"] = cpu_report(report["rcwire"], small, report.pop("side_by_side"))
        report["incremental"] = incremental(args.feeds)
    finally:  # what was measured is shown even when a later step fails
        text = json.dumps(report, indent=1)
        print(text)
        if args.json:
            args.json.write_text(text + "\n", encoding="utf-8")
    checks = [report["rcwire"]["rows_check"], report["memory"]["small_batch"]["rows_check"],
              report["incremental"]["rows_check"]]
    if "MISMATCH" in checks:
        raise SystemExit("a run did not land the rows it should have: see rows_check above")


if __name__ == "__main__":
    main()
