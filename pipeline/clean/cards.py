"""Lists of other stories told by their shape: items that each lead with a linked
headline, most followed by a short unlinked summary.

A site's "more news" strip does not always carry a class word pruning knows (``zr-more``,
``kasten-liste``): its items are the other stories' linked headlines with a summary under
each, and on a page with a short story the summaries outweigh it (blind pages, tuning
sets 39 and 41: precision 0.23 and 0.30). A story never has that shape: its subheadings
are not links, and its sections are longer than a teaser's summary. Older CMSs set the
headlines as bold links in table rows or divs (``<a><b>..</b></a><br>`` and a summary:
tuning sets 45 and 47), which count as headings here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pipeline.clean.nodetext import text_of
from pipeline.languages import count_words

_WORD = re.compile(r"\w+")
HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
# Items in a list of cards, at the least.
_LEAST_ITEMS = 3
# An item's unlinked words, on average, at the most: a summary, not a section.
_MOST_SUMMARY_WORDS = 60
# Levels from a headline up to its item: four reach a Bootstrap card's column (h3 in
# card-body in card in col, the cols in a row).
_ITEM_DEPTH = 4
# A bold link's words, at the least, to be read as a headline.
_LEAST_HEADLINE_WORDS = 3
_LEAST_LINK_WORDS = 4
# A summary's "more" link, at the most.
_MORE_WORDS = 2
_ITEM_TAGS = frozenset(("li", "font", "div", "p", "span"))
# What holds a teaser's summary after its headline link; what a summary never holds.
_SUMMARY_TAGS = frozenset(("p", "div", "span"))
_BLOCKS_IN = ("p", "div", "ul", "ol", "table", "h2", "h3", "h4")
# The date opens this close after the link, in its tail or in the next element's text.
_DATE_WITHIN = 24
_DIGIT = re.compile(r"\d")
# What a dated headline's item holds beside its link: a bullet and a date (numeric, or
# with the month's name: "Feb 18, 2025", "18. Februar 2025"), a clock time, a time zone.
_DATED = re.compile(r"[\W_]*(?:\d{1,4}(?:[./:-]\d{1,4}){1,2}|[^\W\d_]{3,9}\.?\s\d{1,2},?\s\d{4}|"
                    r"\d{1,2}\.?\s[^\W\d_]{3,9}\.?,?\s\d{4})[\W_]*"
                    r"(?:\d{1,2}[:.]\d\d[\W_]*)?(?:[^\W\d_]{1,4}\b[\W_]*)?")


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
    # Two items make a list when both summaries are cut off ("..."): an excerpt, never a
    # story's section (a press portal's "also from this source": blind pages, set77).
    lists = {c: children for c, children in items.items() if len(children) >= _LEAST_ITEMS
             or (len(children) == 2 and all(map(_cut_off, children)))}
    # Only the innermost: a candidate with another inside it is that one's wrapper.
    outer = {a for c in lists for a in c.iterancestors() if a in lists}
    found = [c for c, children in lists.items() if c not in outer and
             sum(_unlinked_words(child) for child in children)
             <= _MOST_SUMMARY_WORDS * len(children)]
    return [c for c in found if not any(a in found for a in c.iterancestors())]


def headline_links(tree: Any) -> list[Any]:
    """Headlines set as links rather than headings, which ``card_lists`` takes beside the
    headings: bold links (``<a><b>..</b></a>`` or ``<b><a>..</a></b>``, three words or
    more: the ``a`` of the first form, the ``b`` or ``strong`` of the second), and links of
    four words or more alone in their item but for a bullet and a date."""
    found = []
    for bold in tree.iter("b", "strong"):
        parent = bold.getparent()
        text = text_of(bold)
        if len(_WORD.findall(text)) < _LEAST_HEADLINE_WORDS:
            continue
        if parent is not None and parent.tag == "a" and len(parent) == 1 and \
                not (parent.text or "").strip() and not (bold.tail or "").strip():
            found.append(parent)
        elif len(bold) == 1 and bold[0].tag == "a" and not (bold.text or "").strip() and \
                not (bold[0].tail or "").strip():
            found.append(bold)
    # A list's plain links with nothing beside them but a bullet and a date ("• Ice drift
    # expected mid-April 01.04.2025"): the section's other stories, newest first.
    for link in tree.iter("a"):
        item = link.getparent()
        if item is not None and item.tag == "dt":
            # A definition list's term as the headline and its description as the summary
            # (``<dt><a>headline</a></dt><dd>summary</dd>``: an old Chinese CMS's news list).
            if _described(link, item):
                found.append(link)
            continue
        if item is None or item.tag not in _ITEM_TAGS:
            continue
        nxt = link.getnext()
        # A plain link followed by its summary (``<a>headline</a><p>summary</p>``, a
        # rubric or a thumbnail before it): a headline, as a heading would be.
        if nxt is not None and nxt.tag in _SUMMARY_TAGS and not (link.tail or "").strip() \
                and _summary(nxt) and count_words(text_of(link)) >= _LEAST_LINK_WORDS:
            found.append(link)
            continue
        # The date follows the link (its tail, or the next element's text) or leads it
        # (``<li><span>2025-06-10</span><a>headline</a></li>``): a cheap test that passes
        # over most links of a page before their text is read.
        if not _DIGIT.search((link.tail or "")[:_DATE_WITHIN]) and \
                (nxt is None or not _DIGIT.search((nxt.text or "")[:_DATE_WITHIN])) and \
                not _DIGIT.search(_before(link, item)[-_DATE_WITHIN:]):
            # Or the link fills its own paragraph and the date follows that
            # (``<li><p><a>headline</a></p><span>2024-01-08</span></li>``).
            after = item.getnext()
            if nxt is not None or len(item) != 1 or (item.text or "").strip() or \
                    (link.tail or "").strip() or after is None or \
                    not _DIGIT.search((after.text or "")[:_DATE_WITHIN]) or \
                    (item := item.getparent()) is None:
                continue
        text = text_of(link)
        if count_words(text) >= _LEAST_LINK_WORDS and \
                _DATED.fullmatch(text_of(item).replace(text, " ", 1)):
            found.append(link)
    return found


def _described(link: Any, term: Any) -> bool:
    """Whether ``link`` alone fills its ``dt`` and a ``dd`` summary follows the term."""
    dd = term.getnext()
    return dd is not None and dd.tag == "dd" and len(term) == 1 and \
        not (term.text or "").strip() and not (link.tail or "").strip() and _summary(dd) and \
        count_words(text_of(link)) >= _LEAST_LINK_WORDS


def _before(link: Any, item: Any) -> str:
    """The text just before ``link`` in its item: the previous element's text and tail,
    or the item's own text when the link comes first."""
    prev = link.getprevious()
    return (prev.text or "") + (prev.tail or "") if prev is not None else item.text or ""


