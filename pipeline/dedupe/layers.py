"""Decide which staged articles are new and which repeat one we already have.

Layers, cheapest first, each checked within the batch and against everything stored:

1. ``url``: the URL key (canonical URL, tracking parameters, ``www.``/``m.``/AMP folded).
2. ``guid``: the same feed GUID from the same source.
3. ``hash``: the same normalised text.
4. ``near``: MinHash/LSH candidates (band keys joined against ``article_lsh``), confirmed
   by estimated Jaccard similarity, or by containment for excerpts.
5. ``excerpt``: a teaser, the opening paragraphs of an article published as a page of its
   own (plus a "read the full story" line), too short for MinHash to see: its folded
   tokens are the start of the other text (first-20-token key joined against
   ``article_openings``, then a ladder of longer openings says how far they agree).

Which copy is kept: of the copies in one batch, the earliest published, then the longest
text, then the smallest URL; against history, the stored article (its id is what analysts
already count). A later copy that is more complete than the stored one is recorded with
``better_copy`` so the fuller text is one join away. Within a batch a teaser never stays
the kept copy: the full article it opens is kept and the teaser links to it, whichever
came first. Near and excerpt decisions record their similarity and containment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.dedupe.opening import EXCERPT_COVERAGE, Opening, excerpt_coverage, opening_of
from pipeline.dedupe.signature import Signature, containment, jaccard, signature
from pipeline.store.db import sql
from pipeline.urls import url_key

# Texts shorter than this many shingles are too small to call near-duplicates safely.
MIN_SHINGLES = 40
# A duplicate this much longer than the kept copy is recorded as the better copy.
BETTER_RATIO = 1.25
@dataclass(frozen=True)
class Thresholds:
    """When two texts are the same article (settings ``near_jaccard``/``near_containment``)."""

    jaccard: float = 0.6
    containment: float = 0.8


@dataclass(frozen=True)
class Duplicate:
    """A staged row that repeats another; ``duplicate_of`` is the kept article's id."""

    row: int
    duplicate_of: str
    method: str
    similarity: float
    better_copy: bool = False
    containment: float | None = None  # share of the shorter text in the other (near, excerpt)


@dataclass(frozen=True)
class _Kept:
    article_id: str
    sig: Signature


def order_for_keeping(table: pa.Table) -> list[int]:
    """Row order in which copies are considered: the first of a group is kept."""
    rows = table.select(["published_at", "word_count", "url"]).to_pylist()
    return sorted(range(len(rows)), key=lambda i: (
        rows[i]["published_at"] is None,
        rows[i]["published_at"] or 0,
        -(rows[i]["word_count"] or 0),
        rows[i]["url"],
    ))


