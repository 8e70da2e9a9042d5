"""Great Expectations on the pipeline's data: suites are JSON files in ``expectations/``.

GX takes seconds to import, so it is imported on first use and never for an empty batch:
``rcwire --help`` and a run where every feed answered 304 do not pay for it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import os
import re
import sys
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import pyarrow as pa

from pipeline.clean.rules import EXPECTATIONS, boilerplate_markers
from pipeline.settings import Settings

SUITES = EXPECTATIONS
BATCH_COLUMNS = ["url", "title", "text", "fetched_at", "source", "word_count", "published_at",
                 "language", "relevance_score", "canonical_url"]
# A marker only counts on a short paragraph: a long one that mentions "newsletter" is prose.
_MARKER_LINE = r"(?im)^(?=.{0,200}$)"


@dataclass(frozen=True)
class ExpectationResult:
    """One expectation's outcome, as stored in ``dq_results``."""

    suite: str
    expectation: str
    success: bool
    observed_value: str | None
    unexpected_count: int | None
    element_count: int | None
    unexpected_rows: tuple[int, ...] = ()
    threshold: str | None = None


def suite_names() -> list[str]:
    """Names of the suites in ``expectations/``."""
    return sorted(p.stem for p in SUITES.glob("*.json"))


def load_suite(name: str) -> dict[str, Any]:
    """A suite's JSON."""
    data: dict[str, Any] = json.loads((SUITES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def batch_parameters(settings: Settings, now: datetime | None = None) -> dict[str, Any]:
    """Values for the ``$PARAMETER`` placeholders of the ``article_batch`` suite."""
    now = now or datetime.now(UTC)
    return {
        "min_words": settings.min_words,
        "oldest_published": datetime(settings.oldest_year, 1, 1, tzinfo=UTC).isoformat(),
        "latest_published": (now + timedelta(days=1)).isoformat(),
        "languages": sorted(settings.languages),
        "relevance_threshold": settings.relevance_threshold,
        "boilerplate_markers": [marker_regex()],
    }


def marker_regex() -> str:
    """Every marker in one regex: pandas runs each regex of the list over every text, so
    90 patterns cost 90 scans (1.3 s of a 300-article run); one alternation behind the
    shared line anchor is one scan that tries the patterns only at short lines' starts
    (9x less CPU on the labelled pages, the same rows flagged)."""
    bodies = [pattern[len(_MARKER_LINE):] for pattern in marker_regexes()]
    return _MARKER_LINE + "(?:" + "|".join(f"(?:{body})" for body in bodies) + ")"


def marker_regexes() -> list[str]:
    """Cleaning-rule patterns anchored at a paragraph start, as whole-text regexes."""
    out = []
    for pattern in boilerplate_markers():
        if pattern.startswith("^"):
            # pandas warns on capture groups in str.contains; make them non-capturing.
            body = re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern[1:])
            out.append(_MARKER_LINE + body)
    return out


def validate_rows(table: pa.Table, settings: Settings, now: datetime | None = None,
                  ) -> tuple[dict[int, list[str]], list[ExpectationResult]]:
    """Run ``article_batch`` on staged articles.

    Args:
        table: the rows that would load (``stage.ARTICLE_SCHEMA``).
        settings: thresholds for the suite's parameters.
        now: the check's instant (tests pass a fixed one).

    Returns:
        Failed expectation names per row index, and every expectation's result.
    """
    if table.num_rows == 0:
        return {}, []
    frame = table.select(BATCH_COLUMNS).to_pandas()
    results = run_suite("article_batch", frame, batch_parameters(settings, now))
    failed: dict[int, list[str]] = {}
    for res in results:
        for row in res.unexpected_rows:
            failed.setdefault(row, []).append(res.expectation)
    return failed, results


def run_suite(name: str, frame: Any, parameters: dict[str, Any] | None = None,
              ) -> list[ExpectationResult]:
    """Validate a pandas frame against a suite and flatten the results."""
    _import_gx()
    from great_expectations.core.expectation_suite import ExpectationSuite

    spec = load_suite(name)
    suite = ExpectationSuite(name=spec["name"], expectations=spec["expectations"])
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    outcome = batch.validate(suite, result_format={"result_format": "COMPLETE"},
                             expectation_parameters=parameters or {})
    # GX's results need not keep the suite's order: limits are matched by type and column.
    limits = {(e["type"], e["kwargs"].get("column")): _threshold(e["kwargs"], parameters or {})
              for e in spec["expectations"]}
    return [replace(_flatten(name, r, frame), threshold=limits.get(
        (str(r.expectation_config.type), r.expectation_config.kwargs.get("column"))))
        for r in outcome.results]


def warm_up() -> None:
    """Import Great Expectations and build the context now (a run calls this in a thread
    while it waits on the network); a failure here resurfaces where it is used."""
    with contextlib.suppress(Exception):
        _batch_definition()


@cache
def _import_gx() -> None:
    """Import Great Expectations, with ``scipy.stats`` loaded only if something uses it.

    Three of GX's modules import ``scipy.stats`` for expectations our suites never use
    (KL divergence, KS tests); importing it is 0.9 s of GX's 3.1 s of CPU, in every run
    with new articles. It is registered as a lazy module (the standard library's
    ``importlib.util.LazyLoader``): it loads in full the first time anything reads one of
    its attributes, so an expectation that needs it still works.
    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    if "scipy.stats" not in sys.modules:
        with contextlib.suppress(ImportError):
            spec = importlib.util.find_spec("scipy.stats")
            if spec is not None and spec.loader is not None:
                spec.loader = importlib.util.LazyLoader(spec.loader)
                module = importlib.util.module_from_spec(spec)
                sys.modules["scipy.stats"] = module
                spec.loader.exec_module(module)
                # ``from scipy import stats`` must find it on the package: importing it by
                # name would read its ``__spec__``, which loads it in full.
                setattr(sys.modules["scipy"], "stats", module)  # noqa: B010
    import great_expectations  # noqa: F401 (the import is the point)


@cache
def _batch_definition() -> Any:
    _import_gx()
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    # That module pins its own logger to INFO and announces the ephemeral docs folder on
    # every start, which is not news to ops.
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False,
                                                         metric_calculations=False)
    asset = context.data_sources.add_pandas("rcwire").add_dataframe_asset("frame")
    return asset.add_batch_definition_whole_dataframe("whole")


def _flatten(suite: str, result: Any, frame: Any = None) -> ExpectationResult:
    config = result.expectation_config
    column = config.kwargs.get("column")
    name = f"{config.type}({column})" if column else str(config.type)
    details = result.result or {}
    observed = details.get("observed_value")
    if observed is None:
        observed = _observed(str(config.type), column, details, frame)
    if result.exception_info and result.exception_info.get("raised_exception"):
        observed = f"error: {result.exception_info.get('exception_message')}"
    return ExpectationResult(
        suite=suite, expectation=name, success=bool(result.success),
        observed_value=None if observed is None else str(observed)[:500],
        unexpected_count=details.get("unexpected_count"),
        element_count=details.get("element_count"),
        unexpected_rows=tuple(int(i) for i in details.get("unexpected_index_list") or ()),
    )


def _observed(kind: str, column: str | None, details: dict[str, Any], frame: Any) -> str | None:
    """What the data showed, for expectations GX gives no ``observed_value``: the range of
    a bounded column, else a few of the values that failed."""
    if column is not None and frame is not None and column in frame and kind.endswith(
            ("_to_be_between", "_lengths_to_be_between")):
        values = frame[column].dropna()
        if kind.endswith("_lengths_to_be_between"):
            values = values.astype(str).str.len()
        if len(values) == 0:
            return "no values"
        return f"{_short(values.min())} to {_short(values.max())}"
    examples = details.get("partial_unexpected_list") or []
    if examples:
        return "e.g. " + ", ".join(_short(v)[:60] for v in examples[:3])
    count = details.get("unexpected_count")
    return None if count is None else f"{details.get('element_count')} checked, none failed"


def _threshold(kwargs: dict[str, Any], parameters: dict[str, Any]) -> str | None:
    """The expectation's limits with ``$PARAMETER`` values filled in, as short text."""
    def value(key: str) -> Any:
        raw = kwargs.get(key)
        return parameters.get(raw["$PARAMETER"]) if isinstance(raw, dict) else raw

    low, high = value("min_value"), value("max_value")
    if low is not None or high is not None:
        return f"between {_short(low) if low is not None else '-'} and " \
               f"{_short(high) if high is not None else '-'}"
    if value("value_set") is not None:
        return "in {" + ", ".join(str(v) for v in value("value_set")) + "}"
    if kwargs.get("regex") is not None or kwargs.get("regex_list") is not None:
        return "pattern" + ("s" if kwargs.get("regex_list") is not None else "") + \
            " (expectations/*.json)"
    return None


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:19]
    return str(value)


def expectation_label(name: str) -> str:
    """Short form for messages: ``not_be_null(url)`` from the full expectation name."""
    return re.sub(r"^expect_column_(values_to_)?", "", name)
