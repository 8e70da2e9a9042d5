"""Words a regular expression cannot match without: a cheap test before the search.

The wording rules search long alternations at every word of a paragraph, and most
paragraphs hold none of the words any branch needs. ``required`` reads a pattern's syntax
tree (Python's own parser) and returns strings one of which every match contains, lower
case; ``Needs`` tests a paragraph for them with one search over its lower-cased text, so
the rule's own search runs only on the paragraphs that pass.

Letters and digits of any script (and the rare symbols of ``_RARE``) go into these
strings (``_literal``):
``str.lower`` and the engine's case-insensitive matching agree on them, except for the
few characters the engine takes for another letter that ``lower`` does not turn into it
(dotted and dotless i, long s, the Cyrillic rounded forms ᲀ-ᲈ, Greek symbol forms such
as ϐ and ϵ, ligatures): a paragraph holding one of those is never filtered (``lowered``).
The Greek sigma is left out because ``lower`` spells a final capital sigma "ς" where the
engine reads "σ"; a string stops at it.
``tests/pipeline/clean/test_literals.py`` checks the filter never refuses a paragraph
that a rule matches.
"""

from __future__ import annotations

import re
from pathlib import Path
from re import _casefix, _parser  # type: ignore[attr-defined]
from re import _constants as c  # type: ignore[attr-defined]
from typing import Any

import ahocorasick

from pipeline.clean.answers import Answers
from pipeline.clean.answers import for_module as answers_for

# A string whose longest word is this short is in almost every paragraph: no use as a
# filter.
_MIN_LENGTH = 3
# A hyphenated word counts whole: "ko-fi" is as rare as a five-letter word.
_WORDS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Chinese, Japanese and Korean characters: each as rare as two letters ("订阅", "구독").
_CJK = re.compile("[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Characters rare in prose: a pattern that needs one and no word (a "Name/Agency" credit,
# a ">>" trail, an "@handle", a "Caption | Agency" bar) is searched only where one is,
# not in every paragraph. Weaker than any word (``_strength`` 0): a pattern that needs a
# word keeps its word. A bracket and a colon are in fewer paragraphs than any word a
# filter may hold: a credit in brackets or after a label ("(AFP)", "Kuva: Reuters", whose
# agencies include "ap") was searched in every paragraph ending in a letter or a full stop
# (0.2 ms a Readability page; ``Screened.first`` replayed 2.3 -> 2.1 ms).
# So are an asterisk (a row of "Name*" links), a degree sign (a weather widget), bullets,
# the arrows and angle quotes of trails and "read more" links, the dashes before a date
# and a per cent sign (a ticker's row): a pattern needing one of them, or one of a class
# of them ("[»›▸]"), was tried on every paragraph that its first or last character let
# through (0.25 ms a Readability page).
_RARE = frozenset("/>@|©·↩👍(:：*°•▶»›▸→➔➜—–%")
# The commoner of them: a pattern that needs one of the others keeps that one.
_LESS_RARE = frozenset("(:：—–%")
_MORE_RARE = _RARE - _LESS_RARE
# The characters the rules' script-only branches need (Cyrillic; CJK symbols, ideographs
# and full-width forms): ``rules.has_script`` tells a text holding one. None of them
# case-folds to a Latin letter.
_SCRIPT_BLOCKS = ((0x400, 0x52f), (0x2e80, 0x9fff), (0xf900, 0xfaff), (0xff00, 0xffef))
SCRIPT_CHARS = "".join(f"{chr(low)}-{chr(high)}" for low, high in _SCRIPT_BLOCKS)
SCRIPT = re.compile(f"[{SCRIPT_CHARS}]")


def _greek(code: int) -> bool:
    return 0x370 <= code <= 0x3ff or 0x1f00 <= code <= 0x1fff


# Greek's letters, which the engine also matches to a symbol form of each other (the
# lunate epsilon "ϵ" for "ε", the micro sign for "μ"): those forms go into ``_UNFOLDED``
# like the dotless i. Not the sigma (see the module).
_GREEK_LETTERS = frozenset(map(chr, [*range(0x3ac, 0x3c2), *range(0x3c4, 0x3cf)]))


def _literal(code: int) -> bool:
    """A pattern's literal character that may go into a required string: ASCII, or a
    letter or digit whose lower case is one character, not Greek, and which the engine
    does not also match to an ASCII, Greek or basic Cyrillic letter (its table of extra
    case pairs: the dotless i matches "i", the micro sign "μ", the rounded "ᲀ" "в"; those
    rare forms stay out, and a text holding one is never filtered). The characters of
    ``_RARE`` too: symbols without case, which ``lower`` and the engine leave as they are
    (outside ASCII they were refused here, so a pattern that needs a middle dot or a
    copyright sign and no word was searched in every paragraph that reached it: 0.15 ms
    a Readability page)."""
    low = chr(code).lower()
    if len(low) != 1:
        return False
    if code < 128 or chr(code) in _RARE:
        return True
    extra = _casefix._EXTRA_CASES.get(ord(low), ())
    if low in _GREEK_LETTERS:
        # Greek letters, unfiltered until session 36: a Greek prompt's search ran on
        # every paragraph (5 us each, 0.3 ms a Readability page).
        return all(x >= 128 for x in extra)
    return low.isalnum() and not _greek(ord(low)) and \
        not any(x < 128 or _greek(x) or 0x400 <= x <= 0x4ff for x in extra)


# Characters re.IGNORECASE matches to a literal of the required strings that str.lower()
# does not turn them into: the extra case pairs of those literals (dotless i and long s
# for "i" and "s", the Cyrillic rounded forms for "в", "о", ...), and capital dotted I,
# whose lower case is two characters.
_UNFOLDED = re.compile("[" + "".join(sorted(
    {re.escape(chr(x)) for k, xs in _casefix._EXTRA_CASES.items() if _literal(k)
     for x in xs} | {"\u0130"})) + "]")
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)


