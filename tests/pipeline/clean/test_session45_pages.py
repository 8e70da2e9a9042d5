"""Session 45: what the twenty-fifth round of blind web pages (Chinese-language outlets)
showed on its tuning sets. Text and pages written for this test."""

from __future__ import annotations

from lxml import html as lxml_html

from pipeline.clean.elements import divs_as_paragraphs, prose_sections_as_paragraphs
from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from tests.support.evaluate import fetched_page

TITLE = "绥芬河口岸冬季果蔬进口量创新高"
STORY = [
    "本报讯 入冬以来，绥芬河公路口岸每天进境的果蔬运输车辆保持在八十辆左右，"
    "进口的洋葱、胡萝卜和土豆主要销往东北三省和京津地区的批发市场。",
    "口岸管理部门负责人介绍，为缩短车辆等候时间，口岸延长了冬季通关时间，"
    "并为鲜活农产品开设了专用查验通道，单车通关时间已压缩到四十分钟以内。",
    "一家从事果蔬进口的企业负责人说，俄罗斯远东的蔬菜价格比去年同期低一成左右，"
    "加上运输时间短、损耗小，今年冬天的订单比去年多了三成。",
]
SUBHEAD = "通关提速"
QUESTION = "问：明年还会增加班次吗？"
COMMENTS = ["这个消息太好了，以后冬天买菜更便宜了！",
            "希望口岸再多开几条通道，排队的车真的很多。",
            "去年冬天去过一次，确实车很多。"]
URL = "http://127.0.0.1/news/suifenhe"


def _page(story_tag: str = "div", title: str = TITLE, story: list[str] = STORY) -> str:
    body = "".join(f"<{story_tag} class='para'>{text}</{story_tag}>" for text in story[:2])
    body += f"<div class='para'>{SUBHEAD}</div><div class='para'>{QUESTION}</div>"
    body += f"<{story_tag} class='para'>{story[2]}</{story_tag}>"
    comments = "".join(f"<li><p class='user'>网友{n}</p><p>{text}</p></li>"
                       for n, text in enumerate(COMMENTS))
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class='wrap'><div class='kicker'>经济 · 口岸</div>"
            f"<div class='zw_box'>{body}</div></div>"
            f"<div class='pl_box'><ul>{comments}</ul></div></body></html>")


def test_a_chinese_story_set_in_divisions_in_an_unknown_container_stays() -> None:
    text = extract_article(fetched_page(_page(), URL)).text
    for paragraph in STORY:
        assert paragraph in text
    assert SUBHEAD in text and QUESTION in text


def test_only_runs_of_chinese_prose_divisions_become_paragraphs() -> None:
    tree = lxml_html.fromstring(_page()).getroottree()
    divs_as_paragraphs(tree)
    tags = {el.text: el.tag for el in tree.iter("div", "p") if el.text}
    assert tags[STORY[0]] == tags[SUBHEAD] == tags[QUESTION] == "p"
    assert tags["经济 · 口岸"] == "div"  # a kicker over the run, no sentence: left alone
    # A lone division of prose (a caption, a teaser's summary) is no run.
    lone = lxml_html.fromstring(f"<html><head><title>{TITLE}</title></head><body><div>"
                                f"<div>{STORY[0]}</div><p>{STORY[1]}</p></div></body></html>")
    divs_as_paragraphs(lone.getroottree())
    assert [el.tag for el in lone.iter("div")] == ["div", "div"]
    # A page in another script keeps its divisions (made paragraphs on every page, they
    # cost tuning pages in other languages).
    english = ["The border crossing now handles about eighty lorries of vegetables a day, "
               "most bound for wholesale markets in the north-east.",
               "Officials extended the crossing's winter hours and opened a lane for "
               "fresh produce, cutting each lorry's clearance to forty minutes."]
    other = lxml_html.fromstring(_page(title="Suifenhe vegetable imports", story=[
        *english, english[0]])).getroottree()
    divs_as_paragraphs(other)
    assert not any(el.get("class") == "para" for el in other.iter("p"))


def _labels(extra: list[str]) -> list[str | None]:
    lines = [*STORY, *extra]
    return clean_paragraphs(lines, title=TITLE,
                            link_shares=[0.0] * len(lines)).labels[len(STORY):]


