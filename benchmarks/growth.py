"""History growth: a run's time, the DuckDB file and peak memory as history grows to 1M.

Run: ``.venv/bin/python benchmarks/growth.py [--sizes 10000,100000,1000000] [--batch 1000]
[--rss-batches 500,2000] [--json benchmarks/results/growth.json]``; ``--quick`` is a smoke
run (sizes 2000,10000, batch 200, about a minute). The default run takes about 25 minutes
on 2 cores, most of it filling history (set-up, timed apart).

Fill (set-up): synthetic articles of 400-800 words drawn with the word frequencies of the
labelled corpus (tests/fixtures/corpus), in sentences and paragraphs, across 50 sources at
1,500 articles a day going back in time, are inserted through the loader's own SQL
(insert_articles, insert_removals, learn_boilerplate, insert_signatures, insert_lsh,
insert_outcomes, analyst/insert_entities) in chunks, with real content hashes, paragraph
hashes and MinHash signatures (pipeline/signature.py's hashing, vectorised over a chunk on
2 processes and checked equal to ``signature()`` on samples) and their real LSH band keys.
Left minimal: one ``loaded`` outcome per article (a real feed also re-lists known URLs
every run), one ``runs`` row and 50 ``feed_events`` per 1,000 articles, no dq_results;
entity rows are counted with the real lexicon on every 10th article and repeated for the
9 after it (right row count and spread, not exact counts).

Measured: at each size one batch of new articles goes through the real stages in a child
process: ``run.plan`` (migrate + the history queries), the workers' staging
(``write_feed_output`` per feed), ``run.decide_run`` (dedupe timed apart, and the GX row
checks) and ``run.load_run`` (the one transaction, then the post-load checks). GX start-up
is paid once per process and is reported apart. A tenth of each batch are planted copies
of stored articles, a quarter each found by url, guid, hash and near (edited text under
another source): the landed row count must be the batch less those, and each copy must be
caught by its method against the right stored article, or the benchmark fails. Peak RSS is
the child's VmHWM, reset before each phase. At the largest size extra batches
(``--rss-batches``) show what the peak follows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["GX_ANALYTICS_ENABLED"] = "false"

from pipeline import db  # noqa: E402
from pipeline import signature as sg  # noqa: E402
from pipeline.clean_text import fold  # noqa: E402
from pipeline.entities import entity_rows  # noqa: E402
from pipeline.extract import article_id, content_hash  # noqa: E402
from pipeline.learned import paragraph_hash  # noqa: E402
from pipeline.records import Article  # noqa: E402
from pipeline.stage import ARTICLE_SCHEMA, articles_table  # noqa: E402
from pipeline.urls import url_key  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "syndication" / "items.jsonl"
SCRATCH = Path("/tmp/growth")
SOURCES = 50
PER_DAY = 1500
CHUNK = 10_000
POOL = 100_000  # paragraphs stored texts are drawn from
BATCH_BASE = 10**9  # article numbers of new batches, far from history's
REMOVED = (("newsletter_promo", "Sign up for our morning briefing on Eurasia."),
           ("related_posts", "Read more: the week in Russia-China relations"))
AUTHORS = ("Anna Petrova", "Li Wei", "James Ortega", "Mei Chen", "Ivan Sokolov", None)
METHODS = ("url", "guid", "hash", "near")


# --- synthetic articles -------------------------------------------------------------

@cache
def vocabulary() -> tuple[np.ndarray, np.ndarray, list[str], list[int]]:
    """Words of the labelled corpus and their cumulative counts (as arrays and lists)."""
    counts: dict[str, int] = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        for word in re.findall(r"[A-Za-z]+", json.loads(line)["text"]):
            counts[word] = counts.get(word, 0) + 1
    words = sorted(counts)
    cum = np.cumsum([counts[w] for w in words])
    return np.array(words), cum, words, cum.tolist()


def draw(rnd: random.Random, n: int) -> list[str]:
    """``n`` words with the corpus's frequencies."""
    vocab, cum, words, cum_list = vocabulary()
    if n < 64:  # a generator costs more than a few picks
        return rnd.choices(words, cum_weights=cum_list, k=n)
    picks = np.random.default_rng(rnd.getrandbits(64)).random(n) * cum[-1]
    return list(vocab[np.searchsorted(cum, picks, side="right")].tolist())


