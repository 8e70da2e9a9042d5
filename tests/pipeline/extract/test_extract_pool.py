"""The extraction pool: worker start-up is not billed to a page, fetching waits for
extraction instead of piling pages up in memory, each worker has the next page queued,
and a page queued behind one that is stopped or crashes is extracted by another worker."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

from pipeline.extract.pool import BACKLOG_PER_WORKER, QUEUED_PER_WORKER, ExtractPool
from pipeline.extract.protocol import ExtractError
from pipeline.fetch.http import HostLimiter, make_client
from pipeline.records import Article, FeedEntry, FeedTask, Page, Source
from pipeline.settings import Settings
from tests.conftest import ROOT
from tests.support.faultsite import FaultSite

PAGE = ROOT / "samples/site/daily-dispatch/moscow-and-beijings-new-world-order/index.html"


def page(html: str | None = None) -> Page:
    entry = FeedEntry("daily-dispatch", "http://127.0.0.1/feed", "http://127.0.0.1/a", "a")
    return Page(entry, entry.url, 200, "text/html",
                html or PAGE.read_text(encoding="utf-8"), datetime.now(UTC))


def slow_page() -> Page:
    """Deeply nested markup: trafilatura spends many seconds on it."""
    from tests.support.faultsite import _nested
    return page(_nested(1.5).decode())


def test_start_up_is_not_billed_to_the_first_page() -> None:
    # The budget is shorter than a worker's start-up (imports, warm-up: 1-2 s) but
    # longer than extracting the page once the worker is ready.
    async def go() -> tuple[float, list[Article]]:
        async with ExtractPool(2, timeout=0.3) as pool:
            started = time.monotonic()
            got = await asyncio.gather(*(pool.extract(page()) for _ in range(4)))
            return time.monotonic() - started, got
    took, articles = asyncio.run(go())
    assert took > 0.3  # the workers did take longer than the budget to start
    assert len({a.content_hash for a in articles}) == 1
    assert "Moscow" in articles[0].text


def test_fetching_waits_for_extraction(settings: Settings, tmp_path: Path) -> None:
    # Fetching outruns one extraction worker by far; pages fetched and not yet extracted
    # must stay within the pool's backlog, not grow with the feed.
    from pipeline.run.worker import process_feed_async

    eager = settings.model_copy(update={"per_host_connections": 8, "host_delay": 0.0})
    ahead: list[int] = []

    async def go(site: FaultSite) -> None:
        limiter = HostLimiter(eager.per_host_connections, eager.host_delay)
        async with make_client(eager) as client, ExtractPool(1, 20.0) as pool:
            async def watch() -> None:
                while True:
                    pages = sum(n for p, n in site.hits.items() if "/article/" in p)
                    ahead.append(pages - pool.pages)
                    await asyncio.sleep(0.005)
            watcher = asyncio.create_task(watch())
            feed = f"{site.base_url}/_fault/articles.xml?n=60&prefix=backlog"
            await process_feed_async(FeedTask(Source("many", feed)), tmp_path, eager,
                                     client, limiter, pool)
            watcher.cancel()
            assert pool.pages == 60

    with FaultSite() as site:
        asyncio.run(go(site))
    assert 8 <= max(ahead) <= BACKLOG_PER_WORKER


def test_each_worker_has_the_next_page_queued() -> None:
    # One worker, five pages at once: the worker holds the page it extracts and the next
    # (so it never waits for the run's event loop between pages), never more.
    queued: list[int] = []

    async def go() -> list[Article]:
        async with ExtractPool(1, timeout=30.0) as pool:
            async def watch() -> None:
                while True:
                    queued.extend(len(c.jobs) for c in pool._children)
                    await asyncio.sleep(0.002)
            watcher = asyncio.create_task(watch())
            got = await asyncio.gather(*(pool.extract(page()) for _ in range(5)))
            watcher.cancel()
            assert len(pool.processes()) == 1
            return got
    articles = asyncio.run(go())
    assert len(articles) == 5
    assert max(queued) == QUEUED_PER_WORKER


def test_a_page_queued_behind_a_stopped_one_is_extracted_in_full() -> None:
    # The slow page overruns its budget and its worker is killed; the page queued behind
    # it waited longer than the budget but its own budget starts when a worker takes it.
    async def go() -> tuple[BaseException | Article, BaseException | Article, int]:
        async with ExtractPool(1, timeout=1.0) as pool:
            await pool.extract(page())  # the worker is up
            slow, normal = await asyncio.gather(pool.extract(slow_page()),
                                                pool.extract(page()),
                                                return_exceptions=True)
            return slow, normal, pool.pages
    slow, normal, pages = asyncio.run(go())
    assert isinstance(slow, ExtractError) and slow.reason == "extract_timeout"
    assert isinstance(normal, Article) and "Moscow" in normal.text
    assert pages == 2


def test_a_crashed_worker_fails_its_page_only() -> None:
    async def go() -> tuple[BaseException | Article, BaseException | Article]:
        async with ExtractPool(1, timeout=30.0) as pool:
            await pool.extract(page())
            first = asyncio.create_task(pool.extract(slow_page()))
            second = asyncio.create_task(pool.extract(page()))
            await asyncio.sleep(0.5)  # both handed over, the first being extracted
            (proc,) = pool.processes()
            os.kill(proc.pid, signal.SIGKILL)
            got = await asyncio.gather(first, second, return_exceptions=True)
            return got[0], got[1]
    first, second = asyncio.run(go())
    assert isinstance(first, ExtractError) and first.reason == "extract_crashed"
    assert isinstance(second, Article) and "Moscow" in second.text


def test_work_spreads_before_it_queues() -> None:
    workers = 2

    # Two pages, two workers: each goes to its own worker, none waits behind the other.
    async def go() -> int:
        async with ExtractPool(workers, timeout=30.0) as pool:
            await asyncio.gather(*(pool.extract(page()) for _ in range(workers)))
            return len(pool.processes())
    assert asyncio.run(go()) == workers
