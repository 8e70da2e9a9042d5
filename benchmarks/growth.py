"""History growth: a run's time, the DuckDB file and peak memory as history grows to 1M.

Run: ``.venv/bin/python benchmarks/growth.py [--sizes 10000,100000,1000000] [--batch 1000]
[--extra-batches 500,2000] [--json F]``; ``--quick`` is a one-minute smoke run. The default
run takes about 20 minutes on 2 cores, most of it filling history (timed apart).

Fill: synthetic stored articles, 1,500 a day back in time, through the loader's own SQL
(``benchmarks/history.py`` says what each holds).

Measured: at each size one batch goes through the real stages in a child process: plan,
the workers' staging, decide (dedupe and GX row checks timed apart) and load (the one
transaction, then the post-load checks; story assignment, inside it, timed apart); GX
start-up is reported apart. A tenth of each batch are planted copies of stored articles,
found by url, guid, hash and near (a quarter each): the landed row count and every copy's
method and target are checked, or the benchmark fails. Peak RSS is the child's VmHWM,
reset before each phase. At every size two more batches (``--extra-batches``) split each
phase into per-article and per-run time and show what the peak follows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["GX_ANALYTICS_ENABLED"] = "false"

from history import POOL, fill  # noqa: E402
from synthetic import (  # noqa: E402
    SOURCES,
    body,
    draw,
    signed,
    synthetic,
    vocabulary,
)

from pipeline.records import Article  # noqa: E402
from pipeline.runfolder import articles_table  # noqa: E402
from pipeline.store import db  # noqa: E402
from pipeline.store.snapshot import publish, read_copy_path  # noqa: E402

SCRATCH = Path("/tmp/growth")
BATCH_BASE = 10**9  # article numbers of new batches, far from history's
METHODS = ("url", "guid", "hash", "near")


# --- one measured batch ------------------------------------------------------------------

def edited(rnd: random.Random, paragraphs: list[str]) -> list[str]:
    """A re-edited copy: a new first paragraph and 2% of the words changed."""
    out = []
    for para in paragraphs:
        words = para.split(" ")
        for k, word in zip(rnd.sample(range(len(words)), max(1, len(words) // 50)),
                           draw(rnd, len(words)), strict=False):
            words[k] = word
        out.append(" ".join(words))
    return body(rnd, 45) + out


def make_batch(path: Path, step: int, size: int, history: int,
               ) -> tuple[pa.Table, dict[str, tuple[str, str]]]:
    """``size`` new articles, a tenth of them copies of filled-in ones (numbers below
    ``history``); and the planted copies as {url: (method, stored article_id)}."""
    rnd = random.Random(step)
    now = datetime.now(UTC)
    base = BATCH_BASE + step * 10**6
    picks = rnd.sample(range(history), max(len(METHODS), size // 10))
    guids = pa.table({"guid": [f"urn:outlet{i % SOURCES:02d}:{i}" for i in picks]})
    with duckdb.connect(str(path), read_only=True) as con:
        con.register("picked", guids)
        stored = {g: (a, u, t) for g, a, u, t in con.execute(
            "select guid, article_id, url, text from articles join picked using (guid)",
        ).fetchall()}
    arts, planted = [], {}
    for j, i in enumerate(picks):
        method, guid, s = METHODS[j % 4], f"urn:outlet{i % SOURCES:02d}:{i}", i % SOURCES
        stored_id, url, text = stored[guid]
        paras = text.split("\n\n")
        if method == "url":  # the stored URL again, with a new text
            art = synthetic(base + j, now, source=s, url=url)
        elif method == "guid":  # the same feed item under a changed URL
            art = synthetic(base + j, now, edited(rnd, paras), source=s, guid=guid)
        else:  # syndicated: the same text, or an edited one, at another source
            art = synthetic(base + j, now, paras if method == "hash" else edited(rnd, paras),
                            source=(s + 1) % SOURCES)
        planted[art.url] = (method, stored_id)
        arts.append(art)
    arts += [synthetic(base + len(picks) + j, now) for j in range(size - len(picks))]
    # Signed as the extraction workers sign them.
    return articles_table([signed(a) for a in arts]), planted


def child(spec_file: Path) -> None:
    """The measured process: plan, stage, decide and load one batch; prints JSON."""
    from pipeline.quality.validate import validate_rows
    from pipeline.records import FeedResult, FeedStatus, Outcome, OutcomeKind
    from pipeline.run import decide as decide_mod
    from pipeline.run import local as run_mod
    from pipeline.runfolder import write_feed_output
    from pipeline.settings import Settings
    from pipeline.store import load as load_mod

    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    # The planned feeds are never fetched: a User-Agent with a contact lets plan pass.
    settings = Settings(db=Path(spec["db"]), data_dir=Path(spec["data"]),
                        sources=Path(spec["sources"]), user_agent="rcwire-growth (no fetches)")
    table = pq.read_table(spec["batch"])
    out: dict[str, Any] = {"memory_limit": settings.duckdb_memory_limit}
    started = time.perf_counter()
    validate_rows(table.slice(0, 1), settings)  # GX start-up: once per process
    out["gx_start_s"] = time.perf_counter() - started
    for module, name, key in ((decide_mod, "find_duplicates", "dedupe_s"),
                              (decide_mod, "validate_rows", "validate_s"),
                              (run_mod, "load", "load_tx_s"), (run_mod, "check_run", "checks_s"),
                              (load_mod, "assign_stories", "stories_s")):
        setattr(module, name, timed(getattr(module, name), key, out))
    out["rss_base_mb"] = memory("VmRSS")
    folder = Path()

    def plan() -> None:
        nonlocal folder
        folder = run_mod.plan(settings, spec["run_id"])

    def stage() -> None:
        by_feed: dict[str, list[Article]] = {}
        for row in table.to_pylist():
            row["removed"] = tuple((r["kind"], r["text"]) for r in row["removed"])
            row["body_hashes"] = tuple(row["body_hashes"])
            by_feed.setdefault(row["feed_url"], []).append(Article(**row))
        for feed_url, arts in by_feed.items():
            result = FeedResult(arts[0].source, feed_url, FeedStatus.OK, datetime.now(UTC), 200,
                                entries=len(arts), new_entries=len(arts))
            write_feed_output(folder, result, [
                Outcome(a.url, a.source, a.feed_url, a.entry_key, OutcomeKind.LOADED,
                        article_id=a.article_id) for a in arts], arts)

    phases: dict[str, Callable[[], Any]] = {
        "plan": plan, "stage": stage,
        "decide": lambda: run_mod.decide_run(folder, settings),
        "load": lambda: out.setdefault("summary", run_mod.load_run(folder, settings))}
    for phase, work in phases.items():
        Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM)
        started = time.perf_counter()
        work()
        out[f"{phase}_s"] = time.perf_counter() - started
        out[f"rss_{phase}_mb"] = memory("VmHWM")
    out["folder"] = str(folder)
    print(json.dumps(out, default=str))


def timed(fn: Callable[..., Any], key: str, into: dict[str, Any]) -> Callable[..., Any]:
    """``fn`` adding its seconds to ``into[key]``."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            into[key] = into.get(key, 0.0) + time.perf_counter() - started
            # CPU seconds of the whole process (DuckDB's threads included): on a shared
            # machine the wall time also counts waiting for a core.
            cpu_key = key.removesuffix("_s") + "_cpu_s"
            into[cpu_key] = into.get(cpu_key, 0.0) + time.process_time() - cpu
    return wrapper


