"""A link to another story printed between the story's paragraphs, in any language.

Pages put "Read also: <another story's headline>" between two paragraphs of prose. The
furniture-word lists (``pipeline/clean/lexicon.py``) take the label in the languages they
list; this pass reads the shape alone, for the languages no list reads ("Bala hape: ...",
"Soma ne: ..."): a label of two to four words, a colon or a bar, then a whole headline, with
the story's sentences right above and right below. Plain text only, after the page model
(``pipeline/clean/text.py``): HTML has the link's markup to tell.

What spares the story's own lines (the tuning blind articles' body lines of this shape): a
section heading goes on in lower case after its label ("Next step: the parade in
Beijing"), where a headline opens with a capital; an interviewer's question asks ("Desk:
How dependent is ...?"), a quote has its marks, a heading may shout in capitals, and a
figure's line opens with the figure ("Aluminium: $1,880/t").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.clean.furniture import Labelled
from pipeline.clean.header import (
    HEADING_WORDS,
    TERMINAL,
    next_free,
    previous_free,
    sentence,
    taken_up,
)
from pipeline.clean.lexicon import LABELLED, SENTENCE_END, STATEMENT, words
from pipeline.clean.rules import headline_verbs
from pipeline.clean.tail import above, heading
from pipeline.languages import opens_lower

_LABEL_WORDS = (2, 4)
_NUMBERED = re.compile(r"^\s*(\d{1,2}|[a-z])[.)、．]\s*\S|^[①-⑳]")
# A label printed over the link ("Advertisement"): this short, and not the headline.
_AD_LABEL_WORDS = 3
_NOT_LABELS = frozenset(("title", "duplicate_title"))
# The headline after the label: a few words (a headline in an agglutinative language is
# short), shorter than prose.
_HEADLINE_WORDS = (4, 30)


def inline_links(state: Labelled) -> Iterator[int]:
    """Free lines shaped "Label: another story's headline" between two of the story's
    sentences."""
    for i, text in enumerate(state.p):
        # A bulleted or numbered item ("1. Engine: ...") is a list's, not a link's label.
        if not state.free(i) or text[:1] in "-*|•" or _NUMBERED.match(text) \
                or SENTENCE_END.search(text):
            continue
        m = LABELLED.match(text)
        if m is None:
            continue
        label, headline = m.group(1), m.group(2)
        if not (_LABEL_WORDS[0] <= len(words(label)) <= _LABEL_WORDS[1]
                and _HEADLINE_WORDS[0] <= len(words(headline)) <= _HEADLINE_WORDS[1]):
            continue
        if not headline[:1].isalpha() or headline.isupper() or STATEMENT.search(headline) \
                or opens_lower(headline):
            continue
        before = above(state, i)
        if before is None or not sentence(state, before):
            before = _past_label(state, i - 1)
        if before is not None and sentence(state, before) and _prose_below(state, i):
            yield i


def _past_label(state: Labelled, i: int) -> int | None:
    """The line above line ``i`` when ``i`` is a label of a word or three with no
    sentence end (an ad label, labelled or not, printed over the link)."""
    if 0 < i < len(state.p) and state.words[i] <= _AD_LABEL_WORDS and \
            not SENTENCE_END.search(state.p[i]) and state.labels[i] not in _NOT_LABELS:
        return i - 1
    return None


def _prose_below(state: Labelled, i: int) -> bool:
    """The story goes on below line ``i``: a sentence next, or a section heading of a few
    words over one (a link is often printed where a section ends)."""
    below = next_free(state, i + 1)
    if below and (heading(state, below[0]) or _asks(state, below[0])):
        below = below[1:]
    return bool(below) and sentence(state, below[0])


def _asks(state: Labelled, i: int) -> bool:
    """Line ``i`` is a section heading that asks ("And Moscow?"): a few words ending in a
    question mark of any script."""
    return state.words[i] <= HEADING_WORDS and state.p[i].rstrip()[-1:] in "?？؟՞"


_EN = frozenset({"en", None})  # English, or too short to tell: the English wording applies
_PROSE_WORDS = 20  # the paragraph under a headline-like link is prose


def label_headline_links(state: Labelled, sections: set[int], least: int = 4) -> None:
    """An English headline (one of its words a headline verb) between two of the story's
    sentences, neither a list item nor a section heading the paragraphs under it take up:
    a link to another story (``inline_related_link``). ``sections``: the headings of a
    numbered article, which stay."""
    verbs = headline_verbs()
    for i, text in enumerate(state.p):
        if (not state.free(i) or not least <= state.words[i] <= 16 or TERMINAL.search(text)
                or i in sections):
            continue
        # English verbs: "plan", "see", "show" are nouns in other languages.
        if not any(w in verbs for w in state.f[i].split()) or state.language not in _EN:
            continue
        before = previous_free(state, i)
        after = next_free(state, i + 1)
        if before is None or not after or state.words[after[0]] <= _PROSE_WORDS:
            continue
        # A list item (the line above is no sentence either) is the article's; so is a
        # section heading, a few words the paragraphs under it take up ("Union warns
        # on jobs" over "The union ... warned"). A teaser is a whole headline.
        if not TERMINAL.search(state.p[before]) or (
                state.words[i] <= HEADING_WORDS and taken_up(state, i, after)):
            continue
        state.labels[i] = "inline_related_link"