def _cut_off(item: Any) -> bool:
    """Whether ``item``'s text ends in an ellipsis (a teaser's cut summary)."""
    return text_of(item).rstrip().endswith(("...", "…"))


def _summary(node: Any) -> bool:
    """Whether ``node`` reads as a teaser's summary: a sentence or two of unlinked text
    (``_MOST_SUMMARY_WORDS`` words at the most) and no block inside; a "more" link of a
    word or two may close it ("[详细]", "Read more")."""
    if next(node.iterdescendants(*_BLOCKS_IN), None) is not None or \
            any(count_words(text_of(a)) > _MORE_WORDS for a in node.iter("a")):
        return False
    words = count_words(text_of(node))  # a Chinese clause is one \w+ run
    return 0 < words <= _MOST_SUMMARY_WORDS


def _linked(heading: Any) -> bool:
    """A heading that is a link's text, or sits in a link (its parent or grandparent)."""
    if heading.tag == "a":  # a bold link (``headline_links``)
        return True
    text = text_of(heading).strip()
    if not text:
        return False
    parent = heading.getparent()
    if parent is not None and (parent.tag == "a" or
                               ((up := parent.getparent()) is not None and up.tag == "a")):
        return True
    linked = sum(len(text_of(a).strip()) for a in heading.iter("a"))
    return linked >= 0.8 * len(text)


def _unlinked_words(node: Any) -> int:
    words = len(_WORD.findall(text_of(node)))
    return words - sum(len(_WORD.findall(text_of(a))) for a in node.iter("a"))