def sentences(rnd: random.Random, words: list[str]) -> str:
    """Words as sentences of 8-24 words."""
    out, i = list(words), 0
    while i < len(out):
        out[i] = out[i][:1].upper() + out[i][1:]
        i += rnd.randint(8, 24)
        out[min(i, len(out)) - 1] += "."
    return " ".join(out)


def body(rnd: random.Random, n: int) -> list[str]:
    """``n`` words in paragraphs of 45-110 words (long enough to pass as prose)."""
    words, paras, pos = draw(rnd, n), [], 0
    while pos < n:
        size = rnd.randint(45, 110)
        size = n - pos if n - pos - size < 45 else size
        paras.append(sentences(rnd, words[pos:pos + size]))
        pos += size
    return paras


def synthetic(i: int, fetched: datetime, paragraphs: list[str] | None = None, *,
              source: int | None = None, url: str | None = None, guid: str | None = None,
              folded: list[str] | None = None) -> Article:
    """Article number ``i`` as a worker stages it, not yet signed."""
    rnd = random.Random(i)
    title = sentences(rnd, draw(rnd, rnd.randint(6, 12)))[:-1]
    paras = paragraphs if paragraphs is not None else body(rnd, rnd.randint(400, 800))
    folded = folded or [fold(p) for p in paras]
    s = i % SOURCES if source is None else source
    slug = "-".join(fold(title).split()[:5])
    url = url or f"https://www.outlet{s:02d}.example/{fetched:%Y/%m/%d}/{slug}-{i}"
    text = "\n\n".join(paras)
    return Article(
        article_id=article_id(url), url=url, canonical_url=url, source=f"outlet{s:02d}",
        source_domain=f"www.outlet{s:02d}.example",
        feed_url=f"https://www.outlet{s:02d}.example/rss", entry_key=url_key(url),
        guid=guid or f"urn:outlet{s:02d}:{i}", title=title, author=rnd.choice(AUTHORS),
        published_at=fetched - timedelta(minutes=rnd.randint(5, 360)),
        published_signal="meta", fetched_at=fetched, language="en",
        description=paras[0].split(". ")[0], text=text, word_count=len(text.split()),
        # content_hash(text) without folding the text again (checked on samples)
        content_hash=hashlib.sha256(" ".join(folded).encode("utf-8")).hexdigest(),
        removed=REMOVED, relevance_score=round(rnd.uniform(0.5, 1.0), 3),
        body_hashes=tuple(paragraph_hash(f) for f in folded))


def signed(art: Article, sig: sg.Signature | None = None) -> Article:
    """The article with its signature (made by ``signature()`` unless given)."""
    sig = sig or sg.signature(art.text)
    return replace(art, minhash=sig.to_bytes(), shingles=sig.shingles)


def shingles(tokens: list[str]) -> set[str]:
    """The 4-word shingles of ``signature()`` (of a text of 4 words or more)."""
    return {" ".join(tokens[k:k + sg.SHINGLE]) for k in range(len(tokens) - sg.SHINGLE + 1)}


def gram_hashes(grams: set[str]) -> np.ndarray:
    """The hashes ``signature()`` gives shingles."""
    digests = b"".join([hashlib.sha1(g.encode("utf-8")).digest()[:4] for g in grams])
    return np.frombuffer(digests, dtype="<u4").astype(np.uint64)


def min_hash(hashes: np.ndarray) -> np.ndarray:
    """``signature()``'s MinHash values of a set of shingle hashes (mod 2**61-1 by shifts)."""
    a, b = sg._permutations()
    x = hashes.reshape(-1, 1) * a
    x += b
    x = (x & sg._PRIME) + (x >> np.uint64(61))
    x[x >= sg._PRIME] -= sg._PRIME
    return (x & sg._MAX32).min(axis=0).astype(np.uint32)


