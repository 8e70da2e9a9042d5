"""The story index in DuckDB: assign a load's new articles inside its transaction.

Per load: stories past the retention period leave the index (their final row moves from
``indexed_stories`` to ``retired_stories``; ``stories`` is the view over both); the
features of the new articles; key counts and posting lists for their keys from
``story_keys``; the few best candidate stories per article loaded whole; the articles
assigned in arrival order (publication time, then id), each seeing the stories the ones
before it opened; the changed stories written back whole (their rows and keys in the
index). Every query is bounded by the indexed stories, never by stored history.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.settings import Settings, get_settings
from pipeline.store.db import sql
from pipeline.stories.features import Features, features
from pipeline.stories.match import Assignment, Params, Story, StoryIndex

_TS = pa.timestamp("us", tz="UTC")
STORY_SCHEMA = pa.schema([
    ("story_id", pa.string()), ("title", pa.string()), ("first_seen", _TS),
    ("last_seen", _TS), ("articles", pa.int32()), ("sources", pa.list_(pa.string())),
    ("languages", pa.list_(pa.string())), ("first_article_id", pa.string()),
    ("first_source", pa.string()), ("dated", pa.bool_()), ("span_start", _TS),
    ("span_end", _TS), ("span_estimated", pa.bool_()), ("run_id", pa.string()),
])
# A story's row in the index (indexed_stories): its row in ``stories`` and when a load last
# changed it (as story_keys.touched_at).
INDEXED_SCHEMA = STORY_SCHEMA.append(pa.field("touched_at", _TS))
KEY_SCHEMA = pa.schema([
    ("story_id", pa.string()), ("key", pa.string()), ("articles", pa.int32()),
    ("touched_at", _TS),
])
ASSIGNMENT_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("story_id", pa.string()), ("score", pa.float64()),
    ("cues", pa.string()), ("opened", pa.bool_()), ("run_id", pa.string()),
])
_COLUMNS = ["article_id", "source", "language", "title", "text", "published_at", "fetched_at"]


def params_from(settings: Settings) -> Params:
    """The matcher's parameters with the thresholds and periods of ``settings``."""
    return Params(threshold=settings.story_threshold,
                  reopen_threshold=settings.story_reopen_threshold,
                  quiet_days=settings.story_quiet_days,
                  retention_days=settings.story_retention_days)


def assign_staged(con: duckdb.DuckDBPyConnection, articles: pa.Table, run_id: str,
                  params: Params | None = None) -> list[Assignment]:
    """Put a load's new articles into stories; call inside the load transaction, after
    the articles were inserted.

    Args:
        con: the writer connection.
        articles: the articles just stored (``ARTICLE_SCHEMA`` columns).
        run_id: recorded with every changed row.
        params: the matcher's knobs (default: from the settings).

    Returns:
        One assignment per article, in the order they were assigned.
    """
    if articles.num_rows == 0:
        return []
    params = params or params_from(get_settings())
    rows = articles.select(_COLUMNS).to_pylist()
    # The index runs on the loader's clock, the fetch time: publication dates may lie far
    # in the past (a backfill), and its stories must still be found by the next load.
    clock = max(r["fetched_at"] for r in rows)
    cutoff = {"cutoff": clock - timedelta(days=params.retention_days)}
    for name in ("prune", "retire", "prune_rows"):
        con.execute(sql(f"queries/stories/{name}"), cutoff)
    arts = sorted((_features(r) for r in rows), key=_arrival)
    index = _load_index(con, arts, params)
    done = [index.assign(art) for art in arts]
    _write(con, index, done, run_id, clock)
    return done


def _arrival(art: Features) -> tuple[datetime, str]:
    """Assignment order: when the event happened (as far as known), then the id."""
    return (art.span[0] if art.span else art.day, art.article_id)


def _features(row: dict[str, Any]) -> Features:
    dated = row["published_at"] is not None
    return features(row["article_id"], row["source"], row["language"], row["title"],
                    row["text"], row["published_at"] if dated else row["fetched_at"], dated)


def _load_index(con: duckdb.DuckDBPyConnection, arts: list[Features], params: Params,
                ) -> StoryIndex:
    """An index holding the batch's key counts and its candidate stories in full."""
    keys = sorted(set().union(*(a.keys for a in arts)))
    with _registered(con, "story_batch_keys", pa.table({"key": pa.array(keys, pa.string())})):
        df = Counter({k: int(n) for k, n in
                      con.execute(sql("queries/stories/key_counts")).fetchall()})
    [(total,)] = con.execute(sql("queries/stories/indexed_count")).fetchall()
    index = StoryIndex(params, df, int(total))
    lookups = {a.article_id: index.lookup_keys(a) for a in arts}
    wanted = _candidates(con, index, lookups, params.candidates)
    for story in _stories(con, wanted):
        index.load(story)
    return index


