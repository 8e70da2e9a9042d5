"""The daily analyst report (``rcwire report``, the rcwire_report DAG): one HTML file.

Everything the page shows is inside it: CSS in a ``<style>`` element and charts as inline
SVG, no script, font, image or stylesheet from anywhere else, so it opens offline and
viewing it sends no request. The only external URLs are the links to the articles.
Data comes from the analyst views (``sql/views``) through ``sql/queries/analyst/report_*``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

import duckdb

from pipeline.analyst import charts
from pipeline.analyst.html import STYLE, page, section, table, tiles
from pipeline.analyst.query import named_rows
from pipeline.store import db

TOP_ENTITIES = 15
TRENDING_ENTITIES = 6
HEADLINES = 25
RUNS = 5
TOP_STORIES = 10
# Up to this many runs, the DQ chart has one point per run; beyond, one per day of checks.
DQ_RUNS_SHOWN = 60
# Bucket size by window length: daily bars up to two months, weekly up to about a year.
_DAILY_UP_TO = 62
_WEEKLY_UP_TO = 400


@dataclass(frozen=True)
class Window:
    """The days a report covers and how its time charts are bucketed."""

    since: date | None
    start: date
    end: date
    unit: str

    @property
    def buckets(self) -> list[date]:
        """First day of every bucket from ``start`` to ``end``, gaps included."""
        found, current = [], truncate(self.start, self.unit)
        while current <= self.end:
            found.append(current)
            current = _next_bucket(current, self.unit)
        return found

    def describe(self) -> str:
        """One line for the page header."""
        scope = f"last {(self.end - self.since).days + 1} days" if self.since else "all history"
        return f"{scope}: {self.start:%d %b %Y} – {self.end:%d %b %Y}, by {self.unit}"


@dataclass(frozen=True)
class ReportData:
    """Rows of every section, fetched in one short read of the database."""

    generated_at: datetime
    window: Window
    volume: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    entity_trend: list[dict[str, Any]]
    duplicates: list[dict[str, Any]]
    syndication: list[dict[str, Any]]
    dq: list[dict[str, Any]]
    dq_runs: list[dict[str, Any]]
    entity_count: int
    feeds: list[dict[str, Any]]
    headlines: list[dict[str, Any]]
    runs: list[dict[str, Any]]
    stories: list[dict[str, Any]] = field(default_factory=list)
    # Issue 17: articles per bucket and detected language.
    languages: list[dict[str, Any]] = field(default_factory=list)


def write_report(path: Path, out: Path, days: int = 30, wait: float = 0.0) -> Path:
    """Open the database read-only, build the report and write it.

    Args:
        path: the DuckDB file.
        out: the HTML file to write (folders are created).
        days: days covered, ending today (UTC); 0 for the whole history.
        wait: seconds to wait for a run that is writing the database.

    Returns:
        ``out``.

    Raises:
        RunError: the database is missing or being written by a run.
    """
    with db.opened(path, read_only=True, wait=wait) as con:
        data = collect(con, days)
    return save(render(data), out)


def save(html: str, out: Path) -> Path:
    """Write the page atomically, so a browser or a web server never sees half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(out)
    return out


def collect(con: duckdb.DuckDBPyConnection, days: int = 30, today: date | None = None,
            ) -> ReportData:
    """Query every section of the report.

    Args:
        con: an open connection (read-only is enough).
        days: days covered, ending ``today``; 0 for the whole history.
        today: the last day (default: the current UTC date).

    Returns:
        The report's rows.
    """
    window = report_window(con, days, today or datetime.now(UTC).date())
    since = {"since": window.since}
    bucketed = {**since, "unit": window.unit}
    return ReportData(
        generated_at=datetime.now(UTC), window=window,
        volume=named_rows(con, "report_volume", bucketed),
        entities=named_rows(con, "report_entities", {**since, "top": TOP_ENTITIES}),
        entity_trend=named_rows(con, "report_entity_trend",
                                {**bucketed, "top": TRENDING_ENTITIES}),
        duplicates=named_rows(con, "report_duplicates", since),
        syndication=named_rows(con, "report_syndication", {}),
        dq=named_rows(con, "report_dq", since),
        dq_runs=named_rows(con, "report_dq_runs", since),
        entity_count=int(named_rows(con, "report_entity_count", since)[0]["entities"]),
        feeds=named_rows(con, "report_feeds", {}),
        headlines=named_rows(con, "report_headlines", {**since, "limit": HEADLINES}),
        runs=named_rows(con, "report_last_runs", {"limit": RUNS}),
        stories=named_rows(con, "report_stories", {**since, "limit": TOP_STORIES}),
        languages=named_rows(con, "report_languages", bucketed),
    )


