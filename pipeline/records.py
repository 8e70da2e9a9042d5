"""Typed records passed between stages: ``Source -> FeedEntry -> Page -> Article``.

Records are frozen so a stage can never change what an earlier stage produced; a stage
returns a new record or an ``Outcome`` that names why an item went no further.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class OutcomeKind(StrEnum):
    """Where a URL the run saw ended up. Every URL gets exactly one per run."""

    LOADED = "loaded"
    ALREADY_KNOWN = "already_known"
    DUPLICATE = "duplicate"
    OFF_THEME = "off_theme"
    QUARANTINED = "quarantined"
    FETCH_FAILED = "fetch_failed"
    EXTRACT_FAILED = "extract_failed"


class FeedStatus(StrEnum):
    """How fetching one feed went."""

    OK = "ok"
    NOT_MODIFIED = "not_modified"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Source:
    """One feed from the sources file."""

    name: str
    url: str
    tags: tuple[str, ...] = ()
    language: str | None = None
    # IANA zone of the local times its feed and pages print without an offset.
    timezone: str | None = None


@dataclass(frozen=True)
class FeedTask:
    """What one per-feed worker needs: the source plus the state the planner read."""

    source: Source
    etag: str | None = None
    last_modified: str | None = None
    known_keys: frozenset[str] = frozenset()
    retry_urls: tuple[tuple[str, str], ...] = ()  # (url, entry_key)
    learned: frozenset[str] = frozenset()  # paragraph hashes this source repeats
    # Runs in a row the feed answered 404 so far (it is retired past a threshold).
    not_found_runs: int = 0


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, with its link resolved to an absolute URL."""

    source: str
    feed_url: str
    url: str
    entry_key: str
    guid: str | None = None
    title: str | None = None
    summary: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True)
class Page:
    """A fetched article page."""

    entry: FeedEntry
    final_url: str
    status: int
    content_type: str
    html: str
    fetched_at: datetime
    # What the sources file says of the page's source (language claimed, local zone).
    source_language: str | None = None
    source_zone: str | None = None


@dataclass(frozen=True)
class Article:
    """A clean article, ready to dedupe, validate and load."""

    article_id: str
    url: str
    canonical_url: str
    source: str
    source_domain: str
    feed_url: str
    entry_key: str
    guid: str | None
    title: str
    author: str | None
    published_at: datetime | None
    published_signal: str | None
    fetched_at: datetime
    language: str | None
    description: str | None
    text: str
    word_count: int
    content_hash: str
    removed: tuple[tuple[str, str], ...] = ()
    relevance_score: float | None = None
    truncated: bool = False
    body_hashes: tuple[str, ...] = ()
    # MinHash signature of the text (``signature.Signature``), made in the extraction
    # worker so that dedupe, in the single decide step, does not have to.
    minhash: bytes = b""
    shingles: int = 0
    # Why each item of ``removed`` went (same order): a rule's reason or the classifier's
    # probability and top features (issue 15).
    removal_reasons: tuple[str, ...] = ()
    # Cleaning kept far less than trafilatura alone: the conservative text was stored.
    cleaning_fallback: bool = False
    # The theme decision's reasons as JSON (``ThemeScore.explain``): which sentence and
    # cue tie the two sides, which names did not count and why.
    theme_evidence: str | None = None
    # Shorter than ``Settings.brief_words``: a brief, landed and flagged (set by decide).
    is_brief: bool = False
    # The language the source claims (``language`` is the text's detected language), and
    # the zone offset-less local times were read in, with where it came from
    # ("source": the sources file; "inferred": the site's domain or the text's language).
    claimed_language: str | None = None
    date_zone: str | None = None
    date_zone_origin: str | None = None
    # Per-article work of the single decide and load steps, done in the extraction
    # workers instead (on every core, beside the MinHash signature): the text's opening
    # for the excerpt layer (``dedupe.opening``; None: not made, decide makes it) and the
    # entities it names (``enrich.entities.Mention`` fields; None: not counted, the
    # loader counts them).
    opening_tokens: int | None = None
    opening_ladder: tuple[int, ...] = ()
    mentions: tuple[tuple[str, str, int, bool], ...] | None = None


@dataclass(frozen=True)
class Outcome:
    """The fate of one URL in one run, with a named reason when it was not loaded."""

    url: str
    source: str
    feed_url: str
    entry_key: str
    outcome: OutcomeKind
    reason: str | None = None
    detail: str | None = None
    article_id: str | None = None


@dataclass(frozen=True)
class FeedResult:
    """How one feed fetch went, plus the validators to send next time."""

    source: str
    feed_url: str
    status: FeedStatus
    fetched_at: datetime
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    entries: int = 0
    new_entries: int = 0
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # Seconds the feed's host asked us to stay away (Retry-After, or 429 without one).
    retry_after: float | None = None
    # Life-cycle (pipeline/fetch/lifecycle.py): the feed's new address after a permanent
    # redirect to a working feed, why the feed is retired now, feeds a web page advertised.
    moved_to: str | None = None
    retire: str | None = None
    discovered: tuple[str, ...] = ()
