"""A static HTML page of data-quality results for the latest runs (``rcwire dq report``).

The equivalent of GX Data Docs for this project: one self-contained file, no scripts, no
external assets, readable offline: per run, every expectation of every suite with its
outcome, and the articles the run quarantined.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from html import escape
from typing import Any

import duckdb

from pipeline.analyst.html import STYLE, page, section, table
from pipeline.quality.quarantine import list_quarantined
from pipeline.store.db import sql

# What this page adds to the report's style: pass and fail marks.
_STYLE = STYLE + ".ok{color:#116329}.fail{color:#b3261e;font-weight:600}\n"


def build_report(con: duckdb.DuckDBPyConnection, runs: int = 10) -> str:
    """The HTML page for the latest ``runs`` runs (the report's page builder and CSP)."""
    run_rows = con.execute(sql("queries/analyst/dq_recent_runs"), {"limit": runs}).fetchall()
    results: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in con.execute(sql("queries/analyst/dq_results_for_runs"), {"limit": runs}).fetchall():
        results[row[0]].append(row[1:])
    subtitle = (f"Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
                f"latest {len(run_rows)} run(s).")
    body = [_run_section(con, run_id, started, status, counts, results[run_id])
            for run_id, started, _finished, status, counts in run_rows]
    return page("rcwire data quality", subtitle, _STYLE, body)


def _run_section(con: duckdb.DuckDBPyConnection, run_id: str, started: Any, status: str,
                 counts: Any, rows: list[tuple[Any, ...]]) -> str:
    failed = [r for r in rows if not r[2]]
    verdict = (f"<span class='fail'>{len(failed)} failed</span>" if failed
               else "<span class='ok'>all passed</span>" if rows else
               "<span class='note'>not checked</span>")
    counted = json.loads(counts) if isinstance(counts, str) else (counts or {})
    out = [f"<p>{verdict}</p>",
           f"<p class='note'>started {escape(str(started))} · {escape(status)} · "
           + " · ".join(f"{escape(k)} {v}" for k, v in sorted(counted.items())) + "</p>"]
    if rows:
        # Rows checked before thresholds were stored (migration 008) have none: "-".
        out.append(table(
            ["suite", "expectation", "result", "unexpected", "observed", "threshold"],
            [[escape(suite), escape(expectation),
              "<span class='ok'>pass</span>" if success else "<span class='fail'>FAIL</span>",
              "" if unexpected is None else f"{unexpected} / {elements}",
              escape(observed) if observed else "<span class='note'>-</span>",
              escape(limit) if limit else "<span class='note'>-</span>"]
             for suite, expectation, success, observed, unexpected, elements, limit in rows],
            empty="", raw=True))
    held = list_quarantined(con, run_id=run_id, include_released=True)
    if held:
        out.append("<h3>Quarantined</h3>")
        out.append(table(
            ["article", "title", "failed", "released"],
            [[escape(item["article_id"]),
              f"<a href='{escape(item['url'])}'>{escape(item['title'] or '')}</a>",
              escape(", ".join(json.loads(item["failed"]))),
              escape(str(item["released_at"] or ""))] for item in held],
            empty="", raw=True))
    return section(run_id, "\n".join(out))
