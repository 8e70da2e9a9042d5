"""HTML building blocks of the analyst report: page, sections, tables, tiles, and the CSS.

Plain strings, no template engine: the report is a handful of tables and inline SVGs, and
every value is escaped where it enters (``table`` escapes cells unless told they are HTML).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

# System fonts only: a web font would be a request at view time.
STYLE = """
:root{--ink:#1b1f24;--muted:#5f6b76;--rule:#e3e6ea;--bg:#fafbfc}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
margin:0 auto;padding:1.5rem 2rem 3rem;max-width:1120px;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:0 0 .6rem}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
.subtitle,.note,.empty{color:var(--muted)}.note{font-size:.85rem}
section{border-top:1px solid var(--rule);padding:1.2rem 0}
svg{max-width:100%;height:auto;display:block}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--rule);padding:.3rem .5rem;text-align:left;
vertical-align:top}th{background:var(--bg);font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
a{color:#0b57d0;text-decoration:none}a:hover{text-decoration:underline}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.8rem;
margin:1.2rem 0}
.tile{background:var(--bg);border:1px solid var(--rule);border-radius:8px;padding:.7rem .9rem}
.tile b{display:block;font-size:1.5rem}.tile span{color:var(--muted);font-size:.85rem}
.health{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.8rem;
font-weight:600}.health.ok{background:#dcf3e3;color:#116329}
.health.stale{background:#fff3cd;color:#7a5a00}.health.error{background:#ffe2cc;color:#8a3b00}
.health.failing{background:#fbd5d2;color:#b3261e}
code{font-size:.85em;background:var(--bg);padding:0 .25rem;border-radius:3px}
"""


def page(title: str, subtitle: str, style: str, body: Iterable[str]) -> str:
    """A complete HTML document; ``subtitle`` and ``body`` are HTML already."""
    return "\n".join([
        "<!doctype html>",
        "<html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        # Belt and braces: even a hand-edited copy of the page may not load anything.
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{escape(title)}</title><style>{style}</style></head><body>",
        f"<h1>{escape(title)}</h1><p class='subtitle'>{subtitle}</p>",
        *body,
        "</body></html>",
    ])


def section(title: str, content: str) -> str:
    """A titled section; ``content`` is HTML."""
    return f"<section><h2>{escape(title)}</h2>{content}</section>"


def tiles(items: Sequence[tuple[str, str]]) -> str:
    """Headline numbers as a row of tiles: (label, value)."""
    cells = "".join(f"<div class='tile'><b>{escape(value)}</b><span>{escape(label)}</span>"
                    "</div>" for label, value in items)
    return f"<div class='tiles'>{cells}</div>"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, empty: str,
          raw: bool = False) -> str:
    """An HTML table; cells are escaped unless ``raw`` (then strings are HTML already)."""
    if not rows:
        return f"<p class='empty'>{escape(empty)}</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(v, raw) for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any, raw: bool) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"<td class='num'>{value:g}</td>" if isinstance(value, float) \
            else f"<td class='num'>{value}</td>"
    if value is None:
        return "<td></td>"
    text = str(value)
    return f"<td>{text if raw else escape(text)}</td>"
