"""Old table-layout portals: open the layout tables and frame the story for trafilatura.

A portal laid out with nested ``<table>``s puts its menu column, its story and its teaser
column in cells of tables. With ``include_tables`` trafilatura finds no article container
there, recovers the page's "wild" text, and keeps every table whole: the menus, the
exchange rates, the teaser column and the readers' comments come out as table rows beside
the story (blind pages, tuning sets 3, 19, 27, 33, 35: precision 0.39-0.75). On such a
page (one whose most-worded cell holds a story's words) this pass, before pruning:

1. turns each run of the story cell's loose text between two ``<br>``s (a paragraph
   written without ``<p>``) into a ``<p>``: trafilatura reads paragraphs, not a ``div``'s
   loose text;
2. turns the layout tables (every table but a data table: rows of two cells or more, no
   block inside a cell, links in fewer than half the rows) into ``div``s, so that each
   former cell is judged as a block, as on a modern page. A converted cell's class keeps
   its words except "teaser", which trafilatura drops in a ``div`` but never read in a
   ``td``;
3. marks the story's frame, the story cell or its nearest ancestor holding most of the
   page's unlinked paragraph words, with ``itemprop="articleBody"``, the first container
   trafilatura looks for, unless the frame already holds one; and
4. turns the loose text of the ``div``s between the frame's headline and its first
   paragraph (the standfirst, often a ``div`` of bold text) into paragraphs.

Nothing is removed here. A page without a table costs one look for a ``table`` element.
The extractor also tells the cleaner that such a page has no strapline slot
(``clean_paragraphs(strapline=False)``). Measured in docs/quality.md ("Session 34").
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from trafilatura.xpaths import BODY_XPATH

from pipeline.clean.html import untease
from pipeline.clean.nodetext import (
    BLOCKS,
    CELLS,
    head_title,
    imprint,
    own_parts,
    own_rows,
    text_of,
)
from pipeline.languages import count_words

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# The story cell's own characters (not links, not spaces): fewer, and no cell holds a
# story (about a hundred words of English or German, 300 characters of Chinese).
_STORY_CHARS = 600
# A short story's (a brief, a correction) in ``<p>``s: some forty words.
_SHORT_STORY_CHARS = 200
# What a cell's own text leaves out.
_NOT_OWN = ("table", "a", "script", "style", "noscript", "template")
# The frame holds this share of the page's unlinked paragraph words.
_FRAME_SHARE = 0.8
# Loose text of this many words around ``<br>``s is a story's, written without ``<p>``.
_LOOSE_WORDS = 30
# A standfirst's words, at the least; the paragraph words that end the standfirst zone.
_LEAD_WORDS = 8
_STORY_PARAGRAPH_WORDS = 20


def open_layout_tables(tree: Any) -> int:
    """Open the layout tables of a page whose story sits in a table cell, in place.

    Returns:
        How many tables were turned into ``div``s (0: not a table-held story).
    """
    if next(tree.iter("table"), None) is None:  # most pages: no work at all
        return 0
    cell = _story_cell(tree)
    if cell is None:
        cell = _short_story_cell(tree)
        if cell is None:
            return 0
    for node in [cell, *cell.iterdescendants("div", "td", "th", "span", "font", "center")]:
        if node is cell or not _in_nested_table(node, cell):
            _paragraphs_from_runs(node, _LOOSE_WORDS, need_break=True)
        elif _box_cell(node):
            _paragraphs_from_runs(node, _LOOSE_WORDS, need_break=False)
    ancestors = [*cell.iterancestors("table")]
    tables = ancestors + [t for t in tree.iter("table")
                          if t not in ancestors and not _is_data(t)]
    for table in tables:
        for part in own_parts(table):
            part.tag = "div"
            untease(part)
        table.tag = "div"
    frame = _frame(tree, cell)
    if frame is not None:
        if frame.get("itemprop") is None and not BODY_XPATH[0](frame) and \
                not _framed_within(tree, cell, frame):
            frame.set("itemprop", "articleBody")
        for node in _lead_zone(frame):
            _paragraphs_from_runs(node, _LEAD_WORDS, need_break=False)
    return len(tables)


def _story_cell(tree: Any) -> Any | None:
    """The table cell with the most characters of its own (outside its links, its
    scripts and the tables inside it), if it has ``_STORY_CHARS``. Characters, not
    words: a Chinese story's runs of letters are few "words". A cell's whole text, read
    in one call, bounds its own: most cells are passed over on it."""
    best, most = None, _STORY_CHARS - 1
    for cell in tree.iter(CELLS):
        text = text_of(cell)
        # With its whitespace, each character twice at the most: the cheapest bound.
        if 2 * len(text) <= most:
            continue
        whole = _chars(cell, text)
        if whole <= most:
            continue
        own = whole - sum(_chars(inner) for inner in cell.iterdescendants(_NOT_OWN)
                          if not _in_nested_table(inner, cell))
        if own > most:
            best, most = cell, own
    return best


def _short_story_cell(tree: Any) -> Any | None:
    """The table cell holding a short story: the nearest cell around the page's
    paragraphs that holds ``_FRAME_SHARE`` of their unlinked words, when those reach
    ``_SHORT_STORY_CHARS`` and the cell shares a table with the page's ``h1``. A brief or a
    correction on a table portal (blind pages, tuning set79) is too short for
    ``_story_cell``, and trafilatura then keeps every layout table whole."""
    own: dict[Any, int] = {}
    for para in tree.iter("p"):
        text = text_of(para)
        if imprint(text):
            continue
        n = _chars(para, text) - sum(_chars(a) for a in para.iter("a"))
        if n > 0:
            own[para] = n
    total = sum(own.values())
    if total < _SHORT_STORY_CHARS:
        return None
    heading = next(tree.iter("h1"), None)
    if heading is None:
        heading = _title_cell(tree)
    cells: dict[Any, int] = {}
    for para, n in own.items():
        cell = next(para.iterancestors(CELLS), None)
        if cell is not None:
            cells[cell] = cells.get(cell, 0) + n
    for cell, n in cells.items():
        if n >= _FRAME_SHARE * total and heading is not None and \
                _same_table(heading, cell):
            return cell
    return None


# The separators between a title's headline and the site's and section's names.
_TITLE_PARTS = re.compile(r"\s*(?:[_|–—]|\s-\s)\s*")


def _title_cell(tree: Any) -> Any | None:
    """The table cell that holds the page's headline alone, where the page has no ``h1``:
    the title's longest part (``headline_section_site``). An old agency's flash sets its
    headline in ``td.bt1`` (blind pages, tuning set151)."""
    headline = max(_TITLE_PARTS.split(" ".join(head_title(tree).split())), key=len)
    if len(headline) < 8:
        return None
    for cell in tree.iter(CELLS):
        if " ".join(text_of(cell).split()) == headline:
            return cell
    return None


def _same_table(heading: Any, cell: Any) -> bool:
    """Whether the headline stands in a table that also holds ``cell``."""
    tables = {id(t) for t in cell.iterancestors("table")}
    return any(id(t) in tables for t in heading.iterancestors("table"))


def _chars(node: Any, text: str | None = None) -> int:
    """Characters of ``node``'s text (or ``text``, read already) less its whitespace, a
    Chinese, Japanese or Korean one counted twice: it carries about what two letters of a
    European word do (a 350-character Chinese story cell was no story's: blind pages,
    tuning set53)."""
    text = text_of(node) if text is None else text
    return sum(map(len, text.split())) + len(_CJK.findall(text))


def _box_cell(node: Any) -> bool:
    """A cell alone in its row of a table inside the story cell, linking nowhere, one run
    of text (no ``<br>``): a box the story set in a table of one column ("Hintergrund:
    ...", a title row and a text row), whose loose text trafilatura passes over unless it
    is a paragraph (blind pages, tuning set127). Runs split by breaks are entries (readers'
    letters, a name over each, under a review: tuning set103)."""
    row = node.getparent()
    return node.tag == "td" and row is not None and row.tag == "tr" and \
        sum(1 for c in row if c.tag in CELLS) == 1 and \
        next(node.iter("a", "br"), None) is None


def _in_nested_table(node: Any, cell: Any) -> bool:
    """Whether ``node`` sits in a table inside ``cell``."""
    for ancestor in node.iterancestors():
        if ancestor is cell:
            return False
        if ancestor.tag == "table":
            return True
    return False


def _is_data(table: Any) -> bool:
    """A table of data: each row two cells or more, no block inside a cell, and links in
    fewer than half its rows (a list of other stories, a thumbnail and a linked headline
    a row, is no data)."""
    rows = own_rows(table)
    if not rows:
        return False
    linked = 0
    for row in rows:
        cells = [c for c in row if c.tag in CELLS]
        if len(cells) < 2 or any(next(c.iterdescendants(*BLOCKS), None) is not None
                                 for c in cells):
            return False
        linked += next(row.iter("a"), None) is not None
    return 2 * linked < len(rows)


def _frame(tree: Any, cell: Any) -> Any | None:
    """The story cell, or its nearest ancestor below ``body`` holding ``_FRAME_SHARE`` of
    the page's unlinked paragraph words."""
    words = {}
    for para in tree.iter("p"):
        text = text_of(para)
        if imprint(text):  # the footer's, however long
            continue
        n = len(_WORD.findall(text)) - sum(len(_WORD.findall(text_of(a))) for a in para.iter("a"))
        if n > 0:
            words[para] = n
    total = sum(words.values())
    node = cell
    while total and node is not None and node.tag not in ("body", "html"):
        if sum(words.get(p, 0) for p in node.iter("p")) >= _FRAME_SHARE * total:
            return node
        node = node.getparent()
    # A short story beside a footer of paragraphs (imprint, copyright) holds too small a
    # share: the story cell frames it still when it holds the page's headline (blind
    # pages, tuning set83).
    headlines = list(tree.iter("h1"))
    if len(headlines) == 1 and any(a is cell for a in headlines[0].iterancestors()):
        return cell
    return None


def _framed_within(tree: Any, cell: Any, frame: Any) -> bool:
    """Whether the container trafilatura takes for the article by its own expressions
    holds the story cell and sits inside ``frame``: a tighter frame than ours. A Chinese
    CMS's ``div.content`` around a one-cell table: the frame, counted in words, climbed
    past it to the row that holds the sidebar's teasers (blind pages, tuning set65)."""
    for expr in BODY_XPATH:
        hits = expr(tree)
        if hits:
            own = hits[0]
            return (own is cell or any(a is own for a in cell.iterancestors())) and \
                (own is frame or any(a is frame for a in own.iterancestors()))
    return False


def _lead_zone(frame: Any) -> list[Any]:
    """The ``div``s after the frame's ``h1`` and before its first paragraph of a story's
    length: where a standfirst stands."""
    zone = []
    seen_h1 = False
    for node in frame.iter("h1", "p", "div"):
        if node.tag == "h1":
            seen_h1 = True
        elif node.tag == "p":
            if len(_WORD.findall(text_of(node))) >= _STORY_PARAGRAPH_WORDS:
                break
        elif seen_h1 and not _in_nested_table(node, frame):
            zone.append(node)
    return zone


def _paragraphs_from_runs(node: Any, least: int, *, need_break: bool) -> None:
    """Wrap each run of ``node``'s loose text and inline children between paragraph
    breaks (two ``<br>``s, or a block child) in a ``<p>``, when the loose text has
    ``least`` words (and, with ``need_break``, a ``<br>`` among the children)."""
    children = list(node)
    loose = (node.text or "") + "".join(
        (child.tail or "") + (text_of(child) if child.tag not in BLOCKS else "")
        for child in children if isinstance(child.tag, str))
    if count_words(loose) < least or \
            (need_break and not any(child.tag == "br" for child in children)):
        return
    items: list[Any] = [node.text] if node.text else []
    for child in children:
        tail, child.tail = child.tail, None
        node.remove(child)
        items.append(child)
        if tail:
            items.append(tail)
    node.text = None
    run: list[Any] = []
    held_br: Any = None  # a single <br>: a line break in the paragraph, unless a second follows
    for item in items:
        if isinstance(item, str) or (isinstance(item.tag, str) and item.tag not in BLOCKS):
            if isinstance(item, str) and not item.strip() and held_br is not None:
                continue  # whitespace between two <br>s
            if not isinstance(item, str) and item.tag == "br":
                if held_br is not None:
                    held_br = None
                    _close(node, run)
                    run = []
                else:
                    held_br = item
                continue
            if held_br is not None:
                run.append(held_br)
                held_br = None
            run.append(item)
        else:  # a block, a comment or a processing instruction ends the run
            held_br = None
            _close(node, run)
            run = []
            node.append(item)
    _close(node, run)


def _close(node: Any, run: list[Any]) -> None:
    """Append ``run`` (strings and inline elements) to ``node`` as a ``<p>``, if it holds
    any text."""
    if not any(item.strip() if isinstance(item, str) else text_of(item).strip()
               for item in run):
        for item in run:  # nothing to read (an image, a lone anchor): kept as it was
            if not isinstance(item, str):
                node.append(item)
        return
    para = etree.SubElement(node, "p")
    for item in run:
        if not isinstance(item, str):
            para.append(item)
        elif len(para):
            para[-1].tail = (para[-1].tail or "") + item
        else:
            para.text = (para.text or "") + item
