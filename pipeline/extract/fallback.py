"""The safety net of cleaning: an article is never lost to pruning or the classifier.

When the cleaned text keeps far less than trafilatura alone finds on the page (the whole
article in a container whose class reads like chrome, a template the classifier has never
seen), the conservative result replaces it: trafilatura's extraction of the unpruned
page (with favor_recall first, the default when that finds little), cleaned by the
wording rules only. The article is flagged
(``Article.cleaning_fallback``) so the loss shows in the store instead of vanishing.
A cleaned text that is more than near-empty stays when the whole cleaner, classifier
included, keeps about as little of trafilatura's text: the difference was furniture; and
when trafilatura's story opens with a paragraph it kept (a brief beside a long thread of
comments is no lost article). trafilatura's text is judged without the page's lists of
other stories (``pipeline/clean/cards.py``), which are never the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import trafilatura

from pipeline.clean.cards import HEADINGS, headline_links
from pipeline.clean.html import drop_card_lists, paragraph_words
from pipeline.clean.text import CleanText, clean_paragraphs
from pipeline.extract.loader import load_html
from pipeline.languages import count_words
from pipeline.text import ascii_word_count, fold

_WORD = re.compile(r"\w+", re.UNICODE)
# trafilatura alone must find at least this many words for a page to count as substantial,
MIN_WORDS = 150
# and the cleaned text must keep less than this share of them to count as near-empty.
MIN_SHARE = 0.3


@dataclass(frozen=True)
class Fallback:
    """The conservative result and what the cleaned one had kept."""

    cleaned: CleanText
    kept_words: int
    alone_words: int


def words(text: str) -> int:
    """Number of words."""
    return len(_WORD.findall(text))


def words_of(texts: Sequence[str], folded: Sequence[str]) -> int:
    """``words`` of ``texts`` joined by spaces or blank lines (no word runs across the
    join: the sum of each text's), with ``folded`` the ``pipeline.text.fold`` of each:
    an ASCII text's words are read off its fold (``ascii_word_count``), the others
    searched for."""
    return sum(n if (n := ascii_word_count(t, f)) is not None else len(_WORD.findall(t))
               for t, f in zip(texts, folded, strict=True))


# Below this many words a result is near-empty whatever the page holds.
NEAR_EMPTY = 50


def needs_check(kept_words: int, page_words: int, framed: str = "",
                near: int | None = None) -> bool:
    r"""Cheap test first: only a near-empty result, or one far smaller than the page's own
    paragraph text, is compared with trafilatura alone (a second extraction). ``framed``:
    the text, when it comes from a story the layout pass framed in an old table portal
    (``pipeline/clean/layout.py``): more than near-empty in its language's words, it is
    that story, however small beside the page (trafilatura alone prints the portal's
    layout tables whole, and the 350-character Chinese story of a town's site fell back to
    its weather and calendar cells: blind pages, tuning set53). ``near``: the kept text's
    words in its language (``count_words``), which the near-empty test reads when given:
    ``\w+`` counts a Chinese clause as one word, and a 200-character story of 34 clauses
    was near-empty (blind pages, tuning set101: a video page fell back to its player's
    menus and the channel's schedule)."""
    if framed and count_words(framed) >= NEAR_EMPTY:
        return False
    near = kept_words if near is None else near
    return near < NEAR_EMPTY or kept_words < MIN_SHARE * page_words


def conservative(html: str, url: str, kept_words: int, *, title: str | None,
                 author: str | None, kept: Sequence[str] = (),
                 near: int | None = None) -> Fallback | None:
    """The conservative result when the cleaned text is near-empty beside trafilatura's.

    Args:
        html: the page as fetched.
        url: its URL.
        kept_words: words the normal extraction and cleaning kept.
        title: the headline from the page's metadata.
        author: the author from the page's metadata.
        kept: the folds (``pipeline.text.fold``) of the paragraphs the normal path kept.
        near: ``kept_words`` in the text's language (``needs_check``), for the near-empty
            tests.

    Returns:
        The fallback, or None when trafilatura alone finds no substantial text either, or
        the cleaned text kept a fair share of it (or, when the cleaned text is more than
        near-empty, of what the whole cleaner keeps of it).
    """
    if sum(1 for _ in islice(_WORD.finditer(html), MIN_WORDS)) < MIN_WORDS:
        # trafilatura's text cannot hold more words than the page's source: each of its
        # words comes from a run of word characters there (an entity or a JSON escape
        # decodes from one that holds its name or digits; markup and escapes put a
        # non-word character between two words), so a small page is judged without
        # extracting it twice (8-10 ms; ``test_fallback.py`` checks the bound). Counted
        # up to the limit only: a big page's source holds 20,000 words.
        return None
    tree = load_html(html)
    if tree is None:
        return None
    # Lists of other stories, told by their shape, are never the article: trafilatura's
    # finds are judged without them (a 100-word brief beside four teasers with summaries
    # and an author's bio fell back to all of them: blind pages, tuning set41).
    held, _ = paragraph_words(tree)
    drop_card_lists([*tree.iter(*HEADINGS), *headline_links(tree)], held,
                    max(1, sum(held.values())))
    # One parse for both: trafilatura extracts from a copy of a tree it is handed.
    alone = _alone(tree, url, favor_recall=True)
    if words(alone) < MIN_WORDS:
        # Some templates defeat the recall setting (it picks a small zone): trafilatura's
        # default is asked too, and judged the same way.
        alone = _alone(tree, url, favor_recall=False)
    alone_words = words(alone)
    if alone_words < MIN_WORDS or kept_words >= MIN_SHARE * alone_words:
        return None
    lines = alone.split("\n")
    near = kept_words if near is None else near
    if near >= NEAR_EMPTY and _opens_with_kept(lines, kept):
        # More than near-empty, and the story trafilatura found opens with a paragraph
        # kept: what the cleaned text lacks comes after the story's start (a thread of
        # readers' postings or teasers beside a 130-word brief fell back to all of them:
        # blind pages, tuning set39). A story pruned away leaves no such opening.
        return None
    if near >= NEAR_EMPTY:
        # The whole cleaner, classifier included, on trafilatura's text: when it keeps
        # about what the normal path kept, the extra words were furniture (a 50-slide
        # gallery beside a 650-word article, seen on the tuning part: the rules alone kept
        # it and replaced a clean text with five times as much furniture), not a lost
        # article. A near-empty result falls back whatever the classifier says: it may be
        # the classifier that emptied it.
        judged = words(" ".join(clean_paragraphs(lines, title=title, author=author,
                                                 from_page=True).paragraphs))
        if kept_words >= MIN_SHARE * judged:
            return None
    cleaned = clean_paragraphs(lines, title=title, author=author, model=False)
    if words(" ".join(cleaned.paragraphs)) < MIN_SHARE * alone_words:
        # The rules alone would empty it too: keep trafilatura's text as it is.
        cleaned = clean_paragraphs(lines, title=None, model=False)
        cleaned.paragraphs = [" ".join(p.split()) for p in lines if p.strip()]
        cleaned.folded = [fold(p) for p in cleaned.paragraphs]
        cleaned.removed, cleaned.reasons = [], []
    return Fallback(cleaned, kept_words, alone_words)


# A paragraph of this many words opens a story (not a kicker, a dateline or a byline).
_OPENING_WORDS = 20


def _opens_with_kept(lines: list[str], kept: Sequence[str]) -> bool:
    """Whether the first paragraph of ``_OPENING_WORDS`` words or more in ``lines`` is
    among the ``kept`` folds (or inside one: the cleaner may have joined lines)."""
    opening = next((line for line in lines if words(line) >= _OPENING_WORDS), None)
    if opening is None or not kept:
        return False
    folded = fold(" ".join(opening.split()))
    return any(folded in k for k in kept)


def _alone(tree: Any, url: str, *, favor_recall: bool) -> str:
    """trafilatura alone on the unpruned page (left unchanged: trafilatura copies a tree
    it is handed). favor_recall is tried first: the default sometimes picks a video
    player's or a menu's many short lines, which made a good cleaned text look like a big
    loss and replaced it (seen on the tuning part)."""
    doc: Any = trafilatura.bare_extraction(tree, url=url, with_metadata=False,
                                           include_comments=False, include_tables=True,
                                           deduplicate=False, favor_recall=favor_recall)
    return (doc.text or "") if doc is not None else ""
