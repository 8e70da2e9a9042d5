"""The classifier's pass over the text cleaner's paragraphs, and the reasons of removals.

Runs after every rule: it only labels paragraphs the rules left, never a long one, and
names each removal's kind (the neighbouring removal's kind when it continues a block, else
a generic wording cue, else ``classified_boilerplate``) and its reason (the probability and
the features that raised it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from pipeline.clean.classifier import Model, explain, load_model, load_text_model, score_page
from pipeline.clean.features import Page, framed, in_teaser_run
from pipeline.clean.furniture import Labelled
from pipeline.clean.header import (
    HEADING_WORDS,
    TERMINAL,
    list_item,
    next_free,
    previous_free,
    taken_up,
)
from pipeline.clean.lexicon import furniture_words
from pipeline.clean.reporting import SPEECH
from pipeline.languages import SCRIPT_STOPS, opens_lower

# The classifier leaves prose longer than this to the rules: a wrong call costs a paragraph
# (a 47-word lead of a short wire story, once), and out of fold (4 folds by site) at its
# threshold it called no paragraph over 20 words boilerplate anyway (issue 15).
MAX_WORDS = 25
# An item of a teaser run (a gallery slide, a related story with its summary) is judged up to
# this length: the run, not the item, says what it is.
MAX_RUN_WORDS = 100
# A run of at least this many short lines (of at most this many words) is a list.
_LIST_RUN, _LIST_ITEM_WORDS = 3, 3
_KIND_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I)) for kind, pattern in (
        ("cookie_notice", r"\bcookies?\b|\bconsent\b|\bprivacy\b|\btracking\b"),
        ("reading_time", r"^\D{0,20}\d+\s*-?\s*(min|mins|minutes?)\b"),
        ("comment_form", r"\bcomments?\b|\bcommenting\b|\brepl(y|ies)\b|\bconversation\b"),
        ("social_prompt", r"\bshare\b|\bfollow\b|\btweet\b|\bwhatsapp\b|\bcopy link\b|"
                          r"\blink copied\b"),
        ("newsletter_promo", r"\bnewsletters?\b|\bsubscri|\binbox\b|\bsign(ed|ing)? up\b|"
                             r"\bdonat|\bmembers?(hip)?\b|\bregister\b|\bpodcasts?\b|\bapp\b"),
        ("image_credit", r"\b(photo|photograph|image|picture|illustration|graphic|video)"
                         r"s?\b\s*(by|:)|\bcourtesy\b|\bcredit\b"),
        ("ad_label", r"\badverti|\bsponsor|\bpromot"),
        # A short heading that points elsewhere ("More on this", "Up next"): a list follows.
        ("related_posts", r"^(\w+ ){0,3}(more|next|related|latest|also)( \w+){0,3}:?$"),
    )
)
# The plain-text model judges only lines that are no sentence: ones this long that end as a
# sentence (and are no separated list) stay with the page model. It learned from whole blind
# articles whose tail is furniture and whose body is long, and read short prose by its
# place: the lead of a three-paragraph story between a byline and an ad label went at
# p=0.87, a closing "..., an analyst said." at p=0.87, an interviewer's question too.
_SENTENCE_WORDS = 6
_LIST_MARKS = re.compile(r"[|·•]")
# A sentence's end (a colon or semicolon opens something: "More on this:" is no sentence).
_SENTENCE_END = re.compile(rf"[.!?…。！？{SCRIPT_STOPS}]\s?[”“\"’‘'»«›‹)\]」』）]*$")
_PROSE_WORDS = 20
# The plain-text model's second opinion on a line a structural pass picked
# (``text_model_agrees``). Tuning blind articles, sentences alone in the furniture run:
# 0.5 kept two body lines (in-sample: the model trained on them), 0.3 none.
_AGREES = 0.3
# An item of a list: a line this short with no sentence end.
_ITEM_WORDS = 16
_WORD = re.compile(r"\w+")
# Kinds a neighbouring classifier removal may inherit (a block of one kind of furniture).
_BLOCK_KINDS = frozenset(("newsletter_promo", "related_posts", "comment_form", "author_bio",
                          "publisher_bio", "social_prompt", "cookie_notice", "site_chrome",
                          "footnote", "paywall"))
_STRUCTURAL = {
    "title": "the headline", "duplicate_title": "the headline repeated",
    "site_chrome": "short lines above the headline or site navigation",
    "dateline": "a date standing alone above the body", "date_stub": "a date standing alone",
    "byline": "an author line above the body", "duplicate_line": "a line printed twice",
    "image_caption": "a short line right above a photo credit",
    "lead_duplicate": "a summary the next paragraph repeats",
    "subtitle": "a standfirst under the headline",
    "author_bio": "a name line and a sentence about that person at the end",
    "publisher_bio": "a sentence about the publishing organisation at the end",
    "inline_related_link": "a headline-like line between body paragraphs",
    "learned_boilerplate": "a paragraph this source repeats across its articles",
    "furniture_words": "a short line made only of interface and furniture words",
    "furniture_label": "a line opening with a label made only of furniture words",
    "furniture_words_kin": "a short line of a listed language's furniture words as a kindred "
                           "language spells them (accents aside, a letter off)",
    "furniture_sentence": "a line near the page's end thick with one language's furniture "
                          "words",
    "inline_label": "a label of a few words and another story's headline between two of "
                    "the story's sentences",
    "consent": "a short line naming cookies in the page's first quarter or last part",
    "slash_credit": "a caption ending in a credit: a label and a name, or a name and an "
                    "agency after a slash",
    "channel_pitch": "a line naming a messenger or feed to follow the site on, below the "
                     "article's end",
    "interface_loan": "a line below the article's end naming the site's comments, log-in, "
                      "e-mail or subscription by a word most languages borrow",
    "run_sentence": "a sentence alone between furniture lines below the article's end, "
                    "which the plain-text model leans to call furniture",
}


# An obituary's closing line, the person's name, role and life dates ("..., translator,
# born 2 June 1936; died 19 February 2025"), is the story's however short and late on the
# page (the plain-text model took one of tuning set 235 at p=0.96; nothing else of the
# tuning material has the form).
_LIFE_DATES = re.compile(r"\bborn\b[^;.]{0,40}[;,]\s*died\b|"
                         r"\b(?:родил(?:ся|ась)|род\.)\s.{0,40}\b(?:умер|скончал)", re.I)


def judged(text: str, words: int, in_run: bool = False) -> bool:
    """Paragraphs the classifier may remove: not long prose unless it sits in a teaser run
    (``features.in_teaser_run``; then up to ``MAX_RUN_WORDS``), not a table row (tables are
    content trafilatura chose to keep; their cells read like navigation to the model), not
    an obituary's life dates (``_LIFE_DATES``)."""
    return words <= (MAX_RUN_WORDS if in_run else MAX_WORDS) and not text.startswith("|") \
        and not _LIFE_DATES.search(text)