@cache
def paragraph_pool(size: int) -> tuple[list[str], list[str], list[np.ndarray], np.ndarray]:
    """Paragraphs history texts are made of: text, folded text, shingle hashes, MinHash."""
    rnd = random.Random(-1)
    texts = [sentences(rnd, draw(rnd, rnd.randint(45, 110))) for _ in range(size)]
    folded = [fold(t) for t in texts]
    hashes = [gram_hashes(shingles(f.split())) for f in folded]
    return texts, folded, hashes, np.array([min_hash(h) for h in hashes])


def pooled(i: int, fetched: datetime, pool: int) -> Article:
    """A stored article: pool paragraphs, each opened by 3 words of its own (so every text
    and paragraph is unique), signed from the pool's precomputed shingles."""
    rnd = random.Random(i)
    texts, folded, hashes, mins = paragraph_pool(pool)
    picks, words, want = [], 0, rnd.randint(400, 800)
    while words < want:
        picks.append(rnd.randrange(pool))
        words += len(hashes[picks[-1]]) + 6
    drawn = draw(rnd, 3 * len(picks))
    leads = [drawn[k:k + 3] for k in range(0, len(drawn), 3)]
    paras = [sentences(rnd, lead)[:-1] + " " + texts[k] for lead, k in zip(leads, picks,
                                                                          strict=True)]
    folds = [" ".join(lead).lower() + " " + folded[k] for lead, k in zip(leads, picks,
                                                                         strict=True)]
    art = synthetic(i, fetched, paras, folded=folds)
    tokens, starts = " ".join(folds).split(), np.cumsum([0] + [len(f.split()) for f in folds])
    # Shingles touching a paragraph's own words are new; the rest are the pool's.
    fresh = gram_hashes({g for k in starts[:-1] for g in shingles(tokens[max(0, k - 3):k + 6])})
    every = np.concatenate([hashes[k] for k in picks] + [fresh])
    if np.unique(every).size != every.size:  # a shingle twice: count them the slow way
        return signed(art)
    values = np.minimum.reduce([mins[k] for k in picks] + [min_hash(fresh)])
    return signed(art, sg.Signature(values, int(every.size)))


