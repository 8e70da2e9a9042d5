"""Readers' comments told by their shape: three or more entries, each under a short line
with a date and a clock time ("anna_k, 02.04.2025 10:15"), after the story.

A portal's comment thread does not always carry a class word pruning knows (a ``pinglun``
table, a ``forum`` box, a bare ``<td>``): what marks it is the stamp every comment has,
which a story's paragraphs do not (blind pages, tuning sets 9, 35 and 41). A story's own
timeline has stamps too, so a thread must come after the story: no paragraph of story
length follows it outside it.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from pipeline.clean.nodetext import imprint, text_of

# A numeric date (day, month and year in any order, or ISO) and a clock time after it.
_STAMP = re.compile(r"(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})"
                    r"(?!\d)\D{0,12}?(?<!\d)\d{1,2}:\d{2}(?!\d)")
# A stamp's clock has a colon: the text nodes asked are those with one, picked by an
# XPath test in C (0.3-0.4 ms a page, the cost of any walk of the page's text).
_TEXTS = etree.XPath("//body//text()[contains(., ':')]")
_WORD = re.compile(r"\w+")
# A stamp's line: the writer's name and the stamp, not a sentence.
_STAMP_LINE_WORDS = 12
_LEAST_ENTRIES = 3
# Levels from a stamp's line up to its entry's container.
_DEPTH = 3
# Words an entry, on average, at the most (readers' comments run to a few sentences).
_ENTRY_WORDS = 100
# A paragraph this long after the thread is the story's: the thread is no thread.
_STORY_WORDS = 20


def colon_texts(tree: Any) -> list[Any]:
    """The text nodes of the page's body that hold a colon, in document order: where a
    stamp's clock is, and a reply's subject ("Re: ...", ``replies.py``)."""
    return list(_TEXTS(tree))


def comment_threads(tree: Any, colons: list[Any] | None = None) -> list[Any]:
    """The innermost containers holding ``_LEAST_ENTRIES`` or more children each with a
    stamp line, with no paragraph of ``_STORY_WORDS`` words or more after them outside.
    ``colons``: ``colon_texts(tree)``, when the caller read them already."""
    lines: dict[Any, None] = {}  # in document order, each once
    for text in _TEXTS(tree) if colons is None else colons:
        if not _STAMP.search(text):
            continue
        line = text.getparent()
        if line is None:
            continue
        if text.is_tail:  # the tail belongs to the element's parent's text
            line = line.getparent()
            if line is None:
                continue
        if line not in lines and len(_WORD.findall(text_of(line))) <= _STAMP_LINE_WORDS:
            lines[line] = None
    if len(lines) < _LEAST_ENTRIES:
        return []
    entries: dict[Any, set[Any]] = {}
    for line in lines:
        node = line
        for _ in range(_DEPTH):
            parent = node.getparent()
            if parent is None or parent.tag == "body":
                break
            entries.setdefault(parent, set()).add(node)
            node = parent
    found = [c for c, children in entries.items() if len(children) >= _LEAST_ENTRIES]
    found = [c for c in found if not any(a in found for a in c.iterancestors())]
    threads = []
    for c in found:
        head = next(c.iter("h1"), None)
        if head is None:
            if not _story_after(c) and \
                    len(_WORD.findall(text_of(c))) <= _ENTRY_WORDS * len(entries[c]):
                threads.append(c)  # a reader's comment is short; a live blog's runs longer
            continue
        # An old portal's story cell holds the comments as its own children, after the
        # story (blind pages, tuning set83): the entries go, each, not the cell; only
        # those after the headline's (a stamp line before or beside it is the story's).
        order = list(c)
        while head.getparent() is not c:
            head = head.getparent()
        kids = [k for k in sorted(entries[c], key=order.index)
                if order.index(k) > order.index(head)]
        if len(kids) >= _LEAST_ENTRIES and not _story_after(kids[-1]) and \
                sum(len(_WORD.findall(text_of(k))) for k in kids) <= _ENTRY_WORDS * len(kids):
            threads.extend(kids)
    return threads


def _story_after(node: Any) -> bool:
    """A paragraph of story length after ``node``, outside it."""
    for later in node.itersiblings():
        if _long_paragraph(later):
            return True
    parent = node.getparent()
    return parent is not None and parent.tag != "body" and _story_after(parent)


def _long_paragraph(node: Any) -> bool:
    if not isinstance(node.tag, str):
        return False
    paragraphs = [node] if node.tag == "p" else node.iter("p")
    return any(len(_WORD.findall(text := text_of(p))) >= _STORY_WORDS and not imprint(text)
               for p in paragraphs)
