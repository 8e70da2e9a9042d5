"""trafilatura's ``extract_author``, same answer, without its per-element Python callbacks.

trafilatura finds bylines with XPaths that call ``re:test`` (EXSLT regular expressions):
libxml2 calls back into Python for every element of the kinds they name, about 1.5 ms
per XPath on a real page, and ``extract_author`` evaluates four of them (one to delete
comment blocks from a copy of the tree, three to find the byline): 5 ms of a Readability
test page's 35. Here one walk over the copy's elements with attributes tests the same
predicates in Python (the same regular expressions, on the same attribute values, as
``re:test`` does), then the deletions and the byline search go on as in trafilatura. The
predicates read tags and attributes only, and deleting a block changes neither, so an
element the byline search would find in the pruned copy is one found before pruning that
is still attached. The one text test (a ``<rel>`` child whose text is "me") is left to
trafilatura: a page with a ``<rel>`` element takes trafilatura's own path.
``tests/pipeline/extract/test_authors.py`` compares both on real pages.
"""

from __future__ import annotations

import re
from copy import deepcopy
from functools import lru_cache
from typing import Any

from lxml.etree import XPath
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import extract_author as trafilatura_author
from trafilatura.utils import trim
from trafilatura.xml import delete_element

# trafilatura.xpaths.AUTHOR_XPATHS and AUTHOR_DISCARD_XPATHS (trafilatura 2.3), as data.
_TAGS = ({"a", "address", "div", "link", "p", "span", "strong"},
         {"a", "div", "h3", "h4", "p", "span"})
_NAME = re.compile("author-?name|AuthorName|authorName")
_ID_1 = re.compile("author|zuozhe|bianji|xiaobian")
_CLASS_1 = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|"
                      "journalist-name")
_ID_2 = re.compile("[Aa]uthor")
_CLASS_2 = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
_DISCARD_TAGS = {"a", "div", "section", "span"}
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile("^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|"
                            "embedly-instagram|article-(?:share|support)|print|category|"
                            "meta-date|meta-reviewer")
# Strings one of which is in the class or id of every element a predicate below takes
# on its class or id (the regular expressions' words, the exact values' cores, "uthor"
# for both cases of "author"): an element without one, and without the other values the
# predicates read, is all four times False after one search instead of seven (2 us an
# element, 450 elements a Readability page).
_CORES = re.compile("|".join(map(re.escape, (
    "uthor", "zuozhe", "bianji", "xiaobian", "channel-name", "submitted-by", "posted-by",
    "journalist-name", "screenname", "writer", "yline", "byl", "BBL", "username", "omment",
    "ProductReviews", "sidebar", "is-hidden", "quote", "embedly-instagram", "article-share",
    "article-support", "print", "category", "meta-date", "meta-reviewer", "title", "date"))))
_NOTHING = (False, False, False, False)
# The elements with an attribute the predicates read (the others are all four times
# False), <author> and <rel>, in document order.
_CANDIDATES = XPath("/descendant::*[@class or @id or @itemprop or @rel or @data-testid"
                    " or @data-component] | /descendant::author | /descendant::rel")
# The same and the <time> elements: with a class or id, or <time>, every element the
# date-stamp search reads is among them (``article._iter_stamp_nodes``), so one XPath
# serves both instead of a Python walk over every element of the page for the stamps.
_MARKED = XPath(f"{_CANDIDATES.path} | /descendant::time")


def marked(tree: Any) -> list[Any] | None:
    """``_CANDIDATES`` and the <time> elements of the page ``tree`` is the root of, in
    document order (None when ``tree`` is not its document's root: the stamp search walks
    ``tree`` alone)."""
    return _MARKED(tree) if tree.getroottree().getroot() is tree else None
_TIME_FIGURE = XPath("//time|//figure")
_TIME_FIGURE_INSIDE = XPath(".//time|.//figure")


@lru_cache(maxsize=1 << 16)
def _cored(attrs: str) -> bool:
    """Whether ``_CORES`` is in an element's "class id": a page repeats a few class
    strings on hundreds of elements, and the search (a try at every character of the
    string) cost 0.7 us an element; judged once per worker process, the same answer."""
    return _CORES.search(attrs) is not None


# The attributes ``_judged`` reads.
_READ = frozenset(("class", "id", "itemprop", "data-component", "rel", "data-testid"))


def _matches(node: Any) -> tuple[bool, bool, bool, bool]:
    """Whether the node is a hit of author XPaths 1-3 and of the first discard XPath."""
    return _judged(node.tag, tuple([kv for kv in node.items() if kv[0] in _READ]))


