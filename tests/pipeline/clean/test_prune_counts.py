"""``prune`` counts the page's paragraph words before pruning, and the words
pruning judges by after scripts and embeds go, as two separate passes would."""

from __future__ import annotations

import gzip
import re

import pytest
from lxml import etree
from trafilatura.utils import load_html

from pipeline.clean.html import (
    _ANY_ATTR_WORD,
    _ATTR_KINDS,
    _ATTR_SET,
    _CONTENT_ATTRS,
    _DROP_SILENTLY,
    _drop,
    _kind_of_attrs,
    _silent,
    paragraph_words,
    prune,
)
from pipeline.clean.nodetext import text_of
from tests.conftest import ROOT

_WORD = re.compile(r"\w+")
# The XPath ``_silent`` replaces.
_SILENT = etree.XPath("|".join(f"//{t}" for t in _DROP_SILENTLY))
PAGES = sorted((ROOT / "tests/fixtures/news_subset/html").glob("*.html.gz"))
# Scripts, embeds and form fields inside paragraphs (their text and whitespace tails go,
# so words around them can join), and paragraphs inside them (they go whole).
CORNERS = [
    "<p>one two<script>var x = 1;</script> three</p><p>four five six</p>",
    "<p>alpha<svg><text>drawn words</text></svg> <b>beta</b></p>",
    "<noscript><p>enable scripts to read on</p></noscript><p>kept words here</p>",
    "<div><p>outer <iframe>frame</iframe>words <span>in <style>.a{}</style>span</span></p></div>",
    "<p>a<select><option>one</option><option>two</option></select>b</p>",
    "<template><div><p>hidden p</p><script>x</script></div></template><p>shown</p>",
]


def naive(tree: object) -> tuple[dict[object, int], int]:
    """The two passes ``paragraph_words`` replaces."""
    before = sum(len(_WORD.findall(p.text_content())) for p in tree.iter("p"))  # type: ignore[attr-defined]
    for node in _SILENT(tree):
        _drop(node)
    return {p: len(_WORD.findall(p.text_content())) for p in tree.iter("p")}, before  # type: ignore[attr-defined]


def texts(words: dict[object, int]) -> list[tuple[str, int]]:
    return [(p.text_content(), n) for p, n in words.items()]  # type: ignore[attr-defined]


@pytest.mark.parametrize("html", [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                                  for p in PAGES] + [f"<html><body>{c}</body></html>"
                                                     for c in CORNERS])
def test_same_counts_as_two_passes(html: str) -> None:
    ours, theirs = load_html(html), load_html(html)
    words, before = paragraph_words(ours)
    expected, expected_before = naive(theirs)
    assert before == expected_before
    assert texts(words) == texts(expected)


def test_prune_returns_the_removals_and_the_words_before() -> None:
    html = ("<html><body><nav><p>menu words</p></nav>"
            "<p>body <script>x</script>text of the article, long enough to be the "
            "page's prose</p></body></html>")
    removed, before = prune(load_html(html))
    # Before pruning: "menu words", and "body xtext ..." (the script's text still in it).
    assert before == 2 + 13 and removed == [("site_chrome", "menu words")]


@pytest.mark.parametrize("html", [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                                  for p in PAGES] + [f"<html><body>{c}</body></html>"
                                                     for c in CORNERS])
def test_silent_elements_as_the_xpath_found_them(html: str) -> None:
    tree = load_html(html)
    found = _silent(tree)
    assert found == _SILENT(tree)
    assert found  # every page and corner holds one


def _kind_case_insensitive(attrs: str) -> str | None:
    """``_kind_of_attrs`` as it was: every search case-insensitive on the text itself."""
    if _ANY_ATTR_WORD.search(attrs.lower()) is None or _CONTENT_ATTRS.search(attrs):
        return None
    return next((kind for kind, pattern in _ATTR_KINDS if pattern.search(attrs)), None)


def test_attribute_kinds_read_on_lower_case_give_the_same_kind() -> None:
    """The case-sensitive searches on ``lowered`` text give the kind the case-insensitive
    ones give, on every class and id string of the news pages and on corner cases
    (capitals, the Kelvin sign, the characters ``lowered`` refuses)."""
    strings = {"Newsletter-Signup", "RELATED-posts", "entry-Content share", "SKIP-LINK",
               "\u212aomment", "Sıdebar", "İnline-link", "ſhare-bar", "ad-Slot", "Bio"}
    for path in PAGES:
        tree = load_html(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        strings.update(" ".join(v for k, v in node.items() if k in _ATTR_SET).strip()
                       for node in tree.iter(etree.Element))
    hits = 0
    for attrs in strings:
        want = _kind_case_insensitive(attrs)
        assert _kind_of_attrs.__wrapped__(attrs) == want, attrs
        hits += want is not None
    assert hits > 50


def test_text_of_is_text_content() -> None:
    """``text_of`` gives what ``text_content`` gives, on every element of the news pages
    (comments, entities and scripts inside included) and on corner cases."""
    trees = [load_html(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
             for path in PAGES]
    trees.append(load_html("<html><body><p>a<!-- c -->b &amp; <b>bold</b><script>x=1"
                           "</script>tail</p><p></p><p>&#x1F600; caf\u00e9</p></body></html>"))
    checked = 0
    for tree in trees:
        for node in tree.iter(etree.Element):
            assert text_of(node) == node.text_content()
            checked += 1
    assert checked > 1000
