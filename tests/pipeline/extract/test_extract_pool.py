"""The extraction pool: worker start-up is not billed to a page, and fetching waits for
extraction instead of piling pages up in memory."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path

from pipeline.extract.pool import BACKLOG_PER_WORKER, ExtractPool
from pipeline.fetch.http import HostLimiter, make_client
from pipeline.records import Article, FeedEntry, FeedTask, Page, Source
from pipeline.settings import Settings
from tests.conftest import ROOT
from tests.support.faultsite import FaultSite

PAGE = ROOT / "samples/site/daily-dispatch/moscow-and-beijings-new-world-order/index.html"


def page() -> Page:
    entry = FeedEntry("daily-dispatch", "http://127.0.0.1/feed", "http://127.0.0.1/a", "a")
    return Page(entry, entry.url, 200, "text/html", PAGE.read_text(encoding="utf-8"),
                datetime.now(UTC))


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