def report_window(con: duckdb.DuckDBPyConnection, days: int, today: date) -> Window:
    """The window ending today (or at the newest article, if dated later)."""
    since = today - timedelta(days=days - 1) if days > 0 else None
    [span] = named_rows(con, "report_span", {"since": since})
    start = since or span["first_day"] or today
    end = max(today, span["last_day"] or today)
    return Window(since=since, start=start, end=end, unit=_unit(start, end))


def _unit(start: date, end: date) -> str:
    """The bucket size of charts from ``start`` to ``end``."""
    covered = (end - start).days + 1
    return "day" if covered <= _DAILY_UP_TO else "week" if covered <= _WEEKLY_UP_TO else "month"


def truncate(day: date, unit: str) -> date:
    """The first day of ``day``'s bucket (weeks start on Monday, as DuckDB's date_trunc)."""
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _next_bucket(day: date, unit: str) -> date:
    if unit == "week":
        return day + timedelta(days=7)
    if unit == "month":
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day + timedelta(days=1)


def render(data: ReportData) -> str:
    """The whole page as one self-contained HTML string."""
    body = [
        _summary(data),
        _stories(data),
        _volume(data),
        _languages(data),
        _entities(data),
        _duplicates(data),
        _quality(data),
        _feeds(data),
        _headlines(data),
    ]
    subtitle = (f"Generated {data.generated_at:%Y-%m-%d %H:%M} UTC · "
                f"{escape(data.window.describe())}")
    return page("rcwire report", subtitle, STYLE, body)


def _summary(data: ReportData) -> str:
    articles = sum(int(r["articles"]) for r in data.volume)
    checks = sum(int(r["checks"]) for r in data.dq)
    failed = sum(int(r["failed"]) for r in data.dq)
    unhealthy = [f for f in data.feeds if f["health"] != "ok"]
    return tiles([
        ("articles", f"{articles}"),
        ("sources", f"{len({r['source'] for r in data.volume})}"),
        ("duplicates", f"{sum(int(r['duplicates']) for r in data.duplicates)}"),
        ("entities named", f"{data.entity_count}"),
        ("checks passed", f"{(checks - failed) / checks:.0%}" if checks else "–"),
        ("feeds not ok", f"{len(unhealthy)} of {len(data.feeds)}"),
    ])


def _stories(data: ReportData) -> str:
    """The day's top stories lead the page: what happened, how widely it was carried."""
    if not data.stories:
        return section("Top stories", "<p class='empty'>No stories in this window.</p>")
    rows = [[f"<a href='{escape(r['first_url'] or '', quote=True)}' rel='noopener noreferrer'>"
             f"{escape(r['title'])}</a>" + (" <b>new</b>" if r["new_story"] else ""),
             escape(", ".join(r["outlet_names"])), escape(", ".join(r["languages"])),
             escape(r["first_source"]), r["reports_that_day"]] for r in data.stories]
    return section(f"Top stories of {data.stories[0]['day']:%d %b %Y}", table(
        ["headline", "outlets", "languages", "first reporter", "reports that day"], rows,
        empty="", raw=True) + "<p class='note'>Articles about one event across outlets and "
        "languages, copies included, widest first. Views: <code>stories_daily</code>, "
        "<code>top_stories</code>, <code>story_coverage</code>.</p>")


def _volume(data: ReportData) -> str:
    return _stacked(data, data.volume, "source", "volume", "Volume per source",
                    "<p class='note'>Unique on-theme articles per source and "
                    f"{data.window.unit}, by publication date (fetch date when a page gives "
                    "none). View: <code>daily_volume</code>.</p>")


