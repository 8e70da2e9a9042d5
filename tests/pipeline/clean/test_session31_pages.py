"""Session 31: what the blind web pages (tests/fixtures/blind_pages, tuning sets) showed.
Text and pages written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from pipeline.records import FeedEntry, Page

TITLE = "Port of Vanino doubles its coal berths"
STORY = [
    "The port of Vanino on the Tatar Strait will double its coal berths by 2027, the "
    "regional government said on Tuesday, as shipments to China and India keep rising.",
    "The expansion, worth about 40 billion roubles, adds two berths and a covered "
    "storage yard that the operator says will cut coal dust in the town by half.",
]
HEADING = "What changes for the town"
LIST = [
    "- a new road for trucks that bypasses the town centre;",
    "- a dust screen along the shore, twelve metres high;",
    "- two hundred jobs at the berths and the yard.",
]
CLOSE = [
    "Residents have complained about coal dust for a decade, and a local group took the "
    "operator to court in 2022 over the state of the beaches near the terminal.",
    "The operator said the covered yard would be the first on Russia's Pacific coast and "
    "that work would start in the spring once the permits are issued.",
]


def test_a_related_label_with_no_link_under_it_takes_nothing_on_a_page() -> None:
    # Pruning took the box's linked teaser: the label is left over the story's own
    # heading and list, which have no link text.
    paras = [TITLE, *STORY, "Read also", HEADING, *LIST, *CLOSE]
    kept = clean_paragraphs(paras, link_shares=[0.0] * len(paras)).paragraphs
    assert "Read also" not in kept
    assert [HEADING, *LIST] == [p for p in kept if p == HEADING or p.startswith("- ")]


def test_a_related_label_over_linked_teasers_still_takes_them() -> None:
    teasers = ["Khabarovsk opens a grain terminal for Chinese buyers",
               "Why Sakhalin's ferries keep breaking down"]
    paras = [TITLE, *STORY, "Read also", *teasers, *CLOSE]
    shares = [1.0 if p in teasers else 0.0 for p in paras]
    kept = clean_paragraphs(paras, link_shares=shares).paragraphs
    assert not set(teasers) & set(kept) and "Read also" not in kept
    assert kept[-2:] == CLOSE


def _html() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    items = "".join(f"<li>{p[2:]}</li>" for p in LIST)
    closing = "".join(f"<p>{p}</p>" for p in CLOSE)
    return (
        "<!DOCTYPE html><html lang='en'><head><title>" + TITLE + "</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<main><article><h1>" + TITLE + "</h1>" + paragraphs +
        "<div class='inline-box'><p><strong>Read also</strong></p>"
        "<p><a href='/grain-terminal'>Khabarovsk opens a grain terminal for Chinese "
        "buyers</a></p></div>"
        "<h2>" + HEADING + "</h2><ul>" + items + "</ul>" + closing +
        "</article></main><footer>© Pacific Wire</footer></body></html>")


def test_the_story_list_under_a_pruned_box_stays_in_the_extracted_text() -> None:
    url = "https://news.example/vanino-berths"
    page = Page(FeedEntry("t", "t", url, url), url, 200, "text/html", _html(),
                datetime.now(UTC))
    text = extract_article(page).text
    assert HEADING in text
    for item in LIST:
        assert item[2:] in text
    assert "grain terminal" not in text


def test_a_heading_between_two_kept_paragraphs_is_put_back() -> None:
    from pipeline.extract.headings import heading_slots, restore_headings
    from pipeline.extract.loader import load_html
    from pipeline.text import fold

    heading = "Who pays for the yard"
    html = ("<html><body><div id='text'><p>" + STORY[0] + "</p><h2 class='sub'>" + heading +
            "</h2><p>" + STORY[1] + "</p><h3>A teaser headline set alone</h3>"
            "<div class='box'>Our reporters answer readers' questions every Friday</div>"
            "<p>" + CLOSE[0] + "</p></div></body></html>")
    slots = heading_slots(load_html(html))
    # The second heading has a box of prose, not a paragraph, below it.
    assert [s[1] for s in slots] == [[heading]]
    lines = [STORY[0], STORY[1], CLOSE[0]]
    out, folds = restore_headings(lines, [fold(x) for x in lines], slots)
    assert out == [STORY[0], heading, STORY[1], CLOSE[0]]
    assert folds == [fold(x) for x in out]
    # Its neighbours apart in the text (a line between them): not put back.
    apart = [STORY[0], CLOSE[0], STORY[1]]
    assert restore_headings(apart, [fold(x) for x in apart], slots)[0] == apart


def test_a_subheading_in_capitals_with_a_comma_is_no_byline_mid_story() -> None:
    # Wire copy's subheadings are capitals; "WORD WORD, WORD" reads as a name and a role.
    heading = "STORAGE YARD, JOBS"
    paras = [TITLE, *STORY, heading, *CLOSE]
    assert heading in clean_paragraphs(paras).paragraphs
    assert heading in clean_paragraphs(paras, link_shares=[0.0] * len(paras)).paragraphs
    # Under the headline, above the story, the same shape is still a byline.
    byline = "ANNA VOLKOVA, VLADIVOSTOK"
    assert byline not in clean_paragraphs([TITLE, byline, *STORY, *CLOSE]).paragraphs


def test_a_list_between_two_kept_paragraphs_is_put_back_item_by_item() -> None:
    from pipeline.extract.headings import heading_slots, restore_headings
    from pipeline.extract.loader import load_html
    from pipeline.text import fold

    items = "".join(f"<li>{p[2:]}</li>" for p in LIST)
    links = "<ul><li><a href='/a'>Khabarovsk grain terminal opens</a></li></ul>"
    html = ("<html><body><div class='text'><p>" + STORY[0] + "</p><div class='ad'>Anzeige"
            "</div><ul>" + items + "</ul><p>" + STORY[1] + "</p>" + links + "<p>" +
            CLOSE[0] + "</p></div></body></html>")
    slots = heading_slots(load_html(html))
    assert [s[1] for s in slots] == [LIST]  # the story's list; the list of links is none
    lines = [STORY[0], STORY[1], CLOSE[0]]
    out, _ = restore_headings(lines, [fold(x) for x in lines], slots)
    assert out == [STORY[0], *LIST, STORY[1], CLOSE[0]]


def test_a_story_sentence_that_reports_on_a_newsletter_or_paywall_stays() -> None:
    # Written for this test: a story on the media trips the pitch and paywall wordings.
    quoted = ("„Am Anfang hatten wir mit achtzig Lesern gerechnet“, sagt die Verlegerin. "
              "„Heute liest die halbe Region unseren Newsletter jeden Morgen.“")
    announced = "该网站宣布，自下月起大部分深度报道将仅限付费会员阅读，其余新闻仍可免费浏览。"
    paras = [TITLE, *STORY, quoted, announced, *CLOSE]
    kept = clean_paragraphs(paras, link_shares=[0.0] * len(paras)).paragraphs
    assert quoted in kept and announced in kept
    # The page's own pitch and note quote no one.
    pitch = "Unser Newsletter: jeden Morgen um sechs Uhr die wichtigsten Nachrichten der Region."
    note = "本文仅限付费会员阅读，请登录或订阅后继续。"
    kept = clean_paragraphs([TITLE, *STORY, pitch, note, *CLOSE]).paragraphs
    assert pitch not in kept and note not in kept
