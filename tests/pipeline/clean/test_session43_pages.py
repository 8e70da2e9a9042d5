"""Session 43: what the twentieth round of blind web pages (tests/fixtures/blind_pages,
tuning sets 115, 117 and 119: the renderings a feed link leads to, AMP pages, print
views, mobile sites, partner copies, app views, text-only editions, cached copies) showed.
Text and pages written for this test."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs
from pipeline.extract.headings import heading_slots, restore_headings
from pipeline.extract.loader import load_html
from pipeline.text import fold

TITLE = "Grain trains to wait longer at the Zabaikalsk crossing"
STORY = [
    "Grain trains bound for China will wait up to four days longer at the Zabaikalsk "
    "crossing this winter, the railway's regional branch said on Monday.",
    "The delays follow a change in how phytosanitary certificates are checked, which now "
    "happens on the Chinese side for every wagon rather than for each train.",
    "Exporters in the Altai region said the extra days would add about 3 percent to the "
    "cost of a tonne delivered to Manzhouli, according to figures they shared.",
]


def _labels(extra: list[str], html: bool = True) -> list[str | None]:
    lines = [*STORY, *extra]
    shares = [0.0] * len(lines) if html else None
    return clean_paragraphs(lines, title=TITLE, link_shares=shares).labels


def test_a_print_views_stamp_goes_and_a_sentence_opening_alike_stays() -> None:
    stamps = ["Printed from the Northern Courier, Tuesday 4 March 2025, 08:12 GMT",
              "Gedruckt am 12.02.2025 um 16:40 Uhr",
              "Распечатано с сайта portal.example 02.04.2025 в 09:30",
              "打印时间：2025-04-02 09:30"]
    for stamp in stamps:
        assert _labels([stamp])[-1] == "site_chrome", stamp
    # A sentence that opens alike and ends as one is the story's.
    sentence = ("Printed on both sides of a plastic card, the new border passes were first "
                "issued to lorry drivers in 2023.")
    assert _labels([sentence, STORY[0]])[-2] is None


def test_a_reader_copys_note_and_a_personal_use_line_go() -> None:
    notes = [
        "This reader view was automatically generated from the original page and may "
        "lack some pictures.",
        "Diese Textansicht wurde automatisch aus dem Originalartikel erzeugt.",
        "This copy of the article is for your personal use only; reproduction of it in "
        "any form is not permitted.",
        "Dieser Artikel ist nur für den privaten Gebrauch bestimmt, eine Weitergabe ist "
        "nicht gestattet.",
    ]
    for note in notes:
        assert _labels([note])[-1] is not None, note
    # Goods for personal use, and rights, in a story about customs: reporting.
    customs = ("Travellers may now carry up to five kilograms of dried fruit for personal "
               "use only, and the customs service extended the inspectors' rights to open "
               "bags at the crossing.")
    assert _labels([customs, STORY[1]])[-2] is None


def test_a_messaging_channel_pitch_and_a_supporting_membership_appeal_go() -> None:
    pitches = [
        "Read our morning briefing on Telegram. Join the channel with one tap.",
        "Follow our Viber community",
        "Our reporting stays free to read. If this helped you, become a sustaining "
        "member.",
    ]
    for pitch in pitches:
        assert _labels([pitch])[-1] is not None, pitch
    # Reporting of a warning read on a messaging app, with a follow-up: the story's.
    story = ("Residents of the border villages read the flood warning on Telegram. "
             "Follow-up messages from the district told them to move their cattle uphill.")
    assert _labels([story, STORY[2]])[-2] is None


def test_an_agencys_initials_before_wires_go() -> None:
    for credit in ("ANP/wires", "TASS, Xinhua and agencies", "AFP/agencies"):
        assert _labels([credit])[-1] == "editor_note", credit
    assert _labels(["Wires were cut at two substations.", STORY[0]])[-2] is None


def _page(between: str, blockquote: str = "") -> str:
    return ("<html><body><h1>口岸通关时间缩短</h1>"
            "<p>满洲里口岸今年起实行新的查验方式，货车平均通关时间由三小时缩短至一小时。</p>"
            "<p>口岸管理部门列出了三项主要措施：</p>"
            "<ul><li>提前申报电子舱单；</li><li>集装箱机检与人工查验分流；</li>"
            "<li>夜间增开两条货运通道。</li></ul>"
            f"{between}<h2>企业反应</h2>"
            "<p>多家物流企业表示，通关提速后每车运输成本下降约百分之五。</p>"
            f"{blockquote}<h2>下一步安排</h2>"
            "<p>当地计划明年再增加四条查验通道，并延长冬季的通关时间。</p>"
            "</body></html>")


def test_a_list_and_a_heading_come_back_across_a_dropped_read_also_line() -> None:
    # The "read also" line between the list and the next subheading lost its link to
    # pruning; trafilatura drops it and the list and the heading with it.
    html = _page("<p>延伸阅读：</p>")
    slots = heading_slots(load_html(html))
    lines = ["满洲里口岸今年起实行新的查验方式，货车平均通关时间由三小时缩短至一小时。",
             "口岸管理部门列出了三项主要措施：",
             "多家物流企业表示，通关提速后每车运输成本下降约百分之五。",
             "当地计划明年再增加四条查验通道，并延长冬季的通关时间。"]
    out, _ = restore_headings(lines, [fold(x) for x in lines], slots)
    assert out[2:6] == ["- 提前申报电子舱单；", "- 集装箱机检与人工查验分流；",
                        "- 夜间增开两条货运通道。", "企业反应"], out
    # When the line in between comes out, each slot fills its own gap, nothing twice.
    kept = [*lines[:2], "延伸阅读：", *lines[2:]]
    out, _ = restore_headings(kept, [fold(x) for x in kept], slots)
    assert out.count("企业反应") == 1 and out.count("- 提前申报电子舱单；") == 1


def test_a_heading_comes_back_under_a_chinese_blockquote() -> None:
    # A Chinese blockquote is one run of characters: a box with a paragraph, not a small
    # label to pass over.
    quote = "<blockquote><p>通关快了，我们一天能多跑一趟。</p></blockquote>"
    slots = heading_slots(load_html(_page("", quote)))
    lines = ["多家物流企业表示，通关提速后每车运输成本下降约百分之五。",
             "通关快了，我们一天能多跑一趟。",
             "当地计划明年再增加四条查验通道，并延长冬季的通关时间。"]
    out, _ = restore_headings(lines, [fold(x) for x in lines], slots)
    assert out == [*lines[:2], "下一步安排", lines[2]]
