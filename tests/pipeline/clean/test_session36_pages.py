"""Session 36: what the ninth round of blind web pages (pages that are not a news outlet's:
blogs, agency and company press releases, institute news, think-tank analyses) showed.
Text and pages written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.clean.html import prune
from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from pipeline.extract.loader import load_html
from pipeline.records import FeedEntry, Page

TITLE = "Grain barges on the Amur wait for a lower water level"
STORY = [
    "Barge operators on the Amur have kept their fleets at the quay for a second week, as "
    "the river stands too high for the low bridges downstream of the border crossing.",
    "The regional shipping office expects the level to fall by the end of the month, when "
    "the dry season usually begins in the upper reaches of the basin.",
    "Traders say the delay costs them little so far, because the soybean harvest on the "
    "Chinese bank is also late this year and the silos are half empty.",
]
# A closing section of the analysis, set as div paragraphs.
SECTION = [
    "What the delay means for exporters",
    "For the exporters on the Russian bank the wait is mostly a question of storage, since "
    "the grain elevators near the port can hold about three weeks of deliveries.",
    "A longer wait would push the shipments into the autumn, when freight rates on the "
    "river rise as the last barges race the ice to the mouth.",
]
FILLER = " ".join(["The site's footer lists every office of the group with its opening hours."]
                  * 12)


def _page(html: str, url: str = "https://river-notes.example/analysis/amur-barges") -> Page:
    return Page(FeedEntry("t", "t", url, url), url, 200, "text/html", html, datetime.now(UTC))


def _document(middle: str, after: str = "", *, divs: bool = False) -> str:
    story = _divs(STORY) if divs else "".join(f"<p>{p}</p>" for p in STORY)
    return ("<!DOCTYPE html><html><head><title>" + TITLE + "</title></head><body>"
            "<div id='page'><h1>" + TITLE + "</h1><div class='analysis'>" + story + middle +
            "</div>" + after + (f"<div class='site-foot'>{FILLER[:80]}</div>" if divs else
                                f"<div class='site-foot'><p>{FILLER}</p></div>") +
            "</div></body></html>")


def _text(html: str) -> str:
    return extract_article(_page(html)).text


def _divs(lines: list[str]) -> str:
    return "".join(f"<div class='txt'>{line}</div>" for line in lines)


def test_a_section_of_div_paragraphs_named_like_related_stories_is_the_story() -> None:
    # A theme that sets every paragraph as a div; one holds a footnote's mark, a link
    # within the page.
    marked = SECTION[2].replace(" rise", "<sup><a href='#fn1'>1</a></sup> rise")
    body = _divs(SECTION[:2]) + f"<div class='txt'>{marked}</div>"
    text = _text(_document(f"<section class='related-implications'>{body}</section>",
                           divs=True))
    for line in SECTION[:2]:
        assert line in text
    assert SECTION[2].replace(" rise", "1 rise") in text


def test_a_box_named_related_that_links_to_other_pages_still_goes() -> None:
    items = "".join(f"<div class='txt'><a href='/analysis/{i}'>{line}</a> {line}</div>"
                    for i, line in enumerate(SECTION[1:]))
    html = _document("", f"<section class='related-analyses'>{items}</section>")
    removed, _ = prune(load_html(html))
    assert [kind for kind, _ in removed] == ["related_posts"]
    assert SECTION[1] not in _text(html)


RELEASE = [
    "The Amur Grain Terminal company has ended its contract with a trading house in Harbin "
    "after an internal review found that part of its wheat was resold to sanctioned buyers.",
    "The company informed the customs service and is working with its investigators.",
    "Sales to Chinese mills will be handled by the company's own office in Dalian from "
    "next month, and every trading partner will now be audited once a year.",
]


def test_a_short_release_in_a_container_named_teaser_is_kept() -> None:
    # trafilatura drops any div named "teaser"; a short text is no large share of the page.
    body = "".join(f"<p>{p}</p>" for p in RELEASE)
    after = "".join(f"<div class='legal'><p>{FILLER}</p></div>" for _ in range(3))
    html = ("<!DOCTYPE html><html><head><title>Release</title></head><body><div id='page'>"
            "<h1>Amur Grain Terminal ends its contract with a Harbin trader</h1>"
            f"<div class='release__teaser-body'>{body}</div>{after}</div></body></html>")
    text = _text(html)
    for line in RELEASE:
        assert line in text
    # Pruning takes the word out of its class (trafilatura would drop the container).
    tree = load_html(html)
    prune(tree)
    assert tree.xpath("//div[contains(@class, 'teaser')]") == []


def test_teaser_cards_that_link_to_other_pages_still_go() -> None:
    cards = "".join(f"<div class='teaser'><h3><a href='/r/{i}'>{line[:40]}</a></h3>"
                    f"<p>{line}</p></div>" for i, line in enumerate(RELEASE))
    html = _document("", f"<div class='teaser-list'>{cards}</div>")
    text = _text(html)
    for line in STORY:
        assert line in text
    assert RELEASE[0] not in text


HEADLINE = "Erster Containerzug über das Kaspische Meer abgefertigt"


def _cleaned(lines: list[str]) -> list[str]:
    return clean_paragraphs([HEADLINE, *lines], title=HEADLINE).paragraphs


NEWS = [
    "Die Reederei Nordstern hat am Montag ihren ersten Containerzug von Xi'an nach "
    "Duisburg über die neue Route durch das Kaspische Meer abgefertigt.",
    "Der Zug soll die Strecke in achtzehn Tagen schaffen, vier Tage schneller als bisher "
    "über die südliche Route mit zwei Umschlägen auf Fähren.",
    "Nach Angaben des Unternehmens sind die Stellplätze für die nächsten drei Abfahrten "
    "bereits zu vier Fünfteln gebucht.",
]


def test_an_issuers_card_under_an_about_heading_goes_in_other_languages() -> None:
    for head, card in (
            ("Über Nordstern Logistik",
             "Die Nordstern Logistik GmbH mit Sitz in Bremen organisiert Bahn- und "
             "Seetransporte zwischen Europa und Asien und beschäftigt 640 Mitarbeitende."),
            ("À propos de Nordstern Logistique",
             "Nordstern Logistique, fondée en 1987, organise des transports ferroviaires "
             "entre l'Europe et l'Asie et emploie 640 personnes."),
            ("关于北星物流",
             "北星物流有限公司成立于1987年，总部位于不来梅，主要从事欧洲与亚洲之间的铁路和海运业务。")):
        kept = _cleaned([*NEWS, head, card])
        assert kept == NEWS, head


def test_a_subheading_that_opens_with_about_stays_without_a_card_under_it() -> None:
    section = ["Über Grenzen hinweg",
               "Auf der kasachischen Seite wartet der Zug nur wenige Stunden, weil die "
               "Zollpapiere schon vor der Abfahrt elektronisch übermittelt werden."]
    assert _cleaned([*NEWS, *section]) == [*NEWS, *section]


def test_press_contact_headings_and_forward_looking_notes_go_in_many_languages() -> None:
    for line in ("Pressekontakt:", "Kontakt für Medien", "Contacts presse",
                 "For media enquiries, please contact:", "Контакты для СМИ", "媒体联系",
                 "Diese Mitteilung enthält zukunftsgerichtete Aussagen, die auf heutigen "
                 "Annahmen beruhen und Risiken und Ungewissheiten unterliegen.",
                 "Forward-looking statements. This release may contain statements about "
                 "future plans that involve risks and uncertainties.",
                 "本新闻稿包含前瞻性陈述，实际结果可能因多种风险和不确定因素而与之存在重大差异。"):
        assert _cleaned([*NEWS, line]) == NEWS, line


def test_a_story_sentence_on_forecasts_or_the_press_office_stays() -> None:
    lines = ["Die Pressestelle der Bahn wollte sich zu den neuen Fahrplänen am Dienstag "
             "nicht äußern, kündigte aber eine Mitteilung für die kommende Woche an.",
             "Analysten halten die Prognosen des Unternehmens für vorsichtig, weil die "
             "Risiken auf der Strecke durch Zentralasien gesunken seien."]
    assert _cleaned([*NEWS, *lines]) == [*NEWS, *lines]


def test_the_lines_under_a_press_contact_heading_go_and_prose_after_them_stays() -> None:
    contact = ["Pressekontakt:", "Jana Weber, Leiterin Kommunikation",
               "Telefon +49 421 000 12 34", "presse@nordstern-logistik.example"]
    after = ("Die nächste Abfahrt ist für den 14. Juli geplant; weitere Verbindungen über "
             "das Kaspische Meer sollen im Herbst folgen, sobald die neuen Fähren fahren.")
    assert _cleaned([*NEWS, *contact, after]) == [*NEWS, after]


def test_a_heading_of_the_sites_frame_opens_no_block() -> None:
    # Only a press contact's heading takes the short lines under it: a question over the
    # story's next section, after a line a rule took as the site's, stays.
    lines = [*NEWS[:2], "Startseite > Wirtschaft > Logistik", "Wie geht es weiter?",
             "Die Reederei will bis zum Jahresende zwei weitere Verbindungen anbieten.",
             NEWS[2]]
    assert _cleaned(lines) == [*NEWS[:2], *lines[3:]]
