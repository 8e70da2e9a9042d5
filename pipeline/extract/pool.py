"""Extraction in worker processes, with a time budget that can actually stop a page.

A thread cannot be stopped, and trafilatura on a pathological 5 MB page can run for
minutes. Each slot here is a child process (``python -m pipeline.extract.worker``) fed
over a pipe: a page that overruns its budget costs that child its life (killed), a fresh
one takes its place, and the run goes on. Processes also let extraction use every core
while the event loop keeps fetching.

Each worker holds up to ``QUEUED_PER_WORKER`` pages: the one it extracts and the next,
already in its pipe. Handing pages over one at a time left a worker idle from its answer
until the run's event loop, busy fetching on the same two cores, sent the next page (on
an idle machine the default run's fetch phase took 16.4 s with two workers that way, and
12.3 s with four). A page's budget starts when its worker starts it, not when it was
queued, and the pages queued behind one that is stopped or crashes go to another worker.
"""

from __future__ import annotations

import asyncio
import os
import pickle
from collections import deque
from types import TracebackType

from pipeline.children import Proc, launch, stop
from pipeline.extract.protocol import HEADER, READY, ExtractError, read_frame_async
from pipeline.records import Article, Page
from pipeline.zygote import Zygote

# Seconds a worker process may take to import and warm up before it is given up.
_START_BUDGET = 120.0
# Pages fetched or being fetched but not yet extracted, per worker process.
BACKLOG_PER_WORKER = 16
# Pages handed to one worker at once: the one it works on and the next.
QUEUED_PER_WORKER = 2


class _RequeueError(Exception):
    """A page queued behind one that killed its worker: it goes to another worker."""


class _Job:
    """One page handed to a worker: ``started`` resolves when the worker begins it (the
    page before it was answered), ``reply`` with its answer."""

    def __init__(self) -> None:
        loop = asyncio.get_running_loop()
        self.started: asyncio.Future[None] = loop.create_future()
        self.reply: asyncio.Future[tuple[object, ...]] = loop.create_future()

    def fail(self, exc: Exception) -> None:
        for future in (self.started, self.reply):
            if not future.done():
                future.set_exception(exc)
                # Nobody may wait for it any more (a page given up past its budget):
                # marked as seen so that asyncio does not report it; awaiting still raises.
                future.exception()


class _Child:
    """One worker process, the pages handed to it in order, and the task reading its
    answers."""

    def __init__(self, proc: Proc, changed: asyncio.Event) -> None:
        self.proc = proc
        self.jobs: deque[_Job] = deque()
        self.alive = True
        self._changed = changed
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, zygote: Zygote | None, changed: asyncio.Event) -> _Child:
        """A worker that has finished importing and warming up (start-up takes 1-2 s for
        a fresh interpreter, which must not count against the first page's budget):
        forked by the run's ``zygote`` if there is one, else a fresh interpreter."""
        proc = await launch(zygote, "extract")
        assert proc.stdout is not None
        try:
            ready = await asyncio.wait_for(read_frame_async(proc.stdout), _START_BUDGET)
        except (TimeoutError, asyncio.IncompleteReadError):
            ready = b""
        if ready != READY:
            await stop(proc)
            raise ExtractError("extract_crashed", "the extraction process did not start")
        return cls(proc, changed)

    def send(self, payload: bytes) -> _Job:
        """Queue one pickled request (synchronously: no other task can pick this worker
        in between)."""
        assert self.proc.stdin is not None
        job = _Job()
        self.jobs.append(job)
        if len(self.jobs) == 1:
            job.started.set_result(None)
        self.proc.stdin.write(HEADER.pack(len(payload)) + payload)
        return job

    async def _read(self) -> None:
        """Answers arrive in the order the pages were sent."""
        assert self.proc.stdout is not None
        try:
            while True:
                body = await read_frame_async(self.proc.stdout)
                job = self.jobs.popleft()
                if not job.reply.done():  # not given up past its budget
                    job.reply.set_result(pickle.loads(body))  # noqa: S301 (our own child)
                if self.jobs:
                    self.jobs[0].started.set_result(None)
                self._changed.set()
        except (asyncio.IncompleteReadError, ConnectionResetError, BrokenPipeError):
            pass
        finally:
            self.die(ExtractError("extract_crashed", "the extraction process died"))

    def die(self, exc: ExtractError) -> None:
        """The page being extracted fails with ``exc``; the ones queued behind it go to
        another worker."""
        self.alive = False
        for n, job in enumerate(self.jobs):
            job.fail(exc if n == 0 else _RequeueError())
        self.jobs.clear()
        self._changed.set()

    async def stop(self) -> None:
        self.alive = False
        await stop(self.proc)
        self._reader.cancel()
        await asyncio.gather(self._reader, return_exceptions=True)
        # Pages still handed to it (the pool closing mid-run) must not wait forever.
        self.die(ExtractError("extract_crashed", "the extraction pool closed"))


