"""The run's zygote: extraction workers and feed parsers forked with their imports done,
killed alone when a page overruns its budget, reaped, and a fresh interpreter instead
when there is no zygote."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from pipeline.extract.pool import ExtractPool
from pipeline.extract.protocol import ExtractError
from pipeline.fetch.parsers import FeedParsers
from pipeline.records import FeedEntry, Page, Source
from pipeline.zygote import _EARLY, Forked, Zygote, started_early
from tests.conftest import ROOT
from tests.pipeline.extract.test_extract_pool import page
from tests.support.faultsite import rss


def heavy() -> Page:
    # Seconds of extraction: far over the budget of the test below.
    body = "".join(f"<div class='c{i}'><p>Paragraph {i} about Moscow and Beijing, "
                   f"trade and gas and the summit.</p></div>" for i in range(40000))
    entry = FeedEntry("s", "http://127.0.0.1/feed", "http://127.0.0.1/heavy", "heavy")
    return Page(entry, entry.url, 200, "text/html",
                f"<html><body><article>{body}</article></body></html>", datetime.now(UTC))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_children_are_forked_and_reaped() -> None:
    async def go() -> tuple[list[str], list[int], list[int], float]:
        async with Zygote() as zygote:
            async with ExtractPool(2, 30.0, zygote) as pool, \
                    FeedParsers(1, 30.0, zygote=zygote) as parsers:
                feed = rss("http://news.example", [("One", "http://news.example/1")])
                parsed = await parsers.parse(Source("t", "http://news.example/feed"), feed,
                                             "http://news.example/feed")
                started = time.monotonic()  # the zygote is warm: forking is quick
                articles = await asyncio.gather(*(pool.extract(page()) for _ in range(4)))
                took = time.monotonic() - started
                kids = pool.processes() + parsers.processes()
                assert all(isinstance(k, Forked) for k in kids)
                pids = [k.pid for k in kids]
            assert zygote._proc is not None
            zygote_pid = [zygote._proc.pid]
        return ([e.url for e in parsed.entries] + [a.title for a in articles], pids,
                zygote_pid, took)
    got, pids, zygote_pid, took = asyncio.run(go())
    assert got[0] == "http://news.example/1"
    assert len(set(got[1:])) == 1 and "Moscow" in got[1]
    assert len(pids) == 3 and os.getpid() not in pids
    assert took < 20.0
    # The zygote exited once the run closed it, after reaping every child it forked.
    assert not any(alive(p) for p in pids + zygote_pid)


def test_a_zygote_started_early_is_adopted_or_killed() -> None:
    # ``rcwire run`` starts the zygote before its own imports; the run's Zygote takes
    # that process instead of starting another, and one no run took is killed and reaped.
    async def go() -> tuple[int, list[str]]:
        async with Zygote() as zygote:
            async with FeedParsers(1, 30.0, zygote=zygote) as parsers:
                feed = rss("http://news.example", [("One", "http://news.example/1")])
                parsed = await parsers.parse(Source("t", "http://news.example/feed"), feed,
                                             "http://news.example/feed")
                assert all(isinstance(k, Forked) for k in parsers.processes())
            assert zygote._proc is not None
            return zygote._proc.pid, [e.url for e in parsed.entries]

    with started_early():
        early = _EARLY[0][0]
        pid, urls = asyncio.run(go())
        assert not _EARLY
    assert pid == early.pid and urls == ["http://news.example/1"]
    assert early.returncode == 0  # it exited when the run closed it, and was reaped
    with started_early():
        unused = _EARLY[0][0]
    assert not _EARLY and unused.returncode is not None and not alive(unused.pid)


def test_a_run_that_forks_nothing_does_not_wait_for_the_imports() -> None:
    # A run whose feeds all answer 304 or fail asks the zygote for no child: closing it
    # while it still imports kills it (it has forked nothing) instead of waiting seconds
    # for imports no one will use; one that said it was ready exits by itself.
    async def go(wait: bool) -> subprocess.Popen[bytes]:
        async with Zygote() as zygote:
            await asyncio.sleep(0)  # the start task launches the process
            if wait:
                assert zygote._ready is not None and await zygote._ready
            assert zygote._proc is not None
            proc = zygote._proc
        return proc

    unused = asyncio.run(go(False))
    assert unused.returncode == -signal.SIGKILL and not alive(unused.pid)
    ready = asyncio.run(go(True))
    assert ready.returncode == 0 and not alive(ready.pid)


def test_a_page_over_its_budget_kills_only_its_forked_worker() -> None:
    async def go() -> tuple[str, int, int, str]:
        async with Zygote() as zygote, ExtractPool(1, 1.0, zygote) as pool:
            await pool.extract(page())
            first = pool.processes()[0]
            assert isinstance(first, Forked)
            with pytest.raises(ExtractError) as err:
                await pool.extract(heavy())
            after = await pool.extract(page())
            second = pool.processes()[0]
            await asyncio.sleep(1.5)  # the zygote reaps within half a second
            return err.value.reason, first.pid, second.pid, after.title
    reason, first, second, title = asyncio.run(go())
    assert reason == "extract_timeout"
    assert first != second and not alive(first)
    assert "Moscow" in title


def test_without_a_zygote_each_child_is_its_own_interpreter(
        monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_zygote(self: Zygote) -> bool:
        return False

    monkeypatch.setattr(Zygote, "_start", no_zygote)

    async def go() -> tuple[str, bool]:
        async with Zygote() as zygote, ExtractPool(1, 30.0, zygote) as pool:
            article = await pool.extract(page())
            own = isinstance(pool.processes()[0], asyncio.subprocess.Process)
            return article.title, own
    title, own = asyncio.run(go())
    assert own and "Moscow" in title


def test_the_zygote_loads_no_table_or_database_stack() -> None:
    # Every parser and extraction worker is forked from it: Arrow's allocator alone added
    # 160 MB of address space, which a parser's memory cap (address space + budget) then
    # let a hostile feed use unseen. The workers need the counting code, not the tables.
    code = ("import sys, pipeline.zygote as z; z._preload(); print(sorted({'pyarrow', "
            "'duckdb', 'pandas', 'great_expectations', 'airflow'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[]"
