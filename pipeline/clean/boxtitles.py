"""The titles of boxes whose items are gone, below the story of a page.

A page's box of other stories ("Related", "相关新闻", "Just in") is a heading over
links: pruning and the rules take the links (a list by its shape, a class word), and the
heading is left alone between two lines of furniture under the story, where no rule reads
its words in every language (blind pages, tuning set93: two Chinese box titles between an
editor's line and a "recommended" box). A story's heading is over the story's prose: one
between two furniture lines below the last paragraph of prose heads nothing of the story.

The same reading below the story holds for the furniture run after the story's last
sentence that plain text's tail pass takes (``pipeline/clean/tail.py``): on short pieces
trafilatura's text of a page goes on past the story into the boxes around it (blind pages,
round 17's Chinese tuning pages), so the page's text gets that pass here too, and a line
below the site's copyright line there is the footer's. On the validation pages of every
round this raised precision and left recall as it was (session 41).

Page input only (plain text runs the tail pass in ``pipeline/clean/plain.py``); after the
page model, which is trained without these passes.
"""

from __future__ import annotations

import itertools

from pipeline.clean.furniture import Labelled
from pipeline.clean.header import TERMINAL
from pipeline.clean.tail import label_tail

# Titles between two furniture lines: this many in a row at the most, of this many words.
_MOST_TITLES = 2
_TITLE_WORDS = 6
# A paragraph of prose: more words than this (the cleaner's ``_SHORT``).
_PROSE_WORDS = 12
# A line this much link text, in a run of this many below the story: a list of links.
_LINKED = 0.9
_LEAST_LINKED = 3
_LINKS = ("structure related_posts: one of three or more lines in a row that are all link text "
          "below the story's last paragraph")
_BELOW = ("structure site_chrome: a line below the site's copyright line, under the story's "
          "last paragraph")
_REASON = ("structure {kind}: a short line between two furniture lines below the story's "
           "last paragraph (a box's title)")


def label_box_titles(state: Labelled, link_shares: list[float] | None) -> None:
    """Label the furniture run after the story's last sentence (the tail pass), the free
    lines below the site's copyright line under the last free paragraph of prose, and the
    free short lines (no sentence's end, no digit) of at most ``_MOST_TITLES`` in a row
    between two labelled lines below that paragraph, with the kind of the furniture below
    them. ``link_shares``: None on plain text (nothing done)."""
    if link_shares is None:
        return
    label_tail(state)
    last = max((i for i in range(len(state.p))
                if state.free(i) and state.words[i] > _PROSE_WORDS), default=-1)
    if last < 0:
        return
    # Below the site's copyright line, under the story's last paragraph of prose: the
    # page's footer and what a template prints after it (boxes in a right column
    # trafilatura read after the footer: blind pages, tuning set99).
    imprint = next((i for i in range(last + 1, len(state.p))
                    if state.labels[i] == "copyright"), None)
    if imprint is not None:
        for k in range(imprint + 1, len(state.p)):
            if state.free(k):
                state.labels[k], state.reasons[k] = "site_chrome", _BELOW
    # A run of lines that are all link text below that paragraph: a list of other
    # stories trafilatura kept (a gallery page's "more galleries": blind pages, set101).
    # A count or a date of a word or two under each link ("12 photos") stays in the run.
    run: list[int] = []
    for k in range(last + 1, len(state.p) + 1):
        if k < len(state.p) and (link_shares[k] >= _LINKED or (run and state.words[k] <= 2)):
            run.append(k)
            continue
        if sum(link_shares[i] >= _LINKED for i in run) >= _LEAST_LINKED:
            for i in (i for i in run if state.free(i)):
                state.labels[i], state.reasons[i] = "related_posts", _LINKS
        run = []
    marked = [i for i in range(last + 1, len(state.p)) if not state.free(i)]
    for a, b in itertools.pairwise(marked):
        between = range(a + 1, b)
        if not 0 < len(between) <= _MOST_TITLES:
            continue
        if all(_title(state.p[k], state.words[k]) for k in between):
            kind = state.labels[b] or "site_chrome"
            for k in between:
                state.labels[k], state.reasons[k] = kind, _REASON.format(kind=kind)


def _title(text: str, words: int) -> bool:
    """A box's title: a few words, no sentence's end, no digit (a date or a count)."""
    return words <= _TITLE_WORDS and TERMINAL.search(text) is None and \
        not any(c.isdigit() for c in text)
