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
    pattern = re.compile(rf"(?<!\w){ru.declined('Кремль')}(?!\w)")
    assert bool(pattern.fullmatch(word)) is matches


@pytest.mark.parametrize(("term", "word", "matches"), [
    ("зерно", "зерно", True),   # the cut letter is an ending of its own term
    ("зерно", "зерном", True),
    ("соя", "сою", True),
    ("соя", "со", False),       # a two-letter stem alone is another word
    ("путин", "путин", True),   # nothing cut: the term itself
])
def test_declined_own_ending_and_no_short_bare_stem(term: str, word: str, matches: bool) -> None:
    assert bool(re.fullmatch(ru.declined(term), word)) is matches