# Models other than the committed ones, while ``using_model`` is active (the training
# script's cross-validation scores each fold of sites with models that never saw it).
_override: list[tuple[Model, Model | None]] = []


@contextmanager
def using_model(model: Model, text_model: Model | None = None) -> Iterator[None]:
    """Clean with ``model`` instead of the committed page model inside the block, and with
    ``text_model`` (None: none) instead of the plain-text one."""
    _override.append((model, text_model))
    try:
        yield
    finally:
        _override.pop()


def label_by_model(state: Labelled, link_shares: list[float] | None, *,
                   from_page: bool = False) -> None:
    """Label the free paragraphs the page model calls boilerplate: at its page threshold
    when link shares are known or the text is a page's (``from_page``), else at its
    plain-text one (``label_lines_by_text_model`` then adds the plain-text model)."""
    page_input = link_shares is not None or from_page
    model = _override[-1][0] if _override else load_model()
    # Plain text has its own threshold (scripts/train_cleaner.py says how each is chosen).
    if model is not None:
        _label(state, link_shares, model, model.threshold if page_input else
               model.threshold_text, sentences=True, reported=not page_input)


def label_lines_by_text_model(state: Labelled) -> None:
    """Plain text only, after every other pass: the free lines that are no sentence which
    the plain-text model calls boilerplate."""
    model = _override[-1][1] if _override else load_text_model()
    if model is not None:
        _label(state, None, model, model.threshold_text, sentences=False,
               which=" (plain-text model)", guarded=True)


