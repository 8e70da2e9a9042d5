"""Boilerplate rules as data: ``config/boilerplate.yaml`` and ``config/headline_verbs.yaml``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache, reduce
from operator import or_
from pathlib import Path
from typing import Any

from pipeline.clean.literals import Needs, Screen, needs_of, required
from pipeline.paths import project_dir, read_yaml

CONFIG = project_dir("config")
EXPECTATIONS = project_dir("expectations")
# Where "the end of the page" starts, as a share of its paragraphs.
_END = 0.6


@dataclass(frozen=True)
class Rule:
    """One kind of boilerplate recognised by wording."""

    kind: str
    reason: str
    patterns: tuple[re.Pattern[str], ...]
    max_words: int
    block: str | None = None
    position: str | None = None
    # In the last 40 % of the page the rule admits paragraphs up to this many words: an
    # author's bio or a correction note there runs longer than the same form in the body.
    end_max_words: int = 0
    # Strings one of which the paragraph must hold for the rule to be tried at all: a
    # cheap gate for patterns whose literals are too short or not ASCII to filter on
    # ("|", "▲", "—"). Empty: no gate.
    gate: tuple[str, ...] = ()
    # The patterns as three alternations (one scan each instead of one per pattern): those
    # anchored at the start are tried once, at the start (a search would try every branch
    # at every position of a long paragraph); the rest are searched.
    anchored: re.Pattern[str] | None = None
    floating: re.Pattern[str] | None = None
    # Patterns that open with a word boundary, as ``\b(?:...)``: the engine tries the
    # branches only where a word starts.
    bounded: re.Pattern[str] | None = None
    # The same three without the branches that need a Chinese or Cyrillic character: a
    # paragraph with none of those cannot match them, and their lookaheads (``(?!.*...)``
    # at every start) cost most of the rules' time on English text.
    latin: tuple[re.Pattern[str] | None, ...] = (None, None, None)
    # Strings one of which every match of the bounded and floating searches contains
    # (``literals.required``), for the full and the Latin alternations; None: no filter.
    needs: tuple[Needs | None, Needs | None] = (None, None)
    # The same for the anchored alternation, full and Latin: a third of the rules' anchored
    # patterns need one of a few words (0.3 ms a Readability page searching them anyway).
    anchored_needs: tuple[Needs | None, Needs | None] = (None, None)
    # Anchored patterns that open with a look-around reading the whole paragraph
    # ("(?=.*\b(cookies?|consent|...)\b)"), left out of ``anchored`` and tried alone, each
    # only on a paragraph holding a string it needs (full and Latin): in the alternation
    # they were tried on every paragraph, most of the rules' time (1 ms a Readability page).
    # A match of the alternation is a match of one of its patterns: the same answer.
    scanning: tuple[tuple[tuple[re.Pattern[str], Needs], ...], ...] = ((), ())

    @property
    def longest(self) -> int:
        """The most words a paragraph this rule can match may have, anywhere."""
        return max(self.max_words, self.end_max_words)

    def opens(self, text: str) -> bool:
        """The paragraph passes the rule's gate (``gate``)."""
        return not self.gate or any(g in text for g in self.gate)

    def matches(self, text: str, words: int, at: float = 0.0, *, script: bool = True,
                lower: str | None = None) -> bool:
        """True when the paragraph is short enough, in place, and one pattern matches.

        ``at`` is the paragraph's relative position in the page (0 first, 1 last);
        ``script`` is False when the text has no Chinese or Cyrillic character
        (``has_script``), so the branches that need one are skipped (same answer);
        ``lower`` is ``literals.lowered(text)``: the searches run only when it holds a
        string they need (same answer).
        """
        end = at >= _END
        if words > (self.longest if end else self.max_words) or (
                self.position == "end" and not end) or not self.opens(text):
            return False
        anchored, bounded, floating = ((self.anchored, self.bounded, self.floating)
                                       if script else self.latin)
        first = self.anchored_needs[0 if script else 1]
        if anchored is not None and (lower is None or first is None
                                     or first.may_match(lower)) and anchored.match(text):
            return True
        for pattern, need in self.scanning[0 if script else 1]:
            if (lower is None or need.may_match(lower)) and pattern.match(text):
                return True
        needs = self.needs[0 if script else 1]
        if lower is not None and needs is not None and not needs.may_match(lower):
            return False
        if bounded is not None and bounded.search(text):
            return True
        return floating is not None and floating.search(text) is not None


