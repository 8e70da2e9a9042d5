"""An element's text, read once in C, the tags that end a paragraph, the elements a
theme sets its paragraphs in, and a table's own rows and cells: shared by pruning
(``html.py``), the shape tests it calls (``cards.py``, ``threads.py``,
``metadata_tables.py``) and the layout tables' pass (``layout.py``), which import
``html.py`` or are imported by it."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

# Elements that end a run of loose text or a paragraph (one of their own, or a container):
# a ``div`` holding one is no paragraph of its own.
BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "center", "dd", "details", "div", "dl",
    "dt", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    "iframe", "noscript", "script", "style",
))


# A paragraph that ends as a sentence, closing quotes and brackets aside (Chinese corner
# brackets too): read by pruning's prose test, the story-part restorer and the collapsed
# halves' search.
SENTENCE_END = re.compile(r"[.!?。！？…][\"'»”’)」』]*\s*$")


def imprint(text: str) -> bool:
    """Whether a paragraph's ``text`` carries a copyright sign: a footer's imprint, never a
    story's paragraph however long (the layout frame and the comment-thread search)."""
    return "©" in text


def text_of(node: Any) -> str:
    """``node.text_content()``: the same libxml2 walk (``xmlNodeGetContent``, which
    XPath's ``string()`` behind ``text_content`` calls too) through lxml's text
    serializer, which returns a plain string rather than an XPath "smart" one that keeps
    a reference to its element: 0.8 us an element instead of 1.2, a few hundred elements
    a page (``tests/pipeline/clean/test_prune_counts.py`` compares both)."""
    return str(etree.tostring(node, method="text", encoding=str, with_tail=False))


def squashed_text(node: Any) -> str:
    """``text_of(node)`` with each run of whitespace as one space, trimmed."""
    return " ".join(text_of(node).split())


def links_out(node: Any) -> bool:
    """Whether ``node`` links to another page (a link within the page, a footnote's
    mark, does not count)."""
    return any(not (a.get("href") or "#").startswith("#") for a in node.iter("a"))


def set_paragraphs(node: Any, customs: tuple[str, ...] = ()) -> tuple[list[Any], list[Any]]:
    """The ``p``s in ``node``, and the other elements set as paragraphs: a theme that sets
    its paragraphs as ``div``s (``div.txt`` one after another), ``span``s, list items or
    custom elements (``customs``: the page's custom tag names, ``x-paragraph``): each
    outermost one holding text of its own and no block (blind pages, tuning sets 49 and
    51: a story section in ``section.related-implications`` went as a list of other
    stories, a Q&A of ``div.qa-q`` and ``div.qa-a`` under one ``<p>`` in a box named
    sidebar; set55: a story's opening ``span``s in ``div.teaser``; sets 49 and 51: a list
    of pros and cons in a box named "widget"). A list of other stories links each item:
    its words count as links, and it is no prose."""
    ps = list(node.iter("p"))
    # A leaf div sits in no other paragraph (a div ends a paragraph, and an element
    # holding one is no leaf); the others may sit in a ``p`` or in an outer one.
    blocks = [d for d in node.iter("div") if leaf_block(d)]
    inner = [el for el in node.iter(_INLINE_SET + customs) if leaf_block(el)]
    if inner:  # those not inside a paragraph counted (in document order: outer first)
        counted = set(blocks)
        for el in inner:
            outer = False
            for above in el.iterancestors():
                if above is node:
                    break
                if above.tag == "p" or above in counted:
                    outer = True
                    break
            if not outer:
                counted.add(el)
                blocks.append(el)
    return ps, blocks


# Tags besides ``p`` and ``div`` that themes set paragraphs in.
_INLINE_SET = ("li", "span")


def leaf_block(node: Any) -> bool:
    """A ``div`` with text of its own and no block inside: set as a paragraph."""
    return bool(node.text and node.text.strip()) and not holds_block(node)


def holds_block(node: Any) -> bool:
    """Whether a child of ``node`` is a block (a comment's tag, no string, is none)."""
    return any(child.tag in BLOCKS for child in node)


def head_title(tree: Any) -> str:
    """The text of the page's ``<title>`` in its ``<head>`` ("" without one): looked up
    there, not as ``.//title``, which walks the whole page when it has none."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    title = root.find("head/title")
    return (title.text or "") if title is not None else ""


CELLS = ("td", "th")


def own_parts(table: Any) -> list[Any]:
    """The table's sections, rows and cells, not those of tables inside its cells."""
    parts = []
    for child in table:
        rows = [child]
        if child.tag in ("thead", "tbody", "tfoot"):
            parts.append(child)
            rows = list(child)
        for row in rows:
            if row.tag == "tr":
                parts.append(row)
                parts.extend(c for c in row if c.tag in CELLS)
    return parts


def own_rows(table: Any) -> list[Any]:
    """The table's own rows (``own_parts``' ``tr``s)."""
    return [part for part in own_parts(table) if part.tag == "tr"]


def data_table(table: Any) -> bool:
    """A table of figures, not a picture's frame named like a caption (a Vietnamese
    portal's ``table.tplCaption`` holds both: blind pages, tuning set113): no image, and
    three or more own rows of two or more cells."""
    if next(table.iter("img"), None) is not None:
        return False
    return sum(1 for row in own_rows(table)
               if sum(1 for c in row if c.tag in CELLS) >= 2) >= 3