def required(pattern: str, flags: int = 0, *, latin: bool = False) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or None
    when no such set was found (the pattern must always be searched). ``latin``: the text
    searched holds no Cyrillic or CJK character (``rules.has_script`` is False), so a
    branch that needs one cannot match there and adds no string to its alternation (a
    tax-number rule's "инн" beside "vat" left the whole rule unfiltered in Latin text:
    0.35 ms a Readability page)."""
    return _answers().get(pattern, flags, latin,
                          lambda: _sequence(_parser.parse(pattern, flags), latin))


_ANSWERS: Answers | None = None


def _answers() -> Answers:
    global _ANSWERS  # one per process, read on first use
    if _ANSWERS is None:
        _ANSWERS = answers_for(Path(__file__))
    return _ANSWERS


def keep_answers() -> None:
    """Write the answers ``required`` worked out in this process for the next one."""
    if _ANSWERS is not None:
        _ANSWERS.keep()


def _sequence(items: Any, latin: bool) -> frozenset[str] | None:
    """The best requirement among the items a match must all go through."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in [*items, (None, None)]:  # the sentinel ends the last literal run
        if op is c.LITERAL and _literal(av):
            run.append(chr(av).lower())
            continue
        if _strength("".join(run)) >= _MIN_LENGTH or _RARE.intersection(run):
            best = _better(best, frozenset(("".join(run),)))
        run = []
        best = _better(best, _item(op, av, latin))
    return best


def _impossible(items: Any) -> bool:
    """True when every match of ``items`` holds a Cyrillic or CJK character (a literal
    one, or a group or required repeat all of whose ways need one)."""
    for op, av in items:
        if op is c.LITERAL and SCRIPT.match(chr(av)):
            return True
        if op is c.IN and av and all(_script_item(o, v) for o, v in av):
            return True  # a class of such characters only ("[А-ЯЁ]")
        if op is c.SUBPATTERN and _impossible(av[-1]):
            return True
        if op in _REPEATS and av[0] >= 1 and _impossible(av[2]):
            return True
        if op is c.BRANCH and all(_impossible(b) for b in av[1]):
            return True
    return False


def _script_item(op: Any, av: Any) -> bool:
    """An item of a character class that holds only Cyrillic or CJK characters."""
    if op is c.LITERAL:
        return SCRIPT.match(chr(av)) is not None
    if op is c.RANGE:
        return _in_one_block(*av)
    return False


