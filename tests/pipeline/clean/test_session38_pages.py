"""Session 38: what the eleventh round of blind web pages (the CMS families that run most
sites) showed, and custom elements judged by their names. Text and pages written for
this test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html

from pipeline.clean.html import prune
from pipeline.clean.layout import open_layout_tables
from pipeline.clean.metadata_tables import record_tables
from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from pipeline.records import Article, FeedEntry, Page

TITLE = "Grain wagons wait less at the river crossing after a second loading track opens"
STORY = [
    "A second loading track at the river crossing has halved the time grain wagons wait "
    "at the border, the regional railway said on Monday.",
    "Wagons from the western plains used to stand for two days before their loads were "
    "moved to the narrower track on the far bank of the river.",
    "The new track lets two trains be unloaded at once, and the terminal now works a "
    "night shift in the harvest months as well.",
    "Traders said the change came just in time for a harvest that is expected to be the "
    "largest in five years, with most of the surplus sold abroad.",
    "The railway plans a third track by the end of next year, once the embankment on the "
    "southern side of the yard has been widened.",
]
ZH_TITLE = "边境口岸新增一条换装线 粮食车皮等待时间减半"
ZH_STORY = [
    "记者从铁路部门获悉，边境口岸第二条换装线近日投入使用，粮食车皮在口岸的平均等待时间由两天缩短到一天以内，口岸通关效率明显提升。",
    "据介绍，过去从西部平原运来的粮食车皮需要在口岸停留两天左右，等待把货物倒装到对岸轨距不同的车皮上，旺季时排队现象十分突出。",
    "新换装线可同时为两列货车作业，口岸还在秋收期间增开了夜班，装卸工人分三班轮换，确保车皮到站后能够尽快完成换装和查验。",
    "当地粮食贸易企业表示，今年预计迎来五年来最大的丰收，大部分余粮将销往境外，新线路投用正当其时，企业的运输成本也随之下降。",
    "一家贸易公司负责人说，以前一列车从到站到放行往往要等上好几天，现在基本能够做到当天到达、次日放行，资金周转明显加快。",
    "铁路部门计划明年年底前再建设一条换装线，目前堆场南侧路基拓宽等前期工作正在推进，预计届时口岸的年换装能力将再提高三成。",
    "业内人士认为，口岸基础设施的持续改善，将进一步巩固这一通道在区域粮食贸易中的地位，也为沿线地区的加工企业带来新的机遇。",
    "海关方面也表示，将继续推行提前申报等便利措施，配合铁路部门做好旺季运输保障工作，力争让更多粮食车皮快进快出。",
    "据统计，今年前八个月经该口岸进境的粮食车皮数量同比增长近三成，其中大豆和油菜籽占比超过一半，小麦和玉米的数量也有所增加。",
    "为保障换装作业安全，口岸对新线路的起重设备进行了全面检测，并组织工人开展了多轮培训，确保夜班作业与白班同样规范有序。",
    "沿线多个县市的粮食加工企业已开始与贸易公司洽谈长期供货合同，希望借助更加稳定的运输条件扩大生产规模，增加当地就业岗位。",
]


def _page(html: str, url: str = "https://plains-courier.example/news/grain-track") -> Page:
    return Page(FeedEntry("t", "t", url, url), url, 200, "text/html", html, datetime.now(UTC))


def _article(html: str, url: str = "https://plains-courier.example/news/grain-track",
             ) -> Article:
    return extract_article(_page(html, url))


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


# --- a table of record data over the story ----------------------------------------

_RECORD = ("<table class='info-grid'><tr><th>Reference:</th><td>PR-2025-0412</td>"
           "<th>Category:</th><td>Transport</td></tr>"
           "<tr><th>Issued by:</th><td>Regional Railway Office</td><th>Date:</th>"
           "<td>2025-09-15</td></tr>"
           "<tr><th>Title:</th><td colspan='3'>" + TITLE + "</td></tr></table>")
_ZH_RECORD = ("<table class='xxgk'><tr><th>索&nbsp;引&nbsp;号：</th><td>000014349/2025-00321</td>"
              "<th>主题分类：</th><td>交通运输</td></tr>"
              "<tr><th>发文机关：</th><td>市交通运输局</td><th>成文日期：</th>"
              "<td>2025年09月15日</td></tr>"
              "<tr><th>标&emsp;&emsp;题：</th><td colspan='3'>" + ZH_TITLE + "</td></tr></table>")


@pytest.mark.parametrize(("record", "title", "story", "url"), [
    (_RECORD, TITLE, STORY, "https://railway-office.example/press/grain-track"),
    (_ZH_RECORD, ZH_TITLE, ZH_STORY, "https://jtj.city.example/xxgk/2025/0915/321.html"),
])
def test_a_table_of_labels_and_values_over_the_story_goes(
        record: str, title: str, story: list[str], url: str) -> None:
    html = ("<html><head><title>" + title + "</title></head><body>"
            "<div class='article'>" + record + "<h1>" + title + "</h1>"
            "<div class='article-con'>" + _paragraphs(story) + "</div></div>"
            "<div class='footer'><p>Copyright, the city's web office.</p></div></body></html>")
    article = _article(html, url)
    assert article.text.split("\n\n") == story
    assert any(kind == "dateline_meta" and "2025" in text for kind, text, *_ in article.removed)


def test_the_storys_own_table_keeps_its_place_whatever_its_cells_end_with() -> None:
    figures = ("<table><tr><th>Loaded in August:</th><td>41,000 tonnes</td></tr>"
               "<tr><th>Loaded in September:</th><td>58,000 tonnes</td></tr></table>")
    tree = lxml_html.fromstring(
        "<html><body><h1>" + TITLE + "</h1>" + _paragraphs(STORY[:2]) + figures +
        _paragraphs(STORY[2:]) + "</body></html>")
    assert record_tables(tree) == []
    # Above the story it is a record box; a table with a sentence in a label cell is not.
    above = lxml_html.fromstring("<html><body>" + figures + _paragraphs(STORY) +
                                 "</body></html>")
    assert len(record_tables(above)) == 1
    prose = figures.replace("Loaded in August:",
                            "The terminal loaded more grain in August than in any month:")
    assert record_tables(lxml_html.fromstring(
        "<html><body>" + prose + _paragraphs(STORY) + "</body></html>")) == []


def test_one_row_of_labels_is_no_record_box() -> None:
    one = "<table><tr><th>Date:</th><td>2025-09-15</td></tr></table>"
    assert record_tables(lxml_html.fromstring(
        "<html><body>" + one + _paragraphs(STORY) + "</body></html>")) == []


# --- a one-cell table inside the CMS's own story container ---------------------------

def _portal(story_html: str, wrapper: str) -> str:
    teasers = "".join(
        f"<li><a href='/a/{k}.html'>Teaser headline number {k} about the border</a>"
        f"<p>A short excerpt of the teaser number {k} for the reader...</p></li>"
        for k in range(4))
    return ("<html><head><title>" + ZH_TITLE + "</title></head><body>"
            "<div class='w960 center'><div class='pleft'><div class='viewbox'>"
            "<div class='title'><h2>" + ZH_TITLE + "</h2></div>"
            f"<div class='{wrapper}'><table width='100%'><tr><td id='text'>" + story_html +
            "</td></tr></table></div></div></div>"
            "<div class='pright'><dl class='tbox'><dt>推荐内容</dt><dd><ul>" + teasers +
            "</ul></dd></dl></div></div>"
            "<div class='footer'><p>关于我们 | 联系方式 | 版权声明 Copyright 2025 "
            "border-trade.example 0451-0000000</p></div></body></html>")


def test_a_one_cell_table_in_the_cms_story_container_is_not_framed_wider() -> None:
    html = _portal(_paragraphs(ZH_STORY), "content")
    tree = lxml_html.fromstring(html)
    assert open_layout_tables(tree) == 1
    # trafilatura's own container (``div.content``) holds the story inside the frame:
    # no ``articleBody`` is set on the row that also holds the sidebar.
    assert tree.xpath("//*[@itemprop='articleBody']") == []
    article = _article(html, "https://border-trade.example/a/kouan/2025/0915/8721.html")
    assert article.text.split("\n\n") == ZH_STORY


def test_a_table_held_story_without_such_a_container_is_still_framed() -> None:
    tree = lxml_html.fromstring(_portal(_paragraphs(ZH_STORY), "box-7"))
    assert open_layout_tables(tree) == 1
    assert len(tree.xpath("//*[@itemprop='articleBody']")) == 1


# --- the scientific contacts under a university's press release ------------------------

@pytest.mark.parametrize("heading", ["Wissenschaftlicher Kontakt:", "Wissenschaftliche "
                                     "Ansprechpartnerin", "Scientific contact"])
def test_a_scientific_contact_block_goes_with_its_heading(heading: str) -> None:
    contact = [heading, "Dr. Maren Falkenrath", "Institute of Freight Logistics",
               "Phone: +49 351 555-0142", "maren.falkenrath@uni-example.example"]
    result = clean_paragraphs([TITLE, *STORY, *contact])
    assert result.paragraphs == STORY
    assert result.labels[len(STORY) + 1] == "press_contact"


def test_a_story_sentence_about_a_contact_stays() -> None:
    line = ("Scientific contact between the two academies resumed in the spring, after a "
            "pause of three years.")
    result = clean_paragraphs([TITLE, *STORY[:3], line, *STORY[3:]])
    assert line in result.paragraphs


# --- custom elements: by their names and by being hidden, not by their classes ----------

def _custom_page(element: str) -> str:
    return ("<html><head><title>" + TITLE + "</title></head><body><article><h1>" + TITLE +
            "</h1>" + _paragraphs(STORY[:3]) + element + _paragraphs(STORY[3:]) +
            "</article></body></html>")


def test_a_custom_elements_classes_do_not_judge_it() -> None:
    # A component's styling hooks ("menu", "sidebar") say nothing of the story it holds.
    inside = ("<formula-view class='Renderer MenuAttached sidebar-aware'>"
              "<p>Wagons per day on the new track: about ninety, against fifty before the "
              "second track opened.</p></formula-view>")
    tree = lxml_html.fromstring(_custom_page(inside))
    removed, _ = prune(tree)
    assert not any("ninety" in text for _, text in removed)


@pytest.mark.parametrize("element", [
    "<ad-slot class='story-ad'><p>Advertisement: the best freight rates this week</p>"
    "</ad-slot>",
    "<amp-lightbox hidden class='gallery'><p>Photo gallery of the freight yard at night, "
    "twelve pictures</p></amp-lightbox>",
])
def test_a_custom_element_named_for_chrome_or_hidden_goes(element: str) -> None:
    tree = lxml_html.fromstring(_custom_page(element))
    removed, _ = prune(tree)
    assert any(("freight rates" in text or "gallery" in text) for _, text in removed)
