"""Dedupe quality and scale.

Run: ``.venv/bin/python benchmarks/dedupe.py [--history 1000000] [--batch 1000] [--json]``

1. Quality: on the labelled syndication corpus (tests/fixtures/corpus/syndication), every
   item is deduped in one batch; pairs in the same cluster are positives. Prints pairwise
   precision and recall (a pair counts as found when both items end in the same group).
2. Scale: dedupe a batch of new articles against an empty history and against a history of
   N stored signatures (synthetic, bulk-loaded), in a real DuckDB file; prints both times,
   their ratio, and the DuckDB bytes per stored signature (signature + LSH band keys).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.dedupe.layers import Thresholds, find_duplicates  # noqa: E402
from pipeline.dedupe.opening import OPENING_LADDER  # noqa: E402
from pipeline.dedupe.signature import BANDS, NUM_PERM, ROWS  # noqa: E402
from pipeline.extract.article import article_id, content_hash  # noqa: E402
from pipeline.runfolder import ARTICLE_SCHEMA  # noqa: E402
from pipeline.store import db  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "syndication" / "items.jsonl"


def batch_table(items: list[dict[str, str]]) -> pa.Table:
    """Staged-article table for a list of {id, source, title, text, published}."""
    now = datetime.now(UTC)
    rows = []
    for it in items:
        url = f"https://{it['source']}.example/{it['id']}"
        rows.append({
            "article_id": article_id(url), "url": url, "canonical_url": url,
            "source": it["source"], "source_domain": f"{it['source']}.example",
            "feed_url": f"https://{it['source']}.example/feed", "entry_key": url, "guid": None,
            "title": it["title"], "author": None,
            "published_at": datetime.fromisoformat(it["published"]).replace(tzinfo=UTC)
            if it.get("published") else None,
            "published_signal": None, "fetched_at": now, "language": "en",
            "description": None, "text": it["text"], "word_count": len(it["text"].split()),
            "content_hash": content_hash(it["text"]), "removed": [], "relevance_score": 1.0,
            "truncated": False, "body_hashes": [],
        })
    return pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA)


def quality(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Pairwise precision/recall on the labelled corpus, deduped as one batch."""
    items = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    table = batch_table(items)
    dups, _ = find_duplicates(table, con, Thresholds())
    ids = table.column("article_id").to_pylist()
    group = {i: ids[i] for i in range(len(items))}
    for d in dups:
        group[d.row] = d.duplicate_of
    truth = {(a, b) for a, b in itertools.combinations(range(len(items)), 2)
             if items[a]["cluster"] == items[b]["cluster"]}
    found = {(a, b) for a, b in itertools.combinations(range(len(items)), 2)
             if group[a] == group[b]}
    tp = len(truth & found)
    by_variant: dict[str, list[bool]] = {}
    for a, b in truth:
        variant = items[b]["variant"] if items[a]["variant"] == "original" else items[a]["variant"]
        by_variant.setdefault(variant, []).append((a, b) in found)
    # Word-overlap methods cannot see a paraphrase in other words; reported apart.
    asked = {(a, b) for a, b in truth if "translation_like" not in
             (items[a]["variant"], items[b]["variant"])}
    return {"items": len(items), "clusters": len({i["cluster"] for i in items}),
            "positive_pairs": len(truth), "found_pairs": len(found),
            "precision": tp / len(found) if found else 1.0,
            "recall": tp / len(truth) if truth else 1.0,
            "recall_without_translation_like": len(asked & found) / len(asked),
            "recall_by_variant": {v: sum(x) / len(x) for v, x in sorted(by_variant.items())}}


def synthetic_texts(n: int, seed: int) -> list[dict[str, str]]:
    """Distinct article-like texts from a fixed vocabulary."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(20000)]
    return [{"id": f"new{seed}-{i}", "source": f"src{i % 50}", "title": f"t{i}",
             "published": "2024-05-01", "text": " ".join(rng.choices(words, k=500))}
            for i in range(n)]


def fill_history(con: duckdb.DuckDBPyConnection, n: int, first: int = 0) -> None:
    """Bulk-load n random signatures, their band keys and openings (as the loader stores
    them), for article ids ``h<first>`` onwards."""
    rng = np.random.default_rng(7 + first)
    chunk = 200_000
    for start in range(first, first + n, chunk):
        m = min(chunk, first + n - start)
        values = rng.integers(0, 2**32, size=(m, NUM_PERM), dtype=np.uint64).astype("<u4")
        ids = [f"h{start + i:015d}" for i in range(m)]
        blobs = [row.tobytes() for row in values]
        con.register("s", pa.table({"article_id": ids, "minhash": pa.array(blobs, pa.binary()),
                                    "shingles": np.full(m, 480, dtype=np.int32)}))
        con.execute("insert into article_signatures select * from s")
        con.unregister("s")
        # Random band keys are what random signatures would hash to.
        keys = rng.integers(-2**63, 2**63 - 1, size=m * BANDS, dtype=np.int64)
        con.register("l", pa.table({"band_key": keys,
                                    "article_id": np.repeat(np.array(ids), BANDS)}))
        con.execute("insert into article_lsh select * from l")
        con.unregister("l")
        # One opening per article (the excerpt layer's table), a ladder of 14 keys.
        ladders = rng.integers(-2**63, 2**63 - 1, size=(m, len(OPENING_LADDER)), dtype=np.int64)
        con.register("o", pa.table({
            "article_id": ids, "opening_key": ladders[:, 0],
            "tokens": np.full(m, 500, dtype=np.int32),
            "ladder": pa.array(list(ladders), pa.list_(pa.int64()))}))
        con.execute("insert into article_openings select * from o")
        con.unregister("o")
    con.execute("checkpoint")


def timed_dedupe(con: duckdb.DuckDBPyConnection, batch: pa.Table, repeat: int = 3) -> float:
    """Best-of-N seconds for find_duplicates on the batch."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        find_duplicates(batch, con, Thresholds())
        best = min(best, time.perf_counter() - started)
    return best


def scale(history: int, batch_size: int) -> dict[str, float]:
    """Dedupe time against empty vs filled history, and bytes per stored signature."""
    batch = batch_table(synthetic_texts(batch_size, 1))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.duckdb"
        with db.opened(path) as con:
            db.migrate(con)
            con.execute("checkpoint")
            empty_size = path.stat().st_size
            empty = timed_dedupe(con, batch)
            started = time.perf_counter()
            fill_history(con, history)
            fill = time.perf_counter() - started
            full = timed_dedupe(con, batch)
        size = path.stat().st_size
    return {"history": history, "batch": batch_size, "empty_s": empty, "full_s": full,
            "ratio": full / empty, "fill_s": fill,
            "bytes_per_signature": (size - empty_size) / max(1, history),
            "lsh_rows_per_signature": BANDS, "rows_per_band": ROWS}


def main() -> None:
    """Print quality and scale figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report: dict[str, object] = {"date": datetime.now(UTC).date().isoformat()}
    if CORPUS.exists():
        with duckdb.connect() as con:
            db.migrate(con)
            report["quality"] = quality(con)
    report["scale"] = scale(args.history, args.batch)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
