"""Counting what a loopback server saw: requests in flight at once, from its hit log."""

from __future__ import annotations

from pipeline.samplesite import Hit


def max_in_flight(hits: list[Hit], slack: float = 0.05) -> int:
    """The most requests the server was answering at one moment.

    The server logs a hit's end once its response is written, so the client may start its
    next request a moment earlier: ends count ``slack`` seconds early (a real breach
    overlaps by most of a slow answer, not by milliseconds).
    """
    events = sorted([(h.start, 1) for h in hits] + [(h.end - slack, -1) for h in hits])
    level = peak = 0
    for _, step in events:
        level += step
        peak = max(peak, level)
    return peak
