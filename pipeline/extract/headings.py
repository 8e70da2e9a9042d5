"""Section headings and lists trafilatura drops between two paragraphs it keeps.

On some templates trafilatura's extraction keeps a story's paragraphs and leaves out the
``<h2>``/``<h3>`` or the ``<ul>`` between them (blind pages, tuning sets: a German
daily's and a Chinese portal's subheadings, an Italian portal's list of stolen works;
the same markup inside ``<article>`` keeps them). A heading or a list whose neighbours
(the paragraph before it and the one after it in the page) come out as two consecutive
lines of the text sat inside the story: it is put back between them (a list item by
item, as trafilatura prints one: "- item"), and the cleaner judges it like any line.
"""

from __future__ import annotations

from itertools import takewhile
from typing import Any

from pipeline.clean.nodetext import squashed_text
from pipeline.languages import count_words
from pipeline.text import fold

_HEADINGS = ("h2", "h3", "h4")
_LISTS = ("ul", "ol")
# A heading is a few words; a longer block in a heading tag is a teaser or a standfirst.
_MAX_WORDS = 16
# A list item longer than this is no item of a story's list.
_MAX_ITEM_WORDS = 60
# A sibling of this few words between a block and its paragraph is a box to pass over.
_BOX_WORDS = 3

# (fold of the paragraph above, the lines to put back, fold of the paragraph below)
Slot = tuple[str, list[str], str]


def _links(node: Any, text: str) -> bool:
    """Most of the node's words are link text: a box of links to other stories."""
    linked = sum(len(squashed_text(a).split()) for a in node.iter("a"))
    return linked >= 0.5 * len(text.split())


def _neighbour(node: Any, forward: bool) -> tuple[Any, Any] | None:
    """The nearest ``p`` sibling before or after ``node`` with text, past empty ones, small
    boxes (an ad slot and its label: "Werbung", "PUBLICIDAD") and boxes of links; as
    (the sibling, its paragraph): the paragraph may be a box's (``_edge_paragraph``)."""
    for sib in node.itersiblings(preceding=not forward):
        if not isinstance(sib.tag, str):
            continue
        text = squashed_text(sib)
        if sib.tag == "p" and text:
            return sib, sib
        if sib.tag in _HEADINGS or sib.tag in _LISTS:
            continue  # a heading and a list under it are put back together
        # Words in the text's language: a Chinese blockquote is one run of characters
        # with no space, no small box to pass over (blind pages, tuning set119).
        if count_words(text) > _BOX_WORDS and not _links(sib, text):
            # A box whose text ends (or, below, opens) with a paragraph: a video's or a
            # picture's caption, the last paragraph of a container of the story's
            # (blind pages, tuning set93: a "what we know" list under a video's caption).
            edge = _edge_paragraph(sib, text, forward)
            return (sib, edge) if edge is not None else None
    return None


def _edge_paragraph(box: Any, text: str, first: bool) -> Any:
    """The box's first (``first``) or last paragraph with text when the box's text opens or
    ends with it, else None."""
    paras = [p for p in box.iter("p") if squashed_text(p)]
    if not paras:
        return None
    edge = paras[0] if first else paras[-1]
    own = squashed_text(edge)
    return edge if (text.startswith(own) if first else text.endswith(own)) else None


def _lines(node: Any) -> list[str]:
    """What the block puts back: the heading, or the list's items; none for a teaser
    in a heading tag or a list of links."""
    if node.tag in _HEADINGS:
        text = squashed_text(node)
        return [text] if text and len(text.split()) <= _MAX_WORDS else []
    items = [squashed_text(li) for li in node.iterchildren("li")]
    if not items or any(not t or len(t.split()) > _MAX_ITEM_WORDS for t in items):
        return []
    if _links(node, " ".join(items)):
        return []
    return [f"- {t}" for t in items]


def heading_slots(tree: Any) -> list[Slot]:
    """Each heading or list set between two paragraphs of one container, with those
    paragraphs' folds; read before trafilatura consumes the tree."""
    slots: dict[tuple[Any, Any], Slot] = {}
    for node in tree.iter(*_HEADINGS, *_LISTS):
        # The neighbours first: most lists (menus, link rows) have none.
        above = _neighbour(node, False)
        if above is None or (below := _neighbour(node, True)) is None or \
                (above[0], below[0]) in slots:
            continue
        # Every heading and list between the two paragraphs, in order ("h3, ul" or
        # "ul, h3": a Chinese portal's figures list above a subheading).
        between = takewhile(lambda sib: sib is not below[0], above[0].itersiblings())
        lines = [line for sib in between if sib.tag in _HEADINGS or sib.tag in _LISTS
                 for line in _lines(sib)]
        if lines:
            slots[above[0], below[0]] = (fold(squashed_text(above[1])), lines,
                                         fold(squashed_text(below[1])))
    return [*slots.values(), *_chained(slots)]


def _chained(slots: dict[tuple[Any, Any], Slot]) -> list[Slot]:
    """Two slots that share a paragraph (the one below the first is the one above the
    second), as one slot from the first's paragraph above to the second's below: when
    trafilatura drops the shared paragraph too (a "read also" line whose link pruning
    took, between a list and the next subheading: blind pages, tuning set119), the two
    outer paragraphs come out as consecutive lines."""
    by_above = {above: slot for (above, _), slot in slots.items()}
    return [(first[0], first[1] + second[1], second[2])
            for (_, below), first in slots.items()
            if (second := by_above.get(below)) is not None]


def restore_headings(lines: list[str], folds: list[str],
                     slots: list[Slot]) -> tuple[list[str], list[str]]:
    """The lines with each missing heading or list put back between its two neighbours."""
    if not slots:
        return lines, folds
    at = {(a, b): put for a, put, b in slots if a and b}
    out, out_folds = [], []
    for k, (line, folded) in enumerate(zip(lines, folds, strict=True)):
        out.append(line)
        out_folds.append(folded)
        if k + 1 < len(lines) and (put := at.get((folded, folds[k + 1]))) is not None:
            out += put
            out_folds += [fold(x) for x in put]
    return out, out_folds
