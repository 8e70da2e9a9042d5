"""A story's key points set as a list above its first paragraph, put back.

News sites open a story with a box of its main points ("Key points", "Главное",
"要点"): a short heading and a list of sentences, between the headline and the body's
container. trafilatura reads the container and leaves the box out (blind pages, tuning
set93: a business weekly's points above its analysis; set105: a think tank's, as a
CMS's field of ``div`` items). A list of sentences with no link,
whose next paragraph in the page is the first line the extraction kept, sat right above
the story: its items are put back before that line (not its heading, a label), and the
cleaner judges them like any line. A list of links (a table of contents, other stories) or of
short items (tags, menus) is no such box.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from pipeline.clean.nodetext import squashed_text
from pipeline.languages import count_words
from pipeline.text import fold

# Items of a box of points: this many, each of this many words (a sentence or two).
_ITEMS = (2, 8)
_ITEM_WORDS = (5, 60)
# An item's words are counted without figures: a ticker's rows ("OIL 81.20 +0.4") are
# no sentences.
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_NEXT_PARAGRAPH = etree.XPath("following::p[normalize-space()][1]")
# The lists, and the divs shaped like a list of divs (their children all divs, the first
# with a class), picked in C in document order: a page has hundreds of divs.
_CANDIDATES = etree.XPath(
    f"//ul | //ol | //div[*[{_ITEMS[0]}] and not(*[{_ITEMS[1] + 1}]) and *[1][@class]"
    " and not(*[not(self::div)])]")

# (the lines to put back, fold of the paragraph they stand above)
Box = tuple[list[str], str]


def point_boxes(tree: Any) -> list[Box]:
    """Each list of sentences without links on the page with the fold of the paragraph
    after it; read before trafilatura consumes the tree."""
    boxes = []
    for node in _CANDIDATES(tree):
        # A div's shape first (most divs are no list); then a link, read without the
        # text: most of a page's lists are menus.
        entries = _div_items(node) if node.tag == "div" else []
        if entries is None or next(node.iter("a"), None) is not None:
            continue
        items = [squashed_text(li) for li in entries or node.iterchildren("li")]
        if not _ITEMS[0] <= len(items) <= _ITEMS[1] or not all(
                _ITEM_WORDS[0] <= count_words(_NOT_LETTERS.sub(" ", t)) and
                count_words(t) <= _ITEM_WORDS[1] for t in items):
            continue
        after = _NEXT_PARAGRAPH(node)
        if not after:
            continue
        # Not its heading: a label ("Key points"), which most pages' golds leave out.
        boxes.append(([f"- {t}" for t in items], fold(squashed_text(after[0]))))
    return boxes


def _div_items(node: Any) -> list[Any] | None:
    """The items of a list set as ``div``s (a CMS's multi-value field: ``div.field__item``
    after ``div.field__item``, blind pages, tuning set105): two to eight child ``div``s of
    one class and nothing else (no loose text), each holding text alone; else None."""
    if not _ITEMS[0] <= len(node) <= _ITEMS[1] or (node.text or "").strip():
        return None
    first = node[0]
    name = first.get("class")
    if not name or any(child.tag != "div" or child.get("class") != name or len(child)
                       or (child.tail or "").strip() for child in node):
        return None
    return list(node)


def restore_points(lines: list[str], folds: list[str],
                   boxes: list[Box]) -> tuple[list[str], list[str]]:
    """The lines with the box above the first line (or the second, under the headline
    printed again atop the text: blind pages, tuning set105) put back before it, when
    none of its items came out."""
    if not boxes or not folds:
        return lines, folds
    for box, below in boxes:
        if below in folds[:2]:
            at = folds.index(below)
            box_folds = [fold(x) for x in box]
            if set(box_folds) & set(folds):
                return lines, folds
            return lines[:at] + box + lines[at:], folds[:at] + box_folds + folds[at:]
    return lines, folds
