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
from pipeline.analyst.query import named_rows
from pipeline.quality.quarantine import list_quarantined

# What this page adds to the report's style: pass and fail marks.
_STYLE = STYLE + ".ok{color:#116329}.fail{color:#b3261e;font-weight:600}\n"


def build_report(con: duckdb.DuckDBPyConnection, runs: int = 10) -> str:
    """The HTML page for the latest ``runs`` runs (the report's page builder and CSP)."""
    run_rows = named_rows(con, "dq_recent_runs", {"limit": runs})
    results: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in named_rows(con, "dq_results_for_runs", {"limit": runs}):
        results[row["run_id"]].append(row)
    subtitle = (f"Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
                f"latest {len(run_rows)} run(s).")
    body = [_run_section(con, run, results[run["run_id"]]) for run in run_rows]
    return page("rcwire data quality", subtitle, _STYLE, body)


def _run_section(con: duckdb.DuckDBPyConnection, run: dict[str, Any],
                 rows: list[dict[str, Any]]) -> str:
    run_id, counts = run["run_id"], run["counts"]
    failed = [r for r in rows if not r["success"]]
    verdict = (f"<span class='fail'>{len(failed)} failed</span>" if failed
               else "<span class='ok'>all passed</span>" if rows else
               "<span class='note'>not checked</span>")
    counted = json.loads(counts) if isinstance(counts, str) else (counts or {})
    out = [f"<p>{verdict}</p>",
           f"<p class='note'>started {escape(str(run['started_at']))} · "
           f"{escape(run['status'])} · "
           + " · ".join(f"{escape(k)} {v}" for k, v in sorted(counted.items())) + "</p>"]
    if rows:
        # Rows checked before thresholds were stored (migration 008) have none: "-".
        out.append(table(
            ["suite", "expectation", "result", "unexpected", "observed", "threshold"],
            [[escape(r["suite"]), escape(r["expectation"]),
              "<span class='ok'>pass</span>" if r["success"]
              else "<span class='fail'>FAIL</span>",
              "" if r["unexpected_count"] is None
              else f"{r['unexpected_count']} / {r['element_count']}",
              escape(r["observed_value"]) if r["observed_value"]
              else "<span class='note'>-</span>",
              escape(r["threshold"]) if r["threshold"] else "<span class='note'>-</span>"]
             for r in rows],
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
