"""``extract_body`` gives what ``trafilatura.bare_extraction`` gives for rcwire's options,
on real pages (whole and pruned, as ``extract_article`` hands them) and on the sample
site."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from pipeline.clean.html import prune
from pipeline.extract.body import extract_body
from tests.conftest import ROOT

REAL = sorted((ROOT / "tests/fixtures/news_subset/html").glob("*.html.gz"))
SAMPLE = sorted((ROOT / "samples/site").rglob("*.html"))


def read(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", "replace")


def _theirs(tree: object, url: str) -> object:
    return trafilatura.bare_extraction(tree, url=url, with_metadata=False,
                                       include_comments=False, include_tables=True,
                                       deduplicate=False)


@pytest.mark.parametrize("pruned", [False, True])
@pytest.mark.parametrize("path", REAL + SAMPLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_extraction_as_trafilatura(path: Path, pruned: bool) -> None:
    html = read(path)
    url = f"https://news.example/{path.parent.name}/{path.stem}"
    tree = load_html(html)
    if pruned:
        prune(tree)
    theirs = _theirs(tree, url)  # on a copy: ``tree`` is left as it was
    ours = extract_body(tree, url)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert ours.text == theirs.text and ours.raw_text == theirs.raw_text
        assert etree.tostring(ours.body) == etree.tostring(theirs.body)


def test_discarded_page_is_none() -> None:
    tree = load_html("<html><head><title>t</title></head><body><p></p></body></html>")
    assert _theirs(tree, "https://news.example/empty") is None
    assert extract_body(tree, "https://news.example/empty") is None


def test_pages_are_covered() -> None:
    assert len(REAL) == 16 and len(SAMPLE) >= 20
