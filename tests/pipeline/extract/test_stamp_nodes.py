"""The elements searched for a visible date stamp are those the XPath it replaced found
(``contains(translate(concat(@class, ' ', @id), CAPITALS, small), word)``), in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from trafilatura.utils import load_html

from pipeline.extract.article import _stamp_nodes
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


def test_same_elements_on_the_fixture_pages() -> None:
    checked = 0
    for path in pages():
        tree = load_html(path.read_text(encoding="utf-8", errors="replace"))
        if tree is not None:
            assert _stamp_nodes(tree) == tree.xpath(XPATH), path
            checked += 1
    assert checked >= 20
