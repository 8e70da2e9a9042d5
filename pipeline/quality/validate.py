"""Great Expectations on the pipeline's data: suites are JSON files in ``expectations/``.

GX takes seconds to import, so it is imported on first use and never for an empty batch:
``rcwire --help`` and a run where every feed answered 304 do not pay for it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from dataclasses import dataclass
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
        "boilerplate_markers": marker_regexes(),
    }


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
    from great_expectations.core.expectation_suite import ExpectationSuite

    spec = load_suite(name)
    suite = ExpectationSuite(name=spec["name"], expectations=spec["expectations"])
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    outcome = batch.validate(suite, result_format={"result_format": "COMPLETE"},
                             expectation_parameters=parameters or {})
    return [_flatten(name, r) for r in outcome.results]


def warm_up() -> None:
    """Import Great Expectations and build the context now (a run calls this in a thread
    while it waits on the network); a failure here resurfaces where it is used."""
    with contextlib.suppress(Exception):
        _batch_definition()


@cache
def _batch_definition() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
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


def _flatten(suite: str, result: Any) -> ExpectationResult:
    config = result.expectation_config
    column = config.kwargs.get("column")
    name = f"{config.type}({column})" if column else str(config.type)
    details = result.result or {}
    observed = details.get("observed_value")
    if result.exception_info and result.exception_info.get("raised_exception"):
        observed = f"error: {result.exception_info.get('exception_message')}"
    return ExpectationResult(
        suite=suite, expectation=name, success=bool(result.success),
        observed_value=None if observed is None else str(observed)[:500],
        unexpected_count=details.get("unexpected_count"),
        element_count=details.get("element_count"),
        unexpected_rows=tuple(int(i) for i in details.get("unexpected_index_list") or ()),
    )


def expectation_label(name: str) -> str:
    """Short form for messages: ``not_be_null(url)`` from the full expectation name."""
    return re.sub(r"^expect_column_(values_to_)?", "", name)
