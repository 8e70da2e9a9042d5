"""The rest of a story that a site prints collapsed under a "read more" button: hidden
(``display:none``, ``aria-hidden="true"``, ``hidden``) until a reader clicks, but in the
page. trafilatura drops every hidden element, and pruning read the hiding as chrome: the
story's second half was lost (blind pages, tuning sets 67, 69 and 71: a Swiss daily's
``div.ba-collapsed``, a broadcaster's ``div.story-more``, a WordPress theme's
``div.ae-more-hidden``, a Next.js magazine's ``ArticleBody_collapsed``).

Such a block is told from the page's other hidden text by where it stands and what it
holds, not by its name: it holds sentences of prose, it stands a few siblings after the
story's own visible paragraphs (a button and an advertisement may sit between), and its
text is printed nowhere else on the page. A dialog (login, newsletter, cookie settings)
names itself as one or sits away from the story, a menu holds no sentences, and a hidden
print or mobile copy repeats the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pipeline.clean.nodetext import SENTENCE_END, set_paragraphs, text_of
from pipeline.languages import count_words
from pipeline.text import fold

# Class names that hide an element until a script shows it.
_HIDING_CLASSES = frozenset(("hidden", "hide", "is-hidden", "d-none", "collapse", "collapsed",
                             "is-collapsed"))
# The elements a collapsed block is set in.
_BLOCK_TAGS = frozenset(("div", "section", "article", "span"))
# What a hidden box of text is when it names itself: a dialog, a menu, a consent banner,
# a sign-up or sign-in form, a share or comment box, an advertisement.
_NOT_STORY = re.compile(
    r"modal|pop-?up|dialog|overlay|lightbox|tooltip|drawer|off-?canvas|menu|\bnav|"
    r"cookie|consent|gdpr|privacy|newsletter|subscri|sign-?in|log-?in|regist|"
    r"share|comment|\bads?\b|advert|sponsor|promo|related|recommend|search|"
    r"print|mobile|amp-", re.I)
_DIALOG_ROLES = frozenset(("dialog", "alertdialog", "menu", "navigation", "complementary"))
# A paragraph of the story: this many words and a sentence's end.
_PARAGRAPH_WORDS = 10
# The hidden block: at least two such paragraphs and this many words, few of them linked.
_LEAST_WORDS = 40
_LINK_SHARE = 0.2
# The story's visible paragraphs stand among this many siblings before the block (or
# before the wrapper holding it), at most this many levels up.
_SIBLINGS = 4
_LEVELS = 4
# A form or header this many levels above a hidden block holds it as a dialog would.
_CLOSE = 2


def reveal_collapsed(tree: Any, paragraphs: Iterable[Any] | None = None) -> list[Any]:
    """Make the story's collapsed blocks (see the module) visible in ``tree``: their
    hiding attributes, and those of hidden wrappers up to the story's container, move to
    ``data-rcwire-*``. ``paragraphs``: the page's ``p``s in document order, when the
    caller has them. Returns the blocks revealed."""
    revealed: list[Any] = []
    for node in _hidden_holders(tree.iter("p") if paragraphs is None else paragraphs):
        if any(node is r or _inside(node, r) for r in revealed):
            continue  # an advertisement's slot inside a revealed block stays hidden
        if not _holds_prose(node) or _names_other(node):
            continue
        wrappers = _after_story(node)
        if wrappers is None or _printed_elsewhere(tree, node):
            continue
        for element in (node, *wrappers):
            _unhide(element)
        revealed.append(node)
    return revealed


def _hidden_holders(paragraphs: Iterable[Any]) -> list[Any]:
    """The hidden blocks that hold one of ``paragraphs``, each the nearest hidden one
    above it within ``_LEVELS``, in document order: walked up from the page's ``p``s
    (pruning has them listed already) rather than searched for among all its elements
    (an XPath over thousands of them cost 1.5 ms a page on the development sets)."""
    found: list[Any] = []
    checked: set[Any] = set()  # ancestors shared by many paragraphs are read once
    for para in paragraphs:
        node = para.getparent()
        for _ in range(_LEVELS):
            if node is None or node in checked or node.tag in ("body", "html"):
                break
            checked.add(node)
            if node.tag in _BLOCK_TAGS and _hiding(node):
                found.append(node)
                break
            node = node.getparent()
    return found


def _inside(node: Any, other: Any) -> bool:
    return any(a is other for a in node.iterancestors())


def _holds_prose(node: Any) -> bool:
    paragraphs, blocks = set_paragraphs(node)
    sentences = words = 0
    for para in paragraphs + blocks:
        text = text_of(para)
        n = count_words(text)
        words += n
        if n >= _PARAGRAPH_WORDS and SENTENCE_END.search(text):
            sentences += 1
    if sentences < 2 or words < _LEAST_WORDS:
        return False
    linked = sum(count_words(text_of(a)) for a in node.iter("a"))
    return linked <= _LINK_SHARE * words


def _names_other(node: Any) -> bool:
    """Whether the block or a container of it up to ``body`` names itself a dialog, a
    menu or other furniture, by its class, id or role. A ``form`` or ``header`` counts
    only close above the block: an ASP.NET page sets the whole page in one ``form``."""
    for level, element in enumerate((node, *node.iterancestors())):
        if element.tag in ("body", "html"):
            return False
        if element.get("role") in _DIALOG_ROLES or element.get("aria-modal") == "true" or \
                element.tag in ("nav", "aside", "footer", "dialog") or \
                (element.tag in ("form", "header") and level <= _CLOSE):
            return True
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if element is node and _NOT_STORY.search(names):
            return True
    return False


def _story_paragraph(element: Any) -> bool:
    """Whether ``element`` is, or holds, a visible paragraph of story prose."""
    candidates = [element] if element.tag == "p" else list(element.iter("p"))
    for para in candidates:
        if _hiding(para):
            continue
        text = text_of(para)
        if count_words(text) >= _PARAGRAPH_WORDS and SENTENCE_END.search(text):
            return True
    return False


def _after_story(node: Any) -> list[Any] | None:
    """The hidden wrappers between ``node`` and the container whose visible story
    paragraphs stand a few siblings before it; None when there is none."""
    wrappers: list[Any] = []
    current = node
    for _ in range(_LEVELS):
        parent = current.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        seen = 0
        for sibling in current.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str) or sibling.tag in ("script", "style"):
                continue
            if _story_paragraph(sibling):
                return wrappers
            seen += 1
            if seen >= _SIBLINGS:
                break
        if _hiding(parent):
            wrappers.append(parent)
        current = parent
    return None


def _printed_elsewhere(tree: Any, node: Any) -> bool:
    """Whether the block's first paragraph is printed elsewhere on the page: a hidden
    copy of the story (for print, for another screen), not its continuation."""
    paragraphs, blocks = set_paragraphs(node)
    first = next((fold(text_of(p)) for p in paragraphs + blocks
                  if count_words(text_of(p)) >= _PARAGRAPH_WORDS), None)
    if not first:
        return False
    for para in tree.iter("p"):
        if para is node or _inside(para, node):
            continue
        if fold(text_of(para)) == first:
            return True
    return False


def _hiding(element: Any) -> bool:
    """Hidden by an attribute, an inline style or a class a stylesheet hides (Bootstrap's
    ``collapse`` and ``d-none``, the ``hidden`` of most themes): trafilatura drops the
    last by its class words too."""
    style = element.get("style", "").replace(" ", "").lower()
    return element.get("hidden") is not None or element.get("aria-hidden") == "true" or \
        "display:none" in style or "visibility:hidden" in style or \
        not _HIDING_CLASSES.isdisjoint(element.get("class", "").lower().split())


def _unhide(element: Any) -> None:
    for attr in ("hidden", "aria-hidden", "style"):
        value = element.attrib.pop(attr, None)
        if value is not None:
            element.set(f"data-rcwire-{attr}", value)
    classes = element.get("class", "").split()
    if not _HIDING_CLASSES.isdisjoint(c.lower() for c in classes):
        element.set("data-rcwire-class", element.attrib.pop("class"))
        kept = [c for c in classes if c.lower() not in _HIDING_CLASSES]
        if kept:
            element.set("class", " ".join(kept))