def _languages(data: ReportData) -> str:
    return _stacked(data, data.languages, "language", "languages", "Volume per language",
                    "<p class='note'>Unique on-theme articles per language detected in the "
                    f"text and {data.window.unit}. Views: <code>daily_volume_by_language</code>, "
                    "<code>language_mismatches</code>, <code>cross_language_coverage</code>.</p>")


def _stacked(data: ReportData, rows: list[dict[str, Any]], key: str, name: str, title: str,
             note: str) -> str:
    """A section with articles per ``key`` and time bucket as stacked bars."""
    if not rows:
        return section(title, "<p class='empty'>No articles in this window.</p>")
    buckets = data.window.buckets
    svg = charts.stacked_bars(buckets, _series(rows, key, "articles", buckets),
                              name=name, ylabel="articles", unit=data.window.unit)
    return section(title, svg + note)


def _entities(data: ReportData) -> str:
    if not data.entities:
        return section("Entities", "<p class='empty'>No entity named in this window.</p>")
    ranked = charts.ranked_bars([r["entity"] for r in data.entities],
                                [int(r["articles"]) for r in data.entities],
                                [r["kind"] for r in data.entities],
                                name="entities", xlabel="articles naming it")
    buckets = data.window.buckets
    trend = charts.lines(buckets, _series(data.entity_trend, "entity", "articles", buckets),
                         name="entity-trend", ylabel="articles", unit=data.window.unit)
    note = ("<p class='note'>People, institutions, themes and places of "
            "<code>config/entities.yaml</code>. Views: <code>entity_mentions_daily</code>, "
            "<code>entity_totals</code>.</p>")
    return section("Top entities", ranked) + section(
        f"How the top {TRENDING_ENTITIES} move", trend + note)


def _duplicates(data: ReportData) -> str:
    parts = []
    if data.duplicates:
        sources = sorted({r["source"] for r in data.duplicates})
        methods = sorted({r["method"] for r in data.duplicates})
        counts = {(r["source"], r["method"]): int(r["duplicates"]) for r in data.duplicates}
        series = {m: [counts.get((s, m), 0) for s in sources] for m in methods}
        parts.append(charts.stacked_hbars(sources, series, name="duplicates",
                                          xlabel="copies recorded (by method)"))
    else:
        parts.append("<p class='empty'>No duplicates in this window.</p>")
    parts.append("<h3>Who republishes whom (all time)</h3>")
    parts.append(table(
        ["original source", "republisher", "copies", "exact", "edited", "similarity"],
        [[r["original_source"], r["republisher"], r["copies"], r["exact_copies"],
          r["near_copies"], r["mean_similarity"]] for r in data.syndication],
        empty="No copies across sources yet."))
    parts.append("<p class='note'>url: the same page under another link; hash: the same "
                 "text; near: an edited or shortened copy. Views: <code>duplicates_daily"
                 "</code>, <code>syndication</code>, <code>better_copies</code>.</p>")
    return section("Duplicates and syndication", "".join(parts))


def _quality(data: ReportData) -> str:
    if not data.dq:
        return section("Data quality", "<p class='empty'>No checks ran in this window.</p>")
    runs = sorted({(r["checked_at"], r["run_id"]) for r in data.dq_runs})
    if len(runs) <= DQ_RUNS_SHOWN:
        # On the time the checks ran, one point per run: a window of article dates would
        # squeeze today's checks into one dot in a corner.
        labels = [f"{when.astimezone(UTC):%d %b %H:%M}" for when, _ in runs]
        svg = charts.lines([], _run_pass_rates(data.dq_runs, [r for _, r in runs]),
                           name="dq", ylabel="pass rate", unit="run", ylim=(-0.02, 1.02),
                           labels=labels)
        scope = f"one point per run ({len(runs)}), at the time its checks ran"
    else:
        checked = _check_window(data.dq)
        svg = charts.lines(checked.buckets, _pass_rates(data.dq, checked.buckets, checked.unit),
                           name="dq", ylabel="pass rate", unit=checked.unit, ylim=(-0.02, 1.02))
        scope = f"per {checked.unit} the checks ran"
    failed = [r for r in data.dq if int(r["failed"])]
    note = (f"<p class='note'>Pass rate per suite, {scope}. {len(failed)} day/suite "
            "pair(s) with failures; observed values and thresholds: <code>rcwire dq report"
            "</code>. View: <code>dq_trend</code>.</p>")
    return section("Data-quality pass rate", svg + note)


