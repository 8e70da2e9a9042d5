"""Feed documents parsed in child processes that a hostile document cannot hold up.

``FeedParsers`` keeps up to ``feed_workers`` processes (``python -m pipeline.fetch.parsers``)
alive for a run, as ``pipeline.extract.pool`` does for pages, each fed over a pipe: a parse
that overruns its time budget costs its process its life (killed), one that exceeds its
address-space limit or crashes is retired too, and the slot starts a fresh process for the
next document. feedparser's e-mail regex is quadratic on a crafted author field, and a
thread could not be stopped.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from pipeline.children import Proc, Slots, launch, stop
from pipeline.fetch.feeds import FeedParseError, ParsedFeed, parse_document
from pipeline.records import FeedEntry, Source
from pipeline.zygote import Zygote

# Seconds the parsing process may take to start (imports), before the parse budget runs.
START_BUDGET = 120.0
# Address space a parse may add to the child interpreter (Linux; elsewhere time only).
PARSE_MEMORY = 512 * 1024 * 1024
_READY = b"ready\n"


class FeedParsers:
    """Up to ``workers`` feed documents parsed at once, each in a child process
    (``python -m pipeline.fetch.parsers``) that lives for the run, as the extraction pool's
    do: started on first use, killed when a parse overruns ``timeout`` seconds, runs out
    of memory or dies, and started afresh for the next document. Starting one costs about
    0.3 s of CPU (imports): once per slot and run, not once per feed."""

    def __init__(self, workers: int = 1, timeout: float = 20.0,
                 memory: int = PARSE_MEMORY, zygote: Zygote | None = None) -> None:
        # Forked by the run's zygote, if given (``pipeline.zygote``).
        self._slots: Slots[_Parser] = Slots(workers, lambda: _Parser.start(zygote))
        self._timeout = timeout
        self._memory = memory

    async def parse(self, source: Source, body: bytes, feed_url: str,
                    content_type: str = "", limit: int = 200) -> ParsedFeed:
        """``parse_document`` in one of the pool's processes, within the time budget.

        Raises:
            FeedParseError: as ``parse_feed``, or ``parse_timeout``,
                ``parse_out_of_memory``, ``parse_crashed``.
        """
        header = json.dumps({"source": asdict(source), "feed_url": feed_url,
                             "content_type": content_type, "limit": limit,
                             "memory": self._memory, "size": len(body)}).encode()
        child = await self._slots.borrow()
        reply: dict[str, Any] | None = None
        try:
            child = child or await self._slots.spawn()
            reply = _reply(await asyncio.wait_for(child.ask(header, body), self._timeout))
        except TimeoutError:
            raise FeedParseError("parse_timeout", f"parsing took over {self._timeout:g}s; "
                                 "stopped") from None
        except (asyncio.IncompleteReadError, BrokenPipeError, ConnectionResetError,
                ValueError):
            pass  # reply None: the process died, or wrote what is not a reply
        finally:
            if child is not None and (reply is None
                                      or reply.get("reason") == "parse_out_of_memory"):
                await self._slots.retire(child)  # mid-parse, dead, or its heap in doubt
                child = None
            self._slots.give_back(child)
        return _from_reply(reply)

    def processes(self) -> list[Proc]:
        """The parsing processes running now."""
        return [child.proc for child in self._slots.live]

    async def close(self) -> None:
        """Stop every parsing process."""
        await self._slots.close()

    async def __aenter__(self) -> FeedParsers:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


class _Parser:
    """One parsing process and its pipes."""

    def __init__(self, proc: Proc) -> None:
        self.proc = proc

    @classmethod
    async def start(cls, zygote: Zygote | None = None) -> _Parser:
        """A process that has finished importing: the budget is the parse's, and a busy
        machine may take seconds to start the interpreter (4.5 s at a load of 20 on 2
        cores), which is not the document's doing. Forked by the run's ``zygote`` if
        there is one, else a fresh interpreter."""
        proc = await launch(zygote, "parse", quiet=True)
        child = cls(proc)
        assert proc.stdout is not None
        try:
            ready = await asyncio.wait_for(proc.stdout.readline(), START_BUDGET)
        except TimeoutError:
            await child.stop()
            raise FeedParseError("parse_timeout", f"the parsing process did not start "
                                 f"within {START_BUDGET:g}s; stopped") from None
        if ready != _READY:
            await child.stop()
            raise FeedParseError("parse_crashed", "the parsing process died")
        return child

    async def ask(self, header: bytes, body: bytes) -> bytes:
        """Send one document; its reply (empty if the process died)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(header + b"\n" + body)
        await self.proc.stdin.drain()
        size = await self.proc.stdout.readline()
        return await self.proc.stdout.readexactly(int(size)) if size.strip() else b""

    async def stop(self) -> None:
        await stop(self.proc)


