"""What a page's text holds below its story: the boxes around a short piece.

On short pieces trafilatura's text of a page goes on past the story into the boxes
around it (blind pages, rounds 14 and 17: briefs, galleries and video pages whose story is
a small share of the page). Below the story's last paragraph of prose, on page input:

- the furniture run after the story's last sentence, as plain text's tail pass takes it
  (``pipeline/clean/tail.py``); on the validation pages of every round this raised
  precision and left recall as it was (session 41);
- every line below the site's copyright line: the footer and what a template prints
  after it (boxes of a right column read after the footer: tuning set99);
- three or more lines in a row that are all link text, a count or a date of a word or
  two between them: a list of other stories trafilatura kept (a gallery's "more
  galleries" grid: tuning set101);
- three or more lines in a row that open with a clock time and read as no sentence: a
  broadcaster's programme schedule beside a video (tuning set101); a story's timeline
  tells what happened in sentences;
- a list of short items right under a sign-up pitch or a paywall's line: the offer's
  features ("✓ Monthly data appendix": a newsletter platform's paid tier, tuning set105);
- teasers of other stories, wherever they stand: two or more lines ending in a "more"
  link ("... mehr »", "Read more ›", "подробнее →"), each with its headline above it (a
  local paper's teasers below a police note, one table each: tuning set133). A story's
  sentence ends in its own words;
- readers' comments under their stamps ("H. Berger schrieb am 09.04.2025 um 17:03 Uhr:",
  "anna_k wrote on 3 May 2024:"), when two or more stamps stand in the page's second half: each
  stamp and the lines under it up to the next (tuning set137: an old portal's thread in
  layout tables, which the HTML passes did not read as one);
- a call for tips under its heading: up to three lines right under a heading a rule
  marked ``block: lines`` read as one ("Sie wissen mehr?", "Знаете больше?"), in the
  page's last 40 %, up to the next labelled line (tuning set141: the call's own
  sentences ask in words no rule can list). A note on how the newsroom reported the
  story ("How we did it", "So haben wir recherchiert") is left to the story: its sources
  and calculations are the story's (a blind article's gold keeps one; round 24's pages
  call it furniture: see docs/quality.md, session 44);
- the titles of boxes whose items are gone ("Related", "相关新闻", "Just in"): a heading
  over links that pruning and the rules took, left alone between two furniture lines,
  where no rule reads its words in every language (tuning set93). A story's heading is
  over the story's prose.

Page input only (plain text runs the tail pass in ``pipeline/clean/plain.py``); after the
page model, which is trained without these passes.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from pipeline.clean.furniture import Labelled
from pipeline.clean.header import TERMINAL
from pipeline.clean.rules import load_rules
from pipeline.clean.tail import label_tail

# A teaser's closing "more" link: the word, then an arrow or guillemet.
_MORE = re.compile(r"(?:^|\s)(?:mehr|weiter|weiterlesen|more|read more|continue reading|"
                   r"full story|подробнее|далее|читать далее|читать дальше|suite|"
                   r"lire la suite|leer más|更多|详细|全文)\s*[»›→>]+\s*$", re.I)
_ARROWS = frozenset("»›→>")
_LEAST_TEASERS = 2
_HEADLINE_WORDS = 15
_TEASERS = ("structure related_posts: a teaser of another story (one of two or more lines "
            "ending in a \"more\" link, or the headline above one)")
# A reader's comment's stamp: a name, "wrote" in a few languages, a date, a colon.
_STAMP = re.compile(r"^\S[^!?]{0,40}?\s(?:schrieb|schreibt|wrote|writes|commented|"
                    r"написал[аи]?|пишет|a écrit|escribió)\s(?:am|on|at|le|el)?\s?"
                    r"[^.!?]{0,40}\d[^!?]{0,30}:$", re.I)
_COMMENT_LINES = 3  # lines a comment runs to under its stamp, at the most
_COMMENTS = ("structure comment_form: a reader's comment under its stamp (\"... wrote on "
             "<date>:\"), one of two or more stamps below the story")
# The lines a ``block: lines`` rule's heading takes under it, and its words at most.
_NOTE_LINES = 3
_NOTE_WORDS = 7
_NOTES = ("structure {kind}: a line of a call for tips under its heading in the page's "
          "last part")
# Titles between two furniture lines: this many in a row at the most, of this many words.
_MOST_TITLES = 2
_TITLE_WORDS = 6
# A paragraph of prose below which the passes look: more words than this (fewer than the
# cleaner's ``_SHORT``, 20: a short piece's last paragraph may be a sentence of 13 words).
_PROSE_WORDS = 12
# A line this much link text, in a run of this many below the story: a list of links.
_LINKED = 0.9
_LEAST_LINKED = 3
_LINKS = ("structure related_posts: one of three or more lines in a row that are all link text "
          "below the story's last paragraph")
# A programme's line: a clock time, then its title ("- 19:35 Weather", "22:00晚间新闻").
_SCHEDULED = re.compile(r"^(?:- )?[0-2]?\d[:：][0-5]\d(?!\d)")
_LEAST_SCHEDULED = 3
_SCHEDULE = ("structure site_chrome: one of three or more lines in a row below the story that "
             "open with a clock time and are no sentence (a programme schedule)")
# The kinds of a pitch whose list of features follows it, and an item's words at most.
_PITCHES = frozenset(("newsletter_promo", "paywall"))
_FEATURE_WORDS = 9
_FEATURES = ("structure {kind}: an item of a list of short items right under a sign-up pitch "
             "below the story's last paragraph (the offer's features)")
_BELOW = ("structure site_chrome: a line below the site's copyright line, under the story's "
          "last paragraph")
_REASON = ("structure {kind}: a short line between two furniture lines below the story's "
           "last paragraph (a box's title)")


def label_below_story(state: Labelled, link_shares: list[float] | None) -> None:
    """Label the furniture run after the story's last sentence (the tail pass); below the
    last free paragraph of prose, the free lines under the site's copyright line, runs of
    a programme schedule and of link text (see the module), and the free short lines (no
    sentence's end, no digit) of at most ``_MOST_TITLES`` in a row between two labelled
    lines, with the kind of the furniture below them. ``link_shares``: None on plain text
    (nothing done)."""
    if link_shares is None:
        return
    label_tail(state)
    _label_teasers(state)
    _label_comments(state)
    _label_notes(state)
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
    _label_schedule(state, last)
    _label_features(state, last)
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


def _label_schedule(state: Labelled, last: int) -> None:
    """Label each run of ``_LEAST_SCHEDULED`` or more lines below ``last`` that open with a
    clock time (a list's dash before it) and end in no sentence's end."""
    run: list[int] = []
    for k in range(last + 1, len(state.p) + 1):
        if k < len(state.p) and _SCHEDULED.match(state.p[k]) and \
                TERMINAL.search(state.p[k]) is None:
            run.append(k)
            continue
        if len(run) >= _LEAST_SCHEDULED:
            for i in (i for i in run if state.free(i)):
                state.labels[i], state.reasons[i] = "site_chrome", _SCHEDULE
        run = []


def _label_features(state: Labelled, last: int) -> None:
    """Label the free list items (``- ``) of at most ``_FEATURE_WORDS`` words that follow
    a pitch's line below ``last`` in a row, with the pitch's kind."""
    kind = None
    for k in range(last + 1, len(state.p)):
        if state.labels[k] in _PITCHES:
            kind = state.labels[k]
        elif kind is not None and state.free(k) and state.p[k].startswith("- ") and \
                state.words[k] <= _FEATURE_WORDS:
            state.labels[k], state.reasons[k] = kind, _FEATURES.format(kind=kind)
        else:
            kind = None


def _title(text: str, words: int) -> bool:
    """A box's title: a few words, no sentence's end, no digit (a date or a count)."""
    return words <= _TITLE_WORDS and TERMINAL.search(text) is None and \
        not any(c.isdigit() for c in text)


def _label_teasers(state: Labelled) -> None:
    """Label the lines ending in a "more" link, when two or more do, and the short line
    above each that ends as no sentence (the teaser's headline)."""
    # The arrow or guillemet first: the pattern, anchored at the line's end, is searched
    # from every position of a line (most lines end in a full stop).
    ends = [i for i, text in enumerate(state.p) if text.rstrip()[-1:] in _ARROWS
            and state.free(i) and _MORE.search(text)]
    if len(ends) < _LEAST_TEASERS:
        return
    for i in ends:
        above = [i - 1] if i and state.free(i - 1) and state.words[i - 1] <= _HEADLINE_WORDS \
            and not TERMINAL.search(state.p[i - 1]) else []
        for k in [*above, i]:
            state.labels[k], state.reasons[k] = "related_posts", _TEASERS


def _label_comments(state: Labelled) -> None:
    """Label the comments' stamps in the page's second half when two or more stand there
    (the comments' own sentences are prose: no story's end tells where they start), and
    up to ``_COMMENT_LINES`` free lines under each, up to the next labelled line."""
    stamps = [i for i in range(len(state.p) // 2, len(state.p)) if _STAMP.match(state.p[i])]
    if len(stamps) < 2:
        return
    for i in stamps:
        state.labels[i], state.reasons[i] = "comment_form", _COMMENTS
        for k in range(i + 1, min(i + 1 + _COMMENT_LINES, len(state.p))):
            if not state.free(k):
                break
            state.labels[k], state.reasons[k] = "comment_form", _COMMENTS


@cache
def _heading_reasons() -> frozenset[str]:
    """The reasons the cleaner records for the ``block: lines`` rules (``rule <kind>:
    <reason>``, as ``text.apply_rules`` writes them)."""
    return frozenset(f"rule {r.kind}: {r.reason}" for r in load_rules() if r.block == "lines")


def _label_notes(state: Labelled) -> None:
    """Label up to ``_NOTE_LINES`` free lines under each short line a ``block: lines``
    rule took in the page's last 40 %, up to the next labelled line."""
    heads = _heading_reasons()
    for i in range(len(state.p) * 3 // 5, len(state.p)):
        kind = state.labels[i]
        if kind is None or state.words[i] > _NOTE_WORDS or state.reasons[i] not in heads:
            continue
        for k in range(i + 1, min(i + 1 + _NOTE_LINES, len(state.p))):
            if not state.free(k):
                break
            state.labels[k], state.reasons[k] = kind, _NOTES.format(kind=kind)
