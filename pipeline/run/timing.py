"""Wall and CPU time per phase of a run, for the run summary and the benchmarks.

CPU counts this process and the children it has reaped (feed parsers, extraction workers
once the pool closes), so a phase's figure includes the processes it started.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class PhaseClock:
    """Collects ``{"phase": {"wall_s": ..., "cpu_s": ...}}`` as phases finish."""

    def __init__(self) -> None:
        self.phases: dict[str, dict[str, float]] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[dict[str, float]]:
        """Time the block; extra figures may be added to the yielded dict."""
        wall, cpu = time.perf_counter(), _cpu()
        figures: dict[str, float] = {}
        try:
            yield figures
        finally:
            self.phases[name] = {"wall_s": round(time.perf_counter() - wall, 3),
                                 "cpu_s": round(_cpu() - cpu, 3),
                                 **{k: round(v, 3) for k, v in figures.items()}}

    def as_dict(self) -> dict[str, Any]:
        """The phases so far and their totals."""
        return {**self.phases,
                "total": {"wall_s": round(sum(p["wall_s"] for p in self.phases.values()), 3),
                          "cpu_s": round(sum(p["cpu_s"] for p in self.phases.values()), 3)}}
