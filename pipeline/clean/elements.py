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


def custom_tags(tree: Any) -> tuple[str, ...]:
    """The names of the custom elements in ``tree``: passed to ``iter`` with the other tags
    a pass looks for, so the walk stays in C."""
    return tuple(sorted({el.tag for el in CUSTOM(tree)}))


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