def test_chinese_view_counters_and_comment_rules_go_reports_about_them_stay() -> None:
    furniture = ["播放量 12.6万", "觀看 3,204", "閱讀 1.1萬",
                 "请各位网友遵守相关规定，文明发言，理性评论。",
                 "本站有权删除任何违反规定的留言，敬请谅解。"]
    assert all(label is not None for label in _labels(furniture)), _labels(furniture)
    story = ["监管部门要求各平台加强评论区管理，对违法违规评论及时删除，"
             "并定期公布处置情况，相关规定将于明年一月起施行。"]
    assert _labels([*story, STORY[2]])[0] is None


def test_round_26_furniture_of_chinese_official_and_video_pages_goes() -> None:
    furniture = ["8.4万人订阅 · 每日更新", "节目简介", "为你推荐",
                 "- 江城老李北京 · 2小时前 这段画面拍得真好。",
                 "版權所有，未經授權不得轉載或改編本網內容。",
                 "歡迎轉載，轉載文章請註明出處。",
                 "登入會員即可閱讀全文及下載附表。",
                 "Facebook專頁："]
    labels = _labels(furniture)
    assert all(label is not None for label in labels), list(zip(furniture, labels, strict=True))
    # The story's own mention of a booking channel, a page's Facebook account: stays.
    story = ["展覽期間逢星期六舉辦講座，市民可透過館方的Facebook專頁報名，名額有限，"
             "館方表示將視反應增加場次。"]
    assert _labels([*story, STORY[2]])[0] is None


def test_a_fact_box_table_under_the_story_and_its_heading_stay() -> None:
    box = ["參觀資訊", "| 展期 | 2025年1月5日至3月30日 |", "|---|---|",
           "| 地點 | 口岸展示中心二樓東側展廳 |",
           "| 開放時間 | 上午九時至下午五時（逢星期一休息） |",
           "| 門票 | 免費 |"]
    lines = [*STORY, "▶ 影片：口岸夜景（約2分鐘）", *box, "編輯：陳小明 ｜ 監製：李大文"]
    labels = clean_paragraphs(lines, title=TITLE, link_shares=[0.0] * len(lines)).labels
    assert labels[len(STORY) + 1:-1] == [None] * len(box), labels
    assert labels[len(STORY)] is not None and labels[-1] is not None


def test_a_chinese_sections_first_number_is_no_standfirst() -> None:
    lines = ["一、口岸夜间通关时段延长", *STORY]
    result = clean_paragraphs([TITLE, *lines], title=TITLE, link_shares=[0.0] * 5)
    assert lines[0] in result.paragraphs and result.description is None


def test_a_notices_number_and_closing_date_stay() -> None:
    notice = ["口岸管理处公告2025年第3号", *STORY, "特此公告。", "绥芬河口岸管理处", "2025年3月2日"]
    result = clean_paragraphs([TITLE, *notice], title=TITLE, link_shares=[0.0] * 8)
    assert result.paragraphs[0] == notice[0] and result.paragraphs[-2:] == notice[-2:]
    # A date standing alone under the story, with no issuer above it: a page's stamp.
    stamped = clean_paragraphs([TITLE, *STORY, "2025年3月2日"], title=TITLE,
                               link_shares=[0.0] * 5)
    assert "2025年3月2日" not in stamped.paragraphs


DE_TITLE = "Chinesische Gäste kehren an den See zurück"
DE_STORY = [
    "Seeburg – Am Hafen stehen sie wieder: Reisebusse, aus denen Gruppen mit Kameras "
    "steigen. Nach Jahren der Flaute kommen die Gäste aus China zurück, wenn auch anders.",
    "Im vergangenen Jahr zählten die Hotels der Stadt rund 61 000 Übernachtungen von "
    "Gästen aus China, doppelt so viele wie im Jahr davor, aber erst die Hälfte von früher.",
    "Statt grosser Gruppen reisen mehr Familien und Paare auf eigene Faust. Sie bleiben "
    "länger, essen in den Gasthäusern der Altstadt und fahren mit dem Schiff über den See.",
]
DE_URL = "http://127.0.0.1/news/seeburg"


def _de_page(body: str) -> str:
    return (f"<html><head><title>{DE_TITLE}</title></head><body><header><nav>"
            "<a href='/'>Start</a> <a href='/region'>Region</a></nav><p class='dach'>"
            "Beitrag aus der Sendung vom 22. Mai · Video: Seeburg TV</p></header><main>"
            f"<article><h1>{DE_TITLE}</h1><div class='raster'>{body}</div></article>"
            "</main></body></html>")


