"""Between staging and loading: settle every staged URL's fate for this run.

Reads what the per-feed workers staged and gives every staged article one verdict, in
order: off theme (relevance below the threshold), duplicate (of the batch or of the
database), quarantined (fails a row-level expectation of ``article_batch``), else
loaded. Writes ``decided/`` files that the loader inserts as they are.
Running it twice on the same run folder gives the same files (the database is only read).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.dedupe.layers import Thresholds, find_duplicates
from pipeline.dedupe.opening import opening_of
from pipeline.dedupe.signature import Signature
from pipeline.quality.validate import validate_rows
from pipeline.records import Outcome, OutcomeKind
from pipeline.runfolder import (
    DUPLICATE_SCHEMA,
    SIGNATURE_SCHEMA,
    decided_files,
    outcome_counts,
    plan_run_id,
    read_feed_outputs,
    write_json,
    write_table,
)
from pipeline.settings import Settings
from pipeline.urls import url_key


@dataclass(frozen=True)
class Verdict:
    """Why one staged article is not loaded."""

    outcome: OutcomeKind
    reason: str
    detail: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    better_copy: bool = False
    containment: float | None = None


def decide(folder: Path, con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, int]:
    """Settle the staged batch of a run folder.

    Args:
        folder: the run folder with staged feeds.
        con: database connection, only read.
        settings: thresholds.

    Returns:
        Counts of URLs per outcome.
    """
    run_id = plan_run_id(folder)
    results, outcomes, table = read_feed_outputs(folder)
    table = flag_briefs(table, settings.brief_words)
    verdicts = off_theme(table, settings.relevance_threshold)
    candidates = [i for i in range(table.num_rows) if i not in verdicts]
    thresholds = Thresholds(settings.near_jaccard, settings.near_containment)
    dups, sigs = find_duplicates(table.take(pa.array(candidates, pa.int64())), con, thresholds)
    for dup in dups:
        verdicts[candidates[dup.row]] = Verdict(
            OutcomeKind.DUPLICATE, dup.method, f"copy of {dup.duplicate_of}",
            dup.duplicate_of, dup.similarity, dup.better_copy, dup.containment)
    survivors = [i for i in range(table.num_rows) if i not in verdicts]
    failed, dq = validate_rows(table.take(pa.array(survivors, pa.int64())), settings)
    for pos, names in failed.items():
        verdicts[survivors[pos]] = Verdict(OutcomeKind.QUARANTINED, "validation",
                                           "failed " + ", ".join(sorted(set(names))))
    keep = pa.array([i not in verdicts for i in range(table.num_rows)], pa.bool_())
    kept = table.filter(keep)
    kept = kept.append_column("url_key", pa.array(
        [url_key(u) for u in kept.column("canonical_url").to_pylist()], pa.string()))
    final = _final_outcomes(outcomes, table, verdicts)
    out = decided_files(folder)
    write_table(out.articles, kept)
    write_table(out.signatures, _signatures_table(table, candidates, sigs, verdicts))
    write_table(out.duplicates, _duplicates_table(table, verdicts, run_id, datetime.now(UTC)))
    write_json(out.outcomes, final)
    write_json(out.quarantine, _quarantine(table, survivors, failed, run_id))
    write_json(out.dq_results, [asdict(r) for r in dq])
    write_json(out.feeds, [asdict(r) for r in results])
    return outcome_counts(final)


def flag_briefs(table: pa.Table, brief_words: int) -> pa.Table:
    """Set ``is_brief`` on rows shorter than ``brief_words`` (they land, flagged)."""
    flags = pa.array([(n or 0) < brief_words for n in table.column("word_count").to_pylist()],
                     pa.bool_())
    return table.set_column(table.schema.get_field_index("is_brief"), "is_brief", flags)


def off_theme(table: pa.Table, threshold: float) -> dict[int, Verdict]:
    """Rows whose relevance score is below ``threshold``; the detail names the best
    relation found, or the discounted names, from the stored theme evidence."""
    scores = table.column("relevance_score").to_pylist()
    evidence = table.column("theme_evidence").to_pylist()
    return {
        i: Verdict(OutcomeKind.OFF_THEME, "off_theme",
                   f"relevance {score:.2f} below {threshold:.2f}{_why(evidence[i])}")
        for i, score in enumerate(scores)
        if score is not None and score < threshold
    }


def _why(evidence: str | None) -> str:
    """A short reading of the theme evidence for the outcome's detail line."""
    if not evidence:
        return ""
    found = json.loads(evidence)
    parts = []
    if found.get("relations"):
        best = found["relations"][0]
        parts.append(f"best tie: {best['what']} in {best['where']}")
    if found.get("discounted"):
        parts.append("not counted: " + ", ".join(sorted({d["what"] for d in found["discounted"]})))
    if parts:
        return "; " + "; ".join(parts)
    return "; the two sides never tied"


