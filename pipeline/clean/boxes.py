"""A reporter's background box set inside the story: kept, and opened for trafilatura.

Stories carry a short history, key figures or a profile of a place in an ``<aside>`` set
between two of their paragraphs ("Юань в расчетах: ключевые цифры", "北方海航道小档案",
"Two decades of talks": blind pages, tuning sets 121, 123 and 125). Pruning read the tag
as a box of other stories and trafilatura drops every ``aside`` whatever it holds, so the
box went whole. An ``aside`` between two of the story's paragraphs that links nowhere,
asks for nothing (no form) and holds two or more sentences (paragraphs or list items) is
the story's: pruning keeps it and it becomes a ``div`` (its tag kept in
``data-rcwire-tag``), which trafilatura reads like the story around it. A box of teasers
links out, a pull quote is one sentence, a sign-up box has its form, and a sidebar's box
has no story paragraph on both sides.
"""

from __future__ import annotations

from typing import Any

from pipeline.clean.cards import HEADINGS
from pipeline.clean.nodetext import SENTENCE_END, links_out, squashed_text
from pipeline.languages import count_words

# The story's paragraphs on both sides are sentences of at least this many words.
_STORY_WORDS = 8


def _story_paragraph(node: Any, preceding: bool) -> bool:
    """The nearest paragraph of prose beside ``node``, past subheadings and short
    paragraphs that are no sentence (a timeline's date under the box), before any other
    element."""
    for sib in node.itersiblings(preceding=preceding):
        if not isinstance(sib.tag, str) or sib.tag in HEADINGS:
            continue
        if sib.tag != "p":
            return False
        text = squashed_text(sib)
        if SENTENCE_END.search(text):
            return count_words(text) >= _STORY_WORDS
    return False


def story_box(node: Any) -> bool:
    """Whether the ``aside`` ``node`` is a background box of the story around it."""
    if node.tag != "aside" or links_out(node) or \
            next(node.iter("form", "input", "button", "iframe"), None) is not None:
        return False
    sentences = sum(1 for el in node.iter("p", "li") if SENTENCE_END.search(squashed_text(el)))
    return sentences >= 2 and _story_paragraph(node, True) and _story_paragraph(node, False)


def open_box(node: Any) -> None:
    """Make the box a ``div`` for trafilatura, its tag kept as ``data-rcwire-tag``."""
    node.set("data-rcwire-tag", node.tag)
    node.tag = "div"
