"""Boilerplate rules as data: ``config/boilerplate.yaml`` and ``config/headline_verbs.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.paths import project_dir

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
    # The patterns as three alternations (one scan each instead of one per pattern): those
    # anchored at the start are tried once, at the start (a search would try every branch
    # at every position of a long paragraph); the rest are searched.
    anchored: re.Pattern[str] | None = None
    floating: re.Pattern[str] | None = None
    # Patterns that open with a word boundary, as ``\b(?:...)``: the engine tries the
    # branches only where a word starts.
    bounded: re.Pattern[str] | None = None

    def matches(self, text: str, words: int, at: float = 0.0) -> bool:
        """True when the paragraph is short enough, in place, and one pattern matches.

        ``at`` is the paragraph's relative position in the page (0 first, 1 last).
        """
        if words > self.max_words or (self.position == "end" and at < _END):
            return False
        if self.anchored is not None and self.anchored.match(text):
            return True
        if self.bounded is not None and self.bounded.search(text):
            return True
        return self.floating is not None and self.floating.search(text) is not None


@cache
def _raw_rules(path: Path) -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8"))["rules"])


@cache
def load_rules(path: Path = CONFIG / "boilerplate.yaml") -> tuple[Rule, ...]:
    """The rules, compiled (case-insensitive)."""
    rules = []
    for r in _raw_rules(path):
        flags = 0 if r.get("case_sensitive") else re.IGNORECASE
        starts = [p[1:] for p in r["patterns"] if _anchored(p)]
        words = [p[2:] for p in r["patterns"] if _bounded(p)]
        others = [p for p in r["patterns"] if not _anchored(p) and not _bounded(p)]
        rules.append(Rule(
            kind=r["kind"], reason=r["reason"], max_words=int(r.get("max_words", 40)),
            block=r.get("block"), position=r.get("position"),
            patterns=tuple(re.compile(p, flags) for p in r["patterns"]),
            anchored=re.compile("|".join(f"(?:{p})" for p in starts), flags) if starts else None,
            floating=re.compile("|".join(f"(?:{p})" for p in others), flags) if others else None,
            bounded=re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in words) + ")", flags)
            if words else None,
        ))
    return tuple(rules)


def _anchored(pattern: str) -> bool:
    """True when the whole pattern is anchored at the start: it opens with ``^`` and has no
    ``|`` outside groups and character classes (``^a|b`` is not anchored)."""
    return pattern.startswith("^") and _one_branch(pattern)


def _bounded(pattern: str) -> bool:
    """True when the whole pattern opens with a word boundary (one top-level branch)."""
    return pattern.startswith("\\b") and _one_branch(pattern)


def _one_branch(pattern: str) -> bool:
    """True when the pattern has no ``|`` outside groups and character classes."""
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
    return True


@cache
def headline_verbs(path: Path = CONFIG / "headline_verbs.yaml") -> frozenset[str]:
    """Verbs that make a short line read as a headline."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
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
