"""Elements retagged before pruning so that trafilatura reads them as what they are.

Custom elements (web components such as ``<newsletter-signup>``, ``<x-paragraph>``,
AMP's ``amp-*``): pruning judges them by their names as well as their attributes, and
those that stand as blocks of their own become ``div``s. Paragraphs set in other tags (a
Chinese editor's ``section``s and ``div``s, a framework's runs of prose ``section``s)
become ``p``s, and a quote the story prints only in a box of its own is opened."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml import etree
from trafilatura.xpaths import BODY_XPATH

from pipeline.clean.nodetext import BLOCKS, SENTENCE_END, head_title, holds_block, text_of
from pipeline.languages import CJK
from pipeline.text import fold

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


def retag_blocks(tree: Any) -> None:
    """The passes below in their order, the page walked once for its sections and
    quotes: paragraphs set in sections and divisions become ``p``s, and the quotes set
    apart are opened."""
    boxed = list(tree.iter("section", "blockquote"))
    sections = [node for node in boxed if node.tag == "section"]
    prose_sections_as_paragraphs(sections)
    sections_as_paragraphs(tree, sections)
    divs_as_paragraphs(tree)
    quotes_set_apart(tree, [node for node in boxed if node.tag == "blockquote"])


# Where a section is no block of its own: inside a paragraph, a heading or a line of text.
_IN_LINE = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "b", "i", "em",
                      "strong", "font"))


def sections_as_paragraphs(tree: Any, sections: list[Any] | None = None) -> None:
    """Make each ``section`` that holds Chinese or Japanese text and no block (no
    paragraph, list, heading, container) a ``p`` where sections are set as paragraphs: in
    a table's cell, or one of a run of sections (itself or the section around it beside
    another). The visual editors of Chinese publishing platforms set every paragraph,
    subheading and table cell so; trafilatura drops short text outside a paragraph, and a
    story kept its long paragraphs and lost its subheadings and its table (blind pages,
    tuning sets 41 and 107). Only for text in those scripts: made paragraphs on every
    page, runs of sections cost recall on two validation sets of blind pages in English
    and German (sets 38 and 40, round 7: measured, not read), and no tuning page showed
    why. A section of links (a row of share buttons) stays as it is. ``sections``: the
    page's, when the caller listed them (one walk of the page for both section passes)."""
    paragraphs = []  # all judged first: a run's sections are asked of their neighbours
    scripts: dict[Any, bool] = {}
    for section in tree.iter("section") if sections is None else sections:
        if holds_block(section):
            continue
        if not _in_run(section):
            continue
        text = text_of(section).strip()
        if not text or any(a.tag in _IN_LINE for a in section.iterancestors()):
            continue
        # The script of the text around it: a table's figures are in a row of words.
        around = section.getparent().getparent()
        if around is None:
            continue
        if (script := scripts.get(around)) is None:
            script = scripts[around] = CJK.search(text_of(around)) is not None
        if not script:
            continue
        linked = sum(len(text_of(a).strip()) for a in section.iter("a"))
        if linked * 2 < len(text):
            paragraphs.append(section)
    for section in paragraphs:
        section.tag = "p"


def _in_run(section: Any) -> bool:
    """The section sits in a table's cell or beside another section, or its parent does
    (a subheading's inner section in an outer one)."""
    parent = section.getparent()
    if parent is None:
        return False
    if parent.tag in ("td", "th"):
        return True
    for node in (section, parent) if parent.tag == "section" else (section,):
        for sib in (node.getprevious(), node.getnext()):
            if sib is not None and sib.tag == "section":
                return True
    return False


# A division's text that reads as a paragraph of a story: this many characters of Chinese
# or Japanese (a sentence of twenty-odd characters is a caption's or a teaser's length).
_DIV_PARAGRAPH_CHARS = 40


def divs_as_paragraphs(tree: Any) -> None:
    """Make each ``div`` that holds a paragraph's prose in Chinese or Japanese (text and
    no block inside, at least ``_DIV_PARAGRAPH_CHARS`` characters ending as a sentence,
    links under half of it) a ``p`` when its parent holds another such: a run of them is a
    story set in divisions. Chinese CMSes set paragraphs so (``div.TRS_Editor`` of
    ``div``s); trafilatura reads a division's text as a paragraph only inside a container
    whose class it knows as the article's, and elsewhere took the comments' ``p``s for the
    story (blind pages, tuning set147: a Hong Kong daily's story in ``div.zw_con``).
    Only on a page in those scripts, as ``sections_as_paragraphs``: on every page it
    changed 19 tuning pages of blind sets in other languages, 17 of them for the worse.
    Not inside a container trafilatura takes as the article (``BODY_XPATH``): there the
    conversion cost round 7's validation recall (docs/quality.md, session 45)."""
    if _cjk_page(tree):  # a walk of every division on a page of another script spared
        _prose_runs(tree.iter("div"), "div", _DIV_PARAGRAPH_CHARS, cjk=True)


def prose_sections_as_paragraphs(sections: list[Any]) -> None:
    """The same for the page's ``sections`` in any script, each of a run holding
    ``_SECTION_PARAGRAPH_CHARS`` characters of prose: a broadcaster's framework sets every
    paragraph as ``section.absatz`` (blind pages, tuning set161: trafilatura kept the
    header's lines and lost the story). Before ``sections_as_paragraphs``, which is
    handed the same list: a section made a paragraph here is passed over there."""
    if sections:
        _prose_runs(sections, "section", _SECTION_PARAGRAPH_CHARS, cjk=False)


