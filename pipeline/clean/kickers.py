"""The headline among the text's first lines when the page's title was given: printed with
its subtitle ("Studying in Kazan: why so many ..." under the title "Studying in Kazan"),
and the short labels above it (a kicker, the section's name: "Sanctions · Analysis").

Without a title the cleaner finds the headline itself and labels what is above it the
same way (``_State.find_title``). Here the labels come after the standfirst's pass, which
reads the first lines as trafilatura gave them (blind pages, tuning sets 37 and 45: a
standfirst under a kicker stays as it did).
"""

from __future__ import annotations

import re

from pipeline.clean.furniture import Labelled
from pipeline.text import fold

# The first lines, where a page prints its headline (after a kicker, a date, the last
# line of a menu).
_HEAD_LINES = 4
# What parts a headline from its subtitle: a colon, or a dash or bar between spaces.
_SUBTITLE_AFTER = re.compile(r"\s*:\s+|\s+[–—|-]\s+")
# A label above the headline has four words at most ("Sanctions · Analysis"): a longer
# line there may be a subheading moved up (the blind line batches put body lines at a
# page's top), and one of four words that ends as a sentence is the article's (the
# cleaner's own test for lines above a headline it found).
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?]$|[“”\"«»]")
_LABEL_WORDS = 4


def label_kickers(state: Labelled, headline: str) -> None:
    """Label the headline printed with its subtitle ``duplicate_title`` when no first line
    is the title itself, and the short lines above the headline ``site_chrome``.

    Args:
        state: the cleaner's paragraphs and labels.
        headline: the page's title, folded.
    """
    lines = range(min(_HEAD_LINES, len(state.p)))
    top = next((i for i in lines if state.labels[i] == "duplicate_title"), None)
    if top is None:
        for i in lines:
            head = _SUBTITLE_AFTER.split(state.p[i], maxsplit=1)[0]
            if state.free(i) and head != state.p[i] and fold(head) == headline:
                state.labels[i] = "duplicate_title"
                top = i
                break
    for i in range(top or 0):
        if state.free(i) and short_label(state.p[i], state.words[i], _LABEL_WORDS):
            state.labels[i] = "site_chrome"


def short_label(text: str, words: int, most: int) -> bool:
    """A line above the headline that is a label, not the article's: ``most`` words or
    fewer, and not a sentence of four words or more (the same test with or without a
    given title; the cleaner's own headline search allows six words)."""
    return words <= most and not (words >= 4 and _SENTENCE_END.search(text) is not None)