def _in_one_block(low: int, high: int) -> bool:
    """Both ends in one block of ``SCRIPT_CHARS``: every character between is in it too."""
    return any(a <= low and high <= b for a, b in _SCRIPT_BLOCKS)


def _item(op: Any, av: Any, latin: bool) -> frozenset[str] | None:
    if op is c.SUBPATTERN:
        return _sequence(av[-1], latin)
    if op is c.ATOMIC_GROUP:
        return _sequence(av, latin)
    if op is c.ASSERT:  # a lookahead's or lookbehind's text is in the paragraph too
        return _sequence(av[1], latin)
    if op in _REPEATS and av[0] >= 1:
        return _sequence(av[2], latin)
    if op is c.IN and av and all(o is c.LITERAL and chr(v) in _RARE for o, v in av):
        # A class of rare characters only ("[:：]" after a messenger's name): one of them.
        return frozenset(chr(v) for _, v in av)
    if op is c.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            if latin and _impossible(branch):
                continue  # cannot match in text without such a character
            need = _sequence(branch, latin)
            if need is None:
                return None  # a branch needs nothing: neither does the alternation
            found |= need
        return frozenset(found) if found else None
    return None


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective requirement: longer words in its weakest string, then (among
    rare characters) none of the commoner ones of ``_LESS_RARE``, then fewer strings
    (" on " is in most paragraphs, "newsletter" in few)."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=lambda s: (min(map(_strength, s)), not any(map(_less_rare, s)),
                                    -len(s)))


def _less_rare(text: str) -> bool:
    """A string of no word whose rare characters are all of ``_LESS_RARE``."""
    return _strength(text) == 0 and _MORE_RARE.isdisjoint(text)


def _strength(text: str) -> int:
    """Length of the longest run of letters or digits in ``text`` (a CJK character
    counts two)."""
    return max((len(w) + len(_CJK.findall(w)) for w in _WORDS.findall(text)), default=0)


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


def needs_of(patterns: list[re.Pattern[str] | None], *, latin: bool = False) -> Needs | None:
    """The filter for the searches of ``patterns`` (None: always search); ``latin`` as
    for ``required``."""
    found: set[str] = set()
    for pattern in patterns:
        if pattern is None:
            continue
        need = required(pattern.pattern, pattern.flags, latin=latin)
        if need is None:
            return None
        found |= need
    return Needs(frozenset(found)) if found else None


class Screen:
    """Which of many ``Needs`` a paragraph can pass, found by one scan of its text.

    Calling ``may_match`` of each rule's filters in turn scanned a paragraph once per rule
    (70 rules fit a paragraph's length; ~5 ms a Readability page with the calls). Here
    the strings of all of them are read in one pass of an Aho-Corasick automaton
    (pyahocorasick, in C), which reports every string the lower-cased text holds,
    overlapping ones too. The regular expression it replaced (a greedy trie in a
    lookahead, tried at every position) took 1.3 ms a Readability page, the automaton
    0.3 ms, with the same bits on all 7,106 paragraphs. ``bits`` turns the strings into
    one bit per ``Needs`` whose ``may_match`` is true.
    """

    def __init__(self, needs: list[Needs]) -> None:
        holders: dict[str, int] = {}  # string -> bits of the Needs holding it
        for k, need in enumerate(needs):
            for text in need.strings:
                holders[text] = holders.get(text, 0) | 1 << k
        self._bits = holders
        self._scan: ahocorasick.Automaton | None = None
        if holders:
            self._scan = ahocorasick.Automaton()
            for text in holders:
                self._scan.add_word(text, text)
            self._scan.make_automaton()

    def bits(self, lower: str) -> int:
        """One bit (``1 << k``, k the index in ``needs``) per Needs that may match the
        paragraph ``lowered`` gave."""
        return self.bits_of(self.found(lower))

    def found(self, lower: str) -> set[str]:
        """The strings the paragraph ``lowered`` gave holds."""
        return set() if self._scan is None else {text for _, text in self._scan.iter(lower)}

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
