"""Pull-quotes: a quote the article prints in full elsewhere, set apart as a display
line.

A page lifts a quote out of the story and prints it again between paragraphs, in large
type; a scraper saves it as a paragraph of its own. It is found by what it is, in any
language: a line in quote marks, a sentence or a long clause, whose words occur in order
and whole inside a longer paragraph of the same text (before or after it).

Only a quoted line is read so: an unquoted sentence found again in a longer paragraph is
as often the body's (a test page's repeated filler, a line the story sums up again later;
tuning pages), and a quote with an ellipsis at its edge is an excerpt the story cites.
Plain text only (``text.clean_paragraphs``): a page prints its pull-quotes in containers
of their own, which pruning and trafilatura leave out.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.clean.furniture import Labelled
from pipeline.languages import SCRIPT_STOPS

# A pull-quote has at least this many words (two Chinese characters a word) and at most
# this many: a quoted phrase of three words is a heading's or the story's. From four words
# a quoted whole sentence counts (its closing mark inside the quotes: on the tuning
# material five such lines of four or five words, all pull-quotes).
_WORDS = (4, 60)
# In quote marks (Swedish and Finnish open with ”, Danish with »), with nothing but a
# full stop after the closing one; no ellipsis at either edge (an excerpt: "... the
# rest" or "the start ...").
_QUOTED = re.compile(r"^[\"“‘«„‹「『”»’](?!\s*(?:…|\.\.\.)).*(?<!…)(?<!\.\.\.)"
                     r"[\"”’»‹›“」』«][.。]?$")
# A quoted line that does not end like a sentence (in any script's full stop) is a
# pull-quote from this many words: a section heading may quote a phrase of the story
# ("'Nobody tells us anything'").
_SENTENCE_END = re.compile(rf"[.!?。！？{SCRIPT_STOPS}][\"”’»‹›“」』]")
_CLAUSE_WORDS = 8
_SEPARATOR = "\x00"  # between paragraphs in the joined text; no fold holds it


def label_pull_quotes(state: Labelled) -> None:
    """Label free display lines that repeat a sentence of a longer free paragraph."""
    candidates = [i for i in range(len(state.p))
                  if state.free(i) and _WORDS[0] <= state.words[i] <= _WORDS[1]
                  and state.f[i] and _QUOTED.match(state.p[i])
                  and (state.words[i] >= _CLAUSE_WORDS or _SENTENCE_END.search(state.p[i]))]
    if not candidates:
        return
    # Every paragraph padded with spaces, so that a match is of whole words; one joined
    # string, searched in C, rather than each candidate against each paragraph.
    joined = _SEPARATOR.join(f" {f} " for f in state.f)
    starts = []
    at = 0
    for f in state.f:
        starts.append(at)
        at += len(f) + 3
    for i in candidates:
        needle = f" {state.f[i]} "
        pos = joined.find(needle)
        while pos != -1:
            j = bisect_right(starts, pos) - 1  # the paragraph holding offset pos
            if j != i and state.free(j) and state.words[j] > state.words[i]:
                state.labels[i] = "lead_duplicate"
                state.reasons[i] = ("structure lead_duplicate: a pull-quote, a sentence the "
                                    "article prints in full")
                break
            pos = joined.find(needle, pos + 1)

