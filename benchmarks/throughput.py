"""Throughput with the default settings and with the fast ones, side by side with the
naive loop, politeness counted by the server; and (``--extras``) CPU, incremental runs
and memory.

Run: ``uv sync --group bench`` once (newspaper4k, py-spy), then
``.venv/bin/python benchmarks/throughput.py [--sites 10x30 50x100] [--json PATH]``.

1. Throughput: for each site shape (hosts x pages, ``benchmarks/bigsite.py``: real-page
   templates of 20-200 KB, every answer after ``--latency`` seconds, one host per
   loopback port), in one process and on one site: ``rcwire run`` with the default
   settings, the sequential loop a user would write instead (feedparser + requests +
   trafilatura, on ``--naive-hosts`` hosts, all of them by default) and ``rcwire run``
   with the documented fast settings (``FAST``). Each run starts from an empty
   database. Figures: articles landed per second, speed-up over the naive loop, and per
   host, as counted by the server: requests, requests per second (between its first
   start and last end) and the most requests in flight at once. Every page must land:
   rows are checked against pages served.
2. ``--fixed``: what a run pays before its first request and after its last answer
   (the server's clock against the command's), on an all-304 run of ``--feeds`` feeds and
   on a 10-article run, default settings, whole command timed.
3. ``--extras`` (about 15 minutes): CPU per article of extract + clean + dedupe +
   validate + load against trafilatura's extraction alone, an all-304 run of
   ``--feeds`` feeds, and peak memory of two batch sizes.
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
from collections import Counter
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
    """``bigsite.py`` in its own process, on free loopback ports."""

    def __init__(self, hosts: int, pages: int, latency: tuple[float, float]):
        self.hosts, self.pages = hosts, pages
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "bigsite.py"), "--hosts", str(hosts),
             "--pages", str(pages), "--port", "0", "--latency", *map(str, latency)],
            stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        # "serving ... ports [p0, p1, ...]" once every socket listens
        self.ports = json.loads(self.proc.stdout.readline().split("ports", 1)[1])

    def feed(self, host: int) -> str:
        return f"http://127.0.0.1:{self.ports[host]}/feed.xml"

    def sources(self, path: Path, hosts: int | None = None) -> Path:
        lines = ["sources:"] + [f"  - name: site-{i}\n    url: {self.feed(i)}"
                                for i in range(hosts or self.hosts)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def stats(self) -> list[dict[str, float]]:
        """Each host's server-side counts since the last call (and start afresh)."""
        return [requests.get(f"http://127.0.0.1:{p}/_stats", timeout=30).json()
                for p in self.ports]

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()