def _check_window(rows: list[dict[str, Any]]) -> Window:
    """Buckets spanning the days checks ran (not the articles' publication dates)."""
    first, last = min(r["day"] for r in rows), max(r["day"] for r in rows)
    return Window(since=None, start=first, end=last, unit=_unit(first, last))


def _run_pass_rates(rows: Iterable[dict[str, Any]], runs: Sequence[str],
                    ) -> dict[str, list[float | None]]:
    """Pass rate per suite and run, in ``runs`` order (None where a suite did not run)."""
    cells = {(r["suite"], r["run_id"]): r for r in rows}
    suites = sorted({suite for suite, _ in cells})
    return {suite: [(int(c["checks"]) - int(c["failed"])) / int(c["checks"])
                    if (c := cells.get((suite, run))) and int(c["checks"]) else None
                    for run in runs] for suite in suites}


def _pass_rates(rows: Iterable[dict[str, Any]], buckets: Sequence[date], unit: str,
                ) -> dict[str, list[float | None]]:
    totals: dict[str, dict[date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in rows:
        cell = totals[r["suite"]][truncate(r["day"], unit)]
        cell[0] += int(r["checks"]) - int(r["failed"])
        cell[1] += int(r["checks"])
    return {suite: [(cells[b][0] / cells[b][1]) if b in cells else None for b in buckets]
            for suite, cells in sorted(totals.items())}


def _feeds(data: ReportData) -> str:
    rows = [[f"<span class='health {escape(f['health'])}'>{escape(f['health'])}</span>",
             escape(f["source"]), f["consecutive_failures"], _when(f["last_success_at"]),
             _when(f["next_fetch_at"]), f["fetches_7d"], f["failures_7d"], f["articles"],
             escape(f["last_error"] or "")] for f in data.feeds]
    runs = [[escape(r["run_id"]), _when(r["started_at"]), escape(r["status"]),
             r["feeds_total"], r["feeds_failed"], r["loaded"], r["duplicates"],
             r["off_theme"], r["failed_pages"]] for r in data.runs]
    return section("Feed health", table(
        ["health", "source", "failures in a row", "last success", "next fetch",
         "fetches (7 d)", "failed (7 d)", "articles", "last error"], rows,
        empty="No feed fetched yet.", raw=True) + "<h3>Latest runs</h3>" + table(
        ["run", "started", "status", "feeds", "failed feeds", "loaded", "duplicates",
         "off theme", "failed pages"], runs, empty="No run yet.", raw=True)
        + "<p class='note'>Views: <code>feed_health</code>, <code>run_history</code>.</p>")


def _headlines(data: ReportData) -> str:
    rows = [[f"{r['day']:%Y-%m-%d}", escape(r["source"]),
             f"<a href='{escape(r['url'], quote=True)}' rel='noopener noreferrer'>"
             f"{escape(r['title'])}</a>",
             escape(", ".join(r["entities"][:5])), r["duplicates"]] for r in data.headlines]
    return section("Latest headlines", table(
        ["day", "source", "headline", "names", "copies"], rows,
        empty="No articles in this window.", raw=True)
        + "<p class='note'>View: <code>latest_headlines</code>.</p>")


def _series(rows: Iterable[dict[str, Any]], key: str, value: str, buckets: Sequence[date],
            ) -> dict[str, list[float]]:
    """``{series: [value per bucket]}`` with zeros where a bucket has no row."""
    index = {b: i for i, b in enumerate(buckets)}
    series: dict[str, list[float]] = {}
    for r in rows:
        values = series.setdefault(str(r[key]), [0.0] * len(buckets))
        if r["bucket"] in index:
            values[index[r["bucket"]]] += float(r[value])
    return dict(sorted(series.items(), key=lambda kv: -sum(kv[1])))


def _when(value: datetime | None) -> str:
    return f"{value.astimezone(UTC):%Y-%m-%d %H:%M}" if value else "–"
