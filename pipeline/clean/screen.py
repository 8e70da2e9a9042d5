"""The rules behind one literal screen: which rules a paragraph can match at all, read
off the bits of one scan for every rule's literal filter (``literals.Screen``), and the
rules' parts tried in ``Rule.matches``'s order behind those bits. Same answers as
``Rule.matches``, in a fraction of its time (``tests/pipeline/clean/test_literals.py``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from pipeline.clean.literals import Needs, Screen, keep_answers, lowered, required
from pipeline.clean.openers import Openers, Opening, at_start, closing, opening
from pipeline.clean.rules import (
    _END,
    Rule,
    _branches,
    fitting_rules,
    has_script,
    simplified,
    undecorated,
)
from pipeline.languages import count_words


@dataclass(frozen=True)
class Screened:
    """The rules behind one literal screen (``literals.Screen``): ``Rule.matches`` with
    each filter's search (``Needs.may_match``) read off the paragraph's bits instead, and
    a rule none of whose parts can match skipped whole; the rules are tried in the same
    order with the same answers."""

    screen: Screen
    # Bit set in every paragraph's bits: a rule part with no filter is always tried.
    always: int
    # Anchored parts with no string to screen for are tried only on a paragraph whose
    # first character can open a match (``openers``): their bits, and ``always`` with all
    # of them (a paragraph whose first character is not known passes every such test).
    openers: Openers
    any_start: int
    # For each word count (as ``fitting_rules``): (rule, its bits and its parts with text
    # that has a Chinese or Cyrillic character, the same without).
    by_words: tuple[tuple[tuple[Rule, int, int, Parts, Parts], ...], ...]
    # The same rows cut four ways for each word count, so that the loop over them tests
    # nothing but the filter bits: ``lanes[words][2 * late + latin]`` holds (rule, its
    # bits, its parts) of the rules that may fire before the page's last 40 % (``late``
    # 0) or in it (1), for text with a Chinese or Cyrillic character (``latin`` 0) or
    # without (1).
    lanes: tuple[tuple[tuple[tuple[Rule, int, Parts], ...], ...], ...]

    def bits(self, lower: str | None, text: str | None = None) -> int:
        """The paragraph's bits (every bit when ``lowered`` gave None: never filtered),
        with those of the first-character tests ``text`` passes (all of them without
        ``text``)."""
        if lower is None:
            return -1
        return self.screen.bits(lower) | (
            self.any_start if text is None
            else self.always | self.openers.bits(text) | self.closers.bits(text))

    # The rules by number (their place in the rules tuple), for text with a Chinese or
    # Cyrillic character (0) or without (1): (rule, its parts), and the numbers of the
    # rules whose mask holds each bit (by the bit's position).
    rows: tuple[tuple[tuple[Rule, Parts], ...], ...]
    by_bit: tuple[dict[int, tuple[int, ...]], ...]
    # ``fits[words][late]``: the rules (bit ``n`` for rule ``n``) in the lanes of ``words``
    # and ``late``.
    fits: tuple[tuple[int, ...], ...]
    # Searches anchored at the text's end that need no string are tried only on a
    # paragraph whose last character can end a match (``closing``): their bits.
    closers: Openers
    # By text kind: first character -> the rules (bit ``n`` for rule ``n``) ``always``
    # and the first-character tests let through; and string -> its bits (``Screen``) and
    # the rules it lets through. The loop tested every lane row's mask (250 a lane, about
    # 23 passing): a third of ``first``'s time; the rules as the bits of one number, not
    # sorted tuples merged per paragraph, another tenth.
    _starts: tuple[dict[str, int], dict[str, int]] = field(
        default_factory=lambda: ({}, {}), compare=False)
    _strings: tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]] = field(
        default_factory=lambda: ({}, {}), compare=False)
    # By text kind: the closers' bits a paragraph has -> the rules they let through.
    _ends: tuple[dict[int, int], dict[int, int]] = field(
        default_factory=lambda: ({}, {}), compare=False)
    # (text, words, late) -> ``first_rule``'s answer: a source's furniture lines come
    # back on each of its pages, and the answer depends on nothing else.
    answers: dict[tuple[str, int, bool], Rule | None] = field(
        default_factory=dict, compare=False)

    def first(self, text: str, words: int, at: float, *, script: bool,
              lower: str | None) -> Rule | None:
        """The first rule whose ``matches`` (same arguments) is True, or None."""
        if words >= len(self.by_words):
            return None
        late = at >= _END
        if lower is None:  # never filtered: every row of the lane, every part
            for rule, _, parts in self.lanes[words][2 * late + (not script)]:
                for try_it, _ in parts:
                    if try_it(text):
                        return rule
            return None
        kind = int(not script)
        start = self.always | self.openers.bits(text)
        passing = self._starts[kind].get(text[:1])
        if passing is None:
            passing = self._start_rules(kind, text[:1], start)
        ends = self.closers.bits(text)
        if ends:
            start |= ends
            through = self._ends[kind].get(ends)
            if through is None:  # few sets of bits
                through = self._ends[kind][ends] = self._rules(kind, ends)
            passing |= through
        bits = start
        strings = self._strings[kind]
        for string in self.screen.found(lower):
            got = strings.get(string)
            if got is None:
                mask = self.screen.string_bits(string)
                got = strings[string] = (mask, self._rules(kind, mask))
            bits |= got[0]
            passing |= got[1]
        # The rules in rules order, as the sorted numbers were: lowest bit first.
        passing &= self.fits[words][late]
        rows = self.rows[kind]
        while passing:
            low = passing & -passing
            rule, parts = rows[low.bit_length() - 1]
            for try_it, need in parts:
                if need & bits and try_it(text):
                    return rule
            passing ^= low
        return None

    def _start_rules(self, kind: int, first: str, start: int) -> int:
        """``_rules`` of the bits ``start`` that a paragraph opening with ``first`` has,
        cached (bounded: any first character)."""
        cache = self._starts[kind]
        if len(cache) >= 1 << 16:
            cache.clear()
        found = cache[first] = self._rules(kind, start)
        return found

    def _rules(self, kind: int, bits: int) -> int:
        """The rules (bit ``n`` for rule ``n``) whose mask (text kind ``kind``) meets
        ``bits``."""
        found = 0
        index = self.by_bit[kind]
        while bits:
            low = bits & -bits
            for n in index.get(low.bit_length() - 1, ()):
                found |= 1 << n
            bits ^= low
        return found


# A rule's parts in the order ``Rule.matches`` tries them: the anchored alternation's
# match, each scanning pattern's, the bounded and the floating searches, each with the
# bit of the filter that must pass first (``Screened.always`` when there is none).
Parts = tuple[tuple[Callable[[str], object], int], ...]


# screened_rules' answers by the identity of the rules tuple (kept, so the id stays its):
# an lru_cache hashed the 101 frozen rules, every pattern and string of them, on every
# call, once per page (0.8 ms a Readability page).
_SCREENED: dict[int, tuple[tuple[Rule, ...], Screened]] = {}


def screened_rules(rules: tuple[Rule, ...]) -> Screened:
    """``rules`` behind one screen of all their literal filters (built once per tuple)."""
    known = _SCREENED.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    if len(_SCREENED) >= 16:
        _SCREENED.clear()
    screened = _screen(rules)
    _SCREENED[id(rules)] = (rules, screened)
    return screened


def forget_answers() -> None:
    """Clear every screen's remembered answers (``Screened.answers``): a benchmark that
    times a page again must not time the memo of its first pass."""
    for _, screened in _SCREENED.values():
        screened.answers.clear()


def _screen(rules: tuple[Rule, ...]) -> Screened:
    searches = {(id(r), k): _searches(r, k) for r in rules for k in (0, 1)}
    starts = {(id(r), k): _starts(r, k) for r in rules for k in (0, 1)}
    keep_answers()
    bit: dict[int, int] = {}
    needs: list[Needs] = []
    for need in (n for r in rules for n in (*(x[1] for k in (0, 1) for x in starts[id(r), k]),
                                            *(x[1] for s in r.scanning for x in s),
                                            *(x[1] for k in (0, 1)
                                              for x in searches[id(r), k]))):
        if need is not None and id(need) not in bit:
            bit[id(need)] = 1 << len(needs)
            needs.append(need)
    always = 1 << len(needs)
    # Each distinct opening test of the anchored parts that need no string, and each
    # closing test of the searches anchored at the end, gets a bit above ``always``.
    edges: dict[tuple[bool, Opening], int] = {}

    def start_bit(pattern: re.Pattern[str], need: Needs | None) -> int:
        if need is not None:
            return bit[id(need)]
        found = opening(pattern)
        if found is None:
            return always
        return edges.setdefault((False, found), always << (1 + len(edges)))

    def end_bit(pattern: re.Pattern[str], need: Needs | None) -> int:
        if need is not None:
            return bit[id(need)]
        found = closing(pattern)
        if found is None:
            return always
        return edges.setdefault((True, found), always << (1 + len(edges)))

    def parts(rule: Rule, k: int) -> Parts:
        found: list[tuple[Callable[[str], object], int]] = [
            (pattern.match, start_bit(pattern, need)) for pattern, need in starts[id(rule), k]]
        found += [(pattern.match, bit[id(need)]) for pattern, need in rule.scanning[k]]
        # A search whose every branch opens with ``^`` is a match, behind its first
        # character's test when it needs no string (``at_start``).
        found += [(pattern.match, start_bit(pattern, need)) if at_start(pattern) else
                  (pattern.search, end_bit(pattern, need))
                  for pattern, need in searches[id(rule), k]]
        if rule.gate is not None:  # each part tried only behind the rule's gate
            found = [(_gated(try_it, rule.gate.search), need) for try_it, need in found]
        return tuple(found)

    def entry(rule: Rule) -> tuple[Rule, int, int, Parts, Parts]:
        full, latin = parts(rule, 0), parts(rule, 1)
        return (rule, reduce(or_, (b for _, b in full), 0),
                reduce(or_, (b for _, b in latin), 0), full, latin)

    entries = {id(r): entry(r) for r in rules}
    by_words = tuple(tuple(entries[id(r)] for r in fitting) for fitting in fitting_rules(rules))

    def lane(rows: tuple[tuple[Rule, int, int, Parts, Parts], ...], words: int, late: bool,
             latin: bool) -> tuple[tuple[Rule, int, Parts], ...]:
        return tuple((rule, latin_bits if latin else full_bits, latin_parts if latin else full)
                     for rule, full_bits, latin_bits, full, latin_parts in rows
                     if late or (rule.position != "end" and words <= rule.max_words))

    lanes = tuple(tuple(lane(rows, words, late, latin) for late in (False, True)
                        for latin in (False, True)) for words, rows in enumerate(by_words))
    openers, closers = (Openers([o for (last, o) in edges if last is end],
                                bits=[b for (last, _), b in edges.items() if last is end],
                                last=end) for end in (False, True))
    rows = (tuple((r, entries[id(r)][3]) for r in rules),
            tuple((r, entries[id(r)][4]) for r in rules))
    by_bit: tuple[dict[int, list[int]], ...] = ({}, {})
    for n, rule in enumerate(rules):
        for kind in (0, 1):
            mask = entries[id(rule)][2] if kind else entries[id(rule)][1]
            while mask:
                low = mask & -mask
                by_bit[kind].setdefault(low.bit_length() - 1, []).append(n)
                mask ^= low
    fits = tuple(tuple(sum(1 << n for n, r in enumerate(rules) if id(r) in ids)
                       for ids in ({id(row[0]) for row in lanes[words][2 * late]}
                                   for late in (0, 1)))
                 for words in range(len(by_words)))
    return Screened(Screen(needs), always, openers, reduce(or_, edges.values(), always),
                    by_words, lanes, rows,
                    tuple({b: tuple(ns) for b, ns in index.items()} for index in by_bit), fits,
                    closers)


def _gated(try_it: Callable[[str], object],
           opens: Callable[[str], object]) -> Callable[[str], object]:
    def gated(text: str) -> object:
        return opens(text) is not None and try_it(text)
    return gated


def _starts(rule: Rule, k: int) -> list[tuple[re.Pattern[str], Needs | None]]:
    """The rule's anchored alternation (full, ``k`` 0, or Latin, 1) with its filter; when
    one pattern needs no string the alternation has none, and every paragraph tried all its
    patterns at its start (a rule of furniture words in several languages, one of them
    too short to filter on): then it is split in two, the patterns that need strings
    (filtered by all of them) and the rest. The same answer: the alternation matches at
    the start when one of its patterns does."""
    anchored = rule.anchored if k == 0 else rule.latin[0]
    if anchored is None:
        return []
    need = rule.anchored_needs[k]
    if need is not None:
        return [(anchored, need)]
    filtered: list[str] = []
    strings: set[str] = set()
    always: list[str] = []
    for branch in _branches(anchored.pattern):
        found = required(branch, anchored.flags, latin=k == 1)
        (always if found is None else filtered).append(branch)
        strings |= found or set()
    if not filtered or not always:
        return [(anchored, None)]
    # Two parts, not one a group: each part costs a turn of the screen's loop.
    return [(re.compile("|".join(filtered), anchored.flags), Needs(frozenset(strings))),
            (re.compile("|".join(always), anchored.flags), None)]


def _searches(rule: Rule, k: int) -> list[tuple[re.Pattern[str], Needs | None]]:
    """The rule's bounded and floating searches (full, ``k`` 0, or Latin, 1), each with
    its filter (None: always searched).

    Each search is split into groups of branches by the strings they need, each group
    with its own filter: when one branch needs no string the rule has no filter, and
    every paragraph searched all its branches (the author card's, 0.25 ms a Readability
    page); and a rule's one filter is the union of its branches' strings, some of which
    ("like", "free", "your") are in most long paragraphs, which then searched all 34
    branches of the calls to act (34 us each). A match of an alternation is a match of
    one of its branches, and each group is searched wherever its branches could match:
    the same answer (the patterns hold no back-reference, whose group numbers a split
    would shift). Splitting filtered rules too once made the screen's scan slower by as
    much as it saved; since ``first`` walks only the rules the bits let through, it saves
    0.2-0.3 ms a Readability page for 0.05 ms more scanning."""
    bounded, floating = (rule.bounded, rule.floating) if k == 0 else rule.latin[1:]
    need = rule.needs[k]
    found: list[tuple[re.Pattern[str], Needs | None]] = []
    for pattern, prefix in ((bounded, r"\b"), (floating, "")):
        if pattern is None:
            continue
        # ``_alternation`` wrapped the branches in ``\b(?:...)`` when bounded.
        body = pattern.pattern[len(prefix) + 3:-1] if prefix else pattern.pattern
        groups: dict[frozenset[str] | None, list[str]] = {}
        for branch in _branches(body):
            groups.setdefault(required(branch, pattern.flags, latin=k == 1),
                            []).append(branch)
        if len(groups) == 1:  # the branches need the same: searched as it was, with
            # their strings (the rule's filter is None when its other search has none)
            strings = next(iter(groups))
            found.append((pattern, need if strings is None else Needs(strings)))
            continue
        for strings, branches in groups.items():
            joined = "|".join(branches)
            found.append((re.compile(f"{prefix}(?:{joined})" if prefix else joined,
                                     pattern.flags),
                          None if strings is None else Needs(strings)))
    return found


# Answers remembered (``Screened.answers``) before the memo starts again: lines of up to
# a rule's longest reach, a few MB.
_REMEMBERED = 1 << 15


def first_rule(screened: Screened, text: str, words: int, at: float) -> Rule | None:
    """The first rule that fires on ``text``; when none does, on its Traditional Chinese
    characters in Simplified (the rules spell Chinese in Simplified; the text is tried
    first as written, since Japanese kanji such as 関 would be changed), then on the text
    without the pictographs around it (``undecorated``)."""
    key = (text, words, at >= _END)  # ``at`` counts only as early or late (``first``)
    memo = screened.answers
    if key in memo:
        return memo[key]
    if len(memo) >= _REMEMBERED:
        memo.clear()
    rule = memo[key] = _first_rule(screened, text, words, at)
    return rule


def _first_rule(screened: Screened, text: str, words: int, at: float) -> Rule | None:
    script = has_script(text)
    rule = screened.first(text, words, at, script=script, lower=lowered(text))
    if rule is None and script:
        simple = simplified(text)
        if simple != text:
            rule = screened.first(simple, words, at, script=True, lower=lowered(simple))
    if rule is None and (bare := undecorated(text)) is not None:
        rule = first_rule(screened, bare, count_words(bare), at)
    return rule