def memory(field: str) -> float:
    """A ``/proc/self/status`` memory figure in MB."""
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    return int(status.split(f"{field}:")[1].split()[0]) / 1024


def run_batch(path: Path, step: int, size: int, history: int) -> dict[str, Any]:
    """One batch in a child process; checks what landed and how the copies were caught."""
    with duckdb.connect(str(path), read_only=True) as con:
        before = con.execute("select count(*) from articles").fetchall()[0][0]
    table, planted = make_batch(path, step, size, history)
    run_id = f"growth-{step:02d}-{size}"
    spec = SCRATCH / f"{run_id}.json"
    pq.write_table(table, spec.with_suffix(".parquet"))
    spec.write_text(json.dumps({
        "db": str(path), "data": str(SCRATCH / "data"), "sources": str(SCRATCH / "sources.yaml"),
        "batch": str(spec.with_suffix(".parquet")), "run_id": run_id}), encoding="utf-8")
    done = subprocess.run([sys.executable, __file__, "--child", str(spec)], cwd=ROOT,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "GX_ANALYTICS_ENABLED": "false"})
    if done.returncode != 0:
        raise SystemExit(f"batch {run_id} failed:\n{done.stderr[-4000:]}")
    got = json.loads(done.stdout.strip().splitlines()[-1])
    expected = size - len(planted)
    with duckdb.connect(str(path), read_only=True) as con:
        landed, after = con.execute(
            "select count(*) filter (where run_id = $r), count(*) from articles",
            {"r": run_id}).fetchall()[0]
    caught = {d["url"]: (d["method"], d["duplicate_of"]) for d in pq.read_table(
        Path(got["folder"]) / "decided" / "duplicates.parquet").to_pylist()}
    problems = []
    if landed != expected or after - before != expected:
        problems.append(f"landed {landed} (table grew {after - before}), expected {expected}")
    if got["summary"]["counts"] != {"duplicate": len(planted), "loaded": expected}:
        problems.append(f"outcomes {got['summary']['counts']}")
    if caught != planted:
        problems.append(f"duplicates differ: missed {sorted(set(planted) - set(caught))[:5]}, "
                        f"extra {sorted(set(caught) - set(planted))[:5]}, wrong " + str(
                            [(u, caught[u], p) for u, p in planted.items()
                             if u in caught and caught[u] != p][:5]))
    if problems:
        raise SystemExit(f"batch {run_id} at {before} stored: " + "; ".join(problems))
    with db.opened(path) as con:
        con.execute("checkpoint")
    file_bytes = path.stat().st_size
    per = 1000 / size
    return {
        "stored_before": before, "batch": size, "landed": landed,
        "duplicates_by_method": got["summary"]["duplicates_by_method"],
        **{k: round(got[k], 3) for k in ("gx_start_s", "plan_s", "stage_s", "decide_s",
                                          "dedupe_s", "validate_s", "load_s", "load_tx_s",
                                          "checks_s", "stories_s")},
        "decide_ms_per_article": round(got["decide_s"] * per, 3),
        "dedupe_ms_per_article": round(got["dedupe_s"] * per, 3),
        "load_ms_per_article": round(got["load_s"] * per, 3),
        "stories_ms_per_article": round(got["stories_s"] * per, 3),
        "stories_cpu_ms_per_article": round(got["stories_cpu_s"] * per, 3),
        "file_mb": round(file_bytes / 2**20, 1), "bytes_per_article": round(file_bytes / after),
        "rss_base_mb": round(got["rss_base_mb"]),
        **{f"rss_{p}_mb": round(got[f"rss_{p}_mb"]) for p in ("plan", "stage", "decide", "load")},
        "rss_peak_mb": round(max(got[f"rss_{p}_mb"] for p in ("plan", "stage", "decide", "load"))),
        "duckdb_memory_limit": got["memory_limit"],
    }


