"""Extraction in worker processes, with a time budget that can actually stop a page.

A thread cannot be stopped, and trafilatura on a pathological 5 MB page can run for
minutes. Each slot here is a child process (``python -m pipeline.extract.worker``) fed
over a pipe: a page that overruns its budget costs that child its life (killed), the slot
starts a fresh one, and the run goes on. Processes also let extraction use every core
while the event loop keeps fetching.
"""

from __future__ import annotations

import asyncio
import os
import pickle
from types import TracebackType

from pipeline.children import Proc, Slots, launch, stop
from pipeline.extract.protocol import HEADER, READY, ExtractError
from pipeline.records import Article, Page
from pipeline.zygote import Zygote

# Seconds a worker process may take to import and warm up before it is given up.
_START_BUDGET = 120.0
# Pages fetched or being fetched but not yet extracted, per worker process.
BACKLOG_PER_WORKER = 16


class _Child:
    """One worker process and its pipes."""

    def __init__(self, proc: Proc) -> None:
        self.proc = proc

    @classmethod
    async def start(cls, zygote: Zygote | None = None) -> _Child:
        """A worker that has finished importing and warming up (start-up takes 1-2 s for
        a fresh interpreter, which must not count against the first page's budget):
        forked by the run's ``zygote`` if there is one, else a fresh interpreter."""
        proc = await launch(zygote, "extract")
        child = cls(proc)
        assert proc.stdout is not None
        try:
            head = await asyncio.wait_for(proc.stdout.readexactly(HEADER.size), _START_BUDGET)
            ready = await proc.stdout.readexactly(HEADER.unpack(head)[0])
        except (TimeoutError, asyncio.IncompleteReadError):
            ready = b""
        if ready != READY:
            await child.stop()
            raise ExtractError("extract_crashed", "the extraction process did not start")
        return child

    async def ask(self, page: Page, learned: frozenset[str]) -> tuple[object, ...]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        payload = pickle.dumps((page, learned), protocol=pickle.HIGHEST_PROTOCOL)
        self.proc.stdin.write(HEADER.pack(len(payload)) + payload)
        await self.proc.stdin.drain()
        head = await self.proc.stdout.readexactly(HEADER.size)
        body = await self.proc.stdout.readexactly(HEADER.unpack(head)[0])
        reply: tuple[object, ...] = pickle.loads(body)  # noqa: S301 (our own child)
        return reply

    async def stop(self) -> None:
        await stop(self.proc)


class ExtractPool:
    """Up to ``workers`` pages extracted at once, each within ``timeout`` seconds."""

    def __init__(self, workers: int | None = None, timeout: float = 20.0,
                 zygote: Zygote | None = None) -> None:
        self._workers = max(1, workers or os.cpu_count() or 1)
        # Forked by the run's zygote, if given (``pipeline.zygote``).
        self._slots: Slots[_Child] = Slots(self._workers, lambda: _Child.start(zygote))
        self._timeout = timeout
        # Fetching outruns extraction (hundreds of pages a second against tens): without
        # a bound, a big run held every fetched page in memory until a worker was free
        # (1 GB for 5,000 pages). Enough pages in flight to keep every worker busy.
        self._backlog = asyncio.Semaphore(BACKLOG_PER_WORKER * self._workers)
        self.cpu_seconds = 0.0  # CPU the workers spent on pages (for the run's timings)
        self.pages = 0

    async def take_place(self) -> None:
        """Wait for room for one more page; taken just before the page is fetched."""
        await self._backlog.acquire()

    def free_place(self) -> None:
        """The page taken a place for is extracted (or failed)."""
        self._backlog.release()

    async def extract(self, page: Page, learned: frozenset[str] = frozenset()) -> Article:
        """Extract one page in a worker process.

        Raises:
            ExtractError: the page's own error, or ``extract_timeout`` past the budget.
        """
        child = await self._slots.borrow()
        if child is None:
            try:
                child = await self._slots.spawn()
            except ExtractError:
                self._slots.give_back(None)  # the next page tries a fresh process
                raise
        try:
            reply = await asyncio.wait_for(child.ask(page, learned), self._timeout)
        except (TimeoutError, asyncio.IncompleteReadError, BrokenPipeError,
                ConnectionResetError) as exc:
            await self._slots.retire(child)
            self._slots.give_back(None)
            if isinstance(exc, TimeoutError):
                raise ExtractError("extract_timeout", f"extraction took over "
                                   f"{self._timeout:g}s; stopped") from None
            raise ExtractError("extract_crashed", "the extraction process died") from None
        self._slots.give_back(child)
        self.pages += 1
        self.cpu_seconds += float(reply[-1])  # type: ignore[arg-type]
        if reply[0] == "ok":
            article = reply[1]
            assert isinstance(article, Article)
            return article
        raise ExtractError(str(reply[1]), str(reply[2]))

    def processes(self) -> list[Proc]:
        """The worker processes running now."""
        return [child.proc for child in self._slots.live]

    async def close(self) -> None:
        """Stop every worker process."""
        await self._slots.close()

    async def __aenter__(self) -> ExtractPool:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()
