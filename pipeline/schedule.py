"""When to fetch a feed next: back off on failures, growing and capped, reset on success."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pipeline.records import FeedResult, FeedStatus


@dataclass(frozen=True)
class Backoff:
    """Failure back-off policy."""

    base: timedelta = timedelta(minutes=15)
    cap: timedelta = timedelta(hours=24)

    def delay(self, failures: int) -> timedelta:
        """Wait after ``failures`` consecutive failures (0 means none)."""
        if failures <= 0:
            return timedelta(0)
        grown: timedelta = self.base * (2 ** min(failures - 1, 20))
        return min(grown, self.cap)


def next_feed_state(
    result: FeedResult, previous_failures: int, last_success: datetime | None,
    backoff: Backoff = Backoff(),
) -> dict[str, Any]:
    """The ``feed_state`` row after ``result``.

    Args:
        result: this run's fetch of the feed.
        previous_failures: consecutive failures stored before this run.
        last_success: when the feed last answered usefully.
        backoff: the failure policy.

    Returns:
        Column values for ``feed_state``.
    """
    failed = result.status is FeedStatus.FAILED
    failures = previous_failures + 1 if failed else 0
    return {
        "feed_url": result.feed_url,
        "source": result.source,
        "etag": result.etag,
        "last_modified": result.last_modified,
        "last_status": result.status.value,
        "last_http_status": result.http_status,
        "last_error": result.error,
        "consecutive_failures": failures,
        "last_fetched_at": result.fetched_at,
        "last_success_at": last_success if failed else result.fetched_at,
        "next_fetch_at": result.fetched_at + backoff.delay(failures),
    }
