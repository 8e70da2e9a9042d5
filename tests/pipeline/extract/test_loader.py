"""``loader.load_html`` builds the tree trafilatura's ``load_html`` builds, with elements
of the same classes, on real pages, the sample site and the parser's edge cases."""

from __future__ import annotations

import gzip
from copy import copy
from pathlib import Path

import pytest
from lxml import etree
from trafilatura.utils import INVALID_XML_CHARS, repair_faulty_html
from trafilatura.utils import load_html as trafilatura_load_html

from pipeline.extract.loader import _invalid_xml_chars, _repair, load_html
from tests.conftest import ROOT

REAL = sorted((ROOT / "tests/fixtures/news_subset/html").glob("*.html.gz"))
SAMPLE = sorted((ROOT / "samples/site").rglob("*.html"))
FORM = ("<html><body><form action='/s'><label for='q'>Find</label><input name='q'>"
        "<select name='s'><option>a</option></select><textarea>t</textarea></form>"
        "<p>Text &amp; more</p></body></html>")
EDGE = [
    FORM,
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>declared</p></body></html>",
    "<!DOCTYPE html/><html/><body><p>self-closed html</p></body>",
    "<p>a fragment alone</p>",
    "<div><p>one</p><p>two</p></div>",
    "just text, no markup at all",
    "",
    "<html><body><p>control \x0b characters \x00 here</p></body></html>",
]


def read(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", "replace")


def _same(html: str) -> None:
    try:
        theirs = trafilatura_load_html(html)
    except (etree.ParserError, ValueError) as exc:
        with pytest.raises(type(exc)):
            load_html(html)
        return
    ours = load_html(html)
    assert (ours is None) == (theirs is None)
    if theirs is None:
        return
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert [type(e) for e in ours.iter()] == [type(e) for e in theirs.iter()]


@pytest.mark.parametrize("path", REAL + SAMPLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_tree_as_trafilatura(path: Path) -> None:
    _same(read(path))


@pytest.mark.parametrize("html", EDGE)
def test_same_tree_on_edge_cases(html: str) -> None:
    _same(html)


def test_form_elements_keep_their_classes() -> None:
    tree = load_html(FORM)
    assert {type(e).__name__ for e in tree.iter("form", "input", "select", "textarea",
                                                "label")} == \
        {"FormElement", "InputElement", "SelectElement", "TextareaElement", "LabelElement"}
    # Copies (trafilatura works on some) keep the parser and so the classes.
    assert type(next(copy(tree).iter("form"))).__name__ == "FormElement"


@pytest.mark.parametrize("text", [
    "", "plain", "tab\tnew\nline\rreturn", *(f"a{chr(c)}b" for c in range(32)),
    "\ufffe", "x\uffffy", "\ufffd\ufeff\u2028", "astral \U0001f600 \U00010000 \U0010ffff",
    "lone \ud800 \udfff surrogates", "Latin-1 \xa0\xe9\xff", "中文 ﬁ \x7f \x85",
])
def test_invalid_xml_chars_as_trafilatura_finds_them(text: str) -> None:
    assert _invalid_xml_chars(text) == bool(INVALID_XML_CHARS.search(text))
    beginning = text[:50].lower()
    assert _repair(text, beginning) == repair_faulty_html(text, beginning)


@pytest.mark.parametrize("html", [
    "<!DOCTYPE html/>\n<html/>\n<body><p>x</p></body>",
    "<!doctype html>\n<html lang='en'/>\n<body>\x0b<p>x</p></body>",
    "<html>\n<body><p>no repair</p></body></html>",
])
def test_repair_as_trafilatura_does(html: str) -> None:
    beginning = html[:50].lower()
    assert _repair(html, beginning) == repair_faulty_html(html, beginning)
