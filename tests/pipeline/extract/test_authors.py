"""``authors.extract_author`` finds what trafilatura's ``extract_author`` finds, on real
pages and on pages built to hit its corner cases."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from trafilatura.metadata import extract_author as trafilatura_author
from trafilatura.utils import load_html

from pipeline.extract.authors import extract_author
from tests.conftest import ROOT

PAGES = sorted([*(ROOT / "tests/fixtures/news_subset/html").glob("*.html.gz"),
                *(ROOT / "tests/fixtures/corpus/boilerplate").glob("*/*.html"),
                *(ROOT / "tests/fixtures/ruzh/pages").glob("*.html"),
                *(ROOT / "samples/site").rglob("*.html")])

CORNERS = {
    "byline in a comment block": '<div class="comments"><span class="author">Ann Lee</span>'
                                 '</div><p class="byline">By Bo Chen</p>',
    "byline inside a time element": '<time><span class="author">Ann Lee</span></time>'
                                    '<span class="writer">Bo Chen Wu</span>',
    "tail text kept when a block goes": '<div class="byline">By <span class="quote">x'
                                        '</span>Ann Lee</div>',
    "nested discards": '<div id="comment-list"><div class="sidebar"><a class="author">X Y'
                       '</a></div></div><span itemprop="author">Real Name</span>',
    "case of the patterns": '<div class="AUTHOR">Not Matched</div><div id="Author">Cai Li'
                            '</div>',
    "author element": "<author>Dana Ray</author>",
    "rel child": '<p><rel>me</rel>Self Named</p><p rel="author">Other One</p>',
    "too long first, next taken": '<span class="author">' + "word " * 40 + '</span>'
                                  '<a rel="author">Eve Park</a>',
    "no candidate": "<p>Only body text here.</p>",
    "time and figure inside the hit": '<div class="byline">By <time>May 1</time> Ann '
                                      '<figure>x</figure>Lee <span class="quote">q</span>'
                                      'Wu</div>',
    "time inside a dropped block": '<div class="sidebar"><time><p class="byline">X Y'
                                   '</p></time></div><p class="byline">Jo <time>t</time>'
                                   'Ma</p>',
    "data attributes": '<div data-testid="AuthorCard">Kim Tan</div>'
                       '<div data-component="Figure"><span class="byline">Lost</span></div>',
}


def read(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", "replace")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_author_as_trafilatura(path: Path) -> None:
    tree = load_html(read(path))
    assert tree is not None
    before = tree.xpath("string()")
    assert extract_author(tree) == trafilatura_author(tree)
    assert tree.xpath("string()") == before  # the caller's tree is left alone


@pytest.mark.parametrize("body", CORNERS.values(), ids=list(CORNERS))
def test_corner_cases(body: str) -> None:
    tree = load_html(f"<html><head><title>t</title></head><body>{body}</body></html>")
    assert extract_author(tree) == trafilatura_author(tree)


def test_pages_are_covered() -> None:
    # Some pages have bylines, some do not: both paths are compared.
    found = [extract_author(load_html(read(p))) for p in PAGES]
    assert len(PAGES) > 150 and 20 < sum(f is not None for f in found) < len(PAGES)