def text_model_agrees(state: Labelled, candidates: list[int]) -> list[int]:
    """The ``candidates`` (free lines a structural pass picked) that the plain-text model
    scores at ``_AGREES`` or more: a second opinion far below its own threshold, since
    the pass's shape already says where the line sits."""
    model = _override[-1][1] if _override else load_text_model()
    if model is None or not candidates:
        return []
    wanted = [False] * len(state.p)
    for i in candidates:
        wanted[i] = True
    probs = score_page(_page(state, None), model, wanted).probs
    return [i for i in candidates if probs[i] >= _AGREES]


def _label(state: Labelled, link_shares: list[float] | None, model: Model, threshold: float,
           *, sentences: bool, which: str = "", guarded: bool = False,
           reported: bool = False) -> None:
    # ``guarded``: the plain-text model's call; a line broken out of a sentence and one
    # item of a list are not its to take (``_unbroken``, ``_whole_lists``). ``reported``:
    # nor a sentence that reports speech outside a teaser run (the page model on plain
    # text; a gallery's slides report speech too).
    # Only these paragraphs can be labelled: the others are not scored at all.
    runs = in_teaser_run(state.p, link_shares)
    wanted = [state.free(i) and judged(state.p[i], state.words[i], runs[i])
              and not _subheading(state, i) and not _listed(state, i)
              and (sentences or not (_sentence(state.p[i], state.words[i])
                                     or _figures(state.p[i]) or _mark(state.p[i])))
              and not (reported and not runs[i] and _SENTENCE_END.search(state.p[i])
                       is not None and SPEECH.search(state.p[i]) is not None)
              for i in range(len(state.p))]
    if not any(wanted):
        return
    scored = score_page(_page(state, link_shares), model, wanted)
    hits = [i for i, p in enumerate(scored.probs) if wanted[i] and p >= threshold]
    if guarded:
        hits = _whole_lists(state, _unbroken(state, hits))
    for i in hits:
        state.labels[i] = "classifier"
        state.reasons[i] = (f"classifier p={scored.probs[i]:.2f}{which}: "
                            f"{explain(model, scored, i, state.p[i])}")
    for i in hits:
        state.labels[i] = _kind(state, i)


def _page(state: Labelled, link_shares: list[float] | None) -> Page:
    """The cleaner's paragraphs as the classifier reads them, with what the rules took."""
    return Page(state.p, title=state.title, link_shares=link_shares,
                rule_labelled=framed(state.labels), folded=state.f,
                language=state.language)


def _sentence(text: str, words: int) -> bool:
    """Prose the plain-text model leaves alone: a sentence's end after enough words, no
    list separators."""
    return words >= _SENTENCE_WORDS and _SENTENCE_END.search(text) is not None and \
        _LIST_MARKS.search(text) is None


def _figures(text: str) -> bool:
    """A row at least half of whose items hold a digit ("Soybeans 120,000 t +14%"): a table's
    or a ticker's, which the plain-text model (tickers were furniture in its articles) cannot
    tell apart; the page model judges it."""
    items = text.split()
    return 2 * sum(any(c.isdigit() for c in item) for item in items) >= len(items)


def _mark(text: str) -> bool:
    """A line with neither letters nor digits: a section break ("***", "—") the text keeps,
    which the plain-text model, reading only its punctuation, would call furniture."""
    return not any(c.isalnum() for c in text)


