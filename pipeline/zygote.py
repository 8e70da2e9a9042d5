"""One process per run that has imported the child processes' code, and forks them.

A run's extraction workers and feed parsers are child processes, so that a page or a
document that overruns its budget can be killed. Each used to start a fresh interpreter
and import trafilatura, lxml, the cleaner, py3langid's model (decompressed from LZMA)
or feedparser: 1.1 s of CPU per extraction worker and 0.25 s per parser, paid again by
every Airflow task. The zygote pays it once: it imports and warms up both kinds, then
forks a child per request, which starts with everything loaded (a few milliseconds).

The zygote itself runs no page and no document, so a hostile one can only kill the
forked child that took it; the pools retire that child and ask for a fresh one, as they
did with a fresh interpreter. It is a fresh interpreter started from the run's process
(not a fork of it: that process runs threads and an event loop), talking over a Unix
socket: each request carries the socket the child will serve on (``SCM_RIGHTS``) and is
answered with its pid; the zygote reaps its children, and kills one on request only while
it is its own unreaped child, so a pid is never reused under the run. The child serves
its socket as its standard input and output were served before (``pipeline.extract
.worker``, ``pipeline.fetch.parsers``).

Where ``fork`` or ``SCM_RIGHTS`` are missing (not Linux or macOS) the pools start a fresh
interpreter per child as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import os
import select
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from types import TracebackType

# Seconds the zygote may take to import and warm up before the run gives up on it (and
# starts each child as a fresh interpreter instead).
START_BUDGET = 120.0
# What a child of each kind runs: ``serve_forked(fd)`` of these modules (imported by name
# so that this shared module depends on neither stage).
KINDS = {"extract": "pipeline.extract.worker", "parse": "pipeline.fetch.parsers"}
_READY = b"ready"
SUPPORTED = hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX")


class Forked:
    """A forked child as the pools use a subprocess: ``stdin`` and ``stdout`` streams
    (both the one socket), ``returncode`` (None while it may run), ``kill`` and ``wait``."""

    def __init__(self, zygote: Zygote, pid: int, reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
        self.pid = pid
        self.stdin = writer
        self.stdout = reader
        self.returncode: int | None = None
        self._zygote = zygote

    def kill(self) -> None:
        """SIGKILL the child (through the zygote, which knows whether it still runs)."""
        if self.returncode is None:
            self.returncode = -signal.SIGKILL
            self._zygote.kill(self.pid)
        self.stdin.close()

    async def wait(self) -> int:
        """Until the child's end of the socket is closed (it exited or was killed)."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.stdout.read(), 10.0)
        if self.returncode is None:
            self.returncode = 0
        return self.returncode


