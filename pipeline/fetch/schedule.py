"""When to fetch a feed next.

Two policies, both growing and capped:

* ``Backoff``: after consecutive failures, wait 15 min, 30 min, 1 h ... up to 24 h; a
  success resets it.
* ``Adaptive``: a feed that answers but has nothing new (304, or 200 without a new entry)
  is polled less often: 15 min after the first such answer, then 30 min, 1 h ... up to
  6 h; an answer with new entries makes the feed due at once again.

Either way, a ``Retry-After`` the feed's host sent (or a 429 without one) pushes
``next_fetch_at`` at least that far out, across runs.

``plan`` skips feeds whose ``next_fetch_at`` lies ahead, so a frequent schedule only
fetches what is due, and retired feeds (``retired_at``, see ``pipeline.fetch.lifecycle``)
whatever their date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pipeline.records import FeedResult, FeedStatus


def _doubling(base: timedelta, cap: timedelta, count: int) -> timedelta:
    if count <= 0:
        return timedelta(0)
    grown: timedelta = base * (2 ** min(count - 1, 20))
    return min(grown, cap)


@dataclass(frozen=True)
class Backoff:
    """Failure back-off policy."""

    base: timedelta = timedelta(minutes=15)
    cap: timedelta = timedelta(hours=24)

    def delay(self, failures: int) -> timedelta:
        """Wait after ``failures`` consecutive failures (0 means none)."""
        return _doubling(self.base, self.cap, failures)


@dataclass(frozen=True)
class Adaptive:
    """Polling policy for a feed that keeps answering with nothing new."""

    base: timedelta = timedelta(minutes=15)
    cap: timedelta = timedelta(hours=6)

    def interval(self, unchanged: int) -> timedelta:
        """Wait after ``unchanged`` consecutive polls that found nothing new."""
        return _doubling(self.base, self.cap, unchanged)


def unchanged(result: FeedResult) -> bool:
    """The feed answered, and with nothing we had not seen (304, or 200 and no new entry)."""
    if result.status is FeedStatus.NOT_MODIFIED:
        return True
    return result.status is FeedStatus.OK and result.new_entries == 0


def next_feed_state(
    result: FeedResult, prior: Mapping[str, Any] | None,
    backoff: Backoff = Backoff(), adaptive: Adaptive = Adaptive(),
) -> dict[str, Any]:
    """The ``feed_state`` row after ``result``.

    Args:
        result: this run's fetch of the feed.
        prior: the stored row (``queries/feed_state_for``: ``consecutive_failures``,
            ``last_success_at``, ``unchanged_polls``, ``consecutive_not_found``), None for
            a new feed.
        backoff: the failure policy.
        adaptive: the policy for feeds with nothing new.

    Returns:
        Column values for ``feed_state``, under the feed's new address if it moved.
    """
    prior = prior or {}
    failed = result.status is FeedStatus.FAILED
    failures = int(prior.get("consecutive_failures") or 0) + 1 if failed else 0
    polls = int(prior.get("unchanged_polls") or 0)
    if not failed:
        polls = polls + 1 if unchanged(result) else 0
    wait = backoff.delay(failures) if failed else adaptive.interval(polls)
    # A host's Retry-After outlives the run: never poll the feed before it has passed.
    wait = max(wait, timedelta(seconds=result.retry_after or 0))
    last_success: datetime | None = prior.get("last_success_at")
    not_found = int(prior.get("consecutive_not_found") or 0) + 1 \
        if failed and result.http_status == 404 else 0
    return {
        "feed_url": result.moved_to or result.feed_url,
        "source": result.source,
        "etag": result.etag,
        "last_modified": result.last_modified,
        "last_status": result.status.value,
        "last_http_status": result.http_status,
        "last_error": result.error,
        "consecutive_failures": failures,
        "unchanged_polls": polls,
        "last_fetched_at": result.fetched_at,
        "last_success_at": last_success if failed else result.fetched_at,
        "next_fetch_at": result.fetched_at + wait,
        "consecutive_not_found": not_found,
        "retired_at": result.fetched_at if result.retire else None,
        "retired_reason": result.retire,
    }
