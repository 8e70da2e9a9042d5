"""Session 40: what the fourteenth round of blind web pages (short pieces beside much
furniture: briefs, corrections, stubs with update lines, galleries, results) showed. A
short story on an old table portal, lists of other stories whose headlines are plain
links, readers' comments inside the story's cell, update lines that report news.
Text and pages written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html

from pipeline.clean.cards import card_lists, headline_links
from pipeline.clean.html import drop_card_lists, paragraph_words, prune
from pipeline.clean.layout import open_layout_tables
from pipeline.clean.text import clean_paragraphs
from pipeline.clean.threads import comment_threads
from pipeline.extract.article import extract_article
from pipeline.records import Article, FeedEntry, Page

TITLE = "Correction: the bridge toll for lorries is twelve euros, not twenty"
STORY = [
    "In our report on the new river bridge published on Monday we wrote that lorries "
    "would pay twenty euros a crossing from March.",
    "The toll set by the district council is twelve euros; we regret the error and have "
    "corrected the online version of the report.",
    "Cars and vans continue to cross free of charge until the end of the year, as the "
    "report said.",
]
LETTERS = [
    "The bus to the station leaves too early for the night shift at the mill, and "
    "nobody at the transport office answers the phone. Ruth Ambler, Eastbrook",
    "Thanks to the volunteers who cleared the riverside path after the storm last "
    "week, it is open again for walkers. Colin Marsh, Westfield",
    "Why does the library close at four on Saturdays when families have time only "
    "then to visit it with their children? Ada Pine, Northgate",
]


def _article(html: str, url: str = "https://valley-courier.example/news/toll") -> Article:
    page = Page(FeedEntry("t", "t", url, url), url, 200, "text/html", html, datetime.now(UTC))
    return extract_article(page)


def _judged(story: list[str], line: str, title: str, *, page: bool = False) -> bool:
    """Whether ``line``, after the two ``story`` paragraphs, is kept, and the story too
    (``page``: as a page's lines, link shares given)."""
    lines = [*story, line]
    cleaned = clean_paragraphs(lines, title=title,
                               link_shares=[0.0] * len(lines) if page else None)
    assert cleaned.paragraphs[:2] == story
    return line in cleaned.paragraphs


def _menu_cell() -> str:
    links = "".join(f"<tr><td>&middot; <a href='/s/{k}'>Section {k}</a></td></tr>"
                    for k in range(12))
    return f"<td width='160' valign='top'><table>{links}</table></td>"


def _table_page(story: str, beside: str = "", footer: str = "", rounds: int = 1) -> str:
    letters = "".join(f"<tr><td class='small'>{line} ({k + 1}/{rounds})</td></tr>"
                      for k in range(rounds) for line in LETTERS)
    return (
        f"<html><head><title>{TITLE}</title></head><body>"
        "<table width='980'><tr>" + _menu_cell() +
        "<td width='560' valign='top'><table width='100%'>"
        f"<tr><td><span class='kicker'>Bridge</span><br><h1>{TITLE}</h1>"
        "<span class='date'>Saturday, 17 February 2024, 05:00</span></td></tr>"
        f"<tr><td class='bodytext'>{story}</td></tr></table>{beside}"
        f"<table width='100%'><tr><td class='boxhead'>Letters</td></tr>{letters}</table>"
        f"</td></tr>{footer}</table></body></html>")


@pytest.mark.parametrize("rounds", [1, 4])
def test_a_short_story_in_a_table_cell_is_framed_and_letters_stay_out(rounds: int) -> None:
    # With many letters the story is a small share of the page's text, where trafilatura
    # would escalate to recall mode and take them (rcwire does not, on a framed story).
    story = "".join(f"<p>{line}</p>" for line in STORY)
    text = _article(_table_page(story, rounds=rounds)).text
    assert all(line in text for line in STORY)
    assert not any(line[:40] in text for line in LETTERS)


def test_a_cell_without_the_headline_is_no_short_story_cell() -> None:
    story = "".join(f"<p>{line}</p>" for line in STORY)
    # The same paragraphs in a cell of a table the headline is not in.
    tree = lxml_html.document_fromstring(
        f"<html><body><h1>{TITLE}</h1><table><tr><td>{story}</td></tr></table></body></html>")
    assert open_layout_tables(tree) == 0


def test_comments_in_the_story_cell_go_and_an_imprint_paragraph_does_not_save_them() -> None:
    story = "".join(f"<p>{line}</p>" for line in STORY)
    comments = "".join(
        f"<div class='c'><b>reader{k}</b> <span class='d'>17.02.2024 1{k}:05</span>"
        f"<br>{LETTERS[k][:90]}</div>" for k in range(3))
    footer = ("<tr><td colspan='2'><p>&copy; 2004-2024 Valley Courier Ltd, all rights "
              "reserved; reproduction of the site's content only with a link to the site and "
              "the written permission of the publisher in each single case.</p></td></tr>")
    tree = lxml_html.document_fromstring(_table_page(story, beside=comments, footer=footer))
    threads = comment_threads(tree)
    assert [t.get("class") for t in threads] == ["c", "c", "c"]
    text = _article(_table_page(story, beside=comments, footer=footer)).text
    assert all(line in text for line in STORY)
    assert "reader1" not in text and LETTERS[1][:40] not in text


BRIEF = [
    "The regional airline will fly twice a week between the northern port and the "
    "border city from April, its spokeswoman said on Tuesday.",
    "Tickets go on sale next week; the flight takes two hours and ten minutes.",
    "The airline flew the route until the pandemic and has leased a second turboprop "
    "for it from a carrier in the south.",
]
TEASERS = [
    ("Harbour cranes to be replaced by electric ones within three years",
     "The port authority has ordered six cranes from an inland maker."),
    ("Ice road across the lake opens for cars weighing under two tonnes",
     "Rescuers measured the ice at forty centimetres near the islands."),
    ("Ferry timetable changes for the winter months explained",
     "Fewer sailings on weekdays, an extra one on Sunday evenings."),
    ("New border crossing hours: what travellers need to know",
     "Checkpoints stay open until midnight from the first of the month."),
]


def _teasers(item: str) -> str:
    return "<div class='mainnews'><h2>Top stories</h2>" + "".join(
        item.format(k=k, head=head, summary=summary)
        for k, (head, summary) in enumerate(TEASERS)) + "</div>"


def _brief_page(after: str) -> str:
    story = "".join(f"<p>{line}</p>" for line in BRIEF)
    return (f"<html><head><title>Airline adds flights</title></head><body>"
            f"<div class='layout'><div class='main'><h1>Airline adds flights</h1>"
            f"<div class='txt'>{story}</div>{after}</div></div></body></html>")


@pytest.mark.parametrize("item", [
    # A plain headline link with its summary after it.
    "<div class='i'><a href='/p/{k}'><img src='/i/{k}.jpg'></a><span class='r'>Port</span>"
    "<a class='l' href='/p/{k}'>{head}</a><p class='x'>{summary}</p></div>",
    # A headline link alone in its paragraph, the date after that.
    "<li><a href='/p/{k}'><img src='/i/{k}.jpg' alt=''></a><p><a href='/p/{k}'>{head}</a></p>"
    "<span class='d'>2024-01-0{k}</span></li>",
])
def test_lists_of_other_stories_with_plain_headline_links_go(item: str) -> None:
    after = _teasers(item if item.startswith("<div") else "<ul>" + item + "</ul>")
    if item.startswith("<li"):
        after = "<div class='mainnews'><h2>Top stories</h2><ul>" + "".join(
            item.format(k=k, head=h, summary=s) for k, (h, s) in enumerate(TEASERS)) + \
            "</ul></div>"
    tree = lxml_html.document_fromstring(_brief_page(after))
    assert len(card_lists(headline_links(tree))) == 1
    text = _article(_brief_page(after), "https://north-wire.example/air").text
    assert all(line in text for line in BRIEF)
    assert not any(head in text or summary in text for head, summary in TEASERS)


def test_a_list_of_other_stories_may_hold_almost_half_the_page_words() -> None:
    # Four summaries beside a three-sentence brief: more than a third of the paragraph
    # words, the share that keeps a container named like furniture.
    item = ("<div class='i'><a class='l' href='/p/{k}'>{head}</a>"
            "<p class='x'>{summary}</p></div>")
    tree = lxml_html.document_fromstring(_brief_page(_teasers(item)))
    words, total = paragraph_words(tree)
    listed = sum(n for p, n in words.items() if p.get("class") == "x")
    assert 0.35 * total < listed < 0.5 * total
    removed = drop_card_lists(headline_links(tree), words, total)
    assert [kind for kind, _ in removed] == ["related_posts"]
    assert next(tree.iter("p")).text == BRIEF[0]


def test_a_link_in_a_story_sentence_is_no_teaser_headline() -> None:
    # Links inside story paragraphs, each followed by another paragraph: no list.
    story = "".join(
        f"<div class='part'><p>As we <a href='/p/{k}'>reported in the spring of this year "
        f"about the port</a> earlier.</p><p>{BRIEF[0]}</p></div>" for k in range(3))
    tree = lxml_html.document_fromstring(_brief_page(story))
    assert card_lists(headline_links(tree)) == []


def test_a_site_map_block_is_chrome() -> None:
    after = ("<div class='site-map'><table><tr><th>News</th><td>" + " ".join(
        f"<a href='/n/{k}'>Desk {k}</a>" for k in range(8)) + "</td></tr></table></div>")
    text = _article(_brief_page(after), "https://north-wire.example/air").text
    assert "Desk 3" not in text and BRIEF[1] in text


@pytest.mark.parametrize(("line", "kept"), [
    ("Update, 15:42 BST: the coastguard says the fire on the tanker is out and no crew "
     "were hurt.", True),
    ("Обновлено в 16:40 мск. Движение поездов через станцию восстановлено, сообщили в "
     "пресс-службе дороги.", True),
    ("Обновлено в 12:05: добавлен комментарий министерства транспорта.", False),
    ("Обновлено в 09:30", False),
    ("Ergänzung, 15:02 Uhr: Wir haben die Antwort der Stadtwerke in den Text eingefügt.",
     False),
    ("Update, 11:20: this article has been updated with the company's reply.", False),
])
def test_update_lines_that_report_news_stay(line: str, kept: bool) -> None:
    lines = [
        "Rescue teams worked through the night at the harbour, officials said on Sunday "
        "morning after the alarm was raised by a passing ship.",
        line,
        "The harbour master said the berth would stay closed until the inspection was "
        "finished, probably on Tuesday afternoon.",
    ]
    cleaned = clean_paragraphs(lines, title="Fire on a tanker at the harbour")
    assert (line in cleaned.paragraphs) is kept


@pytest.mark.parametrize("line", [
    "Verwendete Quellen: Agentur Nordmeldung, eigene Recherche",
    "Haben Sie einen Fehler im Beitrag entdeckt?",
    "Feedback senden",
    "Der Bericht wird fortlaufend aktualisiert.",
    "This transcript was made from the programme's audio and may contain errors.",
    "Das Transkript der Sendung kann vom gesprochenen Wort leicht abweichen.",
])
def test_notes_under_a_short_piece_go(line: str) -> None:
    story = [
        "The district's two grain terminals loaded fewer wagons for the border crossing "
        "in March than a year earlier, the railway's regional office said.",
        "Loadings of timber and fertiliser rose slightly, while container traffic was "
        "flat, according to the figures published on Friday.",
    ]
    assert not _judged(story, line, "Grain loadings fall at the border")


def test_a_clock_time_is_no_label() -> None:
    # "Close" is a furniture word (a dialog's button); "Close, 18:50 ..." is a market
    # report's closing line, its colon the clock's.
    lines = [
        "The rouble firmed against the yuan on Friday as exporters sold currency before the "
        "month's tax payments, dealers said.",
        "Close, 17:45 local time",
        "| Pair | Close | Change |",
        "Trading volumes rose to a three-week high in the afternoon session.",
    ]
    # As a page's lines (link shares given): the plain-text model reads the line's clock
    # as a date stamp's, a page's knows better.
    cleaned = clean_paragraphs(lines, title="Rouble firms against the yuan",
                               link_shares=[0.0] * len(lines))
    assert "Close, 17:45 local time" in cleaned.paragraphs
    assert "Read also: Close" not in clean_paragraphs(
        [*lines, "Read also: Close"], title="Rouble firms against the yuan",
        link_shares=[0.0] * (len(lines) + 1)).paragraphs


def test_two_teasers_with_cut_summaries_are_a_list_and_one_is_not() -> None:
    card = ("<div class='col'><div class='card'><a href='/r/{k}'><span>Jan 0{k}, 2025</span>"
            "<h3>{head}</h3></a><p>{summary}</p></div></div>")
    def page(summaries: list[str]) -> str:
        cards = "".join(card.format(k=k, head=TEASERS[k][0], summary=summary)
                        for k, summary in enumerate(summaries))
        return _brief_page(f"<section class='more'><div class='row'>{cards}</div></section>")
    cut = [TEASERS[0][1][:40] + "...", TEASERS[1][1][:40] + "…"]
    assert len(card_lists(
        lxml_html.document_fromstring(page(cut)).iter("h3"))) == 1
    whole = [TEASERS[0][1], TEASERS[1][1]]
    assert card_lists(lxml_html.document_fromstring(page(whole)).iter("h3")) == []


@pytest.mark.parametrize("date", ["Feb 18, 2025, 08:05 ET", "18. Februar 2025, 08:05 Uhr",
                                  "18.02.2025 08:05"])
def test_dated_headline_links_with_the_month_named(date: str) -> None:
    items = "".join(f"<li><a href='/r/{k}'>{head}</a> <small>{date}</small></li>"
                    for k, (head, _) in enumerate(TEASERS))
    tree = lxml_html.document_fromstring(_brief_page(f"<ul class='similar'>{items}</ul>"))
    assert [c.tag for c in card_lists(headline_links(tree))] == ["ul"]


@pytest.mark.parametrize(("line", "kept"), [
    ("Auf unserem Portal veröffentlichen Sie Ihre Pressemitteilungen kostenlos und "
     "erreichen Redaktionen in ganz Europa.", False),
    ("Submit your press releases for free and reach newsrooms across the region.", False),
    ("Got information about this appeal?", False),
    ("Give information", False),
    ("Anyone with information about this appeal is asked to call the station on 101 "
     "quoting the reference number.", True),
])
def test_portal_pitches_and_appeal_buttons(line: str, kept: bool) -> None:
    story = [
        "Officers searched a storage unit on the industrial estate on Tuesday and found "
        "boxes of fake chargers and toys, the force said.",
        "Two men were arrested and released on bail while inquiries continue.",
    ]
    assert _judged(story, line, "Fake goods found in storage unit", page=True) is kept


CN_STORY = [
    "3月5日，边境口岸所在的县城举办了首届中俄冬季农产品交易会，来自两国的一百二十多家企业"
    "参加了展示和洽谈活动。",
    "主办方介绍，交易会期间共签订购销合同三十余份，涉及大豆、蜂蜜、面粉和冷冻水产品，"
    "合同总金额约四亿元人民币。",
    "俄方参展商表示，近年来口岸通关效率明显提高，冬季冰上运输通道开通后，货物从对岸仓库"
    "运到县城只需要两个小时左右。",
    "县商务局负责人说，下一步将在口岸附近建设一座综合物流中心，并计划每年举办两次交易会，"
    "进一步扩大双方在农业和旅游领域的合作。",
    "不少当地农户也带着自家生产的木耳、榛子和杂粮来到现场，一位种植户告诉记者，"
    "两天里他接到了五家俄罗斯超市的订单，比去年全年还多。",
    "据了解，今年前两个月经该口岸进出境的货物已超过十万吨，同比增长近三成，其中农产品"
    "占比明显上升。",
]


def test_a_chinese_story_of_a_few_hundred_characters_in_a_table_cell() -> None:
    # Written with <br>s and no <p>, beside a weather and calendar column: 300 Chinese
    # characters carry a story as 600 letters do, and the framed story is kept, not
    # replaced by the safety net with trafilatura's whole layout table.
    story = "<br><br>".join(CN_STORY)
    side = ("<td width='200' valign='top'>天气 晴 零下十二度至零下三度 西北风三级<br>"
            "日历 3月 星期三<br>" + "<br>".join(
                f"<a href='/n/{k}'>本县新闻标题第{k}条</a> 2024-03-0{k % 9 + 1}" for k in range(12))
            + "</td>")
    html = ("<html><head><title>县城举办中俄冬季农产品交易会</title></head><body>"
            "<table width='960'><tr>" + side +
            "<td valign='top'><table width='100%'><tr><td class='title'>县城举办中俄冬季农产品"
            "交易会</td></tr><tr><td class='info'>发布时间：2024-03-06 来源：县融媒体中心</td></tr>"
            f"<tr><td class='content'>{story}</td></tr></table></td></tr></table></body></html>")
    text = _article(html, "https://county-news.example/2024/03/06/fair.html").text
    assert all(line in text for line in CN_STORY)
    assert "西北风" not in text and "本县新闻标题" not in text


def test_a_framed_story_of_some_length_is_not_checked_against_the_whole_page() -> None:
    from pipeline.extract.fallback import needs_check, words
    text = "\n\n".join(CN_STORY)
    few = words(text)  # a Chinese clause is one \w+ run: "near-empty" by that count
    assert few < 50
    assert needs_check(few, 600)
    assert not needs_check(few, 600, text)
    assert needs_check(few, 600, CN_STORY[0])  # one sentence is near-empty still


FA_STORY = [
    "هیئت بازرگانی استان با نمایندگان شرکت‌های حمل‌ونقل روسی در بندر انزلی دیدار کرد و "
    "درباره افزایش ظرفیت بارگیری گفت‌وگو شد.",
    "به گفته مدیرکل بندر، حجم کالاهای ترانزیتی در شش ماه نخست سال بیست درصد بیشتر شده است "
    "و پیش‌بینی می‌شود این روند ادامه یابد.",
    "کارشناسان می‌گویند تکمیل راه‌آهن و نوسازی اسکله‌ها برای رسیدن به این هدف ضروری است.",
]


def test_zero_width_non_joiners_stay_in_persian_words() -> None:
    story = "".join(f"<p>{line}</p>" for line in FA_STORY)
    html = (f"<html lang='fa' dir='rtl'><head><title>دیدار هیئت بازرگانی در بندر</title>"
            f"</head><body><nav><a href='/'>خانه</a></nav><article><h1>دیدار هیئت بازرگانی "
            f"در بندر</h1>{story}</article><footer>تمام حقوق محفوظ است</footer></body></html>")
    text = _article(html, "https://payam-no.example/news/1").text
    assert "\u200c" in text
    assert all(line in text for line in FA_STORY)


def test_joiner_stand_ins_round_trip() -> None:
    from pipeline.extract.joiners import protect
    html, used = protect("a\u200cb\u200dc")
    assert "\u200c" not in html and "\u200d" not in html and len(used) == 2
    # A page that prints the stand-in itself keeps that joiner as it is.
    html, used = protect("a\u200cb \ufffc")
    assert html == "a\u200cb \ufffc" and used == {}


@pytest.mark.parametrize("box", [
    "<div class='yazar-bilgi-kutu'><p>{line}</p></div>",
    "<div class='yorum-alani'><p>{line}</p></div>",
    "<div class='ilgili-haberler'><p>{line}</p></div>",
    "<div class='col-md-4 sag-kolon'><p>{line}</p></div>",
    "<div class='kutu ebulten'><p>{line}</p></div>",
    "<div class='reklam-alani'><p>{line}</p></div>",
    "<div class='tin-lien-quan'><p>{line}</p></div>",
    "<div class='box-binh-luan'><p>{line}</p></div>",
])
def test_turkish_and_vietnamese_class_words(box: str) -> None:
    line = ("Kutudaki bu cümle sayfanın kendi metni değildir ve okuyucuya başka bir şey "
            "anlatmaktadır.")
    story = "".join(f"<p>{s}</p>" for s in STORY)
    html = (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
            f"{story}</article>{box.format(line=line)}</body></html>")
    removed, _ = prune(lxml_html.document_fromstring(html), [])
    assert [text for _, text in removed] == [line]
    text = _article(html).text
    assert line not in text and STORY[0] in text


@pytest.mark.parametrize("line", [
    "[자료제공 :(www.ministry.example) 해양수산부]",
    "이 기사는 공공누리 제1유형 조건에 따라 이용할 수 있습니다.",
    "<저작권자 ⓒ 동북아경제, 무단 전재 및 재배포 금지>",
    "ع ص م / ف ح",
])
def test_korean_source_and_licence_lines_and_arabic_initials(line: str) -> None:
    story = [
        "정부는 다음 달부터 북방 항로를 이용하는 화물선에 대한 항만 시설 사용료를 "
        "한시적으로 감면하기로 했다고 밝혔다.",
        "감면 대상은 극동 지역 항만을 오가는 컨테이너선과 벌크선이며, 감면율은 최대 "
        "30퍼센트다.",
    ]
    assert not _judged(story, line, "북방 항로 화물선 항만 사용료 감면", page=True)


def test_a_reading_time_before_an_update_stamp_goes() -> None:
    # It went as a "label" while a clock's colon made one; a rule of its own takes it.
    lines = [
        "The talks on the new rail crossing resumed on Monday in the border city, officials "
        "from both sides said after the meeting.",
        "⏱ 4 min · Updated 09:35 GMT",
        "Both delegations agreed to meet again in the spring.",
    ]
    cleaned = clean_paragraphs(lines, title="Rail talks resume")
    assert [kind for kind, _ in cleaned.removed] == ["reading_time"]
