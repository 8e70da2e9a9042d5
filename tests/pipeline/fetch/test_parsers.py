"""The feed parsing processes of a run: one process serves many documents, and a document
that overruns its budget (time or memory) costs only its own process."""

from __future__ import annotations

import asyncio

import pytest

from pipeline.fetch.feeds import FeedParseError
from pipeline.fetch.parsers import PARSE_MEMORY, FeedParsers
from pipeline.records import Source
from pipeline.zygote import Zygote
from tests.support.faultsite import rss

SOURCE = Source("t", "http://news.example/feed")


def good(n: int) -> bytes:
    return rss("http://news.example", [(f"Story {n}", f"http://news.example/{n}")])


SLOW = rss("http://news.example", [("Russia and China", "http://news.example/a")],
           extra=f"<author>{'a' * 60000}</author>")
HUGE = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>"
        + b"<item><title>t</title></item>" * 30000 + b"</channel></rss>")


def pids(parsers: FeedParsers) -> set[int]:
    return {proc.pid for proc in parsers.processes()}


def test_one_process_parses_document_after_document() -> None:
    async def go() -> tuple[list[str], set[int]]:
        seen: set[int] = set()
        urls = []
        async with FeedParsers(1, timeout=30.0) as parsers:
            for n in range(3):
                parsed = await parsers.parse(SOURCE, good(n), SOURCE.url)
                urls += [e.url for e in parsed.entries]
                seen |= pids(parsers)
        return urls, seen
    urls, seen = asyncio.run(go())
    assert urls == [f"http://news.example/{n}" for n in range(3)]
    assert len(seen) == 1


@pytest.mark.parametrize("forked", [False, True], ids=["own interpreter", "zygote"])
@pytest.mark.parametrize(("body", "timeout", "memory", "reason"), [
    (SLOW, 1.0, PARSE_MEMORY, "parse_timeout"),
    (HUGE, 30.0, 4 << 20, "parse_out_of_memory"),
])
def test_a_document_over_its_budget_costs_only_its_process(
        body: bytes, timeout: float, memory: int, reason: str, forked: bool) -> None:
    async def go() -> tuple[str, set[int], set[int], int]:
        async with Zygote() as zygote, \
                FeedParsers(1, timeout, memory, zygote if forked else None) as parsers:
            await parsers.parse(SOURCE, good(0), SOURCE.url)
            first = pids(parsers)
            with pytest.raises(FeedParseError) as err:
                await parsers.parse(SOURCE, body, SOURCE.url)
            after = await parsers.parse(SOURCE, good(1), SOURCE.url)
            return err.value.reason, first, pids(parsers), len(after.entries)
    got, first, then, entries = asyncio.run(go())
    assert got == reason
    assert entries == 1 and len(then) == 1 and then != first
