"""The reporting words: one list, each pass reading its subset (pipeline/clean/reporting.py)."""

from __future__ import annotations

import re

import pytest

from pipeline.clean import reporting
from pipeline.clean.reporting import ATTRIBUTED, RULE_GUARD, SPARING, SPEECH


def test_every_use_has_words_and_every_word_a_use() -> None:
    for use in "arsp":
        assert reporting._of(reporting._BOUNDED, use)
    assert all(uses and set(uses) <= set("arsp")
               for _, uses in (*reporting._BOUNDED, *reporting._UNBOUNDED))
    words = [w for w, _ in (*reporting._BOUNDED, *reporting._UNBOUNDED)]
    assert len(words) == len(set(words))


@pytest.mark.parametrize(("text", "speech", "sparing"), [
    ("The port operator said volumes rose by a fifth in October.", True, True),
    ("Newly added entities appear in our tracker every Monday.", True, False),
    ("继续浏览即表示您同意我们使用 cookie。", True, False),
    ("港口负责人表示，今年的吞吐量将增长两成。", True, True),
    ("Редакция сообщила, что рассылка будет выходить по пятницам.", True, True),
    ("Сохраняйте статью в закладки.", False, False),
])
def test_speech_and_sparing_differ_where_a_word_is_also_the_pages(
        text: str, speech: bool, sparing: bool) -> None:
    assert (SPEECH.search(text) is not None) == speech
    assert (SPARING.search(text) is not None) == sparing


def test_the_rule_guards_keep_a_pattern_off_a_reported_line() -> None:
    attributed = re.compile(r"^subscribe\b" + ATTRIBUTED, re.I)
    assert attributed.search("Subscribe to our newsletter for the weekly digest")
    assert not attributed.search("Subscribe to the newsletter, the ministry said")
    guarded = re.compile("^" + RULE_GUARD + r"tilaa\b", re.I)
    assert guarded.search("Tilaa uutiskirje")
    assert not guarded.search("Tilaa uutiskirje, kertoi yhtiön edustaja")
