"""Session 35: what the eighth round of blind web pages (the story's own parts an extractor
is tempted to drop) and the older tuning sets showed. Text and pages written for this
test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.clean.bios import _name_pairs
from pipeline.clean.html import prune
from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from pipeline.extract.loader import load_html
from pipeline.records import FeedEntry, Page

TITLE = "Rail freight from Chongqing to Duisburg slows as insurers raise premiums"
STORY = [
    "Container trains between Chongqing and Duisburg ran a fifth less often in the spring "
    "than a year earlier, according to figures the operators published on Monday.",
    "Forwarders blame insurers, who have raised the premiums for cargo crossing Russia "
    "twice since January and now ask for a surveyor's report on every wagon.",
    "Some electronics makers have moved their shipments back to the sea route, which takes "
    "five weeks instead of two but costs less to insure.",
    "The operators say they expect the number of trains to recover by the autumn, when the "
    "new rates for the Kazakh section of the route come into force.",
]
OTHERS = [
    ("Harbour cranes idle as the strike enters its third day",
     "Dock workers want a new pay scale before the holiday season."),
    ("New bridge over the Ussuri opens to lorries in June",
     "The customs post on the Chinese bank is still being built."),
    ("Airline adds a weekly flight between Irkutsk and Sanya",
     "Tickets go on sale next week, the carrier said."),
]


def _page(html: str, url: str = "https://freight-daily.example/rail/2025/chongqing") -> Page:
    return Page(FeedEntry("t", "t", url, url), url, 200, "text/html", html, datetime.now(UTC))


def _document(beside: str, story_attrs: str = "class='story'") -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return ("<!DOCTYPE html><html><head><title>" + TITLE + "</title></head><body>"
            "<div id='page'><div id='left'><h1>" + TITLE + "</h1>"
            f"<div {story_attrs}>" + story + "</div></div>" + beside +
            "</div></body></html>")


def _texts(html: str) -> str:
    return extract_article(_page(html)).text


def test_a_table_of_bold_linked_headlines_with_summaries_is_a_list_of_other_stories() -> None:
    rows = "".join(f"<tr><td><img src='/t{i}.jpg'></td><td><a href='/s{i}'><b>{head}</b></a>"
                   f"<br>{summary}</td></tr>" for i, (head, summary) in enumerate(OTHERS))
    tree = load_html(_document(f"<div class='more'><table>{rows}</table></div>"))
    removed, _ = prune(tree)
    assert [kind for kind, _ in removed] == ["related_posts"]
    text = " ".join(tree.itertext())
    assert all(p in text for p in STORY)
    assert not any(summary in text for _, summary in OTHERS)


def test_bootstrap_cards_four_levels_below_their_row_are_a_list() -> None:
    cols = "".join(f"<div class='col'><div class='card'><div class='card-body'>"
                   f"<h3><a href='/s{i}'>{head}</a></h3><p class='small'>{summary}</p>"
                   f"</div></div></div>" for i, (head, summary) in enumerate(OTHERS))
    tree = load_html(_document(f"<section><div class='row'>{cols}</div></section>"))
    assert [kind for kind, _ in prune(tree)[0]] == ["related_posts"]
    text = _texts(_document(f"<section><div class='row'>{cols}</div></section>"))
    assert all(p in text for p in STORY)
    assert not any(summary in text for _, summary in OTHERS)


def test_dated_headline_links_are_a_list_and_undated_references_stay() -> None:
    dated = "".join(f"<li>· <a href='/s{i}'>{head}</a> <span>0{i + 1}-05</span></li>"
                    for i, (head, _) in enumerate(OTHERS))
    tree = load_html(_document(f"<div><ul>{dated}</ul></div>"))
    removed, _ = prune(tree)
    assert [kind for kind, _ in removed] == ["related_posts"]
    # The story's own list of sources: links with no date beside them stay.
    sources = "".join(f"<li><a href='/doc{i}'>{head}</a></li>" for i, (head, _) in
                      enumerate(OTHERS))
    tree = load_html(_document(f"<div><ul>{sources}</ul></div>"))
    assert prune(tree)[0] == []


@pytest.mark.parametrize("attrs", ["id='spalte_rechts'", "class='box_rechts'",
                                   "class='right-col'", "id='fuss'", "id='subnavi'"])
def test_a_right_column_footer_or_navigation_by_its_layout_name_goes(attrs: str) -> None:
    beside = (f"<div {attrs}><h3>Events</h3><ul><li>12.05. Organ recital</li>"
              "<li>14.05. Market day</li><li>16.05. Cycle tour</li></ul></div>")
    tree = load_html(_document(beside))
    kinds = [kind for kind, _ in prune(tree)[0]]
    assert kinds == ["site_chrome"]


def test_bootstraps_text_right_is_no_column() -> None:
    tree = load_html(_document("", story_attrs="class='story text-right'"))
    assert prune(tree)[0] == []


def test_a_german_subheading_is_no_name_and_its_closing_paragraph_no_bio() -> None:
    assert _name_pairs(["Der", "Beschluss"], starts=4) == []
    assert _name_pairs(["Ein", "Ausblick"], starts=4) == []
    # English mastheads open with "The" and stay names ("The Harbour Times").
    assert ("The", "Harbour") in _name_pairs(["The", "Harbour", "Times"], starts=4)
    assert _name_pairs(["Marta", "Kowalczyk"], starts=4) == [("Marta", "Kowalczyk")]


def test_a_kicker_above_the_headline_and_the_headline_with_its_subtitle_go() -> None:
    title = "Rail freight slows"
    lines = ["Logistics · Analysis", f"{title}: why insurers now decide the route", *STORY]
    cleaned = clean_paragraphs(lines, title=title)
    assert cleaned.paragraphs == STORY
    assert {kind for kind, _ in cleaned.removed} == {"site_chrome", "duplicate_title"}


def test_a_sentence_above_the_headline_stays() -> None:
    lines = ["Trains ran less often.", TITLE, *STORY]
    assert "Trains ran less often." in clean_paragraphs(lines, title=TITLE).paragraphs


def test_a_stamp_with_its_update_time_is_a_date_however_many_digits() -> None:
    stamp = "03.06.2025, 08:15 Uhr · aktualisiert 03.06.2025, 17:40 Uhr"
    # As on a table portal's page, where no line under the headline is its strapline.
    cleaned = clean_paragraphs([TITLE, stamp, *STORY], title=TITLE, strapline=False)
    assert ("date_stamp", stamp) in cleaned.removed
    assert cleaned.paragraphs == STORY


@pytest.mark.parametrize("line", [
    "¿Has encontrado algún error en esta noticia?",
    "Hai notato un errore nel testo?",
    "Een fout gezien?",
    "Spotted a typo?",
    "¿Te ha gustado esta noticia?",
    "Ti è piaciuta la notizia?",
    "Vond je dit artikel nuttig?",
    "Alle Beiträge der Autorin",
    "Tous les articles de l'autrice",
])
def test_feedback_prompts_and_writer_links_in_european_languages_go(line: str) -> None:
    cleaned = clean_paragraphs([TITLE, *STORY, line], title=TITLE)
    assert cleaned.paragraphs == STORY


@pytest.mark.parametrize("line", [
    "The auditors said they had found an error in the ministry's figures for March.",
    "Der Minister sagte, alle Beiträge der Länder seien inzwischen eingegangen.",
])
def test_story_sentences_with_the_same_words_stay(line: str) -> None:
    assert line in clean_paragraphs([TITLE, *STORY[:2], line, *STORY[2:]],
                                    title=TITLE).paragraphs


READERS = [("kite_runner", "Insurers always find a reason to charge more."),
           ("Marta from Łódź", "We moved our containers to the ship last month."),
           ("guest", "Will the Kazakh rates really come down in the autumn?")]


def _thread(entry: str) -> str:
    return "".join(entry.format(name=name, day=i + 3, text=text)
                   for i, (name, text) in enumerate(READERS))


@pytest.mark.parametrize("entry", [
    "<div class='c-row'><span>{name}</span> <span>0{day}.06.2025 14:2{day}</span>"
    "<p>{text}</p></div>",
    "<font size='1'><b>{name}</b>, 2025-06-0{day} 09:1{day}</font><br>"
    "<font size='2'>{text}</font><br><br>",
])
def test_readers_comments_by_their_stamps_go_after_the_story(entry: str) -> None:
    tree = load_html(_document(f"<div class='after'><table><tr><td>{_thread(entry)}"
                               "</td></tr></table></div>"))
    removed, _ = prune(tree)
    assert [kind for kind, _ in removed] == ["comment_form"]
    text = " ".join(tree.itertext())
    assert all(p in text for p in STORY)
    assert not any(reply in text for _, reply in READERS)


def test_a_timeline_with_stamps_inside_the_story_stays() -> None:
    timeline = "".join(f"<li><b>0{i + 3}.06.2025 08:00</b> {text}</li>"
                       for i, (_, text) in enumerate(READERS))
    story = ("<p>" + STORY[0] + "</p><ul>" + timeline + "</ul>" +
             "".join(f"<p>{p}</p>" for p in STORY[1:]))
    html = ("<!DOCTYPE html><html><head><title>" + TITLE + "</title></head><body>"
            "<h1>" + TITLE + "</h1><div class='story'>" + story + "</div></body></html>")
    tree = load_html(html)
    assert prune(tree)[0] == []


def test_a_live_blogs_long_stamped_entries_are_no_comment_thread() -> None:
    update = ("The freight operators confirmed on the call that the next train will leave "
              "Chongqing on schedule, and that the insurers have agreed to look at the "
              "surveyor reports within two days instead of a week. ")
    entries = "".join(f"<div class='entry'><span>0{i + 3}.06.2025 1{i}:05</span>"
                      f"<div class='entry-text'>{update * 4}</div></div>" for i in range(3))
    tree = load_html(_document(f"<div class='updates'>{entries}</div>"))
    assert prune(tree)[0] == []
