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

from pipeline.quality.quarantine import list_quarantined
from pipeline.store.db import sql

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:1100px}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-top:1px solid #ddd;
padding-top:1rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}
.ok{color:#116329}.fail{color:#b3261e;font-weight:600}.muted{color:#667}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;background:#eee}
"""


def build_report(con: duckdb.DuckDBPyConnection, runs: int = 10) -> str:
    """The HTML page for the latest ``runs`` runs."""
    run_rows = con.execute(sql("queries/dq_recent_runs"), {"limit": runs}).fetchall()
    results: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in con.execute(sql("queries/dq_results_for_runs"), {"limit": runs}).fetchall():
        results[row[0]].append(row[1:])
    parts = [f"<!doctype html><html><head><meta charset='utf-8'>"
             f"<title>rcwire data quality</title><style>{_STYLE}</style></head><body>",
             "<h1>rcwire data quality</h1>",
             f"<p class='muted'>Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
             f"latest {len(run_rows)} run(s).</p>"]
    for run_id, started, _finished, status, counts in run_rows:
        parts.append(_run_section(con, run_id, started, status, counts, results[run_id]))
    parts.append("</body></html>")
    return "\n".join(parts)


def _run_section(con: duckdb.DuckDBPyConnection, run_id: str, started: Any, status: str,
                 counts: Any, rows: list[tuple[Any, ...]]) -> str:
    failed = [r for r in rows if not r[2]]
    verdict = (f"<span class='fail'>{len(failed)} failed</span>" if failed
               else "<span class='ok'>all passed</span>" if rows else
               "<span class='muted'>not checked</span>")
    counted = json.loads(counts) if isinstance(counts, str) else (counts or {})
    out = [f"<h2>{escape(run_id)} {verdict}</h2>",
           f"<p class='muted'>started {escape(str(started))} · {escape(status)} · "
           + " · ".join(f"{escape(k)} {v}" for k, v in sorted(counted.items())) + "</p>"]
    if rows:
        out.append("<table><tr><th>suite</th><th>expectation</th><th>result</th>"
                   "<th>unexpected</th><th>observed</th><th>threshold</th></tr>")
        for suite, expectation, success, observed, unexpected, elements, limit in rows:
            mark = "<span class='ok'>pass</span>" if success else "<span class='fail'>FAIL</span>"
            count = "" if unexpected is None else f"{unexpected} / {elements}"
            # Rows checked before thresholds were stored (migration 008) have none.
            shown = escape(observed) if observed else "<span class='muted'>-</span>"
            limit_cell = escape(limit) if limit else "<span class='muted'>-</span>"
            out.append(f"<tr><td>{escape(suite)}</td><td>{escape(expectation)}</td>"
                       f"<td>{mark}</td><td>{count}</td><td>{shown}</td>"
                       f"<td>{limit_cell}</td></tr>")
        out.append("</table>")
    held = list_quarantined(con, run_id=run_id, include_released=True)
    if held:
        out.append("<p><b>Quarantined</b></p><table><tr><th>article</th><th>title</th>"
                   "<th>failed</th><th>released</th></tr>")
        for item in held:
            out.append(f"<tr><td>{escape(item['article_id'])}</td>"
                       f"<td><a href='{escape(item['url'])}'>{escape(item['title'] or '')}</a>"
                       f"</td><td>{escape(', '.join(json.loads(item['failed'])))}</td>"
                       f"<td>{escape(str(item['released_at'] or ''))}</td></tr>")
        out.append("</table>")
    return "\n".join(out)