def test_a_story_set_in_sections_of_prose_stays_a_lone_section_does_not_move() -> None:
    links = ("<section class='absatz'>Wir berichteten über <a href='/a/1'>den leeren "
             "Hafen im Frühling</a> und <a href='/a/2'>den Streit um die Busparkplätze"
             "</a>.</section>")
    body = "".join(f"<section class='absatz'>{text}</section>" for text in DE_STORY[:2])
    body += links + f"<section class='absatz'>{DE_STORY[2]}</section>"
    text = extract_article(fetched_page(_de_page(body), DE_URL)).text
    for paragraph in DE_STORY:
        assert paragraph in text
    assert "den Streit um die Busparkplätze" in text
    tree = lxml_html.fromstring(f"<html><body><div><section>{DE_STORY[0]}</section>"
                                "<p>x</p></div></body></html>").getroottree()
    prose_sections_as_paragraphs(list(tree.iter("section")))
    assert next(tree.iter("section"), None) is not None


def test_a_quote_set_apart_stays_unless_the_story_prints_it() -> None:
    quote = "„Wir sind klein. Wenn ein Gast absagt, spüren wir das sofort.“"
    box = (f"<figure class='wp-block-pullquote'><blockquote><p>{quote}</p>"
           "<cite>Anna Keller, Wirtin</cite></blockquote></figure>")
    body = f"<p>{DE_STORY[0]}</p><p>{DE_STORY[1]}</p>{box}<p>{DE_STORY[2]}</p>"
    text = extract_article(fetched_page(_de_page(body), DE_URL)).text
    assert quote in text
    # The same box over a paragraph that prints the quote: a pull-quote, left boxed.
    printed = f"<p>Die Wirtin sagt: {quote} Sie hofft auf den Sommer.</p>"
    text = extract_article(fetched_page(_de_page(body.replace(
        f"<p>{DE_STORY[2]}</p>", printed + f"<p>{DE_STORY[2]}</p>")), DE_URL)).text
    assert text.count("Wenn ein Gast absagt") == 1


def test_an_update_reporting_news_stays_an_editors_update_note_goes() -> None:
    lines = [*DE_STORY,
             "Update, 18.30 Uhr: Der Tourismusverband hat am Abend ergänzt, dass im "
             "ersten Quartal bereits ein weiteres Plus verzeichnet wurde.",
             "Update, 19.10 Uhr: Wir haben den Artikel um eine Stellungnahme der Stadt "
             "ergänzt.",
             "Weiterlesen mit SZ+: Noch kein Zugang? Jetzt 4 Wochen für 0,99 € testen."]
    labels = clean_paragraphs(lines, title=DE_TITLE,
                              link_shares=[0.0] * len(lines)).labels[len(DE_STORY):]
    assert labels[0] is None and labels[1] is not None and labels[2] is not None, labels


def test_a_portrait_box_with_a_table_of_figures_stays() -> None:
    box = ("<aside class='infobox'><h3>Hafenbetriebe Seeburg</h3><p>Gegründet 1952 als "
           "Genossenschaft der Fischer, heute Betreiber der Anleger und der Werft.</p>"
           "<table><tr><th>Jahr</th><th>Fahrgäste</th></tr><tr><td>2019</td><td>412 000"
           "</td></tr><tr><td>2022</td><td>298 000</td></tr><tr><td>2024</td><td>388 000"
           "</td></tr></table></aside>")
    body = "".join(f"<p class='absatz'>{text}</p>" for text in DE_STORY[:2]) + box + \
        f"<p class='absatz'>{DE_STORY[2]}</p>"
    text = extract_article(fetched_page(_de_page(body), DE_URL)).text
    assert "Gegründet 1952 als Genossenschaft" in text and "298 000" in text


def test_a_quotes_speaker_stays_german_reader_calls_and_embed_placeholders_go() -> None:
    quote = "„Wir reden hier nicht von ein paar Prozent, sondern von der ganzen Saison.“"
    lines = [*DE_STORY[:2], quote, "Anna Keller, Wirtin", DE_STORY[2],
             "Sie haben einen Hinweis oder ein Video aus Ihrem Ort? Schicken Sie uns Ihre "
             "Hinweise an die Redaktion.",
             "Werde Dorfreporterin oder Dorfreporter!", "Jetzt mitmachen",
             "An dieser Stelle steht ein Beitrag von Instagram. Um ihn zu sehen, müssen Sie "
             "der Übertragung von Daten zustimmen.",
             "1 / 12", "Video · 2:14 Min."]
    labels = clean_paragraphs(lines, title=DE_TITLE, link_shares=[0.0] * len(lines)).labels
    assert labels[3] is None, labels
    assert all(label is not None for label in labels[5:]), list(zip(lines, labels, strict=True))
