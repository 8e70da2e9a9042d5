"""Session 32: what the fourth round of blind web pages (tests/fixtures/blind_pages, tuning
sets 19, 21 and 23) showed. Text and pages written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.clean.html import prune
from pipeline.extract.article import extract_article
from pipeline.extract.loader import load_html
from pipeline.records import FeedEntry, Page

TITLE = "Ferry line from Vladivostok to Zhoushan starts a second weekly sailing"
STORY = [
    "The ferry operator added a second weekly sailing between Vladivostok and Zhoushan "
    "on Monday, two years after the line opened with a single ship and a handful of "
    "trucks on board.",
    "Most of the cargo going south is timber and frozen fish, the operator said, while "
    "the ships come back with car parts, furniture and building materials.",
    "Freight forwarders in Primorye say the line takes four days off the rail route "
    "through Suifenhe, where trucks still wait at the border for up to a week.",
    "The port authority expects the line to carry about 60,000 tonnes this year and "
    "plans a third sailing if a second ship can be chartered before the summer.",
    "Passengers are allowed on board again from March, with forty cabins on each ship "
    "and tickets sold only at the terminal, the operator added.",
]
# Teasers of other stories, each longer than some of the story's paragraphs.
SIDEBAR = [
    "Night buses return to the harbour district: the city restores three routes that "
    "were cut last winter, and drivers get a new depot near the fish market after a "
    "long dispute over wages and shifts.",
    "The fish market gets a roof at last: after ten years of plans the council has "
    "found the money, and traders will move to a temporary hall by the station while "
    "the builders are at work.",
]
COMMENTS = [
    "Finally a way to ship to Zhejiang without the Suifenhe queues, we waited nine days.",
    "Forty cabins is nothing, in summer the tickets will be gone in an hour.",
    "Who pays for the new berth? Not the operator, that much is certain.",
]


def _page(body_class: str, comments_attr: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    comments = "".join(f"<div class='entry'><b>reader{i}</b><br>{c}</div>"
                       for i, c in enumerate(COMMENTS))
    return (
        "<!DOCTYPE html><html><head><title>" + TITLE + "</title></head><body>"
        "<table width='100%'><tr><td><a href='/'>Home</a> <a href='/port'>Port</a></td></tr>"
        "<tr><td><h1>" + TITLE + "</h1>"
        f"<div class='{body_class}'>" + paragraphs + "</div>"
        f"<div {comments_attr}><h3>Comments (3)</h3>" + comments + "</div>"
        "</td><td><h3>Most read</h3>" + "".join(f"<p>{p}</p>" for p in SIDEBAR) +
        "</td></tr></table><p>© Pacific Harbour News</p></body></html>")


def _text(html: str) -> str:
    url = "https://harbour.example/ferry-second-sailing"
    page = Page(FeedEntry("t", "t", url, url), url, 200, "text/html", html, datetime.now(UTC))
    return extract_article(page).text


@pytest.mark.parametrize("body_class", ["box teaserbox", "article-Teaser-wrap"])
def test_a_story_in_a_container_named_teaser_is_extracted(body_class: str) -> None:
    # trafilatura drops every div whose class holds "teaser": a container with most of
    # the page's paragraph text keeps its story.
    text = _text(_page(body_class, "id='comments'"))
    for paragraph in STORY:
        assert paragraph in text


def test_a_small_box_named_teaser_still_goes() -> None:
    html = _page("story", "id='comments'").replace(
        "</td></tr></table>", "<div class='teaser'><p>Harbour cranes get a new paint job "
        "before the festival, see the pictures</p></div></td></tr></table>")
    text = _text(html)
    assert STORY[0] in text and "paint job" not in text


@pytest.mark.parametrize("attr", [
    "id='reacties'", "class='komentarze'", "class='comentarios-lista'",
    "class='kommentare'", "class='leserbriefe'", "id='kommentarii'",
    "class='kommentti-osio'", "class='hozzaszolasok'"])
def test_readers_comments_named_in_the_sites_language_are_pruned(attr: str) -> None:
    html = _page("story", attr)
    tree = load_html(html)
    removed, _ = prune(tree)
    assert any(kind == "comment_form" and COMMENTS[0] in text for kind, text in removed)
    text = _text(html)
    assert STORY[-1] in text
    assert not any(comment in text for comment in COMMENTS)


def test_an_opinion_piece_named_kommentar_is_not_a_comment_thread() -> None:
    # German "Kommentar" is also the opinion genre: a lone word is no comment box.
    html = _page("kommentar", "id='comments'")
    text = _text(html)
    for paragraph in STORY:
        assert paragraph in text


SECTION = [
    "The detour through Kazakhstan has become a business of its own for freight brokers.",
    "Brokers in Almaty charge a flat fee per truck and arrange the customs papers on both "
    "sides of the border within a day.",
    "Customs officers in Omsk say the number of such trucks has doubled since the spring, "
    "and that most of them carry Chinese cars bought by dealers in Moscow and Kazan.",
]


def test_a_short_section_of_the_story_in_a_widget_box_is_not_pruned() -> None:
    # A theme's text widget holds a section of the story: two or more sentences and no
    # link are prose although under 120 words; a widget of linked teasers still goes.
    section = "".join(f"<p>{p}</p>" for p in SECTION)
    teasers = "".join(f"<p><a href='/s{i}'>{p}</a></p>" for i, p in enumerate(SIDEBAR))
    html = _page("story", "id='comments'").replace(
        f"<p>{STORY[-1]}</p></div>", f"<p>{STORY[-1]}</p><div class='widget widget--text'>"
        "<h2>The detour</h2>" + section + "</div><div class='widget widget--teasers'>" +
        teasers + "</div></div>")
    assert 60 <= sum(len(p.split()) for p in SECTION) < 120
    tree = load_html(html)
    removed, _ = prune(tree)
    assert not any(SECTION[0] in text for _, text in removed)
    assert any(kind == "site_chrome" and SIDEBAR[0][:40] in text for kind, text in removed)
    kept = " ".join(tree.text_content().split())
    assert all(paragraph in kept for paragraph in SECTION)


def test_a_list_and_a_heading_between_two_paragraphs_are_put_back_together() -> None:
    # trafilatura dropped a figures list and the subheading under it (blind pages,
    # tuning set27): both sit between the same two paragraphs and come back in order.
    from pipeline.extract.headings import heading_slots, restore_headings
    from pipeline.text import fold

    tree = load_html(
        "<html><body><article><h1>Freight</h1>"
        f"<p>{STORY[0]}</p><p>{STORY[1]}</p>"
        "<ul><li>timber: 40 per cent</li><li>fish: 25 per cent</li></ul>"
        "<h3>What comes back</h3>"
        f"<p>{STORY[2]}</p></article></body></html>")
    slots = heading_slots(tree)
    assert slots == [(fold(STORY[1]), ["- timber: 40 per cent", "- fish: 25 per cent",
                                       "What comes back"], fold(STORY[2]))]
    lines = [STORY[0], STORY[1], STORY[2]]
    got, _ = restore_headings(lines, [fold(x) for x in lines], slots)
    assert got == [STORY[0], STORY[1], "- timber: 40 per cent", "- fish: 25 per cent",
                   "What comes back", STORY[2]]
