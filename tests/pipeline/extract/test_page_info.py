"""``page_info`` reads what ``trafilatura.metadata.extract_metadata`` reads, for the fields
rcwire keeps, on real pages and on the sample site."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from trafilatura.json_metadata import normalize_json
from trafilatura.metadata import JSON_MINIFY, extract_meta_json, extract_metadata
from trafilatura.settings import Document
from trafilatura.utils import load_html

from pipeline.extract.page_info import meta_json, minify_json, normalize_json_text, page_info
from tests.conftest import ROOT

FIELDS = ("title", "author", "description", "sitename", "date", "url")
REAL = sorted((ROOT / "tests/fixtures/news_subset/html").glob("*.html.gz"))
SAMPLE = sorted((ROOT / "samples/site").rglob("*.html"))


def read(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", "replace")


@pytest.mark.parametrize("path", REAL + SAMPLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_fields_as_trafilatura(path: Path) -> None:
    html = read(path)
    url = f"https://news.example/{path.parent.name}/{path.stem}"
    ours = page_info(load_html(html), url)
    theirs = extract_metadata(load_html(html), default_url=url,
                              date_config={"extensive_search": False, "original_date": True})
    assert {f: getattr(ours, f) for f in FIELDS} == {f: getattr(theirs, f) for f in FIELDS}


def test_pages_are_covered() -> None:
    assert len(REAL) == 16 and len(SAMPLE) >= 20


@pytest.mark.parametrize("text", [
    '{ "a" : "b c" ,\n\t"d":[1, 2] }',
    '{"q": "say \\"hi there\\" now", "r" : 1}',
    '{"open": "never closed , x }',
    '" a " b "\u00a0c\u3000" \x1c d\u2028"',
    '\\" lone " quote" "',
])
def test_json_minified_as_trafilatura_does(text: str) -> None:
    assert minify_json(text) == JSON_MINIFY.sub(r"\1", text)


@pytest.mark.parametrize("text", [
    'plain "text" <b>with</b> a tag',
    '{"headline": "caf\\u00e9 \\ud83d\\ude00 \\n line \\t tab \\r &amp; <i>x</i>"}',
    '{"a": "lone \\udc00 surrogate and \\uD800 another"}',
    "back\\slash only",
    '{"name": "\\u003cb\\u003eTag\\u003c/b\\u003e"}',
])
def test_json_text_normalized_as_trafilatura_does(text: str) -> None:
    assert normalize_json_text(text) == normalize_json(text)


@pytest.mark.parametrize("path", REAL + SAMPLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_json_ld_read_as_trafilatura_reads_it(path: Path) -> None:
    ours = meta_json(load_html(read(path)), Document())
    theirs = extract_meta_json(load_html(read(path)), Document())
    # Every field but the two empty lxml elements each Document starts with.
    fields = [f for f in Document.__slots__ if f not in ("body", "commentsbody")]
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]