@lru_cache(maxsize=16)
def fitting_rules(rules: tuple[Rule, ...]) -> tuple[tuple[Rule, ...], ...]:
    """For each word count up to the longest ``max_words`` of ``rules``, the rules (in
    order) whose ``max_words`` admits it: a paragraph skips the rules it is too long for
    without a call each (64 rules, 60 paragraphs a page); a longer one gets none."""
    longest = max((r.longest for r in rules), default=-1)
    return tuple(tuple(r for r in rules if w <= r.longest) for w in range(longest + 1))


@dataclass(frozen=True)
class Screened:
    """The rules behind one literal screen (``literals.Screen``): ``Rule.matches`` with
    each filter's search (``Needs.may_match``) read off the paragraph's bits instead, and
    a rule none of whose parts can match skipped whole; the rules are tried in the same
    order with the same answers."""

    screen: Screen
    # Bit set in every paragraph's bits: a rule part with no filter is always tried.
    always: int
    # For each word count (as ``fitting_rules``): (rule, its bits and its parts with text
    # that has a Chinese or Cyrillic character, the same without).
    by_words: tuple[tuple[tuple[Rule, int, int, Parts, Parts], ...], ...]
    # The same rows cut four ways for each word count, so that the loop over them tests
    # nothing but the filter bits: ``lanes[words][2 * late + latin]`` holds (rule, its
    # bits, its parts) of the rules that may fire before the page's last 40 % (``late``
    # 0) or in it (1), for text with a Chinese or Cyrillic character (``latin`` 0) or
    # without (1).
    lanes: tuple[tuple[tuple[tuple[Rule, int, Parts], ...], ...], ...] = ()

    def bits(self, lower: str | None) -> int:
        """The paragraph's bits (every bit when ``lowered`` gave None: never filtered)."""
        return -1 if lower is None else self.screen.bits(lower) | self.always

    def first(self, text: str, words: int, at: float, *, script: bool,
              lower: str | None) -> Rule | None:
        """The first rule whose ``matches`` (same arguments) is True, or None."""
        if words >= len(self.by_words):
            return None
        bits = self.bits(lower)
        for rule, mask, parts in self.lanes[words][2 * (at >= _END) + (not script)]:
            if mask & bits:
                for try_it, need in parts:
                    if need & bits and try_it(text):
                        return rule
        return None


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


def _screen(rules: tuple[Rule, ...]) -> Screened:
    searches = {(id(r), k): _searches(r, k) for r in rules for k in (0, 1)}
    starts = {(id(r), k): _starts(r, k) for r in rules for k in (0, 1)}
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

    def parts(rule: Rule, k: int) -> Parts:
        found: list[tuple[Callable[[str], object], int]] = [
            (pattern.match, always if need is None else bit[id(need)])
            for pattern, need in starts[id(rule), k]]
        found += [(pattern.match, bit[id(need)]) for pattern, need in rule.scanning[k]]
        found += [(pattern.search, always if need is None else bit[id(need)])
                  for pattern, need in searches[id(rule), k]]
        if rule.gate:  # each part tried only behind the gate (the rule's ``opens``)
            found = [(_gated(try_it, rule.gate), need) for try_it, need in found]
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
    return Screened(Screen(needs), always, by_words, lanes)


