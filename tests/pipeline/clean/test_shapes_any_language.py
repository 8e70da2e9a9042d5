"""Shapes that need no language (session 16): a row of hashtags, a comma-split tag row
near the end, a date stamp with a year and a clock time or a numeric date, a breadcrumb
split by », a row of two to four short links split by bars, a count in thousands with
its word; and lines shaped like them that stay. Every line was written for this test
(invented words where a language no rule reads is meant); the article is
test_tail.py's."""

from __future__ import annotations

import pytest

from pipeline.clean.text import clean_paragraphs
from tests.pipeline.clean.test_tail import BODY, TITLE

FURNITURE = [
    "#नेपाल #चीन",  # marks of an Indic script are no word characters
    "Velkor, Ulaanbaatar, dravel sorun, Erenhot, grenzo",
    "Vessa kralon: 12 dravel 2026, 14:05",
    "Olvina 03.12.2026 | trepa",
    "ټاکل شوی: ۲۰۲۶ کال ۱۴:۰۵",
    "Kralon » Vessa » Dravel",
    "Olvina | Trepa sorun",
    "३.४K सेयर",
]
STAYS = [
    "The talks ended at 14:30 on 3 December 2026, officials said.",
    "Why the queues began in 2019",
    "Coal, copper, gold and wool make up most of the exports.",
    "煤炭、铜矿、黄金与羊毛",
    "2, 3, 5, 8, 13",
    "- 12.03.2026 talks open in Ulaanbaatar",
    "Un « pont » sur le fleuve Amour",
    "Ein »Korridor« durch die Steppe",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_a_shape_that_needs_no_language_goes(line: str) -> None:
    # Without the classifier: the shape alone takes it.
    kept = clean_paragraphs([TITLE, *BODY[:3], BODY[3], line], model=False).paragraphs
    assert kept == BODY


@pytest.mark.parametrize("line", STAYS)
def test_a_line_shaped_like_one_stays(line: str) -> None:
    kept = clean_paragraphs([TITLE, *BODY[:3], line, BODY[3]]).paragraphs
    assert line in kept
