"""The tail of a plain-text article: what a scraper saves after the story ends.

After the article's last sentence a page prints its furniture in a run: share rows, tags,
the writer's card, comment counts, teasers of other stories under a heading of any
wording ("Ready for more?", "Hot topics"), the footer. The wording rules and the
classifier take the lines they recognise; the ones worded like nothing they know sit among
them. Once a recognised furniture line has followed the last sentence, a line that is no
sentence (no sentence end, or a question of a few words) is taken with the run: a story
does not resume after its share row. Lines of a list or a table stay (an article may end
on one), and so does anything before the first furniture line after the last sentence.
Plain text only, like ``pipeline/clean/header.py``: trafilatura's text of a page ends with
the article.
"""

from __future__ import annotations

from pipeline.clean.furniture import Labelled
from pipeline.clean.header import TERMINAL, list_item, next_free, sentence
from pipeline.clean.model_pass import cue_kind

# Longer lines are prose whatever their end: a teaser headline or a tag row is shorter.
_MAX_WORDS = 16
# A question this short is a prompt ("What do you think?"), not the article's.
_PROMPT_WORDS = 5
# Labels that do not start the furniture run: the headline (plain text may not have one
# above the body), a line printed twice.
_NOT_FURNITURE = frozenset(("title", "duplicate_line"))


def label_tail(state: Labelled) -> None:
    """Label the lines after the last sentence that follow a furniture line there."""
    last = next((i for i in range(len(state.p) - 1, -1, -1) if sentence(state, i)), None)
    if last is None:
        return
    run = False
    for i in range(last + 1, len(state.p)):
        label = state.labels[i]
        if label is not None:
            run = run or label not in _NOT_FURNITURE
            continue
        if not run or not _tail_line(state.p[i], state.words[i]) or _heads_section(state, i):
            continue
        kind = cue_kind(state.p[i], "related_posts")
        state.labels[i] = kind
        state.reasons[i] = (f"structure {kind}: a line that is no sentence in the furniture "
                            "after the article's last sentence")


def _tail_line(text: str, words: int) -> bool:
    # A line broken out of a sentence (lower case first, a comma last) is prose.
    if words > _MAX_WORDS or list_item(text) or text[:1].islower() or text.endswith(","):
        return False
    if text.endswith("?"):
        return words <= _PROMPT_WORDS
    return TERMINAL.search(text) is None


def _heads_section(state: Labelled, i: int) -> bool:
    """Line ``i`` is a heading over two sentences or paragraphs too long for a teaser
    (Thai prose marks no sentence's end, so the story's last sentence can be a furniture
    line below it): a section of the story, not a teaser."""
    below = next_free(state, i + 1)
    return len(below) == 2 and all(sentence(state, j) or state.words[j] > _MAX_WORDS
                                   for j in below)
