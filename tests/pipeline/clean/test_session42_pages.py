"""Session 42: what the eighteenth round of blind web pages (tests/fixtures/blind_pages,
tuning sets 103, 105 and 107: written pieces on sites that are not a news outlet's
article template) showed. Text and pages written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.clean import html as pruning
from pipeline.clean.elements import sections_as_paragraphs
from pipeline.clean.replies import reply_entries
from pipeline.clean.text import clean_paragraphs
from pipeline.clean.threads import colon_texts
from pipeline.extract.article import extract_article
from pipeline.extract.keypoints import point_boxes, restore_points
from pipeline.extract.loader import load_html
from pipeline.records import Page
from pipeline.text import fold
from tests.support.evaluate import fetched_page

SUBJECT = "Best way to ship a pallet of books from Irkutsk to Dalian?"
OPENING = [
    "I run a small second-hand bookshop and a university library in Dalian has bought "
    "about four hundred Russian titles from me, mostly old science textbooks.",
    "The boxes weigh roughly six hundred kilograms in all. Rail freight companies quote "
    "me prices that vary by a factor of three, and nobody can say how long customs takes.",
    "Has anyone here sent printed matter across the border at Zabaikalsk recently?",
]
REPLIES = [
    ("irina_logist", "Send it as groupage with a forwarder who already runs weekly "
     "containers to Dalian. Printed books need a certificate that they hold no banned "
     "content, which the forwarder can arrange for a small fee. Expect three to four "
     "weeks door to door, and insist on a fixed price that includes the Chinese side's "
     "handling charges, because those are where the surprises usually come from."),
    ("old_vlad", "We shipped a pallet of atlases last spring by road through Manzhouli "
     "instead of rail. It was slower to arrange but cheaper in the end, and the truck "
     "waited only two days at the crossing. The customs broker on the Chinese side asked "
     "for a list of every title with its year of printing, so prepare that in advance."),
    ("dalian_reader", "The library should have an import agent of its own: universities "
     "in Liaoning usually buy foreign books through one state trading company, which can "
     "clear them far more easily than a private sender can. Ask the librarian before you "
     "book any freight, it may save you the whole problem and most of the cost."),
]


def _replies(tree: Any) -> list[Any]:
    return reply_entries(tree, colon_texts(tree))


def _page(html: str, url: str = "http://127.0.0.1/forum/viewtopic.php?t=77") -> Page:
    return fetched_page(html, url)


def _post(number: int, author: str, subject: str, body: str) -> str:
    return (f"<div id='p{number}' class='post bg{number % 2 + 1}'><div class='inner'>"
            f"<dl class='postprofile'><dt><a href='/u/{author}'>{author}</a></dt>"
            "<dd>Posts: 58</dd><dd>Joined: Tue Mar 15, 2016 10:02 am</dd></dl>"
            f"<div class='postbody'><h3><a href='#p{number}'>{subject}</a></h3>"
            f"<p class='author'>by {author} » Fri Jul 18, 2025 11:42 pm</p>"
            f"<div class='content'>{body}</div></div></div></div><hr class='divider'>")


def _thread(reply_subject: str = f"Re: {SUBJECT}") -> str:
    posts = _post(1, "bookman_dl", SUBJECT, "<br><br>".join(OPENING)) + "".join(
        _post(k + 2, author, reply_subject, text) for k, (author, text) in enumerate(REPLIES))
    return ("<!DOCTYPE html><html><head><title>" + SUBJECT + " - Border Trade Forum"
            "</title></head><body><div class='navbar'><a href='/'>Board index</a> "
            "<a href='/f/12'>Freight and customs</a></div><div id='page-body'>"
            f"<h2 class='topic-title'><a href='?t=77'>{SUBJECT}</a></h2>"
            f"<div class='pagination'>4 posts • Page 1 of 1</div>{posts}</div>"
            "<div class='copyright'>Powered by forum software</div></body></html>")


def test_the_replies_under_a_forums_opening_post_go_as_comments() -> None:
    tree = load_html(_thread())
    entries = _replies(tree)
    # Each reply's post container, not its subject line, and not the opening post.
    assert [e.get("id") for e in entries] == ["p2", "p3", "p4"]
    article = extract_article(_page(_thread()))
    assert all(p in article.text for p in OPENING)
    assert not any(text[:40] in article.text for _, text in REPLIES)
    gone = [t for k, t in article.removed if k == "comment_form"]
    assert len(gone) == 3 and all(text in t for t, (_, text) in zip(gone, REPLIES, strict=True))


def test_without_the_subject_search_the_replies_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    # The case this pass is for: trafilatura alone takes the thread as the text.
    monkeypatch.setattr(pruning, "reply_entries", lambda tree, colons: [])
    article = extract_article(_page(_thread()))
    assert any(text[:40] in article.text for _, text in REPLIES)


def test_a_subject_without_the_reply_mark_or_a_lone_mention_is_no_reply() -> None:
    # Posts titled alike but not "Re:": no reply is told.
    assert _replies(load_html(_thread(reply_subject=SUBJECT))) == []
    # One "Re:" line on a page that does not show the subject it answers: nothing.
    html = ("<html><body><h1>Letters</h1><div><span>Re: the new timetable</span>"
            f"<p>{OPENING[0]}</p></div></body></html>")
    assert _replies(load_html(html)) == []


def test_a_mailing_list_message_titled_re_keeps_its_text() -> None:
    # The message is the reply: the node holding the headline is never dropped.
    html = (f"<html><head><title>Re: {SUBJECT}</title></head><body><div class='msg'>"
            f"<h1>Re: {SUBJECT}</h1><div class='body'>{''.join(f'<p>{p}</p>' for p in OPENING)}"
            "</div></div></body></html>")
    article = extract_article(_page(html, "http://127.0.0.1/lists/trade/msg00412.html"))
    assert all(p in article.text for p in OPENING)


def test_a_questions_answers_marked_in_microdata_go() -> None:
    question = "".join(f"<p>{p}</p>" for p in OPENING)
    answers = "".join(
        "<div class='answer' itemprop='suggestedAnswer' itemscope "
        "itemtype='http://schema.org/Answer'>"
        f"<div class='who'>{author}</div><div itemprop='text'><p>{text}</p></div></div>"
        for author, text in REPLIES)
    html = ("<html><body><main itemscope itemtype='http://schema.org/Question'>"
            f"<h1 itemprop='name'>{SUBJECT}</h1><div class='q-body' itemprop='text'>"
            f"{question}</div><div class='answers'><h4>3 answers</h4>{answers}</div>"
            "</main></body></html>")
    assert len(_replies(load_html(html))) == 3
    article = extract_article(_page(html, "http://127.0.0.1/question/5512"))
    assert all(p in article.text for p in OPENING)
    assert not any(text[:40] in article.text for _, text in REPLIES)


EDITOR_PARAGRAPHS = [
    "去年九月，我从哈尔滨坐夜车到满洲里，第一次看到国门和对面的后贝加尔斯克。",
    "口岸的货车排成长队，司机们说冬天等上两三天是常事。",
    "当地一位做木材生意的老板告诉我，这几年俄罗斯的原木越来越难进，板材倒是多了起来。",
]


def _editor_page(sections: str) -> str:
    return ("<html><head><title>满洲里口岸见闻</title></head><body>"
            "<h1>满洲里口岸见闻</h1><div class='rich_media_content' id='js_content'>"
            f"{sections}</div><div class='footer'>阅读原文</div></body></html>")


def _section(text: str) -> str:
    return (f"<section style='margin: 0 8px 16px;'><span style='font-size: 15px;'>{text}"
            "</span></section>")


def test_a_chinese_editors_sections_become_paragraphs_heading_and_table_kept() -> None:
    heading = ("<section style='margin: 32px 8px 16px;'><section style='display: inline-block;'>"
               "<span style='font-size: 22px;'>01 / </span><strong>口岸排队</strong>"
               "</section></section>")
    cell = "<td><section style='text-align: center;'><span>{}</span></section></td>"
    rows = [("月份", "货车（辆）"), ("九月", "1,240"), ("十月", "1,315")]
    table = ("<section style='overflow-x: auto;'><table><tbody>" + "".join(
        "<tr>" + "".join(cell.format(c) for c in row) + "</tr>" for row in rows)
        + "</tbody></table></section>")
    body = (_section(EDITOR_PARAGRAPHS[0]) + heading + _section(EDITOR_PARAGRAPHS[1])
            + table + _section(EDITOR_PARAGRAPHS[2]))
    tree = load_html(_editor_page(body))
    sections_as_paragraphs(tree)
    assert [p.tag for p in tree.iter("section")] == ["section", "section"]  # the boxes
    text = extract_article(_page(_editor_page(body), "http://127.0.0.1/s/abc")).text
    lines = text.split("\n\n")
    assert "01 / 口岸排队" in lines and all(p in lines for p in EDITOR_PARAGRAPHS)
    assert "九月 1,240" in " ".join(" ".join(line.strip("| ").split(" | ")) for line in lines)


def test_sections_stay_boxes_outside_chinese_text_and_alone() -> None:
    english = "".join(f"<section><span>{p}</span></section>" for p in OPENING)
    tree = load_html(f"<html><body><h1>{SUBJECT}</h1><div>{english}</div></body></html>")
    sections_as_paragraphs(tree)
    assert len(list(tree.iter("section"))) == len(OPENING)
    # A lone section (a copyright line) stays a box; a run of share links too.
    lone = "<div><p>正文</p><section>版权所有，转载请注明出处</section></div>"
    links = ("<section><a href='/a'>微博</a></section><section><a href='/b'>微信</a>"
             "</section>")
    for markup in (lone, links):
        tree = load_html(_editor_page(markup))
        sections_as_paragraphs(tree)
        assert list(tree.iter("section"))


POINTS = [
    "Nearly all payments in the trade are now made in roubles or yuan, up from a quarter.",
    "The largest banks have left the business, and small regional lenders have taken it.",
    "The detours add two to four per cent to the cost of every shipment, traders say.",
]


def test_key_points_set_as_a_fields_div_items_go_back_above_the_story() -> None:
    items = "".join(f"<div class='field__item'>{p}</div>" for p in POINTS)
    story = "".join(f"<p>{p}</p>" for p in OPENING)
    html = ("<html><body><h1>" + SUBJECT + "</h1><aside class='key-points'><h2>Key points"
            f"</h2><div class='field__items'>{items}</div></aside>"
            f"<div class='body'>{story}</div></body></html>")
    boxes = point_boxes(load_html(html))
    assert boxes == [([f"- {p}" for p in POINTS], fold(OPENING[0]))]
    # Under the headline printed again atop the text, the box goes under it.
    lines = [SUBJECT, *OPENING]
    out, folds = restore_points(lines, [fold(x) for x in lines], boxes)
    assert out == [SUBJECT, *[f"- {p}" for p in POINTS], *OPENING]
    assert folds == [fold(x) for x in out]
    # A box of divs of two classes, or holding blocks, is no list.
    mixed = items.replace("field__item", "field__other", 1)
    assert point_boxes(load_html(html.replace(items, mixed))) == []


def test_a_dated_update_that_reports_news_is_the_storys() -> None:
    news = ("Update, 14 September: The survey has been accepted for publication in the "
            "department's journal, and two of the students will present it in November.")
    note = ("Update, 14 September: This story has been updated to correct the number of "
            "students who took part in the trip.")
    labels = clean_paragraphs([*OPENING, news, note]).labels
    assert labels[-2] is None and labels[-1] == "editor_note"
    german = [
        "Der Grenzübergang bei Blagoweschtschensk war am Dienstag wegen Hochwassers "
        "gesperrt worden, Lastwagen stauten sich auf beiden Seiten des Amur.",
        "Die Behörden hatten eine Öffnung frühestens für das Wochenende angekündigt.",
        "Update vom 5. Juni: Die Brücke ist seit dem Morgen wieder für Lastwagen offen, "
        "teilte die Zollverwaltung mit.",
        "Update vom 5. Juni: Wir haben den Artikel um eine Stellungnahme der Zollverwaltung "
        "ergänzt.",
    ]
    labels = clean_paragraphs(german).labels
    assert labels[-2] is None and labels[-1] == "editor_note"


def test_a_chinese_paragraph_ending_for_reference_only_is_the_storys() -> None:
    body = ("先说一下背景：我在喀山读书已经是第三年了，下面的数字都是我自己记下来的真实开销。"
            "每个人的情况不一样，仅供参考。")
    disclaimer = "以上内容仅供参考，不构成任何投资建议。"
    labels = clean_paragraphs([*EDITOR_PARAGRAPHS, body, disclaimer]).labels
    assert labels[-2] is None and labels[-1] == "editor_note"


PIPELINE_TITLE = "The pipeline that is never quite signed"
PIPELINE = [
    "The second pipeline has now been announced five times and signed not once, and the "
    "reasons are the same as they were in the first year of talks.",
    "Beijing wants a price close to what it pays for gas from Central Asia, while Moscow "
    "needs one that covers the cost of building across Mongolia.",
    "Neither side is in a hurry, and the next round of talks has no date yet, officials "
    "in both capitals said on Tuesday.",
]


def test_a_paid_tiers_pitch_and_its_list_of_features_go() -> None:
    story, title = PIPELINE, PIPELINE_TITLE
    pitch = ["Upgrade to the full edition",
             "Paid subscribers get the customs tables for every crossing, the charts' data "
             "and a monthly call with the author.",
             "- ✓ Customs tables by crossing", "- ✓ The data behind every chart"]
    result = clean_paragraphs([*story, *pitch], title=title,
                              link_shares=[0.0] * (len(story) + 4))
    assert result.labels[:len(story)] == [None] * len(story), result.labels
    assert all(label is not None for label in result.labels[len(story):])
    assert result.labels[-1] == result.labels[-3]  # the list takes the pitch's kind
    # The same list under the story's own prose, with no pitch above it, stays.
    listed = clean_paragraphs([*story, *pitch[2:]], title=title,
                              link_shares=[0.0] * (len(story) + 2))
    assert listed.labels[-2:] == [None, None]
    ru = ["Платные подписчики каждую неделю получают ещё один разбор и доступ к архиву.",
          "Оформить платную подписку"]
    assert all(clean_paragraphs(ru).labels)


def test_an_endnote_opening_like_a_name_is_no_writers_card() -> None:
    # The byline's name and an endnote whose first words can spell a name alike.
    lines = ["By Marta Kolesnik", *PIPELINE, *PIPELINE[:2],
             "- Marta Kolesnik's figures for the first half of the year, as published by "
             "the customs office in its monthly bulletin on the border trade.",
             "Marta Kolesnik covers the border trade and logistics for the newsletter from "
             "Vladivostok and writes about the Far East's ports."]
    labels = clean_paragraphs(lines, title=PIPELINE_TITLE,
                              link_shares=[0.0] * len(lines)).labels
    assert labels[-2] is None and labels[-1] == "author_bio"


def test_a_table_of_figures_named_like_a_caption_stays() -> None:
    # A portal names its picture frames and its data tables alike (table.tplCaption).
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in (
        ("Currency", "2022", "2024"), ("Dollar and euro", "87", "18"),
        ("Rouble", "12", "43"), ("Yuan", "0.5", "34")))
    picture = ("<table class='tplCaption'><tr><td><img src='/p.jpg'></td></tr>"
               "<tr><td>Lorries queue at the crossing in January.</td></tr></table>")
    story = "".join(f"<p>{p}</p>" for p in PIPELINE)
    html = (f"<html><body><h1>{PIPELINE_TITLE}</h1><article>{story}{picture}"
            f"<table class='tplCaption tbl-data'>{rows}</table><p>{OPENING[0]}</p>"
            "</article></body></html>")
    tree = load_html(html)
    removed, _ = pruning.prune(tree)
    assert ("image_caption", "Lorries queue at the crossing in January.") in removed
    assert len(tree.xpath("//table")) == 1  # the figures' table stays
    text = extract_article(_page(html, "http://127.0.0.1/news/yuan")).text
    assert "Rouble" in text and "43" in text


def test_the_neighbours_languages_furniture_and_reporting_alike() -> None:
    # Uzbek: a ministry reported it on its Telegram channel (reporting: stays).
    uzbek = "Vazirlik matbuot xizmati bu haqda 3 oktabr kuni Telegram kanalida xabar berdi."
    # Ukrainian: the column is its writer's view (a disclaimer: goes).
    ukrainian = "Стаття відображає особисту позицію автора, редакція може не поділяти її."
    paras = [*PIPELINE, uzbek, ukrainian]
    labels = clean_paragraphs(paras, title=PIPELINE_TITLE,
                              link_shares=[0.0] * len(paras)).labels
    assert labels == [None, None, None, None, "disclaimer"]
