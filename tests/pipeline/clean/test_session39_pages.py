"""Session 39: what the twelfth round of blind web pages (old and patched templates,
markup noise, pages showing part of a story) showed: a story's second half collapsed
under a "read more" button, and notes that a reposted text comes from a partner outlet.
Text and pages written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html

from pipeline.clean.collapsed import reveal_collapsed
from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from pipeline.records import Article, FeedEntry, Page

TITLE = "Ferry line across the northern bay adds a winter crossing for lorries"
OPENING = [
    "The ferry company serving the northern bay will run a crossing for lorries through "
    "the winter for the first time, its chief executive said on Thursday.",
    "Until now the route closed in December, when ice made the eastern harbour hard to "
    "reach, and hauliers drove the long way round the bay instead.",
    "A new ice-class vessel bought from a shipyard in the south makes the winter sailings "
    "possible, the company said, and it will carry forty lorries a trip.",
]
REST = [
    "Hauliers welcomed the plan but asked for a timetable that fits the customs posts' "
    "opening hours on both sides of the bay, which close at eight in the evening.",
    "The harbour authority said it would keep a channel open with its own tug and that "
    "the cost would be shared with the ferry company for the first two winters.",
    "Freight forwarders expect the crossing to save a day on deliveries of machinery and "
    "timber, which now travel more than six hundred kilometres by road.",
    "The first winter sailing is planned for the second week of January, weather "
    "permitting, with three crossings a week until the ice breaks up in April.",
]


def _article(html: str) -> Article:
    url = "https://bay-post.example/news/winter-ferry"
    page = Page(FeedEntry("t", "t", url, url), url, 200, "text/html", html, datetime.now(UTC))
    return extract_article(page)


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _page(article: str, after: str = "") -> str:
    return (
        f"<html><head><title>{TITLE}</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<div class='main'><article><h1>{TITLE}</h1>{article}</article></div>"
        f"{after}<footer><p>Bay Post, Harbour Street 4</p></footer></body></html>")


@pytest.mark.parametrize("hidden", [
    "<div class='body-rest' style='display: none'>{rest}</div>",
    "<div class='expander'><div class='expander__content' aria-hidden='true'>{rest}</div></div>",
    "<div class='story-rest' hidden>{rest}</div>",
    # hidden by a stylesheet's class, which trafilatura drops by its name
    "<div class='article-rest hidden'>{rest}</div>",
])
def test_the_second_half_collapsed_under_read_more_is_kept(hidden: str) -> None:
    article = (_paragraphs(OPENING)
               + "<a href='#' class='toggle' aria-expanded='false'>Show the whole story</a>"
               + "<div class='ad-slot' aria-hidden='true'><span>Advertisement</span></div>"
               + hidden.format(rest=_paragraphs(REST)))
    text = _article(_page(article)).text
    for line in OPENING + REST:
        assert line in text


def test_a_hidden_block_with_the_story_kept_marks_what_hid_it() -> None:
    tree = lxml_html.fromstring(_page(
        _paragraphs(OPENING) + f"<div class='rest' style='display:none'>{_paragraphs(REST)}</div>"))
    revealed = reveal_collapsed(tree)
    assert len(revealed) == 1
    assert revealed[0].get("style") is None
    assert revealed[0].get("data-rcwire-style") == "display:none"


DIALOG_TEXT = [
    "We and our partners store and read information on your device to measure how the "
    "site is used and to show advertising that suits your interests.",
    "You can change your choices at any time in the settings at the bottom of every "
    "page, and you may object to processing based on legitimate interest.",
    "Strictly necessary cookies keep the site working and cannot be switched off, since "
    "without them the pages would not load at all.",
]


@pytest.mark.parametrize("dialog", [
    # named a dialog, right after the story
    "<div class='settings-modal' style='display:none'>{text}</div>",
    "<div role='dialog' aria-hidden='true'>{text}</div>",
])
def test_a_hidden_dialog_after_the_story_stays_hidden(dialog: str) -> None:
    article = _paragraphs(OPENING + REST) + dialog.format(text=_paragraphs(DIALOG_TEXT))
    text = _article(_page(article)).text
    assert OPENING[0] in text
    assert not any(line in text for line in DIALOG_TEXT)


def test_hidden_prose_away_from_the_story_stays_hidden() -> None:
    # an unnamed hidden box of sentences at the page's end, past the footer's siblings
    after = ("<div class='block'><ul><li><a href='/a'>Weather</a></li></ul></div>"
             "<div class='block'><ul><li><a href='/b'>Sport</a></li></ul></div>"
             "<div class='block'><ul><li><a href='/c'>Jobs</a></li></ul></div>"
             "<div class='block'><ul><li><a href='/d'>Cars</a></li></ul></div>"
             f"<div style='display:none'>{_paragraphs(DIALOG_TEXT)}</div>")
    tree = lxml_html.fromstring(_page(_paragraphs(OPENING + REST), after))
    assert reveal_collapsed(tree) == []


def test_a_hidden_copy_of_the_story_is_not_revealed() -> None:
    # a print view's copy of the same paragraphs: a repeat, not a continuation
    article = (_paragraphs(OPENING + REST)
               + f"<div class='story-copy' style='display:none'>{_paragraphs(OPENING)}</div>")
    tree = lxml_html.fromstring(_page(article))
    assert reveal_collapsed(tree) == []


def test_a_hidden_menu_is_not_revealed() -> None:
    menu = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12))
    article = _paragraphs(OPENING + REST) + f"<div style='display:none'><ul>{menu}</ul></div>"
    tree = lxml_html.fromstring(_page(article))
    assert reveal_collapsed(tree) == []


@pytest.mark.parametrize("note", [
    "Dieser Artikel kommt von unserem Medienpartner Nordhafen-Zeitung; wir zeigen den "
    "Anfang des Textes.",
    "Für diesen Beitrag ist allein der Herausgeber des Originals verantwortlich.",
    "Публикация подготовлена нашим партнёром, газетой «Приморский вестник».",
    "Ответственность за достоверность публикации несёт первоисточник.",
    "This story appears here courtesy of the Harbour Gazette, which holds its rights.",
])
def test_a_partner_outlets_note_goes(note: str) -> None:
    result = clean_paragraphs([TITLE, *OPENING, *REST, note])
    assert note not in result.paragraphs
    assert result.paragraphs[-1] == REST[-1]


@pytest.mark.parametrize("line", [
    "Für den Inhalt der neuen Fahrpläne sind nach Angaben der Reederei die beiden "
    "Hafenbehörden verantwortlich, sagte ein Sprecher.",
    "Der Kapitän kommt von einem Partner der Reederei aus dem Süden, der seit Jahren "
    "Eisbrecher betreibt.",
    "Ответственность за содержание переговоров несёт министерство, заявил представитель "
    "ведомства.",
    "This ferry was bought in partnership with a shipyard in the south, the company said.",
])
def test_a_story_sentence_about_partners_or_responsibility_stays(line: str) -> None:
    result = clean_paragraphs([TITLE, *OPENING, line, *REST])
    assert line in result.paragraphs


# --- round 13: press releases' contact cards, Adobe Experience Manager's components ---

RELEASE = [
    "The harbour equipment maker opened a service centre near the container terminal on "
    "Monday, where it will keep spare parts for the cranes it sold in the region.",
    "Until now spare parts were flown in from the main plant, which could keep a crane "
    "idle for a week, the company's service director said at the opening.",
    "The centre will employ twelve technicians and train the terminal's own staff in "
    "maintenance, with courses held in two languages from the spring onwards.",
    "About the company: the maker of harbour cranes and conveyors was founded in 1961 "
    "and employs about 900 people at four sites in Europe and Asia.",
]


@pytest.mark.parametrize("card", [
    ["Harbour Cranes Ltd", "Jane Miller", "Corporate Communications",
     "14 Quay Street", "Tel.: +44 20 7946 0321"],
    ["Hafenkran GmbH", "Sabine Kurz", "Kaistraße 14", "20457 Hamburg", "Telefon 040 555 0192",
     "www.hafenkran.example"],
    ["Prof. Dr. Ines Berg", "Institut für Meereskunde", "+41 31 555 20 40",
     "ines.berg@uni.example"],
])
def test_a_contact_card_below_the_story_goes(card: list[str]) -> None:
    result = clean_paragraphs([TITLE, *RELEASE, *card])
    assert result.paragraphs[-1] == RELEASE[-1]
    gone = {text for kind, text in result.removed if kind == "press_contact"}
    assert set(card[:2]) <= gone


def test_a_storys_list_and_a_number_in_a_sentence_stay() -> None:
    story = [*RELEASE[:3],
             "Witnesses who saw the crane fall are asked to call the harbour police on "
             "040 555 0100.",
             "The crossings planned for the first winter:",
             "- 12 January", "- 19 January", "- 26 January", "- 2 February"]
    result = clean_paragraphs([TITLE, *story])
    assert result.paragraphs == story


def test_short_lines_without_a_number_or_an_address_are_no_card() -> None:
    # headings and names of a story's last section
    lines = [*RELEASE[:3], "Who is on board", "Jane Miller", "Tom Berg", "Ines Kurz",
             RELEASE[3]]
    result = clean_paragraphs([TITLE, *lines])
    assert "Tom Berg" in result.paragraphs


def _aem_page(extra: str) -> str:
    paragraphs = "".join(f"<div class='cmp-text'><p>{p}</p></div>" for p in RELEASE[:3])
    return (
        f"<html><head><title>{TITLE}</title></head><body><main><article>"
        f"<div class='cmp-title'><h1 class='cmp-title__text'>{TITLE}</h1></div>"
        f"{paragraphs}<div class='cmp-title'><h2 class='cmp-title__text'>Training on site"
        f"</h2></div><div class='cmp-text'><p>{RELEASE[3]}</p></div>{extra}"
        "</article></main></body></html>")


def test_adobe_experience_managers_title_and_text_components_are_the_story() -> None:
    text = _article(_aem_page("")).text
    assert "Training on site" in text
    assert RELEASE[3] in text


def test_a_consent_layer_with_the_same_prefix_still_goes() -> None:
    layer = ("<div class='cmp-layer'><p>We use cookies to measure how this site is used "
             "and to show you advertising that suits your interests.</p></div>")
    text = _article(_aem_page(layer)).text
    assert "We use cookies" not in text
    assert "Training on site" in text


def test_a_card_of_two_contacts_goes_and_a_list_of_dates_stays() -> None:
    card = ["Prof. Dr. Ines Berg", "Institute of Marine Science", "+41 31 555 20 40",
            "Media Office", "+41 31 555 10 10"]
    result = clean_paragraphs([TITLE, *RELEASE, *card])
    assert result.paragraphs[-1] == RELEASE[-1]
    dates = ["Sailings this winter", "12.01.2026", "19.01.2026", "26.01.2026"]
    kept = clean_paragraphs([TITLE, *RELEASE, *dates])
    assert not any(kind == "press_contact" for kind, _ in kept.removed)


def test_a_collapsed_half_in_a_page_wide_form_is_kept_and_a_login_form_is_not() -> None:
    # ASP.NET sets the whole page in one form; a hidden log-in form stays hidden
    rest = f"<div class='rest' style='display:none'>{_paragraphs(REST)}</div>"
    page = _page(_paragraphs(OPENING) + rest).replace(
        "<body>", "<body><form id='aspnetForm' method='post'>").replace(
        "</body>", "</form></body>")
    assert len(reveal_collapsed(lxml_html.fromstring(page))) == 1
    assert REST[-1] in _article(page).text
    login = (f"<form class='box' action='/login'><div style='display:none'>"
             f"{_paragraphs(DIALOG_TEXT)}</div></form>")
    assert reveal_collapsed(lxml_html.fromstring(_page(_paragraphs(OPENING + REST) + login))) \
        == []
