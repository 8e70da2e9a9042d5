"""The story's own boxes that pruning would take by their tag or name: kept, and told
from boxes of other stories by what they hold.

- A reporter's background box in an ``<aside>`` between two of the story's paragraphs
  (a short history, key figures: "Юань в расчетах: ключевые цифры", "北方海航道小档案";
  blind pages, tuning sets 121, 123 and 125). Pruning read the tag as a box of other
  stories and trafilatura drops every ``aside`` whatever it holds. One that links
  nowhere, asks for nothing (no form) and holds two or more sentences is the story's:
  pruning keeps it and it becomes a ``div`` (its tag kept in ``data-rcwire-tag``). A box
  of teasers links out, a pull quote is one sentence, a sign-up box has its form, and a
  sidebar's box has no story paragraph on both sides.
- A story section in a box named like a list of other stories (``story_section``).
- Prose in a box of any name (``is_prose``): paragraphs of unlinked text.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.clean.cards import HEADINGS
from pipeline.clean.nodetext import (
    SENTENCE_END,
    data_table,
    holds_block,
    links_out,
    set_paragraphs,
    squashed_text,
    text_of,
)
from pipeline.languages import CJK, count_words

# The story's paragraphs on both sides are sentences of at least this many words.
_STORY_WORDS = 8
_WORD = re.compile(r"\w+")
# Paragraph words, and the most link text among them, that make a container prose.
_PROSE_WORDS = 120
_PROSE_LINK_SHARE = 0.25
# A shorter section of the story: this many paragraph words, two sentences, next to no link.
_SHORT_PROSE_WORDS = 60
_SHORT_PROSE_LINK_SHARE = 0.05


def _story_paragraph(node: Any, preceding: bool) -> bool:
    """The nearest paragraph of prose beside ``node``, past subheadings and short
    paragraphs that are no sentence (a timeline's date under the box), before any other
    element."""
    for sib in node.itersiblings(preceding=preceding):
        if not isinstance(sib.tag, str) or sib.tag in HEADINGS:
            continue
        # A paragraph, or a division set as one (a React build's ``div.paragraph``).
        if sib.tag != "p" and not (sib.tag == "div" and _leaf(sib)):
            return False
        text = squashed_text(sib)
        if SENTENCE_END.search(text):
            return count_words(text) >= _STORY_WORDS
    return False


def _links_or_asks(node: Any) -> bool:
    """Whether ``node`` links to another page or asks for something (a form's fields, a
    button, an embedded frame): what a box of other stories or a pitch has."""
    return links_out(node) or \
        next(node.iter("form", "input", "button", "iframe"), None) is not None


def story_box(node: Any) -> bool:
    """Whether the ``aside`` ``node`` is a background box of the story around it."""
    if node.tag != "aside" or _links_or_asks(node):
        return False
    sentences = sum(1 for el in node.iter("p", "li", "div")
                    if (el.tag != "div" or _leaf(el)) and SENTENCE_END.search(squashed_text(el)))
    # A table of figures counts as a sentence: a company's portrait over its staff by year
    # (blind pages, tuning set157).
    if sentences == 1 and any(data_table(t) for t in node.iter("table")):
        sentences = 2
    return sentences >= 2 and _story_paragraph(node, True) and _story_paragraph(node, False)


def _dress(node: Any, preceding: bool) -> tuple[str, str] | None:
    """The tag and class of the nearest element beside ``node`` holding a paragraph's
    worth of words (past empty ad slots and short lines), when it wears a class."""
    for sib in node.itersiblings(preceding=preceding):
        if isinstance(sib.tag, str) and count_words(squashed_text(sib)) >= _STORY_WORDS:
            cls = sib.get("class")
            return (sib.tag, cls) if cls else None
    return None


def story_section(node: Any) -> bool:
    """Whether ``node``, a box named like a list of other stories, holds a section of the
    story: a paragraph of at least ``_STORY_WORDS`` words dressed like the story's
    paragraphs on both sides of the box (same tag, same class), and no link out or form.
    A list of other stories links its items; a subheading, an intro and a list of three
    study routes in ``div.related-inline`` went whole (blind pages, tuning set55)."""
    if _links_or_asks(node):
        return False
    dress = _dress(node, True)
    if dress is None or dress != _dress(node, False):
        return False
    return any((el.tag, el.get("class")) == dress and
               count_words(squashed_text(el)) >= _STORY_WORDS for el in node.iterdescendants())


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def open_box(node: Any) -> None:
    """Make the box a ``div`` for trafilatura, its tag kept as ``data-rcwire-tag``."""
    node.set("data-rcwire-tag", node.tag)
    node.tag = "div"


def is_prose(node: Any, words: dict[Any, int], customs: tuple[str, ...]) -> bool:
    """A container of several paragraphs of unlinked text is an article section whatever
    its name says (``id="sharing-with-a-team"`` is a heading's slug, not a share bar).
    Comment threads are prose too, so their kind is left out of this test. A shorter
    section counts when at least two of its paragraphs are sentences and next to none
    of its words are links: a theme's "widget--text" box holding a section of the story
    (blind pages, tuning set25); a box of teasers links each of its items. ``words``: the
    page's paragraphs' ``\\w+`` counts. Chinese and Japanese text, which ``\\w+`` reads
    as one word a clause, is counted again by ``count_words`` when it falls short: a
    review's pros and cons in ``div.promo-box`` went (blind pages, tuning set53)."""
    paragraphs, blocks = set_paragraphs(node, customs)
    prose = sum(words.get(p, 0) for p in paragraphs)
    paragraphs += blocks
    prose += sum(_words(text_of(d)) for d in blocks)
    counted = _words
    if prose < _SHORT_PROSE_WORDS:
        texts = [text_of(p) for p in paragraphs]
        if not any(CJK.search(text) for text in texts):
            return False
        prose, counted = sum(count_words(text) for text in texts), count_words
        if prose < _SHORT_PROSE_WORDS:
            return False
    linked = sum(counted(text_of(a)) for a in node.iter("a"))  # in the prose's measure
    if prose >= _PROSE_WORDS:
        return linked < _PROSE_LINK_SHARE * prose
    return linked <= _SHORT_PROSE_LINK_SHARE * prose and sum(
        1 for p in paragraphs if SENTENCE_END.search(text_of(p))) >= 2


def _leaf(node: Any) -> bool:
    """A division holding text and no block: set as a paragraph."""
    return not holds_block(node) and bool(squashed_text(node))
