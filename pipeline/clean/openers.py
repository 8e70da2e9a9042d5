"""The characters an anchored pattern can open a match with: a test of a paragraph's
first character before ``pattern.match``.

Most anchored rule patterns need no string a paragraph could be screened for
(``literals.required``), so every paragraph was matched against them all (about 35
``match`` calls a paragraph, each failing on the first character). ``opening`` reads a
pattern's syntax tree (Python's own parser, as ``literals`` does) for the one-character
items a match can begin with; ``Openers`` asks the engine itself, once per first
character met, which of them take it (the same flags, so case folding is the engine's),
and caches the answer as bits. A pattern that can match the empty string, or opens with
an item this reading does not know, gets no test (always tried).
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# One-character items as (pattern text, flags): compiled alone, each matches exactly the
# characters the item matches in its pattern.
Opening = tuple[tuple[str, int], ...]

_CATEGORIES = {
    c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
# Items that match no character of their own (``^``, ``\b``, look-arounds): a match
# opens with whatever follows them.
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)


class _UnknownError(Exception):
    """An item this reading does not know: the pattern gets no test."""


def opening(pattern: re.Pattern[str]) -> Opening | None:
    """The one-character items every match of ``pattern`` at a text's start opens with
    (one of them takes the text's first character), or None: no such test."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    try:
        items, empty = _sequence(list(parsed), parsed.state.flags)
    except _UnknownError:
        return None
    # A pattern that can match the empty string can match before any first character.
    return None if empty else tuple(dict.fromkeys(items))


def at_start(pattern: re.Pattern[str]) -> bool:
    """Whether every match of ``pattern`` begins at the text's start (each branch opens
    with ``^`` or ``\\A``, after zero-width items only, without MULTILINE): then
    ``pattern.search`` finds what ``pattern.match`` does. Rules write a case-sensitive
    branch as ``(?-i:^...)``, which ``rules`` does not take for anchored; searched, it was
    tried and refused at every position of a paragraph."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    return _starts_at_start(list(parsed), parsed.state.flags)


def _starts_at_start(items: list[Any], flags: int) -> bool:
    for op, av in items:
        if op is c.AT:
            if av is c.AT_BEGINNING_STRING or (av is c.AT_BEGINNING
                                               and not flags & re.MULTILINE):
                return True
            continue  # another zero-width test: the next item is at the same place
        if op in (c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.SUBPATTERN:
            _, add, remove, body = av
            return _starts_at_start(list(body), (flags | add) & ~remove)
        if op is c.ATOMIC_GROUP:
            return _starts_at_start(list(av), flags)
        if op is c.BRANCH:
            return all(_starts_at_start(list(branch), flags) for branch in av[1])
        return False
    return False


def closing(pattern: re.Pattern[str]) -> Opening | None:
    """The one-character items every match of ``pattern`` ends with when each of its
    branches is anchored at the text's end (``$`` or ``\\Z``, without MULTILINE): one of
    them takes the text's last character (when the text does not end with a line feed,
    before which ``$`` also matches). None: no such test (not so anchored, a match may be
    empty, or an item this reading does not know)."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    try:
        items, empty, anchored = _tail(list(parsed), parsed.state.flags, False)
    except _UnknownError:
        return None
    return None if empty or not anchored else tuple(dict.fromkeys(items))


