"""A story's key points set as a list above its first paragraph, put back.

News sites open a story with a box of its main points ("Key points", "Главное",
"要点"): a short heading and a list of sentences, between the headline and the body's
container. trafilatura reads the container and leaves the box out (blind pages, tuning
set93: a business weekly's points above its analysis). A list of sentences with no link,
whose next paragraph in the page is the first line the extraction kept, sat right above
the story: its items are put back before that line (not its heading, a label), and the
cleaner judges them like any line. A list of links (a table of contents, other stories) or of
short items (tags, menus) is no such box.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from pipeline.clean.html import squashed_text
from pipeline.languages import count_words
from pipeline.text import fold

# Items of a box of points: this many, each of this many words (a sentence or two).
_ITEMS = (2, 8)
_ITEM_WORDS = (5, 60)
# An item's words are counted without figures: a ticker's rows ("OIL 81.20 +0.4") are
# no sentences.
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_NEXT_PARAGRAPH = etree.XPath("following::p[normalize-space()][1]")

# (the lines to put back, fold of the paragraph they stand above)
Box = tuple[list[str], str]


def point_boxes(tree: Any) -> list[Box]:
    """Each list of sentences without links on the page with the fold of the paragraph
    after it; read before trafilatura consumes the tree."""
    boxes = []
    for node in tree.iter("ul", "ol"):
        # A link first, read without the text: most of a page's lists are menus.
        if next(node.iter("a"), None) is not None:
            continue
        items = [squashed_text(li) for li in node.iterchildren("li")]
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


def restore_points(lines: list[str], folds: list[str],
                   boxes: list[Box]) -> tuple[list[str], list[str]]:
    """The lines with the box above the first line put back before it, when none of its
    items came out."""
    if not boxes or not folds:
        return lines, folds
    for box, below in boxes:
        if below == folds[0]:
            box_folds = [fold(x) for x in box]
            if set(box_folds) & set(folds):
                return lines, folds
            return box + lines, box_folds + folds
    return lines, folds
