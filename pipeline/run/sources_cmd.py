"""What `rcwire sources check` and `rcwire sources add` do: fetch feeds once, with the
run's own guards, and never touch the database.

Both go through ``worker.fetch_feed`` (robots.txt, the SSRF guard, per-host spacing, the
killable parsers), so a source that passes here behaves the same in a run.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from pipeline.errors import RunError
from pipeline.fetch.http import HostLimiter, make_client
from pipeline.fetch.parsers import FeedParsers
from pipeline.fetch.sources import append_source, load_sources, require_contact
from pipeline.languages import detect_language
from pipeline.records import FeedStatus, FeedTask, Source
from pipeline.run.worker import FeedFetch, fetch_feed, probe_feed
from pipeline.settings import Settings


@dataclass(frozen=True)
class SourceCheck:
    """One source as ``sources check`` saw it."""

    source: str
    url: str
    status: str  # ok | moved | gone | not found | web page | failed
    http_status: int | None
    entries: int
    newest: datetime | None
    redirect: str  # "" or "301/308 -> URL" or "302/307 -> URL"
    discovered: str
    language: str
    error: str

    @property
    def broken(self) -> bool:
        """The source gives no entries as listed (a moved feed still works)."""
        return self.status not in ("ok", "moved")


@dataclass(frozen=True)
class AddedSource:
    """What ``sources add`` appended, and how it found the feed."""

    source: Source
    entries: int
    how: str


def check_sources(sources: list[Source], settings: Settings) -> list[SourceCheck]:
    """Fetch every source once, politely, and describe what came back.

    Args:
        sources: the sources file's feeds.
        settings: limits, politeness and allowed addresses (as for a run).

    Returns:
        One ``SourceCheck`` per source, in file order.
    """
    async def _all() -> list[SourceCheck]:
        gate = asyncio.Semaphore(max(1, settings.feed_workers))
        limiter = HostLimiter(per_host=settings.per_host_connections, delay=settings.host_delay)
        parsers = FeedParsers(settings.feed_workers, settings.parse_timeout)
        async with make_client(settings) as client, parsers:
            async def one(src: Source) -> SourceCheck:
                async with gate:
                    return _describe(src, await fetch_feed(FeedTask(src), settings, client,
                                                           limiter, parsers=parsers))
            return list(await asyncio.gather(*(one(s) for s in sources)))

    require_contact(settings.user_agent, sources)
    return asyncio.run(_all())


def print_checks(checks: list[SourceCheck]) -> None:
    """The checks as a table, then one line per broken source saying why."""
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 160))
    table = Table("source", "status", "entries", "newest item", "redirect", "discovered feed",
                  "language")
    for c in checks:
        status = f"[red]{c.status}[/]" if c.broken else c.status
        code = f" ({c.http_status})" if c.http_status and c.status != "ok" else ""
        table.add_row(c.source, status + code, str(c.entries),
                      c.newest.strftime("%Y-%m-%d %H:%M") if c.newest else "",
                      c.redirect, c.discovered, c.language)
    console.print(table)
    broken = [c for c in checks if c.broken]
    for c in broken:
        console.print(f"[red]broken[/] {c.source} ({c.url}): {c.error}", soft_wrap=True)
    console.print(f"{len(checks) - len(broken)} of {len(checks)} source(s) answer a feed")


def _describe(src: Source, got: FeedFetch) -> SourceCheck:
    res = got.result
    reason = (res.error or "").split(":", 1)[0]
    if res.status is FeedStatus.OK:
        status = "moved" if res.moved_to else "ok"
    else:
        status = {"http_410": "gone", "http_404": "not found", "html_page": "web page"}.get(
            reason, "failed")
    newest = max((e.published_at for e in got.entries if e.published_at), default=None)
    return SourceCheck(
        src.name, src.url, status, res.http_status, len(got.entries), newest,
        _redirect(src.url, got), ", ".join(res.discovered), _language(src, got),
        res.error or "")


def _redirect(url: str, got: FeedFetch) -> str:
    if not got.final_url or got.final_url == url:
        return ""
    moved = got.result.moved_to
    if moved == got.final_url:
        return f"301/308 -> {moved}"
    if moved:
        return f"301/308 -> {moved}, then 302/307 -> {got.final_url}"
    return f"302/307 -> {got.final_url}"


def _language(src: Source, got: FeedFetch) -> str:
    """The language detected in the entries' titles and summaries, with the feed's own
    declaration and the sources file's when they differ."""
    text = " ".join(f"{e.title or ''}. {e.summary or ''}" for e in got.entries[:30])
    seen = detect_language(text)
    declared = (got.language or "").split("-")[0].lower() or None
    parts = [seen or declared or ""]
    if declared and seen and declared != seen:
        parts.append(f"(feed says {declared})")
    if src.language and (seen or declared) and src.language != (seen or declared):
        parts.append(f"(listed as {src.language})")
    return " ".join(p for p in parts if p)