class ExtractPool:
    """Up to ``workers`` pages extracted at once, each within ``timeout`` seconds."""

    def __init__(self, workers: int | None = None, timeout: float = 20.0,
                 zygote: Zygote | None = None) -> None:
        self._workers = max(1, workers or os.cpu_count() or 1)
        self._zygote = zygote  # forks the workers, if given (``pipeline.zygote``)
        self._children: list[_Child] = []
        self._starting = 0
        self._changed: asyncio.Event | None = None  # a worker answered, started or died
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

    async def _pick(self) -> _Child:
        """An idle worker; else a new one while there are fewer than ``workers``; else
        the worker with the shortest queue that has room."""
        if self._changed is None:
            self._changed = asyncio.Event()
        while True:
            # Dead workers stay listed until close() has waited for them.
            live = [c for c in self._children if c.alive]
            idle = [c for c in live if not c.jobs]
            if idle:
                return idle[0]
            if len(live) + self._starting < self._workers:
                self._starting += 1
                try:
                    child = await _Child.start(self._zygote, self._changed)
                finally:
                    self._starting -= 1
                self._children.append(child)
                return child
            room = [c for c in live if len(c.jobs) < QUEUED_PER_WORKER]
            if room:
                return min(room, key=lambda c: len(c.jobs))
            self._changed.clear()
            await self._changed.wait()

    async def extract(self, page: Page, learned: frozenset[str] = frozenset()) -> Article:
        """Extract one page in a worker process.

        Raises:
            ExtractError: the page's own error, or ``extract_timeout`` past the budget.
        """
        payload = pickle.dumps((page, learned), protocol=pickle.HIGHEST_PROTOCOL)
        while True:
            child = await self._pick()
            job = child.send(payload)
            assert child.proc.stdin is not None
            try:
                await child.proc.stdin.drain()
            except (BrokenPipeError, ConnectionResetError):
                await self._retire(child, ExtractError("extract_crashed",
                                                       "the extraction process died"))
            try:
                await job.started
                # Shielded: a page given up keeps its future for the reader to fill.
                reply = await asyncio.wait_for(asyncio.shield(job.reply), self._timeout)
            except _RequeueError:
                continue
            except TimeoutError:
                stopped = ExtractError("extract_timeout", f"extraction took over "
                                       f"{self._timeout:g}s; stopped")
                await self._retire(child, stopped)
                raise stopped from None
            break
        self.pages += 1
        self.cpu_seconds += float(reply[-1])  # type: ignore[arg-type]
        if reply[0] == "ok":
            article = reply[1]
            assert isinstance(article, Article)
            return article
        raise ExtractError(str(reply[1]), str(reply[2]))

    async def _retire(self, child: _Child, exc: ExtractError) -> None:
        """Stop a worker that overran or is in doubt: its page fails with ``exc``, the
        pages queued behind it move on."""
        child.die(exc)
        await child.stop()

    def processes(self) -> list[Proc]:
        """The worker processes running now."""
        return [child.proc for child in self._children if child.alive]

    async def close(self) -> None:
        """Stop every worker process."""
        for child in self._children:
            await child.stop()
        self._children = []

    async def __aenter__(self) -> ExtractPool:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()