def _gated(try_it: Callable[[str], object], gate: tuple[str, ...]) -> Callable[[str], object]:
    # One C-level search for all the gate's strings (a generator over them cost as much
    # as the pattern it guards).
    opens = re.compile("|".join(map(re.escape, gate))).search

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
        found = required(branch, anchored.flags)
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

    When one branch needs no string the rule has no filter, and every paragraph searched
    all its branches (the author card's, 0.25 ms a Readability page): then each search is
    split into groups of branches by the strings they need, each group with its own
    filter. A match of an alternation is a match of one of its branches, and each group
    is searched wherever its branches could match: the same answer (the patterns hold no
    back-reference, whose group numbers a split would shift). Filtered rules keep their
    one filter: more filters made the screen's scan slower by as much as they saved."""
    bounded, floating = (rule.bounded, rule.floating) if k == 0 else rule.latin[1:]
    need = rule.needs[k]
    if need is not None:
        return [(pattern, need) for pattern in (bounded, floating) if pattern is not None]
    found: list[tuple[re.Pattern[str], Needs | None]] = []
    for pattern, prefix in ((bounded, r"\b"), (floating, "")):
        if pattern is None:
            continue
        # ``_alternation`` wrapped the branches in ``\b(?:...)`` when bounded.
        body = pattern.pattern[len(prefix) + 3:-1] if prefix else pattern.pattern
        groups: dict[frozenset[str] | None, list[str]] = {}
        for branch in _branches(body):
            groups.setdefault(required(branch, pattern.flags), []).append(branch)
        if len(groups) == 1:
            found.append((pattern, None))  # no branch needs a string: searched as it was
            continue
        for strings, branches in groups.items():
            joined = "|".join(branches)
            found.append((re.compile(f"{prefix}(?:{joined})" if prefix else joined,
                                     pattern.flags),
                          None if strings is None else Needs(strings)))
    return found


# The characters the script-only branches need (Cyrillic; CJK symbols, ideographs and
# full-width forms). None of them case-folds to a Latin letter.
_SCRIPT_CHARS = "\u0400-\u052f\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_SCRIPT = re.compile(f"[{_SCRIPT_CHARS}]")


def has_script(text: str) -> bool:
    """True when ``text`` holds a Cyrillic or CJK character (``Rule.matches(script=)``)."""
    return _SCRIPT.search(text) is not None


# A rule marked ``spare_attributed`` does not fire on a line that attributes what it says
# ("..., the ministry said"): reporting about cookies, copyright or subscriptions, not the
# page's own notice. Appended to each of its patterns, as the rule file once spelled out.
# The reporting words of the other languages the rules read (Spanish, Portuguese, French,
# German, Italian) spare their lines too.
ATTRIBUTED = (r"(?!.*\b(said|says|told|according|dijo|afirmó|según|disse|afirmou|segundo|"
              r"déclaré|selon|sagte|laut|ha detto|secondo)\b)")


@cache
def _raw_rules(path: Path) -> tuple[dict[str, Any], ...]:
    return tuple({**r, "patterns": [p + ATTRIBUTED for p in r["patterns"]]}
                 if r.get("spare_attributed") else r for r in read_yaml(path)["rules"])


@cache
def load_rules(path: Path = CONFIG / "boilerplate.yaml") -> tuple[Rule, ...]:
    """The rules, compiled (case-insensitive)."""
    rules = []
    for r in _raw_rules(path):
        flags = 0 if r.get("case_sensitive") else re.IGNORECASE
        starts, scanning = _scanning([p[1:] for p in r["patterns"] if _anchored(p)], flags)
        words = [p[2:] for p in r["patterns"] if _bounded(p)]
        others = [p for p in r["patterns"] if not _anchored(p) and not _bounded(p)]
        latin = [b for p in r["patterns"] for b in _branches(p) if not _needs_script(b)]
        floating, bounded = _alternation(others, flags), _alternation(words, flags, r"\b")
        anchored = _alternation(starts, flags)
        latin_starts, latin_scanning = _scanning([p[1:] for p in latin if _anchored(p)], flags)
        latin_three = (_alternation(latin_starts, flags), *_three(latin, flags)[1:])
        rules.append(Rule(
            kind=r["kind"], reason=r["reason"], max_words=int(r.get("max_words", 40)),
            block=r.get("block"), position=r.get("position"),
            end_max_words=int(r.get("end_max_words", 0)),
            gate=tuple(r.get("gate", ())),
            patterns=tuple(re.compile(p, flags) for p in r["patterns"]),
            anchored=anchored, floating=floating, bounded=bounded,
            latin=latin_three,
            needs=(needs_of([bounded, floating]), needs_of(list(latin_three[1:]))),
            anchored_needs=(needs_of([anchored]), needs_of([latin_three[0]])),
            scanning=(scanning, latin_scanning),
        ))
    return tuple(rules)


def _three(patterns: list[str], flags: int) -> tuple[re.Pattern[str] | None, ...]:
    """Anchored, bounded and floating alternations of ``patterns`` (see ``Rule``)."""
    return (_alternation([p[1:] for p in patterns if _anchored(p)], flags),
            _alternation([p[2:] for p in patterns if _bounded(p)], flags, r"\b"),
            _alternation([p for p in patterns if not _anchored(p) and not _bounded(p)],
                         flags))


def _scanning(starts: list[str], flags: int,
              ) -> tuple[list[str], tuple[tuple[re.Pattern[str], Needs], ...]]:
    """Anchored patterns (``^`` taken off) split into those the alternation keeps and
    those that open with a look-around and need a string (see ``Rule.scanning``)."""
    kept: list[str] = []
    alone: list[tuple[re.Pattern[str], Needs]] = []
    for start in starts:
        need = needs_of([re.compile(start, flags)]) if start.startswith(("(?=", "(?!")) \
            else None
        if need is None:
            kept.append(start)
        else:
            alone.append((re.compile(f"(?:{start})", flags), need))
    return kept, tuple(alone)


def _alternation(patterns: list[str], flags: int, prefix: str = "") -> re.Pattern[str] | None:
    if not patterns:
        return None
    joined = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"{prefix}(?:{joined})" if prefix else joined, flags)


