"""Words a regular expression cannot match without: a cheap test before the search.

The wording rules search long alternations at every word of a paragraph, and most
paragraphs hold none of the words any branch needs. ``required`` reads a pattern's syntax
tree (Python's own parser) and returns strings one of which every match contains, lower
case; ``Needs`` tests a paragraph for them with one search over its lower-cased text, so
the rule's own search runs only on the paragraphs that pass.

Only ASCII characters go into these strings, so ``str.lower`` and the engine's
case-insensitive matching agree on them, except for three characters the engine takes
for an ASCII letter that ``lower`` does not turn into it (dotted and dotless i, long s): a
paragraph holding one of those is never filtered (``lowered``).
``tests/pipeline/clean/test_literals.py`` checks the filter never refuses a paragraph
that a rule matches.
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# A string whose longest word is this short is in almost every paragraph: no use as a
# filter.
_MIN_LENGTH = 3
_WORDS = re.compile("[a-z0-9]+")
# Characters rare in prose: a pattern that needs one and no word (a "Name/Agency" credit,
# a ">>" trail, an "@handle") is searched only where one is, not in every paragraph.
# Weaker than any word (``_strength`` 0): a pattern that needs a word keeps its word.
_RARE = frozenset("/>@")
# Characters re.IGNORECASE matches to an ASCII letter that str.lower() leaves apart.
_UNFOLDED = re.compile("[\u0130\u0131\u017f]")
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)


def required(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains, or None
    when no such set was found (the pattern must always be searched)."""
    return _sequence(_parser.parse(pattern, flags))


def _sequence(items: Any) -> frozenset[str] | None:
    """The best requirement among the items a match must all go through."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in [*items, (None, None)]:  # the sentinel ends the last literal run
        if op is c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if _strength("".join(run)) >= _MIN_LENGTH or _RARE.intersection(run):
            best = _better(best, frozenset(("".join(run),)))
        run = []
        best = _better(best, _item(op, av))
    return best


def _item(op: Any, av: Any) -> frozenset[str] | None:
    if op is c.SUBPATTERN:
        return _sequence(av[-1])
    if op is c.ATOMIC_GROUP:
        return _sequence(av)
    if op is c.ASSERT:  # a lookahead's or lookbehind's text is in the paragraph too
        return _sequence(av[1])
    if op in _REPEATS and av[0] >= 1:
        return _sequence(av[2])
    if op is c.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            need = _sequence(branch)
            if need is None:
                return None  # a branch needs nothing: neither does the alternation
            found |= need
        return frozenset(found)
    return None


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective requirement: longer words in its weakest string, then fewer
    strings (" on " is in most paragraphs, "newsletter" in few)."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=lambda s: (min(map(_strength, s)), -len(s)))


def _strength(text: str) -> int:
    """Length of the longest run of letters or digits in ``text``."""
    return max(map(len, _WORDS.findall(text)), default=0)


def lowered(text: str) -> str | None:
    """``text`` lower-cased for ``Needs.may_match``, or None when it holds a character
    the engine takes for an ASCII letter that ``lower`` leaves apart (never filtered)."""
    return None if _UNFOLDED.search(text) else text.lower()


class Needs:
    """One search for any of a rule's required strings in a lower-cased paragraph."""

    def __init__(self, strings: frozenset[str]) -> None:
        # A string holding another is present only when that one is: it adds nothing.
        self.strings = frozenset(s for s in strings
                                 if not any(t != s and t in s for t in strings))
        self._any = re.compile(_trie(sorted(self.strings)))

    def may_match(self, lower: str) -> bool:
        """False only when no match is possible in the paragraph ``lowered`` gave."""
        return self._any.search(lower) is not None


def _trie(strings: list[str]) -> str:
    """A pattern found where any of ``strings`` (sorted, none empty) is, with common
    openings factored out: the engine tries one branch per first character instead of
    every string at every position of the paragraph."""
    groups: dict[str, list[str]] = {}
    for text in strings:
        groups.setdefault(text[0], []).append(text[1:])
    # A string that ends here makes the longer ones beside it needless.
    branches = [re.escape(first) + ("" if "" in rest else _trie(rest))
                for first, rest in groups.items()]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def needs_of(patterns: list[re.Pattern[str] | None]) -> Needs | None:
    """The filter for the searches of ``patterns`` (None: always search)."""
    found: set[str] = set()
    for pattern in patterns:
        if pattern is None:
            continue
        need = required(pattern.pattern, pattern.flags)
        if need is None:
            return None
        found |= need
    return Needs(frozenset(found)) if found else None


class Screen:
    """Which of many ``Needs`` a paragraph can pass, found by one scan of its text.

    Calling ``may_match`` of each rule's filters in turn scanned a paragraph once per rule
    (70 rules fit a paragraph's length; ~5 ms a Readability page with the calls). Here
    the strings of all of them are read in one pass: at each position of the lower-cased
    text the longest string opening there is found (a greedy trie in a lookahead), and
    every string opening at that position is a prefix of it, so the strings found and
    their prefixes among the strings are exactly the strings the text holds. ``bits``
    turns that into one bit per ``Needs`` whose ``may_match`` is true.
    """

    def __init__(self, needs: list[Needs]) -> None:
        holders: dict[str, int] = {}  # string -> bits of the Needs holding it
        for k, need in enumerate(needs):
            for text in need.strings:
                holders[text] = holders.get(text, 0) | 1 << k
        # A string found stands for itself and every shorter string it opens with.
        self._bits = {text: _or(bits for other, bits in holders.items()
                                if text.startswith(other))
                      for text in holders}
        self._scan = re.compile(f"(?=({_longest(sorted(holders))}))") if holders else None

    def bits(self, lower: str) -> int:
        """One bit (``1 << k``, k the index in ``needs``) per Needs that may match the
        paragraph ``lowered`` gave."""
        return self.bits_of(self.found(lower))

    def found(self, lower: str) -> set[str]:
        """The strings the scan found in the paragraph ``lowered`` gave (each the
        longest opening at its position)."""
        return set() if self._scan is None else set(self._scan.findall(lower))

    def bits_of(self, found: set[str]) -> int:
        """``bits`` of the paragraph in which ``found`` gave these strings."""
        return _or(map(self._bits.__getitem__, found))

    def string_bits(self, text: str) -> int:
        """The bits one string the scan finds stands for."""
        return self._bits[text]


def _or(values: Any) -> int:
    found = 0
    for value in values:
        found |= value
    return found


def _longest(strings: list[str]) -> str:
    """A pattern matching, at a position, the longest of ``strings`` (sorted, none empty)
    that opens there: a trie whose shorter endings are optional, tried last."""
    groups: dict[str, list[str]] = {}
    for text in strings:
        groups.setdefault(text[0], []).append(text[1:])
    branches = []
    for first, rest in groups.items():
        longer = [r for r in rest if r]
        if not longer:
            branches.append(re.escape(first))
        else:
            branches.append(re.escape(first) + f"(?:{_longest(longer)})"
                            + ("?" if "" in rest else ""))
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