def _signatures_table(table: pa.Table, candidates: list[int], sigs: dict[int, Signature],
                      verdicts: dict[int, Verdict]) -> pa.Table:
    ids = table.column("article_id").to_pylist()
    starts = table.select(["text", "opening_tokens", "opening_ladder"]).to_pylist()
    rows = []
    for pos, row in enumerate(candidates):
        if row in verdicts:
            continue
        sig = sigs[pos]
        start = opening_of(starts[row])
        rows.append({"article_id": ids[row], "minhash": sig.to_bytes(),
                     "shingles": sig.shingles, "band_keys": sig.band_keys(),
                     "opening_tokens": start.tokens, "ladder": list(start.ladder)})
    return pa.Table.from_pylist(rows, schema=SIGNATURE_SCHEMA)


def _quarantine(table: pa.Table, survivors: list[int], failed: dict[int, list[str]],
                run_id: str) -> list[dict[str, Any]]:
    rows = []
    for pos, names in sorted(failed.items()):
        record = table.slice(survivors[pos], 1).to_pylist()[0]
        # The signature, opening and entity counts are derived data (made again when
        # the article is released; the signature is bytes, which JSON cannot hold).
        for derived in ("minhash", "shingles", "opening_tokens", "opening_ladder",
                        "mentions"):
            record.pop(derived, None)
        rows.append({"run_id": run_id, "article_id": record["article_id"],
                     "url": record["url"], "source": record["source"],
                     "title": record["title"], "failed": sorted(set(names)),
                     "record": record})
    return rows


def _duplicates_table(table: pa.Table, verdicts: dict[int, Verdict], run_id: str,
                      now: datetime) -> pa.Table:
    rows = table.select(["url", "source", "feed_url"]).to_pylist()
    return pa.Table.from_pylist([
        {"url": rows[i]["url"], "duplicate_of": v.duplicate_of, "method": v.reason,
         "similarity": v.similarity, "first_seen": now, "run_id": run_id,
         "source": rows[i]["source"], "feed_url": rows[i]["feed_url"],
         "better_copy": v.better_copy, "containment": v.containment}
        for i, v in sorted(verdicts.items()) if v.outcome is OutcomeKind.DUPLICATE
    ], schema=DUPLICATE_SCHEMA)


def _final_outcomes(outcomes: list[Outcome], table: pa.Table,
                    verdicts: dict[int, Verdict]) -> list[dict[str, Any]]:
    """Staged outcomes re-labelled by the verdicts, with title and score where known."""
    rows = table.select(["feed_url", "url", "title", "relevance_score",
                         "theme_evidence"]).to_pylist()
    by_entry = {(r["feed_url"], r["url"]): i for i, r in enumerate(rows)}
    final = []
    for out in outcomes:
        row = by_entry.get((out.feed_url, out.url))
        if out.outcome is OutcomeKind.LOADED and row is not None and row in verdicts:
            v = verdicts[row]
            out = replace(out, outcome=v.outcome, reason=v.reason, detail=v.detail,
                          article_id=v.duplicate_of)
        record = asdict(out)
        record["outcome"] = out.outcome.value
        record["title"] = rows[row]["title"] if row is not None else None
        record["relevance_score"] = rows[row]["relevance_score"] if row is not None else None
        record["theme_evidence"] = rows[row]["theme_evidence"] if row is not None else None
        final.append(record)
    return final

