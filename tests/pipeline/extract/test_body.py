"""``extract_body`` gives what ``trafilatura.bare_extraction`` gives for rcwire's options,
on real pages (whole and pruned, as ``extract_article`` hands them) and on the sample
site, when its recall escalation is asked as trafilatura asks it; by default it is asked
for a fragment only."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from trafilatura.core import ESCALATION_MAX_LENGTH
from trafilatura.utils import load_html

from pipeline.clean.html import prune
from pipeline.extract.body import FRAGMENT_CHARS, extract_body
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
    ours = extract_body(tree, url, fragment_chars=ESCALATION_MAX_LENGTH)
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


PORTAL = ROOT / "tests/fixtures/portal/yahoo-2.html.gz"


def test_a_story_on_a_portal_page_is_not_escalated_into_the_stream() -> None:
    # trafilatura finds the 400-word story, then its recall escalation (the find is under
    # 3,000 characters and a fifth of the page) takes justext's text: the story and the
    # stream of other stories' summaries beside it. rcwire keeps the story.
    html = read(PORTAL)
    url = "https://news.example/portal/story"
    theirs = _theirs(load_html(html), url)
    ours = extract_body(load_html(html), url)
    assert len(ours.text) >= FRAGMENT_CHARS
    assert len(theirs.text) > 2 * len(ours.text)
    ours_lines = [ln for ln in ours.text.split("\n") if ln.strip()]
    assert all(line in theirs.text for line in ours_lines)
    assert "Russian cargo spaceship" in ours.text and "Melania" not in ours.text
    assert "Melania" in theirs.text
    # Asked as trafilatura asks it, the escalation gives trafilatura's text.
    same = extract_body(load_html(html), url, fragment_chars=ESCALATION_MAX_LENGTH)
    assert same.text == theirs.text


def test_a_fragment_is_still_escalated() -> None:
    # A live blog whose main find is its 100-word introduction: the posts come from the
    # escalation, as in trafilatura.
    html = read(ROOT / "tests/fixtures/news_subset/html/TheTelegraph_1.html.gz")
    url = "https://news.example/live/blog"
    ours = extract_body(load_html(html), url)
    theirs = _theirs(load_html(html), url)
    assert ours.text == theirs.text
    assert len(ours.text) > 10 * FRAGMENT_CHARS