# A section's text that reads as a paragraph of a story in a script with spaces.
_SECTION_PARAGRAPH_CHARS = 120


def _prose_runs(nodes: Iterable[Any], tag: str, least: int, *, cjk: bool) -> None:
    """Make the ``tag`` elements of prose among ``nodes`` in a run ``p``s
    (``divs_as_paragraphs``)."""
    found: dict[Any, list[Any]] = {}
    for node in nodes:
        if node.tag != tag:  # made a paragraph already
            continue
        if holds_block(node):
            continue
        text, linked = _text_and_links(node)
        if len(text) < least or SENTENCE_END.search(text) is None:
            continue
        if cjk and CJK.search(text) is None:
            continue
        if any(a.tag in _IN_LINE for a in node.iterancestors()):
            continue
        if linked * 2 < len(text):
            found.setdefault(node.getparent(), []).append(node)
    runs = {parent: members for parent, members in found.items() if len(members) >= 2}
    if runs and cjk:
        # Not inside a container trafilatura takes as the article by its class: there it
        # reads divisions as paragraphs itself, and the story came out whole.
        root = next(iter(runs)).getroottree().getroot()
        framed = {hit for expr in BODY_XPATH for hit in expr(root)}
        runs = {parent: members for parent, members in runs.items()
                if parent not in framed and not any(a in framed for a in parent.iterancestors())}
    for parent, members in runs.items():
        # The run's other elements of text go too (subheadings, a Q&A's questions, list
        # items): a story of paragraphs and divisions loses the divisions to trafilatura,
        # which reads a division as a paragraph only where few paragraphs are found.
        # Not a kicker over the story or a label under it: a short one ends as a
        # sentence or stands between two of the run's paragraphs.
        children = list(parent)
        first, last = children.index(members[0]), children.index(members[-1])
        for at, node in enumerate(children):
            if node.tag != tag or holds_block(node):
                continue
            # Inside the run a sentence of links is the story's too (its earlier reports).
            text, linked = _text_and_links(node)
            ends = SENTENCE_END.search(text) is not None
            if text and ((first < at < last and (ends or linked * 2 < len(text)))
                         or (ends and linked * 2 < len(text))):
                node.tag = "p"


def _text_and_links(node: Any) -> tuple[str, int]:
    """``node``'s text, trimmed, and the characters of its links' text."""
    return text_of(node).strip(), sum(len(text_of(a).strip()) for a in node.iter("a"))


def _cjk_page(tree: Any) -> bool:
    """The page's title or its declared language is Chinese or Japanese."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    return (root.get("lang") or "").lower().startswith(("zh", "ja")) or \
        CJK.search(head_title(root)) is not None


_MEDIA = ("img", "picture", "video", "iframe", "audio")
# A post embedded from a platform: its own card, not the story's quote.
_EMBED = re.compile(r"(?i)tweet|twitter|instagram|tiktok|telegram|facebook|embed|social")


def quotes_set_apart(tree: Any, quotes: list[Any]) -> None:
    """Open the quote boxes that print a statement found nowhere else on the page: a
    ``figure`` round a ``blockquote`` (a WordPress pull-quote block, a React ``Quote``)
    becomes a ``div`` and its caption (the speaker) a ``p``; so does a ``footer`` naming
    the speaker inside a ``blockquote``. trafilatura drops a figure without its picture
    and pruning a footer, and a quote the story prints only there went with them (blind
    pages, tuning sets 157 and 161). A pull-quote that repeats the story's words stays
    boxed: the story has them. ``quotes``: the page's ``blockquote``s."""
    quotes = [bq for bq in quotes
              if (_figure_of(bq) is not None or next(bq.iter("footer"), None) is not None)
              and next(bq.iter(*_MEDIA), None) is None and not _EMBED.search(
                  (bq.get("class") or "") + " " + (bq.getparent().get("class") or ""))]
    if not quotes:  # most pages: the paragraphs' texts are not read
        return
    texts = [fold(text_of(p)) for p in tree.iter("p")]
    for bq in quotes:
        # The statement without its speaker (a ``cite``, a ``footer``).
        first = next(bq.iter("p"), None)
        said = fold(text_of(bq if first is None else first).split("\n")[0])
        if len(said) < 20 or sum(said in t for t in texts) > 1:  # repeated: a pull-quote
            continue
        figure = _figure_of(bq)
        if figure is not None and next(figure.iter(*_MEDIA), None) is None:
            figure.tag = "div"
            for caption in figure.iter("figcaption"):
                _speaker(caption)
        for footer in bq.iter("footer"):
            _speaker(footer)


def _figure_of(quote: Any) -> Any | None:
    """The ``figure`` the quote stands in, past inline wrappers, or None."""
    node = quote.getparent()
    while node is not None and node.tag != "figure" and node.tag not in BLOCKS:
        node = node.getparent()
    return node if node is not None and node.tag == "figure" else None


def _speaker(node: Any) -> None:
    """A quote's speaker line as a paragraph, its class kept out of pruning's sight
    (``Quote_author``: an author's box by its name)."""
    node.tag = "p"
    value = node.attrib.pop("class", None)
    if value is not None:
        node.set("data-rcwire-class", value)