def slope(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    """A phase's seconds as per-article (the slope between two batch sizes at the same
    history) and per-run (what is left of the small batch)."""
    out: dict[str, Any] = {"stored": small["stored_before"]}
    for phase in ("decide_s", "dedupe_s", "load_s", "stories_s"):
        per = (large[phase] - small[phase]) / (large["batch"] - small["batch"])
        out[phase[:-2] + "_ms_per_article"] = round(per * 1000, 3)
        out[phase[:-2] + "_s_per_run"] = round(small[phase] - per * small["batch"], 3)
    return out


COLUMNS = (("stored_before", "stored", 9), ("batch", "batch", 5), ("plan_s", "plan s", 6),
           ("decide_s", "decide s", 8), ("dedupe_s", "dedupe s", 8), ("load_s", "load s", 6),
           ("decide_ms_per_article", "dec ms/a", 8), ("dedupe_ms_per_article", "ded ms/a", 8),
           ("load_ms_per_article", "load ms/a", 9), ("stories_ms_per_article", "story ms/a", 10),
           ("stories_cpu_ms_per_article", "story CPU", 9),
           ("file_mb", "file MB", 8),
           ("bytes_per_article", "B/article", 9), ("rss_base_mb", "RSS base", 8),
           ("rss_decide_mb", "RSS dec", 7), ("rss_load_mb", "RSS load", 8))


def use_scratch(folder: Path) -> None:
    """Work in ``folder`` (two benchmarks on one machine must not share a database)."""
    global SCRATCH
    SCRATCH = folder


def table_text(rows: list[dict[str, Any]]) -> str:
    """The figures as a fixed-width table."""
    lines = [" ".join(f"{title:>{w}}" for _, title, w in COLUMNS)]
    lines += [" ".join(f"{row[key]:>{w}}" for key, _, w in COLUMNS) for row in rows]
    return "\n".join(lines)


def main() -> None:
    """Grow the history step by step and measure a batch at each size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--extra-batches", default="500,2000",
                        help="two more batch sizes at each history size: their difference "
                        "splits a phase's time into per article and per run")
    parser.add_argument("--quick", action="store_true", help="sizes 2000,10000, batch 200")
    parser.add_argument("--json", type=Path, help="figures file (default: benchmarks/results/"
                        "growth.json, none for --quick)")
    parser.add_argument("--scratch", type=Path, default=SCRATCH,
                        help="folder for the database and batches (default /tmp/growth)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    sizes = [2000, 10000] if args.quick else [int(s) for s in args.sizes.split(",")]
    batch = 200 if args.quick else args.batch
    extra = [100, 400] if args.quick else [int(s) for s in args.extra_batches.split(",") if s]
    began = time.perf_counter()
    use_scratch(args.scratch)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    path = SCRATCH / "growth.duckdb"
    for old in (path, path.with_suffix(".duckdb.wal"), read_copy_path(path)):
        old.unlink(missing_ok=True)
    shutil.rmtree(SCRATCH / "data", ignore_errors=True)  # an earlier run's run folders
    (SCRATCH / "sources.yaml").write_text("sources:\n" + "".join(
        f"  - name: outlet{s:02d}\n    url: https://www.outlet{s:02d}.example/rss\n"
        for s in range(SOURCES)), encoding="utf-8")
    with Pool(2) as workers:
        vocabulary()
        with db.opened(path) as con:
            db.migrate(con)
        rows: list[dict[str, Any]] = []
        fills: list[dict[str, Any]] = []
        slopes: list[dict[str, Any]] = []
        have = 0
        for size in sizes:
            started = time.perf_counter()
            text_bytes = fill(path, workers, have, size, 5000 if args.quick else POOL)
            with db.opened(path) as con:  # decide reads the read copy: loads publish it
                publish(con, path, read_copy_path(path))
            fills.append({"from": have, "to": size, "fill_s": round(time.perf_counter() - started,
                                                                     1),
                          "text_bytes_per_article": round(text_bytes)})
            print(f"filled {have} -> {size} in {fills[-1]['fill_s']} s", flush=True)
            have = size
            at_size = []
            for n in (batch, *extra):
                at_size.append(run_batch(path, len(rows), n, have))
                rows.append(at_size[-1])
                print(table_text(rows[-1:]), flush=True)
            if len(extra) == 2:
                slopes.append(slope(*at_size[1:]))
    main_rows = [r for r in rows if r["batch"] == batch]
    report = {
        "date": datetime.now(UTC).date().isoformat(), "cores": os.cpu_count(),
        "sizes": sizes, "batch": batch, "extra_batches": extra, "fills": fills, "runs": rows,
        "per_article_ratio_largest_to_smallest": {
            k: round(main_rows[-1][k] / main_rows[0][k], 2)
            for k in ("decide_ms_per_article", "dedupe_ms_per_article", "load_ms_per_article",
                      "stories_ms_per_article")},
        "per_article_and_per_run": slopes,
        "total_s": round(time.perf_counter() - began, 1),
    }
    print(table_text(rows))
    print(json.dumps({k: report[k] for k in ("fills", "per_article_ratio_largest_to_smallest",
                                             "per_article_and_per_run", "total_s")}))
    out = args.json or (None if args.quick else ROOT / "benchmarks" / "results" / "growth.json")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
