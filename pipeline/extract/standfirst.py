"""The standfirst of a page whose layout table was read as blocks.

An old portal prints the whole article in one cell of the table that lays out the page.
trafilatura keeps a table as rows, and the story came out as one line with the reader
comments and the news feed beside it; read as ``div``s (``pipeline/clean/html.py:
unwrap_layout_tables``) the page reads like any other, and trafilatura finds the story
and drops the feed, but also the standfirst under the headline, which it leaves out of
a page's header area as on any template. The table's row had it; so that the unwrap
loses nothing the table kept, the standfirst is put back on such pages: a block after
the headline, with no prose between them, whose text opens with the page's description
(``<meta name="description">``: often the standfirst, or its first sentences). The
cleaner then judges it like any line (a standfirst that is no sentence still goes as the
subtitle and is kept as the description).

Not on other pages: on the development sets' tuning pages the golds disagree about a
standfirst trafilatura leaves out (the news gold keeps it, the Readability gold mostly
not; docs/quality.md, "Session 31").
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from pipeline.text import fold

# A description this long is a paragraph (shorter ones are slogans or a headline again).
MIN_WORDS = 12
# A standfirst is a paragraph, not a section of the page.
_MAX_WORDS = 90
# Words of the description searched for in the page's text (the rest is compared folded).
_PROBE_WORDS = 3
# A paragraph of this many words between the headline and the block is the story's prose:
# the block is then below the story's start (a summary box), not its standfirst.
_PROSE_WORDS = 15
# Levels above the text node searched for the element that holds the whole description
# (the text may be split by <strong> or a <span> inside the paragraph).
_LEVELS = 3
_TEXT_WITH = etree.XPath("//body//text()[contains(., $probe)]")
# Never a standfirst: a link's text, a heading, a caption, a form's text.
_NOT_HOLDERS = frozenset(("a", "h1", "h2", "figcaption", "button", "label", "option",
                          "title", "script", "style", "head", "html", "body", "li"))


def find_standfirst(tree: Any, description: str | None) -> str | None:
    """The text (spacing squashed) of the block that is the page's description, when it
    sits after the headline and above the story's prose; None otherwise."""
    words = (description or "").split()
    if len(words) < MIN_WORDS:
        return None
    target = fold(" ".join(words))
    for node in _TEXT_WITH(tree, probe=" ".join(words[:_PROBE_WORDS])):
        holder = node.getparent()
        if node.is_tail and holder is not None:
            holder = holder.getparent()
        for _ in range(_LEVELS):
            if holder is None or not isinstance(holder.tag, str) or holder.tag in _NOT_HOLDERS:
                break
            text = " ".join(holder.text_content().split())
            folded = fold(text)
            if folded.startswith(target):
                # The description may stop short of the block's end (sites cut it at
                # a sentence or about 160 characters): the block opens with it.
                if len(text.split()) <= _MAX_WORDS and _opens_story(tree, holder):
                    return text
                return None
            holder = holder.getparent()
    return None


def _opens_story(tree: Any, block: Any) -> bool:
    """``block`` comes after the page's first headline, with no paragraph of prose between
    them, and outside any link."""
    if any(a.tag == "a" for a in block.iterancestors()):
        return False
    headline = None
    for node in tree.iter("h1", "p", block.tag):
        if node is block:
            return headline is not None
        if headline is None:
            if node.tag == "h1":
                headline = node
        elif node.tag == "p" and len(node.text_content().split()) >= _PROSE_WORDS:
            return False
    return False


def with_standfirst(lines: list[str], folds: list[str], standfirst: str | None,
                    ) -> tuple[list[str], list[str]]:
    """The extracted lines with the standfirst on top when they lack it (and its fold)."""
    if not standfirst:
        return lines, folds
    target = fold(standfirst)
    if not target or target in " ".join(folds):
        return lines, folds
    return [standfirst, *lines], [target, *folds]
