"""The elements searched for a visible date stamp are those the XPath it replaced found
(``contains(translate(concat(@class, ' ', @id), CAPITALS, small), word)``), in order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from trafilatura.utils import load_html

from pipeline.dates import MAX_DATE_LINE, is_date_line
from pipeline.extract.article import (
    _NEAR_TITLE,
    _near_title,
    _short_text,
    _stamp,
    _stamp_nodes,
)
from pipeline.extract.authors import marked
from tests.conftest import ROOT

WORDS = ("date", "time", "publish", "info", "meta")
CAPS = {"date": "DATEIMPUBLSHNFO", "time": "TIME", "publish": "PUBLISH", "info": "INFO",
        "meta": "META"}
XPATH = "//time | //*[" + " or ".join(
    f"contains(translate(concat(@class, ' ', @id), '{CAPS[w]}', '{CAPS[w].lower()}'), '{w}')"
    for w in WORDS) + "]"

TRICKY = """<html><head><meta name="x" content="y"></head><body>
<div class="Post-DATE">9 April 2024</div><!-- a comment with class="date" -->
<span id="pubTime">14:30</span><p class="lead">Lead</p><time>yesterday</time>
<div class="İnfo">dotted capital I: not "info"</div><div class="KINFO">kinfo</div>
<section id="METAdata" class="x"><i class="">empty class</i><b id="">empty id</b></section>
<div class="dat e">split</div><div class="TIMESTAMP">stamp</div>
<div class="uPDATEd">updated</div><div class="PUBLİSH">dotted</div></body></html>"""


def pages() -> list[Path]:
    return sorted((ROOT / "tests" / "fixtures").rglob("*.htm*"))[:120]


@pytest.mark.parametrize("html", [TRICKY, "<html><body><p>no stamp</p></body></html>"])
def test_same_elements_as_the_xpath(html: str) -> None:
    tree = load_html(html)
    assert _stamp_nodes(tree) == tree.xpath(XPATH)
    assert _stamp_nodes(tree, marked=marked(tree)) == tree.xpath(XPATH)


def test_same_elements_on_the_fixture_pages() -> None:
    checked = 0
    for path in pages():
        tree = load_html(path.read_text(encoding="utf-8", errors="replace"))
        if tree is not None:
            assert _stamp_nodes(tree) == tree.xpath(XPATH), path
            # Read off the byline search's elements (``authors.marked``): the same.
            assert _stamp_nodes(tree, marked=marked(tree)) == tree.xpath(XPATH), path
            checked += 1
    assert checked >= 20


def reference_stamp(tree: Any) -> str | None:
    """The date stamp as first written: every named element's and every near-headline
    element's whole text squashed, in that order."""
    for node in [*_stamp_nodes(tree)[:40], *tree.xpath(_NEAR_TITLE)]:
        text = " ".join(" ".join(node.itertext()).split())
        if text and is_date_line(text):
            return text
    return None


SPACED = "<html><body><h1>Headline</h1><div class='meta'>" + "<span>  \n </span>" * 200 + \
    "<b>09.04.2024 14:30</b></div><div class='info'>" + "<i>word</i> " * 30 + \
    "</div><p class='date'>" + "x" * 85 + " <b>y</b> <b>zz</b></p><p class='date'>" + \
    "x" * 86 + " <b>y</b> <b>zz</b></p></body></html>"


def test_short_text_is_the_squashed_text_or_none_when_too_long() -> None:
    checked = 0
    for path in pages()[:60]:
        tree = load_html(path.read_text(encoding="utf-8", errors="replace"))
        for node in [] if tree is None else tree.iter():
            whole = " ".join(" ".join(node.itertext()).split())
            assert _short_text(node) == (whole if len(whole) <= MAX_DATE_LINE else None)
            checked += 1
    tree = load_html(SPACED)
    texts = [_short_text(node) for node in tree.iter("div", "p")]
    assert texts == ["09.04.2024 14:30", None, "x" * 85 + " y zz", None]
    assert checked > 1000


@pytest.mark.parametrize("path", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_stamp_as_first_written(path: Path) -> None:
    tree = load_html(path.read_text(encoding="utf-8", errors="replace"))
    if tree is not None:
        assert _stamp(tree) == reference_stamp(tree)


def test_stamps_found() -> None:
    found = [_stamp(tree) for path in pages()
             if (tree := load_html(path.read_text(encoding="utf-8", errors="replace")))
             is not None]
    assert _stamp(load_html(SPACED)) == "09.04.2024 14:30"
    assert sum(1 for s in found if s) >= 5


NEAR = [
    "<html><body><div><h1>T</h1></div></body></html>",
    "<html><body><p>x</p><h1>a<b>b</b></h1><!-- c --><p>y<i>z</i></p></body></html>",
    "<html><body>" + "<div>" * 300 + "<p>deep</p>" + "</div>" * 300 + "<h1>t</h1>"
    + "<p>q</p>" * 20 + "</body></html>",
    "<html><body><ul><li>a</li><li>b<ul><li>c</li></ul></li></ul><section><h1>H</h1>"
    "</section><h1>second</h1><p>1</p></body></html>",
    "<html><body><p>no headline</p></body></html>",
]


@pytest.mark.parametrize("html", NEAR)
def test_near_title_elements_as_the_xpath(html: str) -> None:
    tree = load_html(html)
    assert list(_near_title(tree)) == tree.xpath(_NEAR_TITLE)
    body = tree.find("body")  # the XPath reads the whole document from any element
    assert list(_near_title(body)) == body.xpath(_NEAR_TITLE)


def test_near_title_elements_on_the_fixture_pages() -> None:
    checked = 0
    for path in pages():
        tree = load_html(path.read_text(encoding="utf-8", errors="replace"))
        if tree is not None:
            assert list(_near_title(tree)) == tree.xpath(_NEAR_TITLE), path
            checked += 1
    assert checked >= 20