def _tail(items: list[Any], flags: int,
          anchored: bool) -> tuple[list[tuple[str, int]], bool, bool]:
    """The items a sequence can end with, read from its end; whether it can match the
    empty string; whether its matches end at the text's end (``anchored``: they must, by
    what follows the sequence)."""
    found: list[tuple[str, int]] = []
    for op, av in reversed(items):
        if op is c.AT:
            if av in (c.AT_END, c.AT_END_STRING) and not flags & re.MULTILINE:
                if found:  # an end after items that may match nothing: not read
                    raise _UnknownError
                anchored = True
            continue
        if op in (c.ASSERT, c.ASSERT_NOT):
            continue
        if op in (c.LITERAL, c.NOT_LITERAL, c.IN):
            ends, empty, ends_anchored = _item(op, av, flags)[0], False, False
        elif op is c.SUBPATTERN:
            _, add, remove, body = av
            ends, empty, ends_anchored = _tail(list(body), (flags | add) & ~remove, anchored)
        elif op is c.ATOMIC_GROUP:
            ends, empty, ends_anchored = _tail(list(av), flags, anchored)
        elif op in _REPEATS:
            low, _, body = av
            ends, empty, ends_anchored = _tail(list(body), flags, anchored)
            empty = empty or low == 0
        elif op is c.BRANCH:
            ends, empty, ends_anchored = [], False, True
            for branch in av[1]:
                more, may_be_empty, branch_anchored = _tail(list(branch), flags, anchored)
                ends += more
                empty = empty or may_be_empty
                ends_anchored = ends_anchored and branch_anchored
        else:
            raise _UnknownError
        found += ends
        if not empty:
            return found, False, anchored or ends_anchored
        if ends_anchored and not anchored:  # anchored only when it matches something
            raise _UnknownError
    return found, True, anchored


def _sequence(items: list[Any], flags: int) -> tuple[list[tuple[str, int]], bool]:
    """The items the sequence can open with, and whether it can match the empty string."""
    found: list[tuple[str, int]] = []
    for op, av in items:
        opens, empty = _item(op, av, flags)
        found += opens
        if not empty:
            return found, False
    return found, True


def _item(op: Any, av: Any, flags: int) -> tuple[list[tuple[str, int]], bool]:
    if op is c.LITERAL:
        return [(re.escape(chr(av)), flags)], False
    if op is c.NOT_LITERAL:
        return [(f"[^{re.escape(chr(av))}]", flags)], False
    if op is c.IN:
        return [(_class(av), flags)], False
    if op in _ZERO_WIDTH:
        return [], True
    if op is c.SUBPATTERN:
        _, add, remove, body = av
        return _sequence(list(body), (flags | add) & ~remove)
    if op is c.ATOMIC_GROUP:
        return _sequence(list(av), flags)
    if op in _REPEATS:
        low, _, body = av
        opens, empty = _sequence(list(body), flags)
        return opens, empty or low == 0
    if op is c.BRANCH:
        found: list[tuple[str, int]] = []
        empty = False
        for branch in av[1]:
            opens, may_be_empty = _sequence(list(branch), flags)
            found += opens
            empty = empty or may_be_empty
        return found, empty
    raise _UnknownError  # any character (``.``), a back-reference, a conditional group


def _class(members: list[tuple[Any, Any]]) -> str:
    parts = []
    for op, av in members:
        if op is c.NEGATE:
            parts.append("^")
        elif op is c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is c.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is c.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            raise _UnknownError
    return f"[{''.join(parts)}]"


class Openers:
    """Which of many ``Opening`` tests a text's first character passes, as bits: bit ``k``
    for ``openings[k]``, shifted by ``shift`` (the bits after the screen's own), or the
    bit ``bits[k]`` when given. With ``last``, the text's last character (``closing``'s
    tests): a text ending with a line feed passes them all."""

    def __init__(self, openings: list[Opening], shift: int = 0, *,
                 bits: list[int] | None = None, last: bool = False) -> None:
        given = bits if bits is not None else [1 << (shift + k) for k in range(len(openings))]
        self._tests = [(bit, [re.compile(text, flags) for text, flags in opening])
                       for bit, opening in zip(given, openings, strict=True)]
        self._known: dict[str, int] = {}
        self._last = last
        self._every = sum(given)

    def bits(self, text: str) -> int:
        """The bits of the tests ``text``'s first (or last) character passes (none for
        no text)."""
        if self._last:
            if text.endswith("\n"):
                return self._every
            first = text[-1:]
        else:
            first = text[:1]
        found = self._known.get(first)
        if found is None:
            found = 0
            for bit, tests in self._tests:
                if any(test.fullmatch(first) for test in tests):
                    found |= bit
            if len(self._known) >= 1 << 14:  # a CJK paragraph opens with any of thousands
                self._known.clear()
            self._known[first] = found
        return found
