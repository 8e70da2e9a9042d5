"""Child processes of a run: starting one (forked by the zygote, else a fresh interpreter)
and stopping it, for the extraction pool and the feed parsers (``pipeline.extract.pool``,
``pipeline.fetch.parsers``); and ``Slots``, children lent to one task at a time, which the
feed parsers use (up to N children, one started on a slot's first use, one that overran
its budget, crashed or is in doubt retired and started afresh for the next task, all
stopped at the end). The extraction pool queues a second page per worker instead, so it
keeps its own list. The wire protocol and what makes a reply good stay with each pool.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable
from typing import Generic, Protocol, TypeVar

from pipeline.zygote import KINDS, Forked, Zygote

Proc = asyncio.subprocess.Process | Forked


async def launch(zygote: Zygote | None, kind: str, *, quiet: bool = False) -> Proc:
    """A child of ``kind`` (a key of ``zygote.KINDS``) serving its standard input and
    output: forked by the run's ``zygote`` if there is one and it answers, else a fresh
    interpreter running the kind's module (``quiet``: its standard error discarded)."""
    if zygote is not None:
        with contextlib.suppress(OSError):  # no zygote after all: a fresh interpreter
            return await zygote.spawn(kind)
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", KINDS[kind],
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL if quiet else None)


async def stop(proc: Proc) -> None:
    """Kill ``proc`` if it still runs, and wait for it."""
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        await proc.wait()


class Child(Protocol):
    """What a slot holds: a started child that can be stopped."""

    async def stop(self) -> None: ...


C = TypeVar("C", bound=Child)


class Slots(Generic[C]):
    """Up to ``size`` children, each lent to one task at a time; a slot's child starts
    on its first use (``start``) and is started afresh after it was retired."""

    def __init__(self, size: int, start: Callable[[], Awaitable[C]]) -> None:
        self.size = max(1, size)
        self._start = start
        self._idle: asyncio.Queue[C | None] | None = None
        self.live: set[C] = set()  # the started children, for tests and accounting

    async def borrow(self) -> C | None:
        """A free slot's child, or None for a slot whose child is still to start
        (``spawn``); give it back with ``give_back`` whatever happens."""
        if self._idle is None:
            self._idle = asyncio.Queue()
            for _ in range(self.size):
                self._idle.put_nowait(None)
        return await self._idle.get()

    def give_back(self, child: C | None) -> None:
        """Free the slot (None: its child was retired or never started)."""
        assert self._idle is not None
        self._idle.put_nowait(child)

    async def spawn(self) -> C:
        """Start a child for a borrowed slot."""
        child = await self._start()
        self.live.add(child)
        return child

    async def retire(self, child: C) -> None:
        """Stop a child that overran, died or is in doubt."""
        self.live.discard(child)
        await child.stop()

    async def close(self) -> None:
        """Stop every child."""
        for child in list(self.live):
            await self.retire(child)
        self._idle = None
