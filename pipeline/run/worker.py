"""Per-feed work: fetch the feed, fetch its new pages, extract them, stage the results.

The feeds of one host form a group: the unit the Airflow DAG maps over (one task per
group) and that ``rcwire run`` runs beside every other group in one event loop. It never
touches DuckDB: what it learns goes into the run folder, and the single loader merges it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import httpx

from pipeline.extract.pool import ExtractPool
from pipeline.extract.protocol import ExtractError
from pipeline.fetch.answers import retry_after_seconds
from pipeline.fetch.decode import DecodeError, decode_html
from pipeline.fetch.discover import common_paths, describe
from pipeline.fetch.feeds import FeedParseError, ParsedFeed
from pipeline.fetch.hostboard import HostBoard
from pipeline.fetch.http import (
    FetchError,
    FetchResult,
    HostLimiter,
    check_scheme,
    fetch,
    make_client,
)
from pipeline.fetch.lifecycle import retire_reason
from pipeline.fetch.parsers import FeedParsers, parse_feed_isolated
from pipeline.records import (
    Article,
    FeedEntry,
    FeedResult,
    FeedStatus,
    FeedTask,
    Outcome,
    OutcomeKind,
    Page,
    Source,
)
from pipeline.runfolder import write_feed_output
from pipeline.settings import Settings
from pipeline.zygote import Zygote

_FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
                "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")

# Seconds a host that answered 429 without Retry-After is left alone.
_DEFAULT_HOLD = 60.0

ProgressHook = Callable[[str, int], None]


class FeedFailedError(Exception):
    """The feed itself could not be fetched or parsed (its pages may still have been)."""


@dataclass(frozen=True)
class FeedFetch:
    """One fetch of a feed: the result the run records, its entries and refused links,
    and what ``rcwire sources check`` shows besides (where the fetch ended, the feed's
    declared language and title)."""

    result: FeedResult
    entries: list[FeedEntry]
    refused: list[tuple[str, str]]
    final_url: str | None = None
    language: str | None = None
    title: str | None = None


def process_group(tasks: list[FeedTask], folder: Path, settings: Settings,
                  ) -> list[FeedResult]:
    """Process the feeds of one host group side by side in one event loop (the Airflow
    mapped task's body): one client, one extraction pool, one pool of feed parsers, one
    limiter whose state is shared with the run's other tasks through the run folder's
    ``hosts/``.

    Args:
        tasks: the group's feeds and what the planner knew of them.
        folder: the run folder to stage results in.
        settings: limits and options.

    Returns:
        The feeds' results, in order; their staged files are written before returning.
    """
    async def _run() -> list[FeedResult]:
        async with Zygote() as zygote, make_client(settings) as client, \
                ExtractPool(settings.extract_workers, settings.extract_timeout,
                            zygote) as pool, \
                FeedParsers(settings.feed_workers, settings.parse_timeout,
                            zygote=zygote) as parsers:
            limiter = HostLimiter.from_settings(settings, HostBoard(folder / "hosts"))
            return list(await asyncio.gather(*(
                process_feed_async(t, folder, settings, client, limiter, pool,
                                   parsers=parsers)
                for t in tasks)))

    return asyncio.run(_run())


async def process_feed_async(
    task: FeedTask, folder: Path, settings: Settings, client: httpx.AsyncClient,
    limiter: HostLimiter, pool: ExtractPool, progress: ProgressHook | None = None,
    *, parsers: FeedParsers | None = None,
) -> FeedResult:
    """Fetch a feed and its new pages, extract them and stage everything; never raises
    for a bad feed or page (each is recorded with its reason). ``parsers``: the run's
    feed parsing processes (by default one started for this feed)."""
    got = await fetch_feed(task, settings, client, limiter, parsers=parsers)
    result, entries = got.result, got.entries
    refused = list(dict.fromkeys(got.refused))
    new = [e for e in entries if e.entry_key not in task.known_keys]
    taken = {e.entry_key for e in new} | {link for link, _ in refused}
    fresh = new + [_retry_entry(task, url, key) for url, key in task.retry_urls
                   if key not in taken]
    outcomes = [
        Outcome(e.url, e.source, e.feed_url, e.entry_key, OutcomeKind.ALREADY_KNOWN,
                reason="seen_in_earlier_run")
        for e in entries if e.entry_key in task.known_keys
    ]
    outcomes += [_refused(task, link, why) for link, why in refused]
    if progress:
        progress(task.source.name, len(fresh))
    done = await asyncio.gather(*(
        _page_to_article(e, settings, client, limiter, pool, progress, task.learned,
                         task.source)
        for e in fresh))
    articles = [a for a, _ in done if a is not None]
    outcomes += [o for _, o in done]
    # Retried pages are not news of the feed: they must not reset its polling interval.
    result = _with_counts(result, len(entries), len(new))
    write_feed_output(folder, result, outcomes, articles)
    return result


async def fetch_feed(
    task: FeedTask, settings: Settings, client: httpx.AsyncClient, limiter: HostLimiter,
    *, parsers: FeedParsers | None = None,
) -> FeedFetch:
    """Fetch and parse one feed politely; never raises for a bad feed.

    A 410 (or a long run of 404s) marks the result to retire the feed; a permanent
    redirect to a working feed marks it moved; a web page is searched for its feeds.

    Args:
        task: the feed and what the planner knew of it.
        settings: limits and options.
        client: from ``make_client``.
        limiter: the run's per-host politeness.
        parsers: the run's feed parsing processes (by default one started for the feed).

    Returns:
        The fetch, with entries keyed to the feed's (possibly new) address.
    """
    src = task.source
    now = datetime.now(UTC)
    try:
        got = await _polite_fetch(src.url, settings, client, limiter, etag=task.etag,
                                  last_modified=task.last_modified, accept=_FEED_ACCEPT,
                                  on_redirect=_robots_hop(src.url, settings, client,
                                                          limiter))
    except FetchError as exc:
        hold = exc.retry_after or (_DEFAULT_HOLD if exc.status == 429 else None)
        failed = _failed(task, now, exc.reason, exc.detail, exc.status)
        retire = retire_reason(exc.status, task.not_found_runs, settings.feed_retire_after_404)
        return FeedFetch(replace(failed, retry_after=hold, retire=retire), [], [])
    hold = retry_after_seconds(got.headers.get("retry-after"))
    if got.not_modified:
        return FeedFetch(FeedResult(
            src.name, src.url, FeedStatus.NOT_MODIFIED, now, 304, etag=task.etag,
            last_modified=task.last_modified, retry_after=hold, moved_to=got.moved_to),
            [], [], got.final_url)
    try:
        parsed = await _parse(task, got, settings, parsers)
    except FeedParseError as exc:
        found, detail = await _feeds_of_page(task, exc, got.final_url, settings, client,
                                             limiter, parsers)
        failed = _failed(task, now, exc.reason, detail, got.status)
        return FeedFetch(replace(failed, retry_after=hold,
                                 discovered=tuple(url for url, _ in found)),
                         [], [], got.final_url)
    # Entries belong to the feed, not to whichever URL served them this time: the planner
    # looks their keys up under the feed's address (the new one after a permanent move).
    home = got.moved_to or src.url
    return FeedFetch(FeedResult(
        src.name, src.url, FeedStatus.OK, now, got.status, etag=got.headers.get("etag"),
        last_modified=got.headers.get("last-modified"), warnings=tuple(parsed.warnings),
        retry_after=hold, moved_to=got.moved_to,
    ), [replace(e, feed_url=home) for e in parsed.entries], parsed.refused, got.final_url,
        parsed.language, parsed.title)


def _robots_hop(origin: str, settings: Settings, client: httpx.AsyncClient,
                limiter: HostLimiter) -> Callable[[str], Awaitable[None]]:
    """A redirect target of ``origin`` must be allowed by its host's robots.txt."""
    async def check(url: str) -> None:
        await limiter.check_robots(client, url, settings, redirected_from=origin)

    return check


async def _feeds_of_page(task: FeedTask, exc: FeedParseError, page_url: str,
                         settings: Settings, client: httpx.AsyncClient, limiter: HostLimiter,
                         parsers: FeedParsers | None,
                         ) -> tuple[list[tuple[str, str]], str]:
    """For a web page given as a feed: the feeds it leads to (advertised, else the first
    common path that answers one) and the one line that names them."""
    found, detail = exc.feeds, exc.detail
    if exc.reason != "html_page":
        return found, detail
    if not found:
        found = await _probe_common_paths(task, page_url, settings, client, limiter,
                                          parsers)
        detail += f", but {describe(found)} answers one" if found else \
            " and none of its site's common feed paths answers one"
    if found:
        detail += f"; list it instead (`rcwire sources add {task.source.url}` does)"
    return found, detail


async def _probe_common_paths(task: FeedTask, page_url: str, settings: Settings,
                              client: httpx.AsyncClient, limiter: HostLimiter,
                              parsers: FeedParsers | None) -> list[tuple[str, str]]:
    """The first common feed path of a page's site that answers a feed with entries."""
    for url in common_paths(page_url):
        parsed = await probe_feed(task, url, settings, client, limiter, parsers)
        if parsed is not None:
            return [(url, "common path")]
    return []


async def probe_feed(task: FeedTask, url: str, settings: Settings, client: httpx.AsyncClient,
                     limiter: HostLimiter, parsers: FeedParsers | None = None,
                     ) -> ParsedFeed | None:
    """Fetch and parse ``url`` as a feed of ``task``'s source; None unless it has entries."""
    try:
        got = await _polite_fetch(url, settings, client, limiter, accept=_FEED_ACCEPT,
                                  on_redirect=_robots_hop(url, settings, client, limiter))
        if got.not_modified:
            return None
        return await _parse(task, got, settings, parsers)
    except (FetchError, FeedParseError):
        return None


async def _parse(task: FeedTask, got: FetchResult, settings: Settings,
                 parsers: FeedParsers | None) -> ParsedFeed:
    """The fetched document parsed as a feed of ``task``'s source, in a killable process."""
    args = (task.source, got.body, got.final_url, got.headers.get("content-type", ""),
            settings.max_entries_per_feed)
    if parsers is None:
        return await parse_feed_isolated(*args, timeout=settings.parse_timeout)
    return await parsers.parse(*args)


async def _polite_fetch(url: str, settings: Settings, client: httpx.AsyncClient,
                        limiter: HostLimiter, accept: str, etag: str | None = None,
                        last_modified: str | None = None,
                        before: Callable[[], Awaitable[None]] | None = None,
                        on_redirect: Callable[[str], Awaitable[None]] | None = None,
                        ) -> FetchResult:
    """``fetch`` after the host's robots.txt allowed it, in one of the host's slots, and
    honouring ``Retry-After`` (and 429) for the rest of the run; ``before`` is awaited
    once the slot is held, just before the request; ``on_redirect`` as in ``fetch``."""
    check_scheme(url)
    await limiter.check_robots(client, url, settings)
    async with limiter.slot(url, max_wait=settings.deadline, before=before):
        try:
            got = await fetch(client, url, settings, etag=etag, last_modified=last_modified,
                              accept=accept, on_redirect=on_redirect)
        except FetchError as exc:
            # 429 is about the whole host; a bare 503 may be about this URL alone.
            if exc.retry_after is not None or exc.status == 429:
                limiter.push_back(url, exc.retry_after or _DEFAULT_HOLD)
            raise
    wait = retry_after_seconds(got.headers.get("retry-after"))
    if wait:
        limiter.push_back(url, wait)
    return got


def _failed(task: FeedTask, when: datetime, reason: str, detail: str,
            status: int | None = None) -> FeedResult:
    # Keep the old validators: a failed fetch says nothing about the feed's content.
    return FeedResult(task.source.name, task.source.url, FeedStatus.FAILED, when, status,
                      etag=task.etag, last_modified=task.last_modified,
                      error=f"{reason}: {detail}")


def _with_counts(result: FeedResult, entries: int, fresh: int) -> FeedResult:
    return replace(result, entries=entries, new_entries=fresh)


def _refused(task: FeedTask, link: str, reason: str) -> Outcome:
    # Never fetched: the key is the link itself, since it has no http(s) host to key on.
    return Outcome(link, task.source.name, task.source.url, link, OutcomeKind.FETCH_FAILED,
                   reason=reason, detail="feed entry link is not a fetchable http(s) URL; "
                   "not fetched")


def _retry_entry(task: FeedTask, url: str, key: str) -> FeedEntry:
    return FeedEntry(source=task.source.name, feed_url=task.source.url, url=url, entry_key=key)


async def _page_to_article(
    entry: FeedEntry, settings: Settings, client: httpx.AsyncClient, limiter: HostLimiter,
    pool: ExtractPool, progress: ProgressHook | None, learned: frozenset[str],
    source: Source | None = None,
) -> tuple[Article | None, Outcome]:
    placed = False

    async def take_place() -> None:
        # Inside the host's slot, so that pages queued for a slow host hold no place.
        nonlocal placed
        await pool.take_place()
        placed = True

    try:
        try:
            page = await _fetch_page(entry, settings, client, limiter, take_place, source)
        except FetchError as exc:
            return None, _outcome(entry, OutcomeKind.FETCH_FAILED, exc.reason, exc.detail)
        except DecodeError as exc:
            return None, _outcome(entry, OutcomeKind.FETCH_FAILED, "undecodable", str(exc))
        finally:
            if progress:
                progress(entry.source, -1)
        try:
            article = await pool.extract(page, learned)
        except ExtractError as exc:
            return None, _outcome(entry, OutcomeKind.EXTRACT_FAILED, exc.reason, exc.detail)
    finally:
        if placed:
            pool.free_place()
    return article, _outcome(entry, OutcomeKind.LOADED, article_id=article.article_id)


async def _fetch_page(entry: FeedEntry, settings: Settings, client: httpx.AsyncClient,
                      limiter: HostLimiter, before: Callable[[], Awaitable[None]],
                      source: Source | None = None) -> Page:
    got = await _polite_fetch(entry.url, settings, client, limiter, accept=_PAGE_ACCEPT,
                              before=before)
    if got.content_type not in _HTML_TYPES:
        raise FetchError("not_html", f"Content-Type {got.content_type} is not a web page")
    html, _charset = decode_html(got.body, got.headers.get("content-type", ""))
    return Page(entry, got.final_url, got.status, got.content_type, html, datetime.now(UTC),
                source_language=source.language if source else None,
                source_zone=source.timezone if source else None)


def _outcome(entry: FeedEntry, kind: OutcomeKind, reason: str | None = None,
             detail: str | None = None, article_id: str | None = None) -> Outcome:
    return Outcome(entry.url, entry.source, entry.feed_url, entry.entry_key, kind,
                   reason=reason, detail=(detail or None) and detail[:500],
                   article_id=article_id)
