"""Session 44: what the older tuning sets of the blind web pages (tests/fixtures/
blind_pages) showed where rcwire kept less of the story than trafilatura, and what the
twenty-second and twenty-third rounds showed. Text and pages written for this test."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from tests.support.evaluate import fetched_page

TITLE = "Harbin college adds a second Russian-language track"
STORY = [
    "A teachers' college in Harbin will open a second Russian-language track next "
    "autumn, its dean told reporters on Thursday, after applications doubled.",
    "Most of the new students come from Heilongjiang's border counties, where trading "
    "firms have struggled to hire staff who can read customs paperwork.",
    "The college expects about 240 students in the first year and plans to hire six "
    "more teachers from universities in Khabarovsk and Blagoveshchensk.",
]
URL = "http://127.0.0.1/news/college"


def _page(box: str, paragraph: str = "<p class='story-p'>{}</p>") -> str:
    paragraphs = [paragraph.format(text) for text in STORY]
    body = "".join(paragraphs[:2]) + box + paragraphs[2]
    return (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"<div class='story'>{body}</div></body></html>")


SECTION = ("<div class='related-inline'><h3>Two ways in</h3>"
           "<p class='story-p'>Applicants can choose between two routes through the "
           "course, both taught in Russian from the second year:</p>"
           "<ul><li>a four-year degree with a final year in Khabarovsk;</li>"
           "<li>a two-year interpreting diploma for railway and customs work.</li></ul>"
           "</div>")


def test_a_story_section_in_a_box_named_related_stays() -> None:
    text = extract_article(fetched_page(_page(SECTION), URL)).text
    assert "a two-year interpreting diploma for railway and customs work." in text
    assert "Applicants can choose between two routes" in text
    assert text.index(STORY[1]) < text.index("Two ways in") < text.index(STORY[2])


def test_a_related_box_that_links_out_or_wears_its_own_class_still_goes() -> None:
    linked = SECTION.replace("<li>a two-year", "<li><a href='/news/diploma'>a two-year"). \
        replace("customs work.</li>", "customs work.</a></li>")
    own_class = SECTION.replace("<p class='story-p'>", "<p class='teaser-text'>")
    for box in (linked, own_class):
        text = extract_article(fetched_page(_page(box), URL)).text
        assert "Applicants can choose between two routes" not in text, box


CJK_STORY = [
    "哈尔滨一所师范学院周四宣布，明年秋季将开设第二个俄语方向，原因是报名人数比去年翻了一番，"
    "边境县的贸易公司急需能看懂报关单的员工。",
    "学院院长在记者会上表示，新方向第一年计划招收约二百四十名学生，并从哈巴罗夫斯克和布拉戈"
    "维申斯克的大学聘请六名教师。",
    "不少学生说，选择俄语是因为边境口岸的岗位多、收入也比只会英语的毕业生高出两成左右，"
    "家长的态度也随之改变。",
]
PROS_CONS = ("<div class='promo-box procon'><div class='pros'><h3>学生们看重的</h3><ul>"
             "<li>第二年起全部课程用俄语讲授，最后一年可以到哈巴罗夫斯克的合作大学学习；</li>"
             "<li>学院与口岸的报关公司签了实习协议，毕业前就能积累半年的工作经验。</li></ul></div>"
             "<div class='cons'><h3>他们担心的</h3><ul>"
             "<li>在俄罗斯学习一年的生活费用比在国内高出不少，奖学金名额却很有限；</li>"
             "<li>签证审批时间难以预测，有的学生因此错过了开学的第一个月。</li></ul></div></div>")


def test_a_chinese_box_of_sentences_named_like_a_promo_stays() -> None:
    # ``\w+`` reads each Chinese clause as one word: counted by ``count_words``, the box
    # holds prose enough to be a section of the story.
    page = _page(PROS_CONS, "<p>{}</p>").replace(STORY[0], CJK_STORY[0]). \
        replace(STORY[1], CJK_STORY[1]).replace(STORY[2], CJK_STORY[2])
    text = extract_article(fetched_page(page, URL)).text
    assert "签证审批时间难以预测" in text
    linked = PROS_CONS
    for start, end in (("签证", "第一个月。"), ("在俄罗斯", "很有限；")):
        linked = linked.replace(f"<li>{start}", f"<li><a href='/news/more'>{start}"). \
            replace(f"{end}</li>", f"{end}</a></li>")
    page = page.replace(PROS_CONS, linked)
    assert "签证审批时间难以预测" not in extract_article(fetched_page(page, URL)).text


def _labels(extra: list[str]) -> list[str | None]:
    lines = [*STORY, *extra]
    return clean_paragraphs(lines, title=TITLE, link_shares=[0.0] * len(lines)).labels


def test_a_russian_newsletter_pitch_goes_a_story_about_one_stays() -> None:
    pitches = ["Подпишитесь на нашу рассылку, чтобы первыми узнавать о главном.",
               "Чтобы подписаться на рассылку, введите адрес почты.",
               "Подписаться на рассылку",
               "Все главные новости недели — в нашей рассылке.",
               "Самое важное за день — в вечерней рассылке."]
    for pitch in pitches:
        assert _labels([pitch])[-1] == "newsletter_promo", pitch
    # A firm's newsletter in a story about the firm: the story's sentences.
    stories = ["Покупатели смогут следить за заказом в приложении магазина и при желании "
               "подписаться на рассылку со скидками, сообщили в компании.",
               "Сеть намерена продвигать новую марку чая на своих страницах в соцсетях и "
               "в рассылке для постоянных покупателей."]
    for story in stories:
        assert _labels([story, STORY[2]])[-2] is None, story
