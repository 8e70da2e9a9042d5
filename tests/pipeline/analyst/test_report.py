"""`rcwire report`: one self-contained HTML file, rendered for real in headless Chromium.

Chromium runs with a dead proxy (nothing it tries can leave the machine) and a NetLog of
every request it starts. Requests the browser makes for itself carry the initiator
"not an origin"; anything the page asks for carries the page's origin ("null" for file://),
so the report must start none. A control page with one external image proves the check
sees page requests at all.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import duckdb
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from pipeline.analyst.charts import _label_axis, bucket_label
from pipeline.analyst.report import (
    TOP_ENTITIES,
    Window,
    collect,
    render,
    report_window,
    truncate,
)
from pipeline.run import tasks
from pipeline.store import db
from tests.conftest import ROOT
from tests.pipeline.sample_run import ORIGINALS, SampleRun, copy_db, shared_run
from tests.support.tools import tool_missing

CHROMIUM = Path("/usr/bin/chromium")
# The chart colours of pipeline/analyst/charts.py that must show up as drawn pixels.
BLUE, ORANGE, GREEN = (0x1F, 0x77, 0xB4), (0xFF, 0x7F, 0x0E), (0x2C, 0xA0, 0x2C)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    return shared_run(tmp_path_factory)


@pytest.fixture(scope="module")
def report(run: SampleRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = subprocess.run([sys.executable, "-m", "pipeline", "report", "--days", "0",
                             "--out", str(out), "--db", str(run.db)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out}"
    return out


@dataclass
class Rendered:
    """What Chromium made of a page."""

    dom: str
    screenshot: Path
    page_requests: list[str]


def render_in_chromium(page: Path, folder: Path) -> Rendered:
    """Load ``page`` in headless Chromium: DOM after load, screenshot, page requests."""
    profile, netlog, shot = folder / "profile", folder / "netlog.json", folder / "page.png"
    shutil.rmtree(profile, ignore_errors=True)
    result = subprocess.run([
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-default-apps", "--disable-extensions",
        "--proxy-server=http://127.0.0.1:9", f"--user-data-dir={profile}",
        f"--log-net-log={netlog}", "--hide-scrollbars", "--window-size=1200,4200",
        f"--screenshot={shot}", "--dump-dom", page.resolve().as_uri(),
    ], capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return Rendered(result.stdout, shot, page_requests(netlog))


def page_requests(netlog: Path) -> list[str]:
    """URLs of requests the page started (not the browser's own background traffic)."""
    log, _ = json.JSONDecoder().raw_decode(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log["events"]
            if e["type"] == start and "url" in e.get("params", {})
            and e["params"].get("initiator") != "not an origin"]


class SvgCounter(HTMLParser):
    """Counts <svg> elements and the drawn <path>s (non-empty ``d``) inside each."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[int] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.depth += 1
            if self.depth == 1:
                self.paths.append(0)
        elif tag == "path" and self.depth and (dict(attrs).get("d") or "").strip():
            self.paths[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.depth -= 1


def drawn_paths(html: str) -> list[int]:
    counter = SvgCounter()
    counter.feed(html)
    return counter.paths


@pytest.fixture(scope="module")
def chromium() -> Path:
    """Debian's chromium; listed first so a missing one is reported before the sample run."""
    if not CHROMIUM.exists():
        tool_missing(f"headless rendering needs Debian's chromium ({CHROMIUM}): "
                     "apt-get install -y chromium (done by .ci/run)")
    return CHROMIUM


def test_report_draws_its_charts_in_chromium_and_requests_nothing(
        chromium: Path, report: Path, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text("<!doctype html><p>control</p><img src='http://127.0.0.1:9/x.png'>",
                       encoding="utf-8")
    (tmp_path / "control").mkdir()
    assert render_in_chromium(control, tmp_path / "control").page_requests == [
        "http://127.0.0.1:9/x.png"]

    shown = render_in_chromium(report, tmp_path)
    assert shown.page_requests == []
    paths = drawn_paths(shown.dom)
    # Volume, volume per language, top entities, their trend, duplicates, data quality:
    # each really drawn.
    assert len(paths) == 6 and min(paths) >= 5, paths
    shutil.copyfile(shown.screenshot, report.with_suffix(".png"))
    with Image.open(shown.screenshot) as image:
        colours = dict((rgb, n) for n, rgb in image.convert("RGB").getcolors(1 << 22))
    for colour in (BLUE, ORANGE, GREEN):
        assert colours.get(colour, 0) > 400, colour


def test_report_is_self_contained(report: Path, run: SampleRun) -> None:
    html = report.read_text(encoding="utf-8")
    for tag in ("<script", "<link", "<img", "<iframe", "<object", "<embed", "@import"):
        assert tag not in html.lower(), tag
    # SVG clip paths refer to their own document (url(#id)); nothing else may be fetched.
    assert re.findall(r"url\((?!#)", html) == []
    assert re.findall(r"""\bsrc\s*=""", html) == []
    external = set(re.findall(r"""href\s*=\s*['"](https?://[^'"]+)""", html))
    articles = {url for (url,) in run.rows("select url from articles")}
    assert external == articles
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_report_shows_every_original_headline_with_a_link(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    for item in ORIGINALS:
        assert re.search(rf"""<a href='[^']*{re.escape(item['path'])}'[^>]*>""", html), \
            item["path"]


def test_report_numbers_come_from_the_views(run: SampleRun) -> None:
    with duckdb.connect(str(run.db), read_only=True) as con:
        data = collect(con, days=0)
    assert sum(r["articles"] for r in data.volume) == len(ORIGINALS)
    assert [r["entity"] for r in data.entities] == [e for (e,) in run.rows(
        "select entity from entity_totals limit 15")]
    assert {f["health"] for f in data.feeds} == {"ok"}
    assert len(data.headlines) == len(ORIGINALS)


def test_report_renders_on_an_empty_database(tmp_path: Path) -> None:
    with db.opened(tmp_path / "empty.duckdb") as con:
        db.migrate(con)
        html = render(collect(con, days=7))
    # Volume per source, per language, headlines.
    assert html.count("No articles in this window.") == 3
    assert "<svg" not in html


@pytest.mark.parametrize(("days", "unit"), [(7, "day"), (62, "day"), (120, "week"),
                                            (400, "week"), (401, "month")])
def test_window_bucket_size_follows_its_length(tmp_path: Path, days: int, unit: str) -> None:
    with db.opened(tmp_path / "w.duckdb") as con:
        db.migrate(con)
        window = report_window(con, days, date(2026, 3, 18))
    assert (window.unit, window.end, (window.end - window.start).days) == (
        unit, date(2026, 3, 18), days - 1)
    assert window.buckets[0] == truncate(window.start, unit)


def test_report_task_writes_html_beside_the_json(run: SampleRun, tmp_path: Path) -> None:
    settings = run.settings.model_copy(update={"db": copy_db(run, tmp_path),
                                               "data_dir": tmp_path / "data"})
    summary = json.loads(Path(tasks.report_task(None, settings)).read_text(encoding="utf-8"))
    html = Path(summary["report_html"])
    assert html == (tmp_path / "data" / "reports" / "report.html").resolve()
    assert "<svg" in html.read_text(encoding="utf-8")
    assert summary["articles"] == len(ORIGINALS)


def test_kpi_counts_every_entity_named(run: SampleRun) -> None:
    with duckdb.connect(str(run.db), read_only=True) as con:
        data = collect(con, days=0)
    [(named,)] = run.rows("select count(distinct entity) from entity_totals")
    assert named > TOP_ENTITIES  # the sample site names more than the chart shows
    assert data.entity_count == named
    assert f"<b>{named}</b><span>entities named</span>" in render(data)


def test_dq_trend_is_drawn_on_the_time_checks_ran(run: SampleRun) -> None:
    with duckdb.connect(str(run.db), read_only=True) as con:
        data = collect(con, days=0)
    checked = {r["checked_at"] for r in data.dq_runs}
    assert len(checked) == 1  # one point per run, though its suites ran seconds apart
    assert {r["run_id"] for r in data.dq_runs} == {run.summary["run_id"]}
    html = render(data)
    dq_svg = html[html.index("Data-quality pass rate"):]
    dq_svg = dq_svg[dq_svg.index("<svg"):dq_svg.index("</svg>")]
    label = f"{min(checked).astimezone(UTC):%d %b %H:%M}"
    assert label in dq_svg
    # Not the articles' days: the window of `--days 0` starts at the oldest article.
    assert bucket_label(data.window.start, data.window.unit) not in dq_svg


@pytest.mark.parametrize(("days", "unit"), [(62, "day"), (120, "week"), (400, "week"),
                                            (3000, "month")])
def test_time_axis_labels_never_overlap(days: int, unit: str) -> None:
    start = date(2026, 3, 18)
    window = Window(None, start - timedelta(days=days - 1), start, unit)
    labels = [bucket_label(b, unit) for b in window.buckets]
    fig = Figure(figsize=(9.0, 3.4), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.bar(range(len(labels)), [1] * len(labels), label="a source name")
    _label_axis(ax, labels)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    fig.canvas.draw()
    boxes = sorted((t.get_window_extent() for t in ax.get_xticklabels() if t.get_text()),
                   key=lambda b: b.x0)
    assert len(boxes) >= 2
    # At least a character's width (6 px at 100 dpi, 10 pt) between neighbours: the
    # browser's font is a little wider than matplotlib's DejaVu.
    gaps = [b.x0 - a.x1 for a, b in pairwise(boxes)]
    assert min(gaps) > 6, (unit, gaps)
