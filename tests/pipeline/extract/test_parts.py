"""A story split into sibling containers around an ad slot: the part trafilatura leaves
out is put back after the part it kept (pipeline/extract/parts.py). Text written for
this test."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.clean.html import prune
from pipeline.extract.article import extract_article
from pipeline.extract.loader import load_html
from pipeline.extract.parts import restore_parts, story_parts
from pipeline.records import FeedEntry, Page
from pipeline.text import fold

FIRST = [
    "The rail operator opened a second container line between Chengdu and Yekaterinburg "
    "on Tuesday, cutting the journey to eleven days.",
    "Most of the cargo going west is electronics and car parts, the operator said, while "
    "the trains come back with timber, copper and frozen fish.",
    "Forwarders in the Urals say the line has taken business from the sea route through "
    "Vladivostok, where ships still wait a week for a berth.",
]
SECOND = [
    "Prices are another matter. A forty-foot container costs about a third more by rail "
    "than by sea, and the gap has grown since the summer.",
    "The operator hopes to close it with longer trains and a faster border crossing at "
    "Zabaikalsk, where a new customs terminal opens next year.",
]


def _html(second_class: str) -> str:
    first = "".join(f"<p>{p}</p>" for p in FIRST)
    second = "".join(f"<p>{p}</p>" for p in SECOND)
    return (
        "<!DOCTYPE html><html><head><title>Second rail line</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/rail'>Rail</a></nav><main><article>"
        "<h1>Chengdu-Yekaterinburg rail line gets a second train</h1>"
        "<div class='story-text' itemprop='articleBody'>" + first + "</div>"
        "<div class='ad-slot'><span>Advertisement</span></div>"
        f"<div class='{second_class}'>" + second + "</div>"
        "</article></main><footer>© Urals Freight News</footer></body></html>")


def test_the_parts_are_read_from_the_pruned_tree() -> None:
    tree = load_html(_html("story-text story-text--more"))
    prune(tree)
    parts = story_parts(tree)
    assert [blocks for blocks, _ in parts] == [FIRST, SECOND]
    tree = load_html(_html("related-box"))  # no class word in common: no parts
    prune(tree)
    assert story_parts(tree) == []


def test_a_part_left_out_is_put_back_after_the_part_kept() -> None:
    parts = [(FIRST, [fold(p) for p in FIRST]), (SECOND, [fold(p) for p in SECOND])]
    lines = ["Chengdu-Yekaterinburg rail line gets a second train", *FIRST, "© footer"]
    got, folds = restore_parts(lines, [fold(x) for x in lines], parts)
    assert got == [lines[0], *FIRST, *SECOND, "© footer"]
    assert folds == [fold(x) for x in got]
    # Nothing is put back when every part came out, or when no part did.
    assert restore_parts(got, folds, parts)[0] == got
    assert restore_parts(["other"], ["other"], parts)[0] == ["other"]


def test_both_parts_end_up_in_the_article() -> None:
    url = "https://freight.example/second-line"
    page = Page(FeedEntry("t", "t", url, url), url, 200, "text/html",
                _html("story-text story-text--more"), datetime.now(UTC))
    text = extract_article(page).text
    for paragraph in (*FIRST, *SECOND):
        assert paragraph in text
    assert text.index(FIRST[-1]) < text.index(SECOND[0])
