"""Charts of the analyst report as inline SVG (matplotlib, no pyplot, no display).

Each function returns one ``<svg>`` element ready to paste into HTML: text stays text
(``svg.fonttype: none``) so the file stays small and readable, ids are salted per chart so
several charts can share one page, and the XML prologue and RDF metadata are dropped.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

# One colour per series, stable across charts (tab10 without its greys).
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31")
KIND_COLOURS = {"person": "#1f77b4", "institution": "#ff7f0e", "theme": "#2ca02c",
                "place": "#9467bd"}
_WIDTH = 9.0
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
# Labels on a time axis: enough to read, never so many that they overlap. The axis is
# about 6.5 in of the 9 in figure (the legend takes the rest): ~80 characters of 10 pt
# tick text in the browser's sans-serif, with a gap of 4 characters between labels.
_MAX_TICKS = 12
_AXIS_CHARS = 80
_LABEL_GAP = 4


def stacked_bars(buckets: Sequence[date], series: Mapping[str, Sequence[float]], *,
                 name: str, ylabel: str, unit: str) -> str:
    """Bars per time bucket, one stacked segment per series (e.g. articles per source)."""
    fig, ax = _figure(3.4)
    positions = list(range(len(buckets)))
    bottom = [0.0] * len(buckets)
    for i, (label, values) in enumerate(series.items()):
        ax.bar(positions, values, bottom=bottom, label=label, color=_colour(i), width=0.8)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    _label_axis(ax, [bucket_label(b, unit) for b in buckets])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    _legend(ax, len(series))
    return _svg(fig, name)


def lines(buckets: Sequence[date], series: Mapping[str, Sequence[float | None]], *,
          name: str, ylabel: str, unit: str, ylim: tuple[float, float] | None = None,
          labels: Sequence[str] | None = None) -> str:
    """One line per series over time buckets (e.g. articles naming each top entity);
    ``labels`` name the points instead of ``buckets`` (e.g. runs at their check time)."""
    fig, ax = _figure(3.2)
    names = list(labels) if labels is not None else [bucket_label(b, unit) for b in buckets]
    positions = list(range(len(names)))
    for i, (label, values) in enumerate(series.items()):
        ax.plot(positions, [float("nan") if v is None else v for v in values], label=label,
                color=_colour(i), marker="o", markersize=3.5, linewidth=1.6)
    _label_axis(ax, names)
    ax.set_ylabel(ylabel)
    if ylim:
        ax.set_ylim(*ylim)
    else:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _legend(ax, len(series))
    return _svg(fig, name)


def ranked_bars(labels: Sequence[str], values: Sequence[float], kinds: Sequence[str], *,
                name: str, xlabel: str) -> str:
    """Horizontal bars, largest on top, coloured by kind (e.g. the top entities)."""
    fig, ax = _figure(0.8 + 0.28 * max(len(labels), 3), grid="x")
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=[KIND_COLOURS.get(k, "#7f7f7f") for k in kinds])
    ax.set_yticks(positions, labels)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    for pos, value in zip(positions, values, strict=True):
        ax.annotate(f"{value:g}", (value, pos), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=8)
    used = [k for k in KIND_COLOURS if k in set(kinds)]
    handles = [Patch(color=KIND_COLOURS[k], label=k) for k in used]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
              fontsize=8)
    return _svg(fig, name)


def stacked_hbars(labels: Sequence[str], series: Mapping[str, Sequence[float]], *,
                  name: str, xlabel: str) -> str:
    """Horizontal bars per label, one stacked segment per series (e.g. copies by method)."""
    fig, ax = _figure(0.9 + 0.34 * max(len(labels), 2), grid="x")
    positions = list(range(len(labels)))[::-1]
    left = [0.0] * len(labels)
    for i, (label, values) in enumerate(series.items()):
        ax.barh(positions, values, left=left, label=label, color=_colour(i))
        left = [a + v for a, v in zip(left, values, strict=True)]
    ax.set_yticks(positions, labels)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    _legend(ax, len(series))
    return _svg(fig, name)


def _figure(height: float, grid: Literal["x", "y"] = "y") -> tuple[Figure, Axes]:
    fig = Figure(figsize=(_WIDTH, height), layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis=grid, color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)
    return fig, ax


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _legend(ax: Axes, count: int) -> None:
    if count:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)


def _label_axis(ax: Axes, labels: Sequence[str]) -> None:
    """Label every n-th position so that no two labels overlap, however long they are."""
    step = max(1, -(-len(labels) // max_ticks(labels)))
    ticks = list(range(0, len(labels), step))
    ax.set_xticks(ticks, [labels[i] for i in ticks])
    ax.set_xlim(-0.6, max(len(labels), 1) - 0.4)


def max_ticks(labels: Sequence[str]) -> int:
    """How many labels of this length fit side by side on the x axis (at least 2)."""
    longest = max((len(label) for label in labels), default=1)
    return max(2, min(_MAX_TICKS, int(_AXIS_CHARS // (longest + _LABEL_GAP))))


def bucket_label(day: date, unit: str) -> str:
    """A short axis label for a bucket starting on ``day``."""
    if unit == "month":
        return f"{day:%b %Y}"
    if unit == "week":
        return f"wk {day:%d %b %y}"
    return f"{day:%d %b}"


def _svg(fig: Figure, name: str) -> str:
    buffer = io.StringIO()
    # Salted ids keep clip paths of two charts on one page from colliding.
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": name}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return _METADATA.sub("", text[text.index("<svg"):]).strip()
