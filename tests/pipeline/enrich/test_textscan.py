"""Finding lexicon terms by str.find: the same matches as the regex scanning every position."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.enrich.entities import load_entities
from pipeline.enrich.textscan import find_all, first_terms, fold_case, term_starts
from pipeline.enrich.theme import load_lexicon
from tests.conftest import ROOT

TRICKY = [
    "The KREMLIN and the Kremlın; Xi Jinping and XI JINPING, the Xi-Putin summit",
    "ſanctions and Sanctions; ΣANCTIONS; İstanbul talks on taiwan and TAIWAN",
    "joint naval exercises and Joint  Drills; SCO, sco, Moscow; 习近平会见普京 Путин",
    "Russia-China, Russian–Chinese, Sino-Russian ties; Moscow- Beijing; russia’s RUSSIA",
    "",
]


def texts() -> list[str]:
    path = ROOT / "tests" / "fixtures" / "corpus" / "syndication" / "items.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return TRICKY + [f"{item['title']}. {item['text']}" for item in items]


def patterns() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """(name, pattern, folded terms where its matches begin) of every lexicon pattern
    that textscan serves: entities without free regexes, and the four theme sides."""
    found = [(e.name, e.pattern, e.starters)
             for e in load_entities() if not e.regexes]
    lex = load_lexicon()
    for name in ("russia", "china", "bilateral", "crowd"):
        side = getattr(lex, name)
        assert side.any_term is not None
        found.append((name, side.any_term, side.folded))
    return found


def test_matches_equal_a_scan_of_every_position() -> None:
    checked = 0
    for text in texts():
        folded = fold_case(text)
        for name, pattern, terms in patterns():
            expected = pattern.findall(text)
            assert find_all(pattern, text, term_starts(folded, text, terms)) == expected, name
            checked += bool(expected)
    assert checked > 500  # most texts name several of these


def test_sentence_windows_use_whole_text_positions() -> None:
    text = "Putin met Xi. Then Russia and China signed."
    pattern = load_lexicon().russia.any_term
    assert pattern is not None
    starts = term_starts(fold_case(text), text, load_lexicon().russia.folded)
    offset = text.index("Then")
    assert find_all(pattern, text[offset:], starts, offset) == ["Russia"]


def test_lower_casing_that_moves_characters_falls_back_to_the_regex() -> None:
    text = "İstanbul hosted Russia and China"  # "İ".lower() is two characters
    assert term_starts(fold_case(text), text, ("russia",)) is None
    pattern = load_lexicon().russia.any_term
    assert pattern is not None
    assert find_all(pattern, text, None) == ["Russia"]


def test_case_folding_agrees_with_the_regex_engine() -> None:
    # Every character re's IGNORECASE equates with a letter of a lexicon term folds like
    # that letter, so a find in the folded text misses no match.
    lex = load_lexicon()
    words = [t for e in load_entities() for t, _ in e.terms]
    words += [t for side in (lex.russia, lex.china, lex.bilateral, lex.crowd)
              for t in side.folded]
    # One scan of every character per letter: a one-letter pattern matches one character
    # at a time, so findall over them all gives every character it equates with the
    # letter (a fullmatch per character took 19 s of the suite).
    every = "".join(chr(code) for code in range(0x30000))
    for letter in {c for word in words for c in word if c.isalpha()}:
        same = re.compile("(?i:" + re.escape(letter) + ")")
        found = same.findall(every)
        assert letter in found
        for char in found:
            if len(char.lower()) == 1:
                assert fold_case(char) == fold_case(letter), (letter, hex(ord(char)))


@pytest.mark.parametrize(("terms", "kept"), [
    (["russian", "russia", "russians", "moscow"], ("russia", "moscow")),
    (["xi", "xi jinping", "jinping"], ("xi", "jinping")),
    ([], ()),
])
def test_first_terms_drop_terms_that_begin_with_another(terms: list[str],
                                                        kept: tuple[str, ...]) -> None:
    assert sorted(first_terms(terms)) == sorted(kept)
