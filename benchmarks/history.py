"""Stored history for benchmarks/growth.py and read_copy.py, filled in bulk.

Synthetic articles of 400-800 words with the labelled corpus's word frequencies, 50
sources, 1,500 a day back in time, inserted in chunks through the loader's own SQL with
real content and paragraph hashes, MinHash signatures (signature.py's hashing, vectorised,
checked equal to ``signature()`` on samples), LSH band keys and openings, removals and
entity rows (counted on every 10th article, repeated for the 9 after it); one outcome per
article, one ``runs`` row and 50 ``feed_events`` per 1,000 articles; one story per article
(article_stories; their rows in indexed_stories for the articles of the last 30 days, the
retention period, in retired_stories before) and the matcher's index keys (story_keys) for
those last 30 days, as a steady state at 1,500 a day leaves them.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synthetic import PER_DAY, pooled  # noqa: E402

from pipeline.dedupe import signature as sg  # noqa: E402
from pipeline.dedupe.opening import opening  # noqa: E402
from pipeline.extract.article import content_hash  # noqa: E402
from pipeline.records import Article  # noqa: E402
from pipeline.runfolder import ARTICLE_SCHEMA  # noqa: E402
from pipeline.store import db  # noqa: E402
from pipeline.store.entities import entity_rows  # noqa: E402
from pipeline.store.stories import (  # noqa: E402
    ASSIGNMENT_SCHEMA,
    INDEXED_SCHEMA,
    KEY_SCHEMA,
    STORY_SCHEMA,
)
from pipeline.stories.features import features  # noqa: E402

CHUNK = 10_000
POOL = 100_000  # paragraphs stored texts are drawn from
# Stories: every history article is a story of its own (the synthetic texts share no event);
# the matcher's index (story_keys) holds the stories a load touched within the retention
# period, as in steady state at PER_DAY articles a day.
RETENTION_DAYS = 30


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
    openings = [opening(a.text) for a in arts]  # the excerpt layer's keys (article_openings)
    stories = story_rows(arts, start)
    return {
        "staged_articles": table,
        "staged_signatures": table.select(["article_id", "minhash", "shingles"]).append_column(
            "band_keys", pa.array([sg.Signature.from_bytes(a.minhash, a.shingles).band_keys()
                                   for a in arts], pa.list_(pa.int64())))
        .append_column("opening_tokens", pa.array([o.tokens for o in openings], pa.int32()))
        .append_column("ladder", pa.array([list(o.ladder) for o in openings],
                                          pa.list_(pa.int64()))),
        "staged_outcomes": outcomes.append_column("outcome", pa.array(["loaded"] * n))
        .append_column("reason", pa.nulls(n, pa.string()))
        .append_column("detail", pa.nulls(n, pa.string()))
        .append_column("theme_evidence", pa.nulls(n, pa.string())),
        "staged_entities": entities,
        **stories,
    }


def story_rows(arts: list[Article], start: int) -> dict[str, pa.Table]:
    """The story tables' rows for history articles: one story each, and the index keys of
    those within the retention period (touched when they were fetched)."""
    run_id = f"history-{start:09d}"
    indexed, retired, assigned, keys = [], [], [], []
    for k, art in enumerate(arts):
        story_id = f"story-{art.article_id}"
        in_index = start + k < PER_DAY * RETENTION_DAYS
        row = {"story_id": story_id, "title": art.title, "first_seen": art.published_at,
               "last_seen": art.published_at, "articles": 1, "sources": [art.source],
               "languages": [art.language], "first_article_id": art.article_id,
               "first_source": art.source, "dated": True, "span_start": art.published_at,
               "span_end": art.published_at, "span_estimated": False, "run_id": run_id}
        if in_index:
            indexed.append({**row, "touched_at": art.fetched_at})
        else:
            retired.append(row)
        assigned.append({"article_id": art.article_id, "story_id": story_id, "score": 0.0,
                         "cues": '{"opened": true}', "opened": True, "run_id": run_id})
        if in_index:
            found = features(art.article_id, art.source, art.language, art.title, art.text,
                             art.published_at or art.fetched_at, True)
            keys += [{"story_id": story_id, "key": key, "articles": 1,
                      "touched_at": art.fetched_at} for key in sorted(found.keys)]
    return {"staged_indexed_stories": pa.Table.from_pylist(indexed, schema=INDEXED_SCHEMA),
            "staged_retired_stories": pa.Table.from_pylist(retired, schema=STORY_SCHEMA),
            "staged_article_stories": pa.Table.from_pylist(assigned, schema=ASSIGNMENT_SCHEMA),
            "staged_story_keys": pa.Table.from_pylist(keys, schema=KEY_SCHEMA)}


LOADER_SQL = ("store/insert_articles", "store/insert_removals", "store/learn_boilerplate",
              "store/insert_signatures", "store/insert_lsh", "store/insert_openings",
              "store/insert_outcomes", "analyst/insert_entities")
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
    run_id = f"history-{start:09d}"
    for name, table in tables.items():
        con.register(name, table)
    con.execute("begin transaction")
    for name in LOADER_SQL:  # history rows are new by construction
        text = db.sql(f"queries/{name}")
        if "$run_id" in text:
            con.execute(text, {"run_id": run_id})
        else:
            con.execute(text)
    # Verdicts of past runs, recorded before a measured run was planned: none overlaps it.
    con.execute("update url_outcomes set recorded_at = recorded_at - interval 1 day "
                "where run_id = $run_id", {"run_id": run_id})
    for name in ("indexed_stories", "retired_stories", "article_stories", "story_keys"):
        con.execute(f"insert into {name} by name select * from staged_{name}")
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