def _subheading(state: Labelled, i: int) -> bool:
    """A line of a few words with no sentence end after a sentence and over prose is a
    section heading when it is written in capitals ("TRANSIT FEES A STICKING POINT": the
    model has seen all-caps lines mostly as furniture), opens two paragraphs of prose, or
    the paragraphs under it take up its words ("Drivers sleep in their cabs" over "...
    slept in their cabs ..."); the model, which weighs it like a teaser, is not asked."""
    text = state.p[i]
    # No furniture word ("Follow us on Facebook" is no heading, nor is "Like the Herald on
    # Facebook" in title case).
    if not 2 <= state.words[i] <= 10 or TERMINAL.search(text) or \
            any(c.isdigit() for c in text) or \
            furniture_words().words & set(_WORD.findall(text.lower())):
        return False
    capitals = text.isupper() and state.words[i] >= 3
    if not capitals and state.words[i] > HEADING_WORDS:
        return False
    before = previous_free(state, i)
    after = next_free(state, i + 1)
    if before is None or not TERMINAL.search(state.p[before]) or not after or \
            not _prose(state, after[0]):
        return False
    if capitals:
        return state.words[before] > _PROSE_WORDS
    # A heading that opens a section of prose (two paragraphs), or whose words it takes up.
    return (len(after) == 2 and _prose(state, after[1])) or \
        taken_up(state, i, after)


def _prose(state: Labelled, i: int) -> bool:
    return state.words[i] > _PROSE_WORDS and TERMINAL.search(state.p[i]) is not None


def _listed(state: Labelled, i: int) -> bool:
    """An item of a list the article introduces with a colon ("The crossings named in the
    rule:" over short lines), or a marked item alone between two paragraphs of prose: the
    model reads a headline-like item as a teaser."""
    # The paragraph's own tests first (the same answer): one that is no item itself needs
    # no walk back over the short lines above it.
    if state.words[i] > _ITEM_WORDS or TERMINAL.search(state.p[i]):
        return False
    if list_item(state.p[i]):
        # A list of one item between two paragraphs of prose: a point the story makes
        # (menus and teaser lists come as runs of items, not one).
        before = previous_free(state, i)
        after = next_free(state, i + 1, 1)
        if before is not None and after and _prose(state, before) and _prose(state, after[0]):
            return True
    j = i - 1
    while j >= 0 and state.free(j) and state.words[j] <= _ITEM_WORDS and \
            not TERMINAL.search(state.p[j]):
        j -= 1
    return j >= 0 and state.free(j) and state.p[j].rstrip().endswith(":")


def _kind(state: Labelled, i: int) -> str:
    for j in (i - 1, i + 1):
        if 0 <= j < len(state.p) and state.labels[j] in _BLOCK_KINDS:
            return str(state.labels[j])
    return cue_kind(state.p[i], "classified_boilerplate")


def cue_kind(text: str, default: str) -> str:
    """The kind of furniture a line's wording suggests, or ``default``."""
    for kind, cue in _KIND_CUES:
        if cue.search(text):
            return kind
    return default


def structural_reason(kind: str) -> str:
    """The reason recorded for a removal made by one of the text cleaner's passes."""
    return f"structure {kind}: {_STRUCTURAL.get(kind, 'a short line in a block of ' + kind)}"


def _unbroken(state: Labelled, hits: list[int]) -> list[int]:
    """``hits`` less the lines a scraper broke out of a sentence: no sentence end, and the
    next line goes on in lower case ("... two weeks earlier" over "than usual, ...")."""
    return [i for i in hits
            if TERMINAL.search(state.p[i]) or i + 1 >= len(state.p)
            or not opens_lower(state.p[i + 1])]


def _whole_lists(state: Labelled, hits: list[int]) -> list[int]:
    """``hits`` less the items of a run of short lines the model took only some of: a
    list (of places, of names) is the page's or the story's as a whole; taking one item of
    four is the model unsure, not a menu found."""
    taken = set(hits)
    keep = set(hits)
    i = 0
    while i < len(state.p):
        j = i
        while j < len(state.p) and state.words[j] <= _LIST_ITEM_WORDS \
                and not TERMINAL.search(state.p[j]) and (state.free(j) or j in taken):
            j += 1
        if j - i >= _LIST_RUN and 0 < sum(k in taken for k in range(i, j)) * 2 < j - i:
            keep -= set(range(i, j))
        i = max(j, i + 1)
    return [i for i in hits if i in keep]
