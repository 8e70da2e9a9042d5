"""What the run's process and its extraction workers share: the error a page fails with
and the pipe's framing.

Kept apart from ``article`` so that the run's own process, which only hands pages over,
never imports trafilatura, lxml, the cleaner and the language model (about 0.6 s of CPU
per run, spent again in every extraction worker anyway).
"""

from __future__ import annotations

import asyncio
import struct
from typing import BinaryIO

HEADER = struct.Struct(">I")
READY = b"ready"


class ExtractError(Exception):
    """No article could be extracted from a page; ``reason`` names why."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail

    def __reduce__(self) -> tuple[type[ExtractError], tuple[str, str]]:
        # Crosses the process boundary of the extraction pool.
        return (type(self), (self.reason, self.detail))


def read_frame(stream: BinaryIO) -> bytes | None:
    """One length-prefixed frame, or None at end of input."""
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    return stream.read(HEADER.unpack(head)[0])


async def read_frame_async(stream: asyncio.StreamReader) -> bytes:
    """One length-prefixed frame from a child's pipe (``IncompleteReadError`` at its end)."""
    head = await stream.readexactly(HEADER.size)
    return await stream.readexactly(HEADER.unpack(head)[0])


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    """Write one length-prefixed frame and flush it."""
    stream.write(HEADER.pack(len(payload)) + payload)
    stream.flush()
