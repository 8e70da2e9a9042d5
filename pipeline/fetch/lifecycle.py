"""Feed life-cycle rules: when a feed is gone for good, and where a moved feed lives now.

* **Gone**: ``410 Gone`` retires a feed at once; ``404 Not Found`` only after
  ``feed_retire_after_404`` runs in a row (sites break for a day and come back; a 404 that
  lasts that long, with the failure back-off stretching the runs apart, is a dead feed).
  A retired feed is not fetched again until an operator runs ``rcwire sources enable``.
* **Moved**: a feed whose address answers a permanent redirect (301/308, the whole way)
  to a working feed now lives at the new address: the loader moves its state and history
  there and logs the move in ``feed_lifecycle``; the planner reads the log to map the
  address in the sources file to the current one. Temporary redirects move nothing.

Pure functions: the worker, the loader and the planner apply them.
"""

from __future__ import annotations

from collections.abc import Iterable


def retire_reason(http_status: int | None, not_found_before: int, threshold: int,
                  ) -> str | None:
    """Why a failed fetch retires its feed, or None.

    Args:
        http_status: the failed fetch's HTTP status, if it got one.
        not_found_before: runs in a row the feed had answered 404 before this one.
        threshold: runs of 404 that retire it (``Settings.feed_retire_after_404``).

    Returns:
        ``gone_410: ...`` or ``not_found_404: ...``, a line for ``feed_state`` and alerts.
    """
    if http_status == 410:
        return "gone_410: the feed answered 410 Gone"
    if http_status == 404 and not_found_before + 1 >= threshold:
        return f"not_found_404: the feed answered 404 in {not_found_before + 1} runs in a row"
    return None


def current_urls(moves: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Old address -> current address, from the moves in the order they happened.

    Chains collapse (A->B then B->C gives A->C and B->C) and a feed that moves back to an
    old address makes that address current again (A->B then B->A gives B->A only).
    """
    current: dict[str, str] = {}
    for old, new in moves:
        if old == new:
            continue
        for key, target in list(current.items()):
            if target == old:
                current[key] = new
        current[old] = new
        current.pop(new, None)
        for key in [k for k, v in current.items() if k == v]:
            del current[key]
    return current
