"""Custom elements (web components such as ``<newsletter-signup>``, ``<x-paragraph>``,
AMP's ``amp-*``): pruning judges them by their names as well as their attributes, and
those that stand as blocks of their own become ``div``s before trafilatura reads the
page."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

# Elements whose tag holds a hyphen: custom elements (web components, AMP's ``amp-*``).
CUSTOM = etree.XPath("//*[contains(local-name(), '-')]")
# A start tag with a hyphen in its name, searched in the page's source: 0.02 ms where the
# XPath above takes 0.3 ms on a page without one (most pages). A script's string that looks
# like one only costs the XPath.
_CUSTOM_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9-]*[\s/>]")


def may_hold_custom(html: str) -> bool:
    """Whether the page's source may hold a custom element (False: it holds none)."""
    return _CUSTOM_TAG.search(html) is not None


def judged_elements(tree: Any, tags: tuple[str, ...], custom: bool, *, below: bool = False,
           ) -> list[Any]:
    """The elements pruning judges in document order (``tree``'s descendants only when
    ``below``): those of ``tags``, and custom elements when ``custom``."""
    if not custom:
        return list(tree.iterdescendants(tags) if below else tree.iter(tags))
    tags_set = frozenset(tags)
    nodes = tree.iterdescendants() if below else tree.iter()
    return [n for n in nodes if isinstance(n.tag, str) and
            (n.tag in tags_set or "-" in n.tag)]


# Where a custom element is part of a line of text, not a block of its own.
_INLINE_CONTEXT = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "li", "td",
                             "th", "span", "b", "i", "em", "strong", "blockquote"))


def as_blocks(customs: list[Any]) -> None:
    """Make each custom element that stands between blocks (no loose text beside it, in
    no paragraph) a ``div``: trafilatura runs an unknown element's text into the next
    one's, so a story set in ``<x-paragraph>``s came out as one line, its furniture glued
    to its sentences (blind pages, tuning sets 55 and 57)."""
    for el in customs:
        if (el.tail or "").strip():
            continue
        prev = el.getprevious()
        parent = el.getparent()
        before = prev.tail if prev is not None else parent.text if parent is not None else ""
        if (before or "").strip() or \
                any(a.tag in _INLINE_CONTEXT for a in el.iterancestors()):
            continue
        el.tag = "div"