def _candidates(con: duckdb.DuckDBPyConnection, index: StoryIndex,
                lookups: dict[str, list[str]], per_article: int) -> list[str]:
    """The best few stories per article by the rarity of the keys they share with it."""
    wanted_keys = sorted(set().union(*lookups.values())) if lookups else []
    with _registered(con, "story_lookup", pa.table({"key": pa.array(wanted_keys, pa.string())})):
        found = con.sql(sql("queries/stories/postings")).to_arrow_table()
    if found.num_rows == 0:
        return []
    # Stories as positions in their sorted ids (Arrow sorts strings by their UTF-8 bytes:
    # the order of Python's str), each key's posting list as an array of positions: an
    # article's weights are then a few vector additions, not a Python step per story.
    stories = pc.dictionary_encode(found.column("story_id").combine_chunks())
    by_id = pc.array_sort_indices(stories.dictionary).to_numpy()
    rank = np.empty(len(by_id), dtype=np.int64)
    rank[by_id] = np.arange(len(by_id))
    ids = stories.dictionary.take(pa.array(by_id)).to_pylist()
    at = rank[stories.indices.to_numpy(zero_copy_only=False)]
    keys = pc.dictionary_encode(found.column("key").combine_chunks())
    key_at = keys.indices.to_numpy(zero_copy_only=False)
    bounds = np.cumsum(np.bincount(key_at, minlength=len(keys.dictionary)))
    postings = dict(zip(keys.dictionary.to_pylist(),
                        np.split(at[np.argsort(key_at, kind="stable")], bounds[:-1]),
                        strict=True))
    weight, shares = np.zeros(len(ids)), np.zeros(len(ids), dtype=bool)
    wanted: set[int] = set()
    for article_keys in lookups.values():
        # Added key by key in the article's order from 0.0, as StoryIndex.candidates does
        # (the same sums to the last bit), then the best by (-weight, id).
        for key in article_keys:
            carrying = postings.get(key)
            if carrying is not None:
                weight[carrying] += index.idf(key)
                shares[carrying] = True
        sharing = np.flatnonzero(shares)
        best = sharing[np.lexsort((sharing, -weight[sharing]))[:per_article]]
        wanted.update(best.tolist())
        weight[sharing], shares[sharing] = 0.0, False
    return sorted(ids[i] for i in wanted)


def _stories(con: duckdb.DuckDBPyConnection, wanted: list[str]) -> list[Story]:
    if not wanted:
        return []
    table = pa.table({"story_id": pa.array(wanted, pa.string())})
    with _registered(con, "story_wanted", table):
        cur = con.execute(sql("queries/stories/wanted_stories"))
        names = [d[0] for d in cur.description]
        found = {}
        for row in cur.fetchall():
            r = dict(zip(names, row, strict=True))
            found[r["story_id"]] = Story(
                story_id=r["story_id"], title=r["title"], first_article=r["first_article_id"],
                first_source=r["first_source"], first_seen=r["first_seen"],
                last_seen=r["last_seen"], dated=r["dated"], articles=r["articles"],
                sources=set(r["sources"]), languages=set(r["languages"]),
                span=(r["span_start"], r["span_end"]) if r["span_start"] else None,
                span_estimated=r["span_estimated"])
        # One row per story with its keys and counts as lists: a dict built in C each,
        # rather than a Python step per key.
        for story_id, keys, counts in con.execute(sql("queries/stories/wanted_keys")
                                                  ).fetchall():
            if story_id in found:
                found[story_id].keys.update(dict(zip(keys, counts, strict=True)))
    return [found[s] for s in sorted(found)]


def _write(con: duckdb.DuckDBPyConnection, index: StoryIndex, done: list[Assignment],
           run_id: str, clock: datetime) -> None:
    changed = [index.stories[s] for s in sorted(index.touched)]
    rows = pa.Table.from_pylist([{
        "story_id": s.story_id, "title": s.title, "first_seen": s.first_seen,
        "last_seen": s.last_seen, "articles": s.articles, "sources": sorted(s.sources),
        "languages": sorted(s.languages), "first_article_id": s.first_article,
        "first_source": s.first_source, "dated": s.dated,
        "span_start": s.span[0] if s.span else None,
        "span_end": s.span[1] if s.span else None, "span_estimated": s.span_estimated,
        "run_id": run_id, "touched_at": clock,
    } for s in changed], schema=INDEXED_SCHEMA)
    tables = {
        "staged_story_rows": rows,
        "staged_story_keys": _key_rows(changed, clock),
        "staged_article_stories": pa.Table.from_pylist([{
            "article_id": a.article_id, "story_id": a.story_id, "score": a.score,
            "cues": json.dumps(a.cues, ensure_ascii=False, sort_keys=True), "opened": a.opened,
            "run_id": run_id} for a in done], schema=ASSIGNMENT_SCHEMA),
    }
    for name, table in tables.items():
        con.register(name, table)
    try:
        con.execute(sql("queries/stories/write"))
    finally:
        for name in tables:
            con.unregister(name)


def _key_rows(changed: list[Story], clock: datetime) -> pa.Table:
    """The index keys of the changed stories, built by column (tens of thousands of rows
    per load: one dict per row costs more than the rest of the write)."""
    ids: list[str] = []
    keys: list[str] = []
    counts: list[int] = []
    for s in changed:
        carried = sorted(k for k, n in s.keys.items() if n > 0)
        ids += [s.story_id] * len(carried)
        keys += carried
        counts += [s.keys[k] for k in carried]
    return pa.table([pa.array(ids, pa.string()), pa.array(keys, pa.string()),
                     pa.array(counts, pa.int32()),
                     pa.repeat(pa.scalar(clock, _TS), len(ids))], schema=KEY_SCHEMA)


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table,
                ) -> Iterator[None]:
    """A pyarrow table registered under ``name`` for the duration of a ``with`` block."""
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)
