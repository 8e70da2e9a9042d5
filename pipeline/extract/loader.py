"""trafilatura's ``load_html`` for a page's text, with a parser whose element classes are
chosen in C.

lxml.html's parser picks each element's Python class (``HtmlElement``, ``FormElement``
...) in a Python method, ``HtmlElementClassLookup.lookup``, called every time Python
first touches an element: about 3,300 times a Readability page between rcwire's walks and
trafilatura's (on the tree and its copies, which keep the parser), 0.3 ms. ``PARSER`` is
a copy of trafilatura's ``HTML_PARSER`` (the same options) with lxml's own C lookups
giving the same classes: by tag name for lxml.html's form classes, else ``HtmlElement``
and lxml.html's comment, processing-instruction and entity classes. libxml2's HTML
parser lower-cases tag names, so the names need no ``lower()``. The tree is the one
trafilatura's ``load_html`` builds, of the same classes
(``tests/pipeline/extract/test_loader.py``). Its repair of the text skips a regex scan
that gives nearly every page back unchanged (``_repair``).
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlElementClassLookup,
    HtmlEntity,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.utils import (
    DOCTYPE_TAG,
    FAULTY_HTML,
    HTML_PARSER,
    is_dubious_html,
    repair_faulty_html,
)

log = logging.getLogger(__name__)


def _lookup() -> etree.ElementNamespaceClassLookup:
    lookup = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction,
        entity=HtmlEntity))
    names = lookup.get_namespace(None)
    for name, cls in HtmlElementClassLookup._default_element_classes.items():
        names[name] = cls
    return lookup


PARSER = HTML_PARSER.copy()
PARSER.set_element_class_lookup(_lookup())


def load_html(html: str) -> Any:
    """``trafilatura.utils.load_html(html)`` (2.3.1) for text, step for step, parsed with
    ``PARSER``: the page's tree, or None when it is no HTML document.

    Raises:
        lxml.etree.ParserError, ValueError: as trafilatura's does.
    """
    beginning = html[:50].lower()
    check_flag = is_dubious_html(beginning)
    html = _repair(html, beginning)
    tree = None
    fallback_parse = False
    try:
        tree = fromstring(html, parser=PARSER)
    except ValueError:
        # "Unicode strings with encoding declaration are not supported."
        tree = _fromstring_bytes(html)
        fallback_parse = True
    except Exception as err:
        log.debug("lxml parsing failed: %s", err)
    if (tree is None or len(tree) < 1) and not fallback_parse:
        tree = _fromstring_bytes(html)
    if tree is not None and check_flag and len(tree) < 2:
        tree = None
    return tree


def _repair(html: str, beginning: str) -> str:
    """``trafilatura.utils.repair_faulty_html(html, beginning)`` (2.3.1). Its first step
    deletes the characters ``INVALID_XML_CHARS`` matches, which nearly no page holds: its
    scan of the whole page (0.5 ms of a Readability page's 200,000 characters) gives the
    page back as it was. Whether the page holds one is told by counting over the page's
    UTF-16 code units instead (``_invalid_xml_chars``, 0.2 ms); when it does, trafilatura's
    own function runs, else its other two steps, as it writes them."""
    if _invalid_xml_chars(html):
        return str(repair_faulty_html(html, beginning))
    if "doctype" in beginning:
        firstline, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    return html


def _invalid_xml_chars(html: str) -> bool:
    """Whether ``INVALID_XML_CHARS`` (``[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]``) finds
    a character in ``html``: a UTF-16 code unit under 32 other than tab, line feed and
    carriage return is one of those control characters (a character outside the BMP is
    two surrogate units, and a lone surrogate one, all above them), and U+FFFE and U+FFFF
    are looked up as they are."""
    units = np.frombuffer(html.encode("utf-16-le", "surrogatepass"), dtype="<u2")
    controls = np.count_nonzero(units < 32) - np.count_nonzero(
        (units == 9) | (units == 10) | (units == 13))
    return bool(controls) or "\ufffe" in html or "\uffff" in html


def _fromstring_bytes(html: str) -> Any:
    """``trafilatura.utils.fromstring_bytes`` with ``PARSER``."""
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=PARSER)
    except Exception as err:
        log.debug("lxml parser bytestring %s", err)
    return None