def history_chunk(task: tuple[int, int, float, int]) -> dict[str, pa.Table]:
    """Stored articles ``start .. start+n`` and what the loader writes for them."""
    start, n, now, pool = task
    fetched = datetime.fromtimestamp(now, UTC)
    arts = [pooled(i, fetched - timedelta(days=i / PER_DAY), pool)
            for i in range(start, start + n)]
    for art in arts[::max(1, n // 3)]:  # the shortcuts give the pipeline's values
        sig = sg.signature(art.text)
        if (sig.to_bytes(), sig.shingles, content_hash(art.text)) != (
                art.minhash, art.shingles, art.content_hash):
            raise SystemExit(f"signature or hash of stored article {art.guid} differs")
    rows = []
    for art in arts:
        row = {f.name: getattr(art, f.name) for f in fields(Article)}
        row.update(removed=[{"kind": k, "text": t} for k, t in art.removed], url_key=art.entry_key)
        rows.append(row)
    table = pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA.append(pa.field("url_key",
                                                                             pa.string())))
    counted = entity_rows(table.select(["article_id", "title", "text"]).take(
        pa.array(range(0, n, 10))))
    ids = table.column("article_id").to_pylist()
    pos = {a: k for k, a in enumerate(ids)}
    base = [pos[g] for g in counted.column("article_id").to_pylist()]
    entities = pa.concat_tables([
        counted.filter(pa.array([b + shift < n for b in base])).set_column(
            0, "article_id", pa.array([ids[b + shift] for b in base if b + shift < n]))
        for shift in range(10)])
    outcomes = table.select(["url", "entry_key", "source", "feed_url", "article_id", "title",
                             "relevance_score"])
    return {
        "staged_articles": table,
        "staged_signatures": table.select(["article_id", "minhash", "shingles"]).append_column(
            "band_keys", pa.array([sg.Signature.from_bytes(a.minhash, a.shingles).band_keys()
                                   for a in arts], pa.list_(pa.int64()))),
        "staged_outcomes": outcomes.append_column("outcome", pa.array(["loaded"] * n))
        .append_column("reason", pa.nulls(n, pa.string()))
        .append_column("detail", pa.nulls(n, pa.string())),
        "staged_entities": entities,
    }


# --- fill (set-up) ----------------------------------------------------------------------

LOADER_SQL = ("insert_articles", "insert_removals", "learn_boilerplate", "insert_signatures",
              "insert_lsh", "insert_outcomes", "analyst/insert_entities")
HISTORY_RUNS = """
insert into runs (run_id, started_at, finished_at, status, trigger, feeds_total, feeds_ok,
                  feeds_not_modified, feeds_failed, counts, error)
select printf('history-%09d', $start + r), now(), now(), 'loaded', 'cli', 50, 50, 0, 0,
       '{"loaded": 1000}', null
from range(0, $n, 1000) as t(r);
insert into feed_events (run_id, source, feed_url, status, http_status, error, entries,
                         new_entries, fetched_at)
select printf('history-%09d', $start + r), printf('outlet%02d', f),
       printf('https://www.outlet%02d.example/rss', f), 'ok', 200, null, 20, 20, now()
from range(0, $n, 1000) as t(r), range(50) as g(f);
"""


def insert_chunk(con: duckdb.DuckDBPyConnection, start: int, tables: dict[str, pa.Table],
                 ) -> None:
    """One chunk of history through the loader's own statements, in one transaction."""
    for name, table in tables.items():
        con.register(name, table)
    con.execute("begin transaction")
    for name in LOADER_SQL:
        # History rows are unique by construction: plain inserts, as ``or ignore`` makes
        # DuckDB check articles by a nested-loop join over everything stored.
        text = db.sql(f"queries/{name}").replace("insert or ignore", "insert")
        con.execute(text, {"run_id": f"history-{start:09d}"} if "$run_id" in text else {})
    for statement in HISTORY_RUNS.split(";")[:2]:
        con.execute(statement, {"start": start, "n": tables["staged_articles"].num_rows})
    con.execute("commit")
    for name in tables:
        con.unregister(name)


def fill(path: Path, workers: Any, have: int, want: int, pool: int) -> float:
    """Add stored articles ``have .. want`` (2 processes make them, this one inserts);
    returns their mean text size in bytes."""
    now = time.time()
    tasks = deque((s, min(CHUNK, want - s), now, pool) for s in range(have, want, CHUNK))
    pending: deque[Any] = deque()
    text_bytes = 0
    with db.opened(path) as con:
        # Set-up only; the measured run keeps the pipeline's settings.
        con.execute("set memory_limit = '6GB'; set enable_progress_bar = false")
        while tasks or pending:
            while tasks and len(pending) < 3:
                task = tasks.popleft()
                pending.append((task[0], workers.apply_async(history_chunk, (task,))))
            start, result = pending.popleft()
            tables = result.get()
            text_bytes += pc.sum(pc.binary_length(
                tables["staged_articles"].column("text"))).as_py()
            insert_chunk(con, start, tables)
        con.execute("checkpoint")
    return text_bytes / max(1, want - have)


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
    from pipeline import decide as decide_mod
    from pipeline import run as run_mod
    from pipeline.records import FeedResult, FeedStatus, Outcome, OutcomeKind
    from pipeline.settings import Settings
    from pipeline.stage import write_feed_output
    from pipeline.validate import validate_rows

    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    settings = Settings(db=Path(spec["db"]), data_dir=Path(spec["data"]),
                        sources=Path(spec["sources"]))
    table = pq.read_table(spec["batch"])
    out: dict[str, Any] = {"memory_limit": settings.duckdb_memory_limit}
    started = time.perf_counter()
    validate_rows(table.slice(0, 1), settings)  # GX start-up: once per process
    out["gx_start_s"] = time.perf_counter() - started
    for module, name, key in ((decide_mod, "find_duplicates", "dedupe_s"),
                              (decide_mod, "validate_rows", "validate_s"),
                              (run_mod, "load", "load_tx_s"), (run_mod, "check_run", "checks_s")):
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
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            into[key] = into.get(key, 0.0) + time.perf_counter() - started
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
                                          "checks_s")},
        "decide_ms_per_article": round(got["decide_s"] * per, 3),
        "dedupe_ms_per_article": round(got["dedupe_s"] * per, 3),
        "load_ms_per_article": round(got["load_s"] * per, 3),
        "file_mb": round(file_bytes / 2**20, 1), "bytes_per_article": round(file_bytes / after),
        "rss_base_mb": round(got["rss_base_mb"]),
        **{f"rss_{p}_mb": round(got[f"rss_{p}_mb"]) for p in ("plan", "stage", "decide", "load")},
        "rss_peak_mb": round(max(got[f"rss_{p}_mb"] for p in ("plan", "stage", "decide", "load"))),
        "duckdb_memory_limit": got["memory_limit"],
    }


