"""The safety net's shortcuts (``fallback.conservative``): a page whose source holds fewer
words than a substantial text is judged without extracting it, and one parse serves both
of trafilatura's settings. Both must leave the answer as it was."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from trafilatura.utils import load_html

from pipeline.extract import fallback
from pipeline.extract.fallback import MIN_WORDS, conservative, words, words_of
from pipeline.text import fold
from tests.conftest import ROOT

PAGES = sorted([*(ROOT / "tests/fixtures/news_subset/html").glob("*.html.gz"),
                *(ROOT / "tests/fixtures/news_validation/html").glob("*.html.gz"),
                *(ROOT / "tests/fixtures/corpus/boilerplate").glob("*/*.html"),
                *(ROOT / "tests/fixtures/ruzh/pages").glob("*.html")])[::3]

BODY = ("The new rail link between the two border towns opened on Tuesday after six years "
        "of construction, cutting the journey from nine hours to under three. ")
# Pages built so that the decoded text is as wordy as the markup allows: entities and
# numeric references, JSON-LD with escapes (trafilatura's baseline reads articleBody),
# HTML escaped inside JSON, adjacent inline elements, Cyrillic and CJK runs.
BUILT = {
    "entities": "<p>" + "caf&eacute;&nbsp;d&#233;j&#x e0; &#1076;&#1072; &amp; x&lt;y " * 30
                + "</p>",
    "json-ld body": '<script type="application/ld+json">' + json.dumps(
        {"@type": "NewsArticle", "articleBody": ("\u0434\u0430 caf\u00e9 a\nb " * 40)})
                    + "</script><p>Short.</p>",
    "escaped html in json": '<script type="application/ld+json">{"@type": "Article", '
                            '"articleBody": "' + "&lt;p&gt;word word&lt;/p&gt;" * 40
                            + '"}</script>',
    "inline runs": "<p>" + "<b>ab</b><i>cd</i>ef<span>gh</span> " * 40 + "</p>",
    "scripts": "<p>" + "Россия и Китай 中国和俄罗斯 签署 " * 30 + "</p>",
}


def read(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", "replace")


def alone_words(html: str) -> int:
    """The most words trafilatura alone finds on the page, with either setting."""
    found = 0
    for recall in (True, False):
        doc: Any = trafilatura.bare_extraction(
            html, url="https://example.org/a", with_metadata=False, include_comments=False,
            include_tables=True, deduplicate=False, favor_recall=recall)
        found = max(found, words(doc.text or "") if doc is not None else 0)
    return found


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_source_words_bound_trafilatura_on_pages(path: Path) -> None:
    html = read(path)
    assert alone_words(html) <= words(html)


@pytest.mark.parametrize("body", BUILT.values(), ids=list(BUILT))
def test_source_words_bound_trafilatura_on_built_pages(body: str) -> None:
    html = f"<html><head><title>t</title></head><body><article>{body}</article></body></html>"
    found = alone_words(html)
    assert found > 0 and found <= words(html)


def test_small_page_is_judged_without_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    real = fallback._alone

    def spy(tree: Any, url: str, *, favor_recall: bool) -> str:
        calls.append(favor_recall)
        return real(tree, url, favor_recall=favor_recall)

    monkeypatch.setattr(fallback, "_alone", spy)
    small = f"<html><body><article><p>{BODY}</p></article></body></html>"
    assert words(small) < MIN_WORDS
    assert conservative(small, "https://example.org/a", 0, title=None, author=None) is None
    assert calls == []
    # A page with more words in its source is extracted, from one parse, with both
    # settings when the first finds little.
    script = "<script>var item = load(one, two, three);</script>" * 40
    wordy = f"<html><head>{script}</head><body><p>Short text.</p></body></html>"
    assert conservative(wordy, "https://example.org/a", 0, title=None, author=None) is None
    assert calls == [True, False]


def test_one_parse_gives_the_answer_of_two() -> None:
    # When the cleaned text kept nothing, the conservative text is trafilatura's extraction
    # of the unpruned page.
    paras = "".join(f"<p>Part {i}. {BODY}</p>" for i in range(12))
    html = f"<html><head><title>Rail</title></head><body><article>{paras}</article></body></html>"
    tree = load_html(html)
    assert tree is not None
    before = tree.xpath("string()")
    first = fallback._alone(tree, "https://example.org/a", favor_recall=True)
    assert tree.xpath("string()") == before  # trafilatura worked on a copy
    assert first == fallback._alone(load_html(html), "https://example.org/a",
                                    favor_recall=True)
    found = conservative(html, "https://example.org/a", 0, title="Rail", author=None)
    assert found is not None and found.alone_words == words(first) >= MIN_WORDS


@pytest.mark.parametrize("texts", [
    [], ["", "  "], ["plain words only", "x_1 --a-b-- don't 42.5% (C)"],
    ["Café, naïve “quotes”", "ASCII line", "Путин и Си", "中俄关系 2024", "İstanbul ﬁ ½"],
])
def test_words_of_texts_are_the_words_of_their_join(texts: list[str]) -> None:
    folded = [fold(t) for t in texts]
    assert words_of(texts, folded) == words(" ".join(texts)) == words("\n\n".join(texts))


def test_words_of_pages() -> None:
    for path in PAGES[:20]:
        lines = gzip.decompress(path.read_bytes()).decode("utf-8", "replace").split("\n") \
            if path.suffix == ".gz" else path.read_text(encoding="utf-8").split("\n")
        assert words_of(lines, [fold(x) for x in lines]) == words(" ".join(lines))
