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


PORTAL_STORY = [
    "The bridge across the Amur at Blagoveshchensk carried a record number of trucks in "
    "August, the regional transport ministry said, most of them loaded with soybeans, "
    "timber and machine parts bound for Heihe on the Chinese bank.",
    "Customs officers on both sides have added night shifts since the spring, and the wait "
    "for a truck fell from two days to about nine hours, drivers told the paper.",
    "Local traders say the crossing has changed the town: a Chinese supermarket chain opened "
    "two shops in the centre, and the bus station now sells tickets to Harbin.",
    "The ministry expects the bridge to reach its design capacity within three years if a "
    "second customs terminal opens on the Russian side as planned.",
    "Farmers in the region have welcomed the shorter waits, since soybeans sent by truck "
    "now reach Chinese crushing plants within a day instead of the three days a barge "
    "needed in the past, and buyers there pay on delivery.",
    "Critics point out that the bridge still closes for several hours on most winter "
    "nights, when the wind on the river makes the approach roads too icy for heavy trucks.",
]
STANDFIRST = ("Trucks wait nine hours instead of two days at the Amur crossing. Traders in "
              "town count the gains, and the ministry plans a second terminal.")
FEED = ["12:40 Snow closes the road to Tynda for a second day, and road crews work through "
        "the night to clear drifts two metres deep along the pass",
        "11:15 City council approves a new fare for the river ferry from next month, ten "
        "roubles more for a single crossing and twenty more for a car"]


def _portal() -> str:
    story = "".join(f"<p>{p}</p>" for p in PORTAL_STORY)
    feed = "".join(f"<div class='feed-item'>{f}</div>" for f in FEED)
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Bridge traffic sets a record</title>"
        "<meta name='description' content='" + STANDFIRST.split(". ")[0] + ".'>"
        "</head><body><table width='100%'><tr><td colspan='3'><a href='/'>Amur Courier</a>"
        " :: <a href='/news'>News</a> :: <a href='/weather'>Weather</a></td></tr>"
        "<tr><td width='160'><b>Poll</b><br>Have you crossed the bridge?</td>"
        "<td><h1>Bridge traffic sets a record</h1><div class='lead'>" + STANDFIRST +
        "</div>" + story + "</td>"
        "<td width='200'><b>News feed</b>" + feed + "</td></tr>"
        "<tr><td colspan='3'>Figures by month<table><tr><th>Month</th><th>Trucks</th></tr>"
        "<tr><td>July</td><td>1,204</td></tr><tr><td>August</td><td>1,377</td></tr>"
        "</table></td></tr></table></body></html>")


def test_a_table_that_lays_out_the_page_is_read_as_blocks() -> None:
    from pipeline.clean.html import unwrap_layout_tables
    from pipeline.extract.loader import load_html

    tree = load_html(_portal())
    assert unwrap_layout_tables(tree) == 1  # the frame, not the table of figures
    assert [t.xpath("count(.//tr)") for t in tree.iter("table")] == [3.0]
    url = "https://amur-courier.example/bridge-record"
    page = Page(FeedEntry("t", "t", url, url), url, 200, "text/html", _portal(),
                datetime.now(UTC))
    paragraphs = extract_article(page).text.split("\n\n")
    # Each story paragraph a paragraph of its own, not one table row with the feed.
    for p in PORTAL_STORY:
        assert p in paragraphs
    # trafilatura leaves the standfirst in the cell's header out; the table's row had it.
    assert paragraphs[0] == STANDFIRST
    assert not any(f[:30] in p for f in FEED for p in paragraphs)


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
