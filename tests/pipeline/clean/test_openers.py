"""The first-character test of anchored patterns never refuses a text they match."""

from __future__ import annotations

import re

from pipeline.clean.openers import Openers, at_start, closing, opening
from pipeline.clean.rules import load_rules

PATTERNS = [
    (r"(?:subscribe|sign up)\b", re.I), (r"[A-Z]\w+ covers\b", 0), (r"\W*$", 0),
    (r"(?=.*\bcookies\b)\S", re.I), (r"(?:(?-i:[A-Z]{2,}))|\d+ min", re.I),
    (r"(?:by\s)?[a-z]+", re.I), (r"[^\s/|]{1,3}\s*[/|]", 0), (r"\bkelvin", re.I),
    (r"(?:ſ|s)tart", re.I), (r"(\w)\1", 0), (r".*x", 0), (r"(?>ab|c)d", 0),
    (r"(?:подпишитесь|扫码)", re.I), (r"\(?photo\)?:", re.I), (r"[^\d]x", 0),
]
TEXTS = ["Subscribe now", "sign up", "Sign Up today", "Petrova covers energy", "",
         "...", "Cookies help us", "AP Photo", "5 min read", "By Jane", "KELVIN",
         "\u212aelvin", "\u017ftart", "start", "ſ", "aa", "x", "abd", "cd",
         "Подпишитесь", "扫码关注", "(Photo): AP", "photo: AP", "1x", "ax", "a/b"]


def test_opening_never_refuses_a_match() -> None:
    compiled = [re.compile(p, f) for p, f in PATTERNS]
    found = [opening(p) for p in compiled]
    assert found[0] is not None and found[2] is None and found[10] is None  # empty, "."
    tested = [(p, o) for p, o in zip(compiled, found, strict=True) if o is not None]
    openers = Openers([o for _, o in tested], 0)
    for text in TEXTS:
        bits = openers.bits(text)
        for k, (pattern, _) in enumerate(tested):
            if pattern.match(text):
                assert bits >> k & 1, (pattern.pattern, text)


def test_every_anchored_rule_part_keeps_its_matches() -> None:
    """On each rule's own anchored alternation: a text the alternation matches passes."""
    rules = [r for r in load_rules() if r.anchored is not None]
    texts = [*TEXTS, "Read more: the story", "© 2024 The Times", "Photo: Reuters",
             "[1] Source", "— Editor's note", "Advertisement", "TL;DR: it rained"]
    for rule in rules:
        assert rule.anchored is not None
        found = opening(rule.anchored)
        if found is None:
            continue
        openers = Openers([found], 0)
        for text in texts:
            if rule.anchored.match(text):
                assert openers.bits(text) == 1, (rule.kind, text)


def test_at_start_only_where_search_is_match() -> None:
    """``at_start`` says a search can only match at the start: then search and match agree
    (a rule's ``(?-i:^...)`` branches, searched, are matched by the screen)."""
    starting = [(r"(?:(?-i:^[A-Z]\w+ covers\b))", re.I), (r"\b(?:^by|^von)\s", re.I),
                (r"(?=\w)^\w+:", 0), (r"\Ax|^y", 0), (r"(?>^ab|^c)d", 0)]
    not_starting = [(r"(?m:^by)", 0), (r"^by", re.M), (r"(?:^by)|from", re.I),
                    (r"\bby\b", 0), (r"(?:^)?by", 0), (r"x^", 0), (r"(?<=\. )[A-Z]+$", 0)]
    assert all(at_start(re.compile(p, f)) for p, f in starting)
    assert not any(at_start(re.compile(p, f)) for p, f in not_starting)
    texts = [*TEXTS, "Jane covers x", "by Ann", "line\nby Ann", "Von X", "word:", "yd",
             "xd", "abd", "cd", "a by"]
    for p, f in starting:
        pattern = re.compile(p, f)
        for text in texts:
            assert bool(pattern.search(text)) == bool(pattern.match(text)), (p, text)


ENDING = [
    (r"(?:(?-i:(?<=[a-z]{2}[.!?] )[A-Z]{2,}( [A-Z]{2,}){0,3}(\s?/\s?[A-Z]{2,})?)$)", re.I),
    (r"\s\d{2}-\d{2} \d{2}:\d{2}\s*·\s*\S{1,8}$", 0), (r"(?:photo|foto)\)?$", re.I),
    (r"ab$|cd\Z", 0), (r"(?:x$)", 0), (r"[.!?]\s*$", 0), (r"\bkelvin$", re.I),
    (r"(?:ſ|s)tart$", re.I), (r"\d+(?: min)?$", 0),
]
NOT_ENDING = [(r"ab$", re.M), (r"ab", 0), (r"ab$|cd", 0), (r"a(?:b$)?", 0), (r"\s*$", 0),
              (r"a$b?", 0), (r"(\w)\1$", 0), (r".$", 0)]
ENDING_TEXTS = [*TEXTS, "Seen in the port. AFP", "Seen in the port. AFP / GETTY", "ab", "cd",
                "ab\n", "cd\n", "x", "x\n", "Done.", "Done. ", "Done.\n", "KELVIN",
                "\u212aelvin", "\u017ftart", "restart", "12", "12 min", "12 min\n", "",
                "reply 12-05 14:30 · 3h", "photo)", "Foto", "a b"]


def test_closing_never_refuses_a_match() -> None:
    """A text that a search anchored at the end finds passes its last character's test,
    line feed at the end or not; patterns not so anchored (or that may match nothing)
    get no test."""
    for p, f in ENDING:
        pattern = re.compile(p, f)
        found = closing(pattern)
        assert found is not None, p
        closers = Openers([found], bits=[1], last=True)
        for text in ENDING_TEXTS:
            if pattern.search(text):
                assert closers.bits(text) == 1, (p, text)
    assert not any(closing(re.compile(p, f)) for p, f in NOT_ENDING)


def test_every_rule_search_keeps_its_matches() -> None:
    """On each rule's own searches that get a closing test: a text a search finds passes."""
    from pipeline.clean.screen import _searches

    texts = [*ENDING_TEXTS, "Read more: the story", "Photo: Reuters", "A caption. REUTERS",
             "Jane Roe, 12-05 14:30 · 2h", "file photo", "© 2024", "Photo: AP\n"]
    tested = 0
    for rule in load_rules():
        for k in (0, 1):
            for pattern, need in _searches(rule, k):
                found = closing(pattern) if need is None else None
                if found is None:
                    continue
                tested += 1
                closers = Openers([found], bits=[1], last=True)
                for text in texts:
                    if pattern.search(text):
                        assert closers.bits(text) == 1, (rule.kind, text)
    assert tested > 10