@lru_cache(maxsize=1 << 16)
def _judged(tag: str, items: tuple[tuple[str, str], ...]) -> tuple[bool, bool, bool, bool]:
    """``_matches`` of an element by its tag and the attributes it reads: a page repeats a
    few hundred such sets on its 300 marked elements, each read with six ``get`` calls
    and judged again (2 us an element); judged once per worker process, the same answer."""
    get = dict(items).get
    cls, ident, itemprop = get("class") or "", get("id") or "", get("itemprop") or ""
    component = get("data-component") or ""
    if (tag != "author" and not _cored(f"{cls} {ident}")
            and "author" not in itemprop and "Byline" not in component
            and "Figure" not in component and get("rel") != "author"
            and get("data-testid") not in ("AuthorCard", "AuthorURL")):
        return _NOTHING
    first = tag == "author" or (tag in _TAGS[0] and (
        get("rel") == "author" or ident == "author" or cls == "author"
        or itemprop == "author name" or get("data-testid") in ("AuthorCard", "AuthorURL")
        or _NAME.search(cls) is not None))
    second = tag in _TAGS[1] and (
        cls in ("byline", "username", "byl", "BBL") or "author" in itemprop
        or _ID_1.search(ident) is not None or _CLASS_1.search(cls) is not None)
    third = ("Byline" in component or "author" in itemprop or _ID_2.search(ident) is not None
             or _CLASS_2.search(cls) is not None)
    discard = tag in _DISCARD_TAGS and (
        ident == "comments" or cls in ("comments", "title", "date") or "Figure" in component
        or _DISCARD_ID.search(ident) is not None or _DISCARD_CLASS.search(cls) is not None)
    return first, second, third, discard


def extract_author(tree: Any, nodes: list[Any] | None = None) -> str | None:
    """The byline trafilatura's ``extract_author`` finds in ``tree`` (left unchanged);
    ``nodes``: ``marked(tree)``, when the caller has it (a <time> element without the
    attributes read here is no hit and no discarded block: the same answer).

    trafilatura deletes the discarded blocks, then <time> and <figure>, from a copy of the
    whole page and reads the text of the first byline hit still attached. Deleting an
    element changes text only inside its parent (its tail joins the sibling before it or
    the parent's text), so a hit's text after all the deletions is that of a copy of the
    hit alone with the deletions made inside it: only that small copy is made (a copy of
    the page was 0.5 ms).
    """
    found: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    discard = []
    for node in _CANDIDATES(tree) if nodes is None else nodes:
        if node.tag == "rel":
            return trafilatura_author(tree)
        hits = _matches(node)
        if hits is _NOTHING:  # most elements
            continue
        for k in range(3):
            if hits[k]:
                found[k].append(node)
        if hits[3] and node is not tree:  # ".//*": the root itself is never deleted
            discard.append(node)
    if not any(found):
        return None  # deleting blocks adds no element: nothing to find after pruning
    gone = set(discard)
    # <time> and <figure> go too, those left attached once the blocks are gone.
    gone.update(n for n in _TIME_FIGURE(tree) if n is not tree and not _under(n, discard))
    for kind in found:
        for node in kind:
            if node is not tree and _under(node, gone):
                continue  # deleted, or inside a deleted element: not attached
            content = trim(" ".join(_pruned_copy(node, discard, gone).itertext()))
            if content and 2 < len(content) < 120:
                return normalize_authors(None, content)
    return None


def _under(node: Any, deleted: Any) -> bool:
    """True when ``node`` or one of its ancestors is in ``deleted`` (a set or a list)."""
    return node in deleted or any(a in deleted for a in node.iterancestors())


def _pruned_copy(hit: Any, discard: list[Any], gone: set[Any]) -> Any:
    """A copy of ``hit`` with the deletions trafilatura makes inside it, in its order:
    the discarded blocks in document order, then <time> and <figure> still attached."""
    inside = [n for n in hit.iterdescendants() if n in gone]
    if not inside:
        return hit  # nothing deleted inside: the hit's text as it is
    copy = deepcopy(hit)
    places = {id(n): _same(n, hit, copy) for n in inside}  # before any deletion moves them
    blocks = [places[id(n)] for n in discard if id(n) in places]
    for node in blocks:
        delete_element(node)
    for node in _TIME_FIGURE_INSIDE(copy):
        delete_element(node)
    return copy


def _same(node: Any, root: Any, copy: Any) -> Any:
    """The element of ``copy`` (a deep copy of ``root``) at ``node``'s place in ``root``."""
    steps = []
    while node is not root:
        parent = node.getparent()
        steps.append(parent.index(node))
        node = parent
    for step in reversed(steps):
        copy = copy[step]
    return copy