def rcwire_run(sources: Path, workdir: Path, extra_env: dict[str, str] | None = None,
               ) -> dict[str, Any]:
    """One ``rcwire run`` as a user runs it; wall time, CPU and peak RSS of its processes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCWIRE_")}
    env.update({"GX_ANALYTICS_ENABLED": "false",
                "RCWIRE_DB": str(workdir / "rcwire.duckdb"), "RCWIRE_DATA_DIR": str(workdir),
                "RCWIRE_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
                "RCWIRE_MAX_ENTRIES_PER_FEED": "1000", **(extra_env or {})})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, started_epoch = time.perf_counter(), time.time()
    out = subprocess.run([sys.executable, "-c", PEAK, *RCWIRE, "run", "--sources",
                          str(sources), "--json"], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    ended_epoch = time.time()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"rcwire run failed ({out.returncode}): {out.stderr[-2000:]}")
    summary = json.loads(out.stdout)
    peak_kib = int(out.stderr.strip().splitlines()[-1])
    with duckdb.connect(str(workdir / "rcwire.duckdb"), read_only=True) as con:
        rows = con.execute("select count(*) from articles").fetchall()[0][0]
    return {"wall_s": wall, "started": started_epoch, "ended": ended_epoch,
            "rows": rows, "counts": summary["counts"],
            "failures": dict(Counter(f"{p['outcome']}:{p['reason']}"
                                     for p in summary.get("page_failures", []))),
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


# The documented fast settings (docs/performance.md): no delay floor, no adaptive delay,
# four connections per host. For hosts you own or that allow it; not for news sites.
FAST = {"RCWIRE_HOST_DELAY": "0", "RCWIRE_HOST_DELAY_FACTOR": "0",
        "RCWIRE_PER_HOST_CONNECTIONS": "4"}


def politeness(stats: list[dict[str, float]]) -> dict[str, float]:
    """Server-side figures over hosts: the most in flight to one host at once, and the
    rate each host saw between its first request's start and its last one's end."""
    rates = sorted(s["requests"] / max(1e-9, s["last_end"] - s["first_start"])
                   for s in stats if s["requests"])
    return {"hosts": len(rates), "requests": sum(s["requests"] for s in stats),
            "max_in_flight_per_host": max((s["max_in_flight"] for s in stats), default=0),
            "requests_per_host_per_s_median": rates[len(rates) // 2] if rates else 0.0,
            "requests_per_host_per_s_max": rates[-1] if rates else 0.0}


def fixed_costs(run: dict[str, Any], stats: list[dict[str, float]]) -> dict[str, float]:
    """What the run paid before the server saw its first request and after it answered
    the last one (start-up, imports, plan; decide, GX, load, checkpoint)."""
    first = min((s["first_start"] for s in stats if s["requests"]), default=run["ended"])
    last = max((s["last_end"] for s in stats if s["requests"]), default=run["ended"])
    return {"before_first_request_s": first - run["started"],
            "after_last_response_s": run["ended"] - last}


def one_rcwire(site: Site, label: str, env: dict[str, str],
               workdir: Path | None = None) -> dict[str, Any]:
    """One ``rcwire run`` over every host of ``site`` (from an empty database unless
    ``workdir`` holds one)."""
    site.stats()  # start the server's counts afresh
    with tempfile.TemporaryDirectory() as tmp:
        work = workdir or Path(tmp)
        run = rcwire_run(site.sources(work / "s.yaml"), work, env)
    stats = site.stats()
    run.update(fixed_costs(run, stats))
    run["settings"] = label
    run["articles_per_s"] = run["rows"] / run["wall_s"]
    run["expected_rows"] = site.hosts * site.pages
    run["rows_check"] = "ok" if run["rows"] == run["expected_rows"] and \
        run["counts"] == {"loaded": run["expected_rows"]} else "MISMATCH"
    run["server"] = politeness(stats)
    return run


def compare(hosts: int, pages: int, latency: float, naive_hosts: int | None,
            ) -> dict[str, Any]:
    """Default settings, the naive loop and the fast settings on one site, in turn."""
    site = Site(hosts, pages, (latency, latency))
    naive_on = min(hosts, naive_hosts or hosts)
    try:
        default = one_rcwire(site, "default", {})
        site.stats()
        naive = naive_loop(site, naive_on)
        naive["hosts"] = naive_on
        naive["rows_check"] = "ok" if naive["articles"] == naive_on * pages else "MISMATCH"
        naive["server"] = politeness(site.stats()[:naive_on])
        fast = one_rcwire(site, "fast (FAST)", FAST)
    finally:
        site.stop()
    rate = naive["articles_per_s"]
    return {"hosts": hosts, "pages_per_host": pages, "latency_s": latency,
            "default": default, "naive": naive, "fast": fast,
            "speedup_default_vs_naive": default["articles_per_s"] / rate,
            "speedup_fast_vs_naive": fast["articles_per_s"] / rate}


def throughput(args: argparse.Namespace) -> dict[str, Any]:
    """The extras' big run (fast settings) with newspaper4k and the CPU floor beside it."""
    report: dict[str, Any] = {}
    site = Site(args.extras_hosts, args.extras_pages, (0.1, 0.3))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            run = rcwire_run(site.sources(Path(tmp) / "s.yaml"), Path(tmp), FAST)
        run["articles_per_s"] = run["rows"] / run["wall_s"]
        run["expected_rows"] = site.hosts * site.pages
        run["rows_check"] = "ok" if run["rows"] == run["expected_rows"] else "MISMATCH"
        report["rcwire"] = run
        report["naive"] = naive_loop(site, 3)
        report["newspaper4k"] = newspaper_run(site, 3)
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
    site = Site(hosts, pages // hosts, (0.1, 0.3))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            run = rcwire_run(site.sources(Path(tmp) / "s.yaml"), Path(tmp), FAST)
    finally:
        site.stop()
    return {"pages": pages, "rows": run["rows"], "peak_rss_mb": run["peak_rss_mb"],
            "wall_s": run["wall_s"], "timings": run["timings"],
            "rows_check": "ok" if run["rows"] == hosts * (pages // hosts) else "MISMATCH"}


def incremental(feeds: int) -> dict[str, Any]:
    """A run with nothing new on ``feeds`` feeds, after a first run that filled the DB."""
    site = Site(feeds, 1, (0.01, 0.03))
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


def small_runs(feeds: int, articles: int) -> dict[str, Any]:
    """Fixed costs, default settings: a first run of ``feeds`` feeds (one new article
    each) then the all-304 run over them; and a run of ``articles`` new articles (one
    feed per host) into an empty database. Wall time of the whole command each."""
    report: dict[str, Any] = {}
    site = Site(feeds, 1, (0.01, 0.03))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            first = one_rcwire(site, "default", {}, Path(tmp))
            second = one_rcwire(site, "default", {}, Path(tmp))
    finally:
        site.stop()
    ok = first["rows"] == second["rows"] == feeds and not second["counts"]
    report["all_304"] = {"feeds": feeds, "rows_check": "ok" if ok else "MISMATCH",
                         "first_run_s": first["wall_s"], "first_rows": first["rows"],
                         "first_counts": first["counts"], "first_failures": first["failures"],
                         **_costs(second)}
    site = Site(articles, 1, (0.15, 0.15))
    try:
        small = one_rcwire(site, "default", {})
    finally:
        site.stop()
    report["small_run"] = {"articles": articles, "rows_check": small["rows_check"],
                           **_costs(small)}
    return report


def _costs(run: dict[str, Any]) -> dict[str, Any]:
    keep = ("wall_s", "before_first_request_s", "after_last_response_s", "counts",
            "timings", "cpu_s", "peak_rss_mb", "server")
    return {k: run[k] for k in keep if k in run}


def extras(args: argparse.Namespace) -> dict[str, Any]:
    """CPU per article, the all-304 run and memory (the slow part)."""
    report = throughput(args)
    small = small_batch(args.small_batch)
    report["memory"] = {"batch_pages": args.extras_hosts * args.extras_pages,
                        "peak_rss_mb": report["rcwire"]["peak_rss_mb"], "small_batch": small}
    report["cpu"] = cpu_report(report["rcwire"], small, report.pop("side_by_side"))
    report["incremental"] = incremental(args.feeds)
    return report


def _checks(report: dict[str, Any]) -> list[str]:
    found = []
    for value in report.values():
        if isinstance(value, dict):
            found += _checks(value)
    return found + ([report["rows_check"]] if "rows_check" in report else [])


def main() -> None:
    """Run the measurements asked for and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sites", nargs="*", default=["10x30", "50x100"],
                        help="site shapes HOSTSxPAGES to compare on")
    parser.add_argument("--latency", type=float, default=0.15,
                        help="seconds every answer of the compared sites takes")
    parser.add_argument("--naive-hosts", type=int, default=None,
                        help="hosts the naive loop fetches (default: all)")
    parser.add_argument("--fixed", action="store_true",
                        help="also the all-304 run of --feeds feeds and a 10-article run")
    parser.add_argument("--extras", action="store_true", help="also CPU, 304 run, memory")
    parser.add_argument("--extras-hosts", type=int, default=50)
    parser.add_argument("--extras-pages", type=int, default=100)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--floor-pages", type=int, default=300,
                        help="pages trafilatura extracts for the CPU floor")
    parser.add_argument("--small-batch", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    report: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(),
                              "load_average_at_start": os.getloadavg()[0], "fast": FAST,
                              "compare": []}
    try:
        for shape in args.sites:
            hosts, pages = (int(n) for n in shape.split("x"))
            report["compare"].append(compare(hosts, pages, args.latency, args.naive_hosts))
        if args.fixed:
            report["fixed_costs"] = small_runs(args.feeds, 10)
        if args.extras:
            report["extras"] = extras(args)
    finally:  # what was measured is shown even when a later step fails
        report["load_average_at_end"] = os.getloadavg()[0]
        text = json.dumps(report, indent=1)
        print(text)
        if args.json:
            args.json.write_text(text + "\n", encoding="utf-8")
    if "MISMATCH" in _checks(report):
        raise SystemExit("a run did not land the rows it should have: see rows_check above")


if __name__ == "__main__":
    main()
