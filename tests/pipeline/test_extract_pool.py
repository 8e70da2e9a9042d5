"""The extraction pool: worker start-up is not billed to a page, and a slot survives a
worker that is stopped."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from pipeline.extract_pool import ExtractPool
from pipeline.records import Article, FeedEntry, Page
from tests.conftest import ROOT

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
