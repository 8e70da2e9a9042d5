"""Run progress and the closing summary: a live bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

log = logging.getLogger("rcwire")

_OUTCOME_ORDER = ("loaded", "already_known", "duplicate", "off_theme", "quarantined",
                  "fetch_failed", "extract_failed")


class RunProgress:
    """Counts pages as they finish; ``hook`` is handed to the stage functions."""

    def __init__(self, enabled: bool = True) -> None:
        self._live = enabled and sys.stderr.isatty()
        self._plain = enabled and not self._live
        self._bar: Progress | None = None
        self._task: Any = None
        self._total = 0
        self._done = 0

    def __enter__(self) -> RunProgress:
        if self._live:
            self._bar = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("pages", total=0)
        elif self._plain:
            logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s",
                                stream=sys.stderr)
            # Our per-feed lines only: httpx's line per request and GX's start-up chatter
            # would drown what ops want to read.
            logging.getLogger("rcwire").setLevel(logging.INFO)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    def hook(self, source: str, delta: int) -> None:
        """``delta`` > 0: a feed announced that many new pages; -1: one page finished."""
        if delta >= 0:
            self._total += delta
            if self._plain:
                log.info("feed %s: %d new pages", source, delta)
        else:
            self._done += 1
        if self._bar is not None:
            self._bar.update(self._task, total=self._total, completed=self._done)


def print_summary(summary: dict[str, Any], db_path: Path) -> None:
    """The run's counts per outcome and per feed, as tables on stdout."""
    console = Console()
    counts = summary["counts"]
    console.print(f"[bold]run {summary['run_id']}[/]")
    table = Table()
    table.add_column("outcome")
    table.add_column("urls", justify="right")
    methods = summary.get("duplicates_by_method") or {}
    for name in [*_OUTCOME_ORDER, *sorted(set(counts) - set(_OUTCOME_ORDER))]:
        if counts.get(name):
            table.add_row(name, str(counts[name]))
        if name == "duplicate":
            for method, n in methods.items():
                table.add_row(f"  by {method}", str(n))
    table.add_row("[bold]total", f"[bold]{sum(counts.values())}")
    console.print(table)
    feeds = Table()
    for col in ("source", "status", "entries", "new", "error"):
        feeds.add_column(col, overflow="fold")
    for f in summary["feeds"]:
        feeds.add_row(f["source"], _status(f), str(f["entries"]), str(f["new_entries"]),
                      f["error"] or "")
    console.print(feeds)
    skipped = summary.get("skipped_not_due") or []
    if skipped:
        more = f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""
        shown = ", ".join(skipped[:10]) + more
        console.print(f"{len(skipped)} feeds not due yet, skipped: {shown}")
    _print_lifecycle(console, summary)
    for fail in summary.get("page_failures", [])[:20]:
        console.print(f"[yellow]{fail['outcome']}[/] {fail['reason']}: {fail['url']}")
    if summary.get("note"):
        console.print(f"[yellow]{summary['note']}[/]", highlight=False)
    console.print(f"{counts.get('loaded', 0)} new articles in {db_path}")
    if summary.get("timings"):
        console.print(_timings(summary["timings"]))


def _print_lifecycle(console: Console, summary: dict[str, Any]) -> None:
    """Feeds retired or moved by this run, and retired feeds it left alone."""
    for feed in summary.get("retired") or []:
        console.print(f"[red]retired[/] {feed['source']} ({feed['feed_url']}): "
                      f"{feed['reason']}; re-enable: rcwire sources enable {feed['feed_url']}")
    for feed in summary.get("moved") or []:
        console.print(f"[yellow]moved[/] {feed['source']}: {feed['from']} -> {feed['to']} "
                      "(permanent redirect; fetched there from now on)")
    retired = summary.get("skipped_retired") or []
    if retired:
        console.print(f"{len(retired)} retired feed(s) not fetched: {', '.join(retired)}")


def _timings(timings: dict[str, Any]) -> str:
    parts = []
    for name in ("plan", "fetch", "decide", "load"):
        phase = timings.get(name)
        if phase is None:
            continue
        part = f"{name} {phase['wall_s']:.1f} s"
        if phase.get("pages_extracted"):
            part += (f" (extraction {phase['extract_cpu_s']:.1f} s CPU for "
                     f"{int(phase['pages_extracted'])} pages)")
        parts.append(part)
    total = timings.get("total", {})
    return (f"took {total.get('wall_s', 0):.1f} s, {total.get('cpu_s', 0):.1f} s CPU: "
            + ", ".join(parts))


def _status(feed: dict[str, Any]) -> str:
    if feed["status"] == "not_modified":
        return "unchanged (304)"
    if feed["status"] == "failed":
        return "[red]failed[/]"
    return "ok"