def find_duplicates(
    table: pa.Table, con: duckdb.DuckDBPyConnection, thresholds: Thresholds = Thresholds(),
) -> tuple[list[Duplicate], dict[int, Signature]]:
    """Duplicates among the staged articles, against the batch and the database.

    Args:
        table: staged articles (``stage.ARTICLE_SCHEMA``).
        con: database connection, only read.
        thresholds: near-duplicate thresholds.

    Returns:
        One ``Duplicate`` per row not to load, and the signature of every row.
    """
    cols = table.select(["canonical_url", "content_hash", "article_id", "source", "guid",
                         "text", "minhash", "shingles", "opening_tokens",
                         "opening_ladder"]).to_pylist()
    keys = [url_key(c["canonical_url"]) for c in cols]
    sigs = {i: _signature_of(c) for i, c in enumerate(cols)}
    opens = {i: opening_of(c) for i, c in enumerate(cols)}
    stored_keys = _stored(con, "existing_by_url_key", "batch_keys",
                          pa.table({"url_key": sorted(set(keys))}))
    stored_hashes = _stored(con, "existing_by_hash", "batch_hashes",
                            pa.table({"content_hash": sorted({c["content_hash"] for c in cols})}))
    stored_guids = _stored_guids(con, cols)
    stored_near = _stored_candidates(con, sigs)
    stored_open = _stored_openings(con, opens)
    seen: dict[str, dict[object, str]] = {"url": {}, "guid": {}, "hash": {}}
    bands: dict[int, list[_Kept]] = defaultdict(list)
    openings: dict[int, list[tuple[int, str]]] = defaultdict(list)  # key -> (row, id)
    found: list[Duplicate] = []
    replaced: dict[str, str] = {}  # a kept teaser's id -> the full article's id
    for row in order_for_keeping(table):
        c = cols[row]
        guid = (c["source"], c["guid"]) if c["guid"] else None
        exact = (
            (stored_keys.get(keys[row]) or seen["url"].get(keys[row]), "url"),
            ((stored_guids.get(guid) or seen["guid"].get(guid)) if guid else None, "guid"),
            (stored_hashes.get(c["content_hash"]) or seen["hash"].get(c["content_hash"]), "hash"),
        )
        match = next(((kept, m) for kept, m in exact if kept is not None), None)
        if match is not None:
            found.append(Duplicate(row, match[0], match[1], 1.0))
            continue
        dup = _excerpt_of_stored(row, opens[row], stored_open.get(row, []))
        if dup is None:
            dup = _excerpt_in_batch(row, opens, openings, cols, found, replaced)
        if dup is not None:
            found.append(dup)
            continue
        batch = [k for k in _batch_candidates(sigs[row], bands) if k.article_id not in replaced]
        near = _nearest(sigs[row], stored_near.get(row, []) + batch, thresholds)
        if near is not None:
            kept, score, share = near
            better = sigs[row].shingles > BETTER_RATIO * kept.sig.shingles
            found.append(Duplicate(row, kept.article_id, "near", round(score, 4), better,
                                   round(share, 4)))
            continue
        seen["url"][keys[row]] = c["article_id"]
        seen["hash"][c["content_hash"]] = c["article_id"]
        if guid:
            seen["guid"][guid] = c["article_id"]
        for key in sigs[row].band_keys():
            bands[key].append(_Kept(c["article_id"], sigs[row]))
        if (first := opens[row].key) is not None:
            openings[first].append((row, c["article_id"]))
    return _redirected(found, replaced), sigs


def _excerpt_of_stored(row: int, mine: Opening, stored: list[tuple[str, Opening]],
                       ) -> Duplicate | None:
    """A row that is the opening of a stored article, or whose opening a stored teaser
    is (the full text after its teaser: recorded as the better copy)."""
    best: tuple[str, Opening, float] | None = None
    for article_id, theirs in stored:
        share = excerpt_coverage(mine, theirs)
        if share >= EXCERPT_COVERAGE and (best is None or share > best[2]):
            best = (article_id, theirs, share)
    if best is None:
        return None
    article_id, theirs, share = best
    better = mine.tokens > BETTER_RATIO * theirs.tokens
    return Duplicate(row, article_id, "excerpt", round(share, 4), better, round(share, 4))


def _excerpt_in_batch(row: int, opens: dict[int, Opening],
                      openings: dict[int, list[tuple[int, str]]], cols: list[dict[str, Any]],
                      found: list[Duplicate], replaced: dict[str, str]) -> Duplicate | None:
    """Excerpts within the batch: the shorter text links to the longer, whichever came
    first; a kept teaser that turns out to open this row is made this row's duplicate."""
    mine = opens[row]
    if mine.key is None:
        return None
    for i, (other, article_id) in enumerate(openings.get(mine.key, [])):
        share = excerpt_coverage(mine, opens[other])
        if share < EXCERPT_COVERAGE:
            continue
        if mine.tokens <= opens[other].tokens:
            return Duplicate(row, article_id, "excerpt", round(share, 4), False, round(share, 4))
        # This row is the full text of a teaser kept earlier: the teaser goes.
        own_id = str(cols[row]["article_id"])
        found.append(Duplicate(other, own_id, "excerpt", round(share, 4), False, round(share, 4)))
        replaced[article_id] = own_id
        del openings[mine.key][i]
        return None
    return None


