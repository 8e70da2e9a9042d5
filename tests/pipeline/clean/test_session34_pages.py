"""Session 34: what the seventh round of blind web pages (page layouts beyond the usual
article template) and the older tuning sets' table portals showed. Text and pages written
for this test."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from pipeline.clean.cards import card_lists
from pipeline.clean.layout import open_layout_tables
from pipeline.clean.reporting import SPARING
from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from pipeline.extract.loader import load_html
from pipeline.records import Article, FeedEntry, Page

TITLE = "Grain barges from Blagoveshchensk reach Heihe in record time"
LEAD = ("The first grain barges of the season crossed the Amur in under an hour, the river "
        "port said, after the channel was dredged over the winter")
STORY = [
    "Four barges loaded with soybeans left the Blagoveshchensk terminal at dawn and were "
    "unloaded on the Chinese bank before noon, the port's dispatcher told reporters.",
    "Last year the same crossing took most of a day, as the barges had to wait for the "
    "morning fog to lift and for a pilot boat to lead them around the sandbanks.",
    "The regional government paid for the dredging together with a trading house from "
    "Harbin, which ships most of the Amur soy harvest south by rail.",
    "Farmers in the Tambovka district say the faster crossing matters less than the price, "
    "which has fallen by a tenth since the autumn as Chinese buyers wait for the new crop.",
    "The port plans to run six barges a day from June if the water level holds.",
]
MENU = ["News", "Economy", "Society", "Incidents", "Neighbours", "Photo", "Forum"]
TEASERS = [
    "City council debates a new tram line to the river station, with costs still unclear "
    "and the first tenders expected only next spring at the earliest",
    "Ferry prices to Heihe rise again as the operator blames fuel costs and a weaker rouble, "
    "while travel agents report fewer bookings for the May holidays",
]
COMMENTS = ["The price is the only thing that matters to us here.",
            "Six barges a day would finally clear the elevator queue."]


def _page(html: str, url: str = "https://amur-portal.example/news/2025/grain-barges") -> Page:
    return Page(FeedEntry("t", "t", url, url), url, 200, "text/html", html, datetime.now(UTC))


def _portal() -> str:
    """An old portal: a menu column, the story as loose text in a cell (paragraphs split by
    two <br>s, the standfirst in bold), a teaser column, a rates table and comments."""
    menu = "".join(f"<a href='/{m.lower()}/'>{m}</a><br>" for m in MENU)
    story = "<br><br>\n".join(STORY)
    teasers = "".join(f"<tr><td><a href='/t{i}'>Read</a><br>{t}</td></tr>"
                      for i, t in enumerate(TEASERS))
    comments = "".join(f"<tr><td><b>reader{i}</b></td></tr><tr><td>{c}</td></tr>"
                       for i, c in enumerate(COMMENTS))
    return (
        "<!DOCTYPE html><html><head><title>" + TITLE + "</title></head><body>"
        "<table width='1000'><tr><td colspan='3'><img src='/logo.gif' alt='Amur portal'>"
        "<table class='rates'><tr><td>USD</td><td>81,20</td></tr>"
        "<tr><td>CNY</td><td>11,30</td></tr></table></td></tr>"
        "<tr><td width='180' class='box'>" + menu + "</td>"
        "<td valign='top'><table><tr><td class='box'>"
        "<h1>" + TITLE + "</h1><span class='date'>14.05.2025 10:20</span><br><br>"
        "<div class='lead'><b>" + LEAD + "</b></div>" + story +
        "</td></tr></table>"
        "<table><tr><td class='box_title'>Comments (2)</td></tr>" + comments + "</table>"
        "</td><td width='220'><table>" + teasers + "</table></td></tr>"
        "<tr><td colspan='3'>© Amur portal 2004-2025</td></tr></table></body></html>")


def test_a_table_portal_gives_its_story_without_the_columns() -> None:
    article = extract_article(_page(_portal()))
    for paragraph in STORY:
        assert paragraph in article.text.split("\n\n")
    for furniture in [*MENU, *TEASERS, "81,20", "USD"]:
        assert furniture not in article.text


def test_the_story_cell_gets_paragraphs_and_the_layout_tables_open() -> None:
    tree = load_html(_portal())
    assert open_layout_tables(tree) >= 2
    paragraphs = [etree.tostring(p, method="text", encoding=str).strip()
                  for p in tree.iter("p")]
    for paragraph in STORY:
        assert paragraph in paragraphs
    # The rates are data: a table still; the story's frame is marked for trafilatura.
    assert [t.get("class") for t in tree.iter("table")] == ["rates"]
    assert len(tree.xpath("//*[@itemprop='articleBody']")) == 1


def test_a_page_without_a_table_is_left_as_it_was() -> None:
    html = ("<html><body><h1>" + TITLE + "</h1><div class='story'>" +
            "".join(f"<p>{p}</p>" for p in STORY) + "</div></body></html>")
    tree = load_html(html)
    before = etree.tostring(tree)
    assert open_layout_tables(tree) == 0
    assert etree.tostring(tree) == before


def _cards_page(linked: bool) -> str:
    cards = "".join(
        "<article class='zz-item'><h3>" + (f"<a href='/n{i}'>{t[:40]}</a>" if linked else
                                           t[:40]) + "</h3><p>" + t[40:110] + "</p></article>"
        for i, t in enumerate([*TEASERS, *TEASERS]))
    return ("<html><body><article><h1>" + TITLE + "</h1>" +
            "".join(f"<p>{p}</p>" for p in STORY) +
            "<section class='zz-list'><h2>Also today</h2>" + cards + "</section>"
            "</article></body></html>")


def test_a_list_of_other_stories_is_told_by_its_shape() -> None:
    tree = load_html(_cards_page(linked=True))
    assert [c.get("class") for c in card_lists(tree.iter("h2", "h3", "h4"))] == ["zz-list"]
    article = extract_article(_page(_cards_page(linked=True)))
    assert all(p in article.text for p in STORY)
    assert TEASERS[0][40:110] not in article.text
    assert {k for k, t in article.removed if TEASERS[0][40:110] in t} == {"related_posts"}


def test_sections_under_plain_headings_are_no_card_list() -> None:
    tree = load_html(_cards_page(linked=False))
    assert card_lists(tree.iter("h2", "h3", "h4")) == []


def _brief_with_postings() -> str:
    postings = "".join(
        f"<div class='posting'><div class='posting-meta'><b>user{i}</b> vor {i} Stunden</div>"
        f"<p>{c} {TEASERS[i % 2]}. Ich sehe das anders als die Redaktion, und zwar seit "
        f"Jahren, weil hier niemand die Bauern fragt.</p></div>"
        for i, c in enumerate(COMMENTS * 4))
    return ("<html><body><h1>" + TITLE + "</h1><div class='text'>" +
            "".join(f"<p>{p}</p>" for p in STORY[:3]) + "</div>"
            "<section class='postings' id='postings'><h3>Postings (8)</h3>" + postings +
            "</section></body></html>")


def test_a_brief_beside_a_long_thread_of_postings_keeps_its_text_alone() -> None:
    article: Article = extract_article(_page(_brief_with_postings()))
    assert not article.cleaning_fallback
    assert all(p in article.text for p in STORY[:3])
    assert COMMENTS[0] not in article.text


def test_a_story_in_wrappers_of_its_own_comes_out_whole() -> None:
    chunks = [STORY[:2], STORY[2:3], STORY[3:4], STORY[4:]]
    tags = ["article", "section", "div", "div"]
    body = "".join(
        f"<{tag} class='story-part{' story-more' if k else ''} locked'>"
        f"<div class='chunk'>{''.join(f'<p>{p}</p>' for p in chunk)}</div></{tag}>"
        f"<div class='ad'>Advertisement</div>"
        for k, (tag, chunk) in enumerate(zip(tags, chunks, strict=True)))
    html = "<html><body><h1>" + TITLE + "</h1>" + body + "</body></html>"
    article = extract_article(_page(html))
    for paragraph in STORY:
        assert paragraph in article.text


BOXED = [
    "Dispatchers in Heihe confirmed the timings and said the Chinese customs post would "
    "open an hour earlier on crossing days to keep the trucks moving.",
    "A second terminal upstream, at Poyarkovo, is to take part of the traffic once its "
    "crane is repaired later in the summer, officials on both banks said.",
    "Until then every barge has to queue at Blagoveshchensk, where the loading berth can "
    "take only two vessels at a time and night shifts are still rare.",
]


def test_a_story_section_in_a_box_named_sidebar_is_kept() -> None:
    # Pruning keeps a box of prose whatever its class says; trafilatura would drop it by
    # its "sidebar", so its class and id move to data-rcwire-* before extraction.
    section = ("<div class='sc-x9 styles_sidebarBox__k2'>" +
               "".join(f"<p>{p}</p>" for p in BOXED) + "</div>")
    html = ("<html><body><article><h1>" + TITLE + "</h1>" +
            "".join(f"<p>{p}</p>" for p in STORY[:3]) + section +
            "".join(f"<p>{p}</p>" for p in STORY[3:]) + "</article></body></html>")
    article = extract_article(_page(html))
    for paragraph in [*STORY, *BOXED]:
        assert paragraph in article.text


def test_a_lead_in_clauses_atop_a_portals_story_is_kept_a_strapline_is_not() -> None:
    # An old portal has no strapline slot: a line in clauses under its headline is the
    # story's lead; on other pages (and any one-phrase line) it is the description.
    lines = [LEAD, *STORY]
    portal = clean_paragraphs(lines, title=TITLE, model=False, strapline=False)
    assert portal.paragraphs == lines
    page = clean_paragraphs(lines, title=TITLE, model=False)
    assert page.paragraphs == STORY and page.description == LEAD
    phrase = "Grain barges cross the Amur in record time"
    short = clean_paragraphs([phrase, *STORY], title=TITLE, model=False, strapline=False)
    assert short.paragraphs == STORY and short.description == phrase


def test_german_reporting_verbs_spare_a_rules_label() -> None:
    # A story's sentence that reports what someone says keeps its place whatever wording
    # rule (consent, pitch, paywall) it trips (``lexicon.spare_reported``).
    for verb in ("kritisierten", "warnte", "forderten", "sagten"):
        assert SPARING.search(f"Verbraucherschützer {verb} im Frühjahr die Portale der Region")
    assert not SPARING.search("Bitte stimmen Sie der Nutzung von Cookies zu")


def test_a_polish_paywall_note_goes_a_story_sentence_on_one_stays() -> None:
    story = ("Od kwietnia większość tekstów portalu jest dostępna tylko dla abonentów, a za "
             "darmo można czytać wyłącznie krótkie komunikaty policji, straży pożarnej, "
             "szpitali i urzędu miasta, ogłosił wydawca.")
    note = "Ten artykuł jest dostępny tylko dla abonentów. Zaloguj się, aby czytać dalej."
    polish = ["Miasto ogłosiło przetarg na nową linię tramwajową do dworca kolejowego.",
              "Budowa ma ruszyć jesienią i potrwać niemal dwa lata, podał urząd."]
    kept = clean_paragraphs([*polish, story], title="Tramwaj do dworca", model=False)
    assert kept.paragraphs[-1] == story
    gone = clean_paragraphs([*polish, note], title="Tramwaj do dworca", model=False)
    assert note not in gone.paragraphs
