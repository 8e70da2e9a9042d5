"""An element's text, read once in C: shared by pruning (``html.py``) and the shape tests
it calls (``cards.py``, ``threads.py``), which ``html.py`` imports and so cannot import it
back."""

from __future__ import annotations

from typing import Any

from lxml import etree


def text_of(node: Any) -> str:
    """``node.text_content()``: the same libxml2 walk (``xmlNodeGetContent``, which
    XPath's ``string()`` behind ``text_content`` calls too) through lxml's text
    serializer, which returns a plain string rather than an XPath "smart" one that keeps
    a reference to its element: 0.8 us an element instead of 1.2, a few hundred elements
    a page (``tests/pipeline/clean/test_prune_counts.py`` compares both)."""
    return str(etree.tostring(node, method="text", encoding=str, with_tail=False))
