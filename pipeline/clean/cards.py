"""Lists of other stories told by their shape: items that each lead with a linked
headline, most followed by a short unlinked summary.

A site's "more news" strip does not always carry a class word pruning knows (``zr-more``,
``kasten-liste``): its items are the other stories' linked headlines with a summary under
each, and on a page with a short story the summaries outweigh it (blind pages, tuning
sets 39 and 41: precision 0.23 and 0.30). A story never has that shape: its subheadings
are not links, and its sections are longer than a teaser's summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml import etree

_WORD = re.compile(r"\w+")
HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
# Items in a list of cards, at the least.
_LEAST_ITEMS = 3
# An item's unlinked words, on average, at the most: a summary, not a section.
_MOST_SUMMARY_WORDS = 60
# Levels from a headline up to its item.
_ITEM_DEPTH = 3


def card_lists(headings: Iterable[Any]) -> list[Any]:
    """The containers whose children include ``_LEAST_ITEMS`` or more items that each hold
    a linked headline (a heading that is its link's text, or a heading inside a link), with
    ``_MOST_SUMMARY_WORDS`` unlinked words an item or fewer on average; the innermost such
    container, in document order, none inside another.

    Args:
        headings: the page's ``h2`` to ``h6`` elements (pruning lists them already: a
            walk of the page costs 0.15 ms).
    """
    items: dict[Any, set[Any]] = {}
    for heading in headings:
        if not _linked(heading):
            continue
        node = heading
        for _ in range(_ITEM_DEPTH):
            parent = node.getparent()
            if parent is None:
                break
            items.setdefault(parent, set()).add(node)
            node = parent
    lists = {c: children for c, children in items.items() if len(children) >= _LEAST_ITEMS}
    # Only the innermost: a candidate with another inside it is that one's wrapper.
    outer = {a for c in lists for a in c.iterancestors() if a in lists}
    found = [c for c, children in lists.items() if c not in outer and
             sum(_unlinked_words(child) for child in children)
             <= _MOST_SUMMARY_WORDS * len(children)]
    return [c for c in found if not any(a in found for a in c.iterancestors())]


def _linked(heading: Any) -> bool:
    """A heading that is a link's text, or sits in a link (its parent or grandparent)."""
    text = _text(heading).strip()
    if not text:
        return False
    parent = heading.getparent()
    if parent is not None and (parent.tag == "a" or
                               ((up := parent.getparent()) is not None and up.tag == "a")):
        return True
    linked = sum(len(_text(a).strip()) for a in heading.iter("a"))
    return linked >= 0.8 * len(text)


def _unlinked_words(node: Any) -> int:
    words = len(_WORD.findall(_text(node)))
    return words - sum(len(_WORD.findall(_text(a))) for a in node.iter("a"))


def _text(node: Any) -> str:
    # ``html.text_of``'s one call: this module cannot import html.py, which imports it.
    return str(etree.tostring(node, method="text", encoding=str, with_tail=False))
