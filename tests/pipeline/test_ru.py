"""The Russian case-ending rules shared by entity counts and story keys."""

from __future__ import annotations

import re

import pytest

from pipeline import ru


@pytest.mark.parametrize(("term", "stem"), [
    ("Кремль", "Кремл"),        # soft sign cut
    ("монголия", "монголи"),    # final vowel cut
    ("Мишустин", "Мишустин"),   # a consonant ending stays
    ("сила сибири", "сила сибир"),  # only the last word is cut
    ("ШОС", "ШОС"),             # an acronym does not decline
    ("Си", "Си"),               # two letters: exact
    ("Moscow", "Moscow"),       # not Cyrillic
])
def test_stem(term: str, stem: str) -> None:
    assert ru.stem(term) == stem


@pytest.mark.parametrize(("word", "matches"), [
    ("Кремля", True), ("Кремлём", True), ("Кремле", True),
    ("Кремлёвский", False),  # an adjective built on the name, not a case form
])
def test_declined_matches_case_forms_only(word: str, matches: bool) -> None:
    pattern = re.compile(rf"(?<!\w){ru.declined(re.escape(ru.stem('Кремль')))}(?!\w)")
    assert bool(pattern.fullmatch(word)) is matches