def _redirected(found: list[Duplicate], replaced: dict[str, str]) -> list[Duplicate]:
    """Duplicates of a teaser that lost its place point at the full article instead."""
    if not replaced:
        return found
    return [replace(d, duplicate_of=replaced.get(d.duplicate_of, d.duplicate_of))
            if d.duplicate_of in replaced else d for d in found]


def _signature_of(row: dict[str, Any]) -> Signature:
    # Workers sign what they extract; a row staged without a signature is signed here.
    if row.get("minhash"):
        return Signature.from_bytes(row["minhash"], int(row["shingles"]))
    return signature(row["text"])


def _nearest(sig: Signature, candidates: list[_Kept], th: Thresholds,
             ) -> tuple[_Kept, float, float] | None:
    """The best candidate: (kept, the value decided on, estimated containment)."""
    best: tuple[_Kept, float, float] | None = None
    for cand in candidates:
        if min(sig.shingles, cand.sig.shingles) < MIN_SHINGLES:
            continue
        j = jaccard(sig, cand.sig)
        share = containment(sig, cand.sig)
        score = j if j >= th.jaccard else share
        if (j >= th.jaccard or score >= th.containment) and (best is None or score > best[1]):
            best = (cand, score, share)
    return best


def _batch_candidates(sig: Signature, bands: dict[int, list[_Kept]]) -> list[_Kept]:
    found: dict[str, _Kept] = {}
    for key in sig.band_keys():
        for kept in bands.get(key, ()):
            found[kept.article_id] = kept
    return list(found.values())


def _stored_candidates(con: duckdb.DuckDBPyConnection, sigs: dict[int, Signature],
                       ) -> dict[int, list[_Kept]]:
    if not sigs:
        return {}
    rows, keys = [], []
    for i, sig in sigs.items():
        for key in sig.band_keys():
            rows.append(i)
            keys.append(key)
    con.register("batch_bands", pa.table({"row_id": pa.array(rows, pa.int64()),
                                          "band_key": pa.array(keys, pa.int64())}))
    try:
        hits = con.execute(sql("queries/dedupe/lsh_candidates")).fetchall()
    finally:
        con.unregister("batch_bands")
    out: dict[int, list[_Kept]] = defaultdict(list)
    for row_id, article_id, blob, shingles in hits:
        out[int(row_id)].append(_Kept(str(article_id), Signature.from_bytes(blob, shingles)))
    return out


def _stored_openings(con: duckdb.DuckDBPyConnection, opens: dict[int, Opening],
                     ) -> dict[int, list[tuple[str, Opening]]]:
    rows = [(i, o.key) for i, o in opens.items() if o.key is not None]
    if not rows:
        return {}
    con.register("batch_openings", pa.table({
        "row_id": pa.array([i for i, _ in rows], pa.int64()),
        "opening_key": pa.array([k for _, k in rows], pa.int64())}))
    try:
        hits = con.execute(sql("queries/dedupe/opening_candidates")).fetchall()
    finally:
        con.unregister("batch_openings")
    out: dict[int, list[tuple[str, Opening]]] = defaultdict(list)
    for row_id, article_id, tokens, ladder in hits:
        out[int(row_id)].append((str(article_id), Opening(int(tokens), tuple(ladder))))
    return out


def _stored_guids(con: duckdb.DuckDBPyConnection, cols: list[dict[str, object]],
                  ) -> dict[object, str]:
    pairs = sorted({(str(c["source"]), str(c["guid"])) for c in cols if c["guid"]})
    if not pairs:
        return {}
    con.register("batch_guids", pa.table({"source": [s for s, _ in pairs],
                                          "guid": [g for _, g in pairs]}))
    try:
        return {(s, g): str(a) for s, g, a in con.execute(sql("queries/dedupe/existing_by_guid"))
                .fetchall()}
    finally:
        con.unregister("batch_guids")


def _stored(con: duckdb.DuckDBPyConnection, query: str, view: str,
            values: pa.Table) -> dict[object, str]:
    if values.num_rows == 0:
        return {}
    con.register(view, values)
    try:
        return {k: str(v) for k, v in con.execute(sql(f"queries/dedupe/{query}")).fetchall()}
    finally:
        con.unregister(view)