def _anchored(pattern: str) -> bool:
    """True when the whole pattern is anchored at the start: it opens with ``^`` and has no
    ``|`` outside groups and character classes (``^a|b`` is not anchored)."""
    return pattern.startswith("^") and _one_branch(pattern)


def _bounded(pattern: str) -> bool:
    """True when the whole pattern opens with a word boundary (one top-level branch)."""
    return pattern.startswith("\\b") and _one_branch(pattern)


def _one_branch(pattern: str) -> bool:
    """True when the pattern has no ``|`` outside groups and character classes."""
    return len(_branches(pattern)) == 1


def _branches(pattern: str) -> list[str]:
    """The pattern split at each ``|`` outside groups and character classes."""
    parts, start = [], 0
    for i, end in _atoms(pattern):
        if pattern[i] == "|":
            parts.append(pattern[start:i])
            start = end
    return [*parts, pattern[start:]]


def _atoms(pattern: str) -> Iterator[tuple[int, int]]:
    """The pattern's top-level pieces as (start, end): an escape, a character class, a
    whole group, or one character (the one walk both scanners below share)."""
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            end = i + 2
        elif ch == "[":
            end = _class_end(pattern, i) + 1
        elif ch == "(":
            end = _group_end(pattern, i) + 1
        else:
            end = i + 1
        yield i, end
        i = end


def _class_end(pattern: str, i: int) -> int:
    """Index of the ``]`` closing the character class opened at ``i``."""
    i += 1
    if pattern[i:i + 1] == "^":
        i += 1
    if pattern[i:i + 1] == "]":
        i += 1  # a leading ] is a member
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


def _group_end(pattern: str, i: int) -> int:
    """Index of the ``)`` closing the group opened at ``i``."""
    depth = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i = _class_end(pattern, i)
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return i


def _needs_script(pattern: str) -> bool:
    """True when every branch of ``pattern`` must match a Cyrillic or CJK character:
    a literal one, or a group all of whose branches need one, neither optional.
    Conservative: escapes, classes and lookarounds never count."""
    return all(_branch_needs_script(b) for b in _branches(pattern))


def _branch_needs_script(branch: str) -> bool:
    for i, end in _atoms(branch):
        ch = branch[i]
        if ch == "(":
            body = branch[i + 1:end - 1]
            if body.startswith("?:"):
                body = body[2:]
            elif body.startswith("?P<"):
                body = body[body.find(">") + 1:]
            elif body.startswith("?"):
                body = ""  # a lookaround or flags: matches no character of its own
            if body and not _optional(branch, end) and _needs_script(body):
                return True
        elif ch not in "\\[" and _SCRIPT.match(ch) and not _optional(branch, end):
            return True
    return False


def _optional(pattern: str, i: int) -> bool:
    """True when the quantifier at ``i`` (if any) allows zero repeats."""
    return pattern[i:i + 1] in ("?", "*") or pattern.startswith(("{0", "{,"), i)


@cache
def headline_verbs(path: Path = CONFIG / "headline_verbs.yaml") -> frozenset[str]:
    """Verbs that make a short line read as a headline."""
    raw = read_yaml(path)
    return frozenset(str(v).lower() for v in raw["verbs"])


@dataclass(frozen=True)
class FurnitureWords:
    """The vocabulary of page furniture and the function words a line of it may hold."""

    words: frozenset[str]
    function_words: frozenset[str]
    max_words: int


@cache
def furniture_words(path: Path = CONFIG / "furniture_words.yaml") -> FurnitureWords:
    """Words that make up interface and furniture lines (``config/furniture_words.yaml``)."""
    raw = read_yaml(path)
    return FurnitureWords(frozenset(str(w).lower() for w in raw["words"]),
                          frozenset(str(w).lower() for w in raw["function_words"]),
                          int(raw["max_words"]))


def boilerplate_markers() -> list[str]:
    """Regexes that must never match a clean text (for data-quality checks)."""
    # The patterns as written: the data-quality process needs no compiled cleaner (compiling
    # every rule cost it 0.3 s of CPU a run).
    return [str(p) for r in _raw_rules(CONFIG / "boilerplate.yaml")
            if r["kind"] in _MARKER_KINDS for p in r["patterns"]]


_MARKER_KINDS = {"newsletter_promo", "paywall", "comment_form", "cookie_notice", "copyright"}