COLUMNS = (("stored_before", "stored", 9), ("batch", "batch", 5), ("plan_s", "plan s", 6),
           ("decide_s", "decide s", 8), ("dedupe_s", "dedupe s", 8), ("load_s", "load s", 6),
           ("decide_ms_per_article", "dec ms/a", 8), ("dedupe_ms_per_article", "ded ms/a", 8),
           ("load_ms_per_article", "load ms/a", 9), ("file_mb", "file MB", 8),
           ("bytes_per_article", "B/article", 9), ("rss_base_mb", "RSS base", 8),
           ("rss_decide_mb", "RSS dec", 7), ("rss_load_mb", "RSS load", 8))


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
    parser.add_argument("--rss-batches", default="500,2000",
                        help="extra batch sizes at the largest history")
    parser.add_argument("--quick", action="store_true", help="sizes 2000,10000, batch 200")
    parser.add_argument("--json", type=Path, help="figures file (default: benchmarks/results/"
                        "growth.json, none for --quick)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    sizes = [2000, 10000] if args.quick else [int(s) for s in args.sizes.split(",")]
    batch = 200 if args.quick else args.batch
    extra = [100, 400] if args.quick else [int(s) for s in args.rss_batches.split(",") if s]
    began = time.perf_counter()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    path = SCRATCH / "growth.duckdb"
    for old in (path, path.with_suffix(".duckdb.wal")):
        old.unlink(missing_ok=True)
    (SCRATCH / "sources.yaml").write_text("sources:\n" + "".join(
        f"  - name: outlet{s:02d}\n    url: https://www.outlet{s:02d}.example/rss\n"
        for s in range(SOURCES)), encoding="utf-8")
    with Pool(2) as workers:
        vocabulary()
        with db.opened(path) as con:
            db.migrate(con)
        rows: list[dict[str, Any]] = []
        fills: list[dict[str, Any]] = []
        have = 0
        for step, size in enumerate(sizes):
            started = time.perf_counter()
            text_bytes = fill(path, workers, have, size, 5000 if args.quick else POOL)
            fills.append({"from": have, "to": size, "fill_s": round(time.perf_counter() - started,
                                                                     1),
                          "text_bytes_per_article": round(text_bytes)})
            print(f"filled {have} -> {size} in {fills[-1]['fill_s']} s", flush=True)
            have = size
            rows.append(run_batch(path, step, batch, have))
            print(table_text(rows[-1:]), flush=True)
        for k, size in enumerate(extra):
            rows.append(run_batch(path, len(sizes) + k, size, have))
            print(table_text(rows[-1:]), flush=True)
    main_rows = rows[:len(sizes)]
    report = {
        "date": datetime.now(UTC).date().isoformat(), "cores": os.cpu_count(),
        "sizes": sizes, "batch": batch, "rss_batches": extra, "fills": fills, "runs": rows,
        "per_article_ratio_largest_to_smallest": {
            k: round(main_rows[-1][k] / main_rows[0][k], 2)
            for k in ("decide_ms_per_article", "dedupe_ms_per_article", "load_ms_per_article")},
        "total_s": round(time.perf_counter() - began, 1),
    }
    print(table_text(rows))
    print(json.dumps({k: report[k] for k in ("fills", "per_article_ratio_largest_to_smallest",
                                             "total_s")}))
    out = args.json or (None if args.quick else ROOT / "benchmarks" / "results" / "growth.json")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