class Zygote:
    """The run's zygote process (``python -m pipeline.zygote``), started on entry."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._ctl: socket.socket | None = None
        self._lock = asyncio.Lock()
        self._ready: asyncio.Future[bool] | None = None

    async def __aenter__(self) -> Zygote:
        """Start the zygote; it imports in the background while the run fetches."""
        if SUPPORTED:
            self._ready = asyncio.ensure_future(self._start())
        return self

    async def _start(self) -> bool:
        # The one started early by the CLI (``started_early``) if it waits, else a new one.
        proc, ours = _EARLY.pop() if _EARLY else _launch()
        self._proc = proc
        ours.setblocking(False)
        self._ctl = ours
        try:
            ready = await asyncio.wait_for(asyncio.get_running_loop().sock_recv(ours, 64),
                                           START_BUDGET)
        except TimeoutError:
            ready = b""
        if ready != _READY:
            await self.close()
            return False
        return True

    async def spawn(self, kind: str) -> Forked:
        """A new child of ``kind`` (``"extract"`` or ``"parse"``), serving its socket.

        Raises:
            OSError: there is no zygote (it did not start, or died): the caller starts
                a fresh interpreter instead.
        """
        if self._ready is None or not await asyncio.shield(self._ready) or self._ctl is None:
            raise OSError("no zygote")
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        loop = asyncio.get_running_loop()
        try:
            async with self._lock:  # one request and its answer at a time
                socket.send_fds(self._ctl, [kind.encode()], [theirs.fileno()])
                answer = await loop.sock_recv(self._ctl, 64)
        finally:
            theirs.close()
        if not answer:
            await self.close()
            ours.close()
            raise OSError("the zygote died")
        reader, writer = await asyncio.open_unix_connection(sock=ours)
        return Forked(self, int(answer), reader, writer)

    def kill(self, pid: int) -> None:
        """Ask the zygote to SIGKILL its child ``pid`` (if it is still running)."""
        if self._ctl is not None:
            with contextlib.suppress(OSError):
                self._ctl.send(b"kill %d" % pid)

    async def close(self) -> None:
        """Stop the zygote: it waits for its children (whose sockets are closed by now,
        so they exit), then exits and is reaped, its CPU counted in the run's.

        One still importing has forked no child: it is killed, not waited for (a run
        that parsed and extracted nothing, every feed unchanged or failing, waited
        seconds for imports it would never use)."""
        grace = 10.0
        if self._ready is not None and not self._ready.done():
            self._ready.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ready
            grace = 0.0
        if self._ctl is not None:
            self._ctl.close()
            self._ctl = None
        if self._proc is not None:
            proc, self._proc = self._proc, None
            await asyncio.to_thread(_stop, proc, grace)

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()


# Zygotes started before their run's event loop (at most one), waiting to be adopted.
_EARLY: list[tuple[subprocess.Popen[bytes], socket.socket]] = []


def _launch() -> tuple[subprocess.Popen[bytes], socket.socket]:
    """Start a zygote process; returns it and the run's end of its control socket."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline.zygote", str(theirs.fileno())],
                                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL)
    finally:
        theirs.close()
    return proc, ours


def _stop(proc: subprocess.Popen[bytes], grace: float) -> None:
    """Reap the zygote (its CPU is then counted in the run's), killed after ``grace``
    seconds; it exits by itself once its control socket is closed."""
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def started_early() -> Iterator[None]:
    """Start the zygote now, for the run about to begin in this block to adopt.

    ``rcwire run`` calls this before it imports the run's own code: the zygote's imports
    and warm-up (about 1.3 s of CPU) then use the second core while the run's process
    imports, reads its settings and plans (0.6-1.0 s), instead of starting after them,
    and the first pages are extracted a second earlier. One the run did not adopt (it
    failed, or found the batch already loaded) is killed on the way out.
    """
    if SUPPORTED and not _EARLY:
        _EARLY.append(_launch())
    try:
        yield
    finally:
        while _EARLY:
            proc, ours = _EARLY.pop()
            ours.close()
            proc.kill()
            proc.wait()


# --- the zygote's side ----------------------------------------------------------------


def _preload() -> dict[str, Callable[[int], None]]:
    """Import and warm up what the children run; their entry points by kind."""
    entries = {}
    for kind, name in KINDS.items():
        module = importlib.import_module(name)
        if hasattr(module, "warm_up"):
            module.warm_up()
        entries[kind] = module.serve_forked
    return entries


def _reap(live: set[int]) -> None:
    for pid in list(live):
        with contextlib.suppress(ChildProcessError):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if not done:
                continue
        live.discard(pid)


def _fork(serve: Callable[[int], None], fd: int, ctl: socket.socket) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        ctl.close()
        serve(fd)
    except BaseException:  # the child's end: its exit code says it failed
        code = 1
    finally:
        os._exit(code)


def main(ctl_fd: int) -> None:
    """Preload, say ready, then fork a child per request until the run closes the socket."""
    ctl = socket.socket(fileno=ctl_fd)
    entries = _preload()
    ctl.send(_READY)
    live: set[int] = set()
    while True:
        ready, _, _ = select.select([ctl], [], [], 0.5)
        _reap(live)
        if not ready:
            continue
        msg, fds, _, _ = socket.recv_fds(ctl, 64, 1)
        if not msg:
            break
        if msg.startswith(b"kill "):
            pid = int(msg.split()[1])
            if pid in live:  # still ours and unreaped: the pid cannot be another's
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            continue
        pid = _fork(entries[msg.decode()], fds[0], ctl)
        os.close(fds[0])
        live.add(pid)
        ctl.send(b"%d" % pid)
    for pid in live:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


if __name__ == "__main__":
    main(int(sys.argv[1]))
