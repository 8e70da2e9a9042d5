"""The next story a page loads under its own: a site that scrolls on from one story to the
next serves the following story's headline, byline, standfirst and first paragraphs in the
same document, marked up like the story itself (the same paragraph classes, often a second
``h1``), so neither class words nor trafilatura's scoring tell it from the story's end.

It is told by its shape instead: a container after the page's headline (the first ``h1``)
and after a story's worth of text, opening with a headline of its own, whose byline or
date comes right under that headline (a standfirst may come between), and with paragraphs
after it. A live blog's entries have that shape too, many times over: a page with more
than ``_MOST`` such containers is left alone, as is one whose container would hold more
text than the story above it.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from pipeline.languages import count_words

# The story above a next story: at least this many words between the headline and it.
_STORY_WORDS = 150
# Words a next story's container may hold above its headline (a section label, "Up
# next", a category link).
_LABEL_WORDS = 12
# A headline has this many words at least (a heading of fewer, "More on this story",
# "Other columns", heads a list).
_HEADLINE_WORDS = 5
# A paragraph: an element with this many words of its own text (its text and its
# children's tails: the words around inline links and emphasis).
_PARAGRAPH_WORDS = 8
# Paragraphs a next story has under its byline (a story that ends is followed by
# teasers of one paragraph each).
_LEAST_PARAGRAPHS = 2
# More next stories than this on one page: a live blog's entries, or a list.
_MOST = 2
# Class, id and test names of a byline (CSS modules keep the readable part:
# ``styles_author__Yp6Qd``; styled-components' hashes say nothing, their data-testid does).
_BYLINE_NAME = re.compile(r"byline|author", re.I)
_BYLINE_ATTRS = ("class", "id", "data-testid", "data-component", "itemprop", "rel")
_AUTHOR_HREF = re.compile(r"/(authors?|autor(en)?|avtor[y]?|journalist|reporter)s?/", re.I)


def next_stories(tree: Any) -> list[Any]:
    """The containers of the stories a page loads under its own, outermost first (none,
    or at most ``_MOST``)."""
    main = next(tree.iter("h1"), None)
    if main is None:
        return []
    above = set(main.iterancestors())
    heads = [h for h in tree.iter("h1", "h2")
             if h is not main and count_words(_own_text(h)) >= _HEADLINE_WORDS]
    candidates: list[tuple[Any, Any]] = []
    for head in heads:
        node = head
        while (parent := node.getparent()) is not None and parent not in above:
            node = parent
        if parent is None or node is head or any(node is c for c, _ in candidates):
            continue
        if _opens_a_story(node, head):
            candidates.append((node, head))
    if not candidates or len(candidates) > _MOST:
        return []
    before, inside = _words_around(tree, main, [node for node, _ in candidates])
    return [node for (node, _), at, held in zip(candidates, before, inside, strict=True)
            if at >= _STORY_WORDS and held <= at]


def _opens_a_story(node: Any, head: Any) -> bool:
    """Whether ``node`` opens with ``head`` (only a label above it), has a byline or date
    under it (one paragraph, a standfirst, may come between) and paragraphs after that."""
    words = 0
    reached = dated = False
    first: list[Any] = []  # paragraphs under the headline before the byline
    paragraphs = 0
    in_head = set(head.iterdescendants())
    for el in node.iter():
        if not isinstance(el.tag, str) or el in in_head:
            continue
        if el is head:
            reached = True
            continue
        if not reached:
            words += count_words(_own_text(el))
            if words > _LABEL_WORDS:
                return False
            continue
        if not dated and _byline(el):
            dated = True
            continue
        if count_words(_own_text(el)) >= _PARAGRAPH_WORDS and not _linked(el):
            if dated:
                paragraphs += 1
                if paragraphs >= _LEAST_PARAGRAPHS:
                    return True
            else:
                first.append(el)
                if len(first) > 1:
                    return False
    return False


def _byline(el: Any) -> bool:
    """An element that names the author or gives the date."""
    if el.tag == "time" or el.get("datetime") is not None:
        return True
    if any((value := el.get(attr)) and _BYLINE_NAME.search(value) for attr in _BYLINE_ATTRS):
        return True
    return el.tag == "a" and bool(_AUTHOR_HREF.search(el.get("href") or ""))


def _linked(el: Any) -> bool:
    """A link or inside one: a teaser's headline, never a story's paragraph (a list of
    other stories under a heading has bylines and dates too)."""
    return el.tag == "a" or next(el.iterancestors("a"), None) is not None


def _own_text(el: Any) -> str:
    """An element's text and its children's tails (not the children's own text)."""
    parts = [el.text or ""]
    parts += [child.tail or "" for child in el]
    return " ".join(parts)


def _words_around(tree: Any, main: Any, nodes: list[Any]) -> tuple[list[int], list[int]]:
    """For each of ``nodes``, the words between ``main`` (the headline) and it, and the
    words inside it, in one walk of the document (its text and tails in reading order;
    counted a stretch at a time, between the nodes' starts and ends)."""
    index = {id(node): k for k, node in enumerate(nodes)}
    before = [0] * len(nodes)
    inside = [0] * len(nodes)
    count = 0
    counting = False
    stretch: list[str] = []
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        k = index.get(id(el), -1)
        if k >= 0:
            count += count_words(" ".join(stretch))
            stretch.clear()
        if event == "start":
            if el is main:
                counting = True
            if k >= 0:
                before[k] = count
            if counting and el.text:
                stretch.append(el.text)
        else:
            if k >= 0:
                inside[k] = count - before[k]
            if counting and el.tail:
                stretch.append(el.tail)
    return before, inside
