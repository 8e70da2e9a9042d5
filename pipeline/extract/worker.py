"""A child process that extracts pages for ``pipeline.extract.pool``.

Reads length-prefixed pickled ``(page, learned)`` requests on stdin and answers each with
``("ok", article, cpu)`` or ``("error", reason, detail, cpu)`` on stdout (``cpu``: the
seconds of CPU the page cost). Pickle is safe here: both
ends are this package, talking over a private pipe.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import time
from typing import BinaryIO

from pipeline.extract.article import extract_and_score
from pipeline.extract.protocol import READY, ExtractError, read_frame, write_frame


def serve(inp: BinaryIO, out: BinaryIO) -> None:
    """Answer requests until the parent closes the pipe."""
    while (frame := read_frame(inp)) is not None:
        page, learned = pickle.loads(frame)  # noqa: S301 (our own parent process)
        started = time.process_time()
        try:
            reply: tuple[object, ...] = ("ok", extract_and_score(page, learned))
        except ExtractError as exc:
            reply = ("error", exc.reason, exc.detail)
        except Exception as exc:  # a bug or a pathological page must not kill the worker
            reply = ("error", "extract_error", f"{type(exc).__name__}: {exc}"[:500])
        # Last item: CPU seconds the page cost, summed into the run's timings.
        reply += (time.process_time() - started,)
        write_frame(out, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))


def serve_forked(fd: int) -> None:
    """A child forked by the run's zygote (``pipeline.zygote``): serve the socket ``fd``
    as a worker started on its own serves its standard input and output."""
    with os.fdopen(fd, "rb") as inp, os.fdopen(os.dup(fd), "wb") as out:
        write_frame(out, READY)
        serve(inp, out)


def warm_up() -> None:
    """Load what the first extraction would load lazily, so that start-up is not billed
    to the first page's time budget."""
    from datetime import UTC, datetime

    from pipeline.records import FeedEntry, Page

    body = "<p>" + "Warm-up paragraph for the extraction worker. " * 20 + "</p>"
    entry = FeedEntry("warm-up", "http://warm.up/feed", "http://warm.up/a", "warm-up")
    page = Page(entry, entry.url, 200, "text/html",
                f"<html><head><title>Warm up</title></head><body><article>{body}"
                "</article></body></html>", datetime.now(UTC))
    with contextlib.suppress(ExtractError):
        extract_and_score(page, frozenset())


if __name__ == "__main__":
    warm_up()
    write_frame(sys.stdout.buffer, READY)
    serve(sys.stdin.buffer, sys.stdout.buffer)
