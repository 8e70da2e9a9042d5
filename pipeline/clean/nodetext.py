"""An element's text, read once in C, and the tags that end a paragraph: shared by pruning
(``html.py``), the shape tests it calls (``cards.py``, ``threads.py``) and the layout
tables' pass (``layout.py``), which import ``html.py`` or are imported by it."""

from __future__ import annotations

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


def text_of(node: Any) -> str:
    """``node.text_content()``: the same libxml2 walk (``xmlNodeGetContent``, which
    XPath's ``string()`` behind ``text_content`` calls too) through lxml's text
    serializer, which returns a plain string rather than an XPath "smart" one that keeps
    a reference to its element: 0.8 us an element instead of 1.2, a few hundred elements
    a page (``tests/pipeline/clean/test_prune_counts.py`` compares both)."""
    return str(etree.tostring(node, method="text", encoding=str, with_tail=False))