def add_source(url: str, path: Path, settings: Settings, *, name: str | None = None,
               tags: tuple[str, ...] = (), language: str | None = None) -> AddedSource:
    """Fetch ``url`` once and append its feed to the sources file.

    A feed URL is added as is (at its new address if it moved for good); a web page is
    searched for its feeds (advertised ones first, then common paths) and the first one
    that answers a feed with entries is added.

    Args:
        url: a feed or a site's page.
        path: the sources file (created when missing; comments are kept).
        settings: limits and politeness, as for a run.
        name: the source's name (default: from the feed's host).
        tags: tags to list.
        language: the language to list.

    Returns:
        What was added.

    Raises:
        RunError: nothing usable answered, or the feed is already listed.
    """
    listed = load_sources(path) if path.exists() else []
    probe = Source(name or "new-source", url, tags, language)
    require_contact(settings.user_agent, [probe])
    feed_url, entries, how = asyncio.run(_find_feed(probe, settings))
    for src in listed:
        if src.url == feed_url:
            raise RunError(f"{feed_url} is already listed in {path} as {src.name}")
        if src.url == url:
            raise RunError(f"{url} is already listed in {path} as {src.name}: change that "
                           f"entry's url to {feed_url}")
    chosen = name or _free_name(feed_url, {s.name for s in listed})
    added = Source(chosen, feed_url, tags, language)
    append_source(path, added)
    return AddedSource(added, entries, how)


async def _find_feed(src: Source, settings: Settings) -> tuple[str, int, str]:
    limiter = HostLimiter(per_host=settings.per_host_connections, delay=settings.host_delay)
    parsers = FeedParsers(1, settings.parse_timeout)  # one document at a time
    async with make_client(settings) as client, parsers:
        got = await fetch_feed(FeedTask(src), settings, client, limiter, parsers=parsers)
        res = got.result
        if res.status is FeedStatus.OK:
            how = f"moved there from {src.url}" if res.moved_to else "the URL is a feed"
            return res.moved_to or src.url, len(got.entries), how
        if not res.discovered:
            raise RunError(f"{src.url}: {res.error}; nothing added")
        return await _first_working(src, res.discovered, settings, client, limiter, parsers)


async def _first_working(src: Source, candidates: tuple[str, ...], settings: Settings,
                         client: httpx.AsyncClient, limiter: HostLimiter,
                         parsers: FeedParsers) -> tuple[str, int, str]:
    for candidate in candidates:
        parsed = await probe_feed(FeedTask(src), candidate, settings, client, limiter,
                                  parsers)
        if parsed is not None:
            return candidate, len(parsed.entries), f"found from the page {src.url}"
    raise RunError(f"{src.url} is a web page whose feeds ({', '.join(candidates)}) do not "
                   "answer a feed with entries; nothing added")


def _free_name(feed_url: str, taken: set[str]) -> str:
    """``example-com`` from ``https://www.example.com/feed``, numbered if taken."""
    host = (urlsplit(feed_url).hostname or "feed").removeprefix("www.")
    base = re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-")[:56] or "feed"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name