async def parse_feed_isolated(
    source: Source, body: bytes, feed_url: str, content_type: str = "", limit: int = 200,
    *, timeout: float = 20.0, memory: int = PARSE_MEMORY,
) -> ParsedFeed:
    """``parse_feed`` in a child process of its own that is killed past ``timeout``
    seconds (one document; a run parses through its ``FeedParsers``).

    Args:
        source: the source the feed belongs to.
        body: the raw response body.
        feed_url: the URL the body came from.
        content_type: the response's Content-Type header.
        limit: keep at most this many entries.
        timeout: seconds the parse may take.
        memory: bytes of address space the parse may add to the child.

    Returns:
        What ``parse_document`` found.

    Raises:
        FeedParseError: as ``FeedParsers.parse``.
    """
    async with FeedParsers(1, timeout, memory) as parsers:
        return await parsers.parse(source, body, feed_url, content_type, limit)


def _reply(out: bytes) -> dict[str, Any] | None:
    """The child's JSON reply, or None if it sent none (it died)."""
    try:
        reply: dict[str, Any] = json.loads(out)
    except ValueError:
        return None
    return reply


def _from_reply(reply: dict[str, Any] | None) -> ParsedFeed:
    if reply is None:
        raise FeedParseError("parse_crashed", "the parsing process died")
    if not reply["ok"]:
        raise FeedParseError(reply["reason"], reply["detail"],
                             [(u, k) for u, k in reply.get("feeds") or ()])
    entries = [FeedEntry(**{**e, "published_at": _iso(e["published_at"])})
               for e in reply["entries"]]
    return ParsedFeed(entries, reply["warnings"], [(u, r) for u, r in reply["refused"]],
                      reply.get("language"), reply.get("title"))


def _iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _limit_memory(extra: int | None) -> None:
    """Cap this process's address space at its current size plus ``extra`` bytes (the
    soft limit, which is what allocations meet: the next document sets it anew); None
    lifts the cap to the hard limit."""
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if extra is None:
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
            return
        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[0])
        current = pages * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (current + extra, hard))
    except (ImportError, OSError, ValueError):
        pass  # not Linux: the time budget still holds


def _serve(job: dict[str, Any], body: bytes) -> dict[str, Any]:
    """Parse one document for ``FeedParsers``: the JSON-ready reply."""
    src = job["source"]
    source = Source(src["name"], src["url"], tuple(src.get("tags") or ()), src.get("language"),
                    src.get("timezone"))
    try:
        _limit_memory(int(job["memory"]))
        parsed = parse_document(source, body, job["feed_url"], job["content_type"],
                                job["limit"])
        return {"ok": True, "entries": [
            {**asdict(e), "published_at": e.published_at.isoformat() if e.published_at
             else None} for e in parsed.entries],
            "warnings": parsed.warnings, "refused": parsed.refused,
            "language": parsed.language, "title": parsed.title}
    except FeedParseError as exc:
        return {"ok": False, "reason": exc.reason, "detail": exc.detail, "feeds": exc.feeds}
    except MemoryError:
        # The cap still holds and the failed parse's frames may not be freed yet: building
        # and sending the reply could fail too (the process then dies as parse_crashed,
        # which one CI run saw). Lift it first; the next document sets it anew.
        _limit_memory(None)
        return {"ok": False, "reason": "parse_out_of_memory",
                "detail": f"parsing needed over {int(job['memory']) >> 20} MiB"}
    except Exception as exc:  # a parser bug on a hostile document fails this feed only
        return {"ok": False, "reason": "parse_error",
                "detail": f"{type(exc).__name__}: {exc}"[:500]}


def serve_forked(fd: int) -> None:
    """A parser forked by the run's zygote (``pipeline.zygote``): ``_child`` on the
    socket ``fd``, its error output discarded as a parser started on its own has it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    with os.fdopen(fd, "rb") as inp, os.fdopen(os.dup(fd), "wb") as out:
        _child(inp, out)


def _child(inp: BinaryIO | None = None, out: BinaryIO | None = None) -> None:
    """Child side of ``FeedParsers``: a ready line once imported, then per document a
    header line (JSON, with the body's size) and the body on stdin, answered by the
    reply's size on a line and the reply (JSON) on stdout, until stdin closes."""
    inp = inp or sys.stdin.buffer
    out = out or sys.stdout.buffer
    out.write(_READY)
    out.flush()
    while head := inp.readline():
        job = json.loads(head)
        reply = json.dumps(_serve(job, inp.read(int(job["size"])))).encode()
        out.write(b"%d\n" % len(reply) + reply)
        out.flush()


if __name__ == "__main__":
    _child()
