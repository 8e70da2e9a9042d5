"""Session 41: what the sixteenth round of blind web pages (tests/fixtures/blind_pages,
tuning sets 91, 93 and 95: the large outlets' everyday article pages) showed. Text and
pages written for this test."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from pipeline.clean.below import label_below_story
from pipeline.clean.cards import card_lists, headline_links
from pipeline.clean.features import anchor_counts, link_shares
from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from pipeline.extract.headings import heading_slots, restore_headings
from pipeline.extract.keypoints import point_boxes, restore_points
from pipeline.extract.loader import load_html
from pipeline.records import FeedEntry, Page
from pipeline.text import fold

STORY = [
    "The customs office at Blagoveshchensk cleared its first convoy of refrigerated "
    "trucks over the new Amur bridge on Thursday, three weeks later than planned.",
    "Officials blamed the delay on the scanners, which arrived from the manufacturer "
    "without the software needed to read the cargo of cooled containers.",
    "Traders in Heihe said they had lost orders for apples and pears while the trucks "
    "waited, and asked the border agency for a fixed timetable.",
    "The agency promised two convoys a day from next month and a third in the autumn, "
    "once a second scanning lane is built on the Russian side.",
]
POINTS = [
    "The first refrigerated convoy crossed the bridge three weeks late",
    "Scanners arrived without the software for cooled containers",
    "Two convoys a day are promised from next month",
]


def _page(html: str) -> Page:
    url = "http://127.0.0.1/news/bridge"
    return Page(FeedEntry("t", "t", url, url), url, 200, "text/html", html,
                datetime.now(UTC))


def _document(before_story: str, after_story: str = "") -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return ("<!DOCTYPE html><html><head><title>Cold convoy</title></head><body>"
            "<header><a href='/'>Home</a> <a href='/trade'>Trade</a></header><main>"
            "<h1>First cold convoy crosses the Amur bridge</h1>"
            f"{before_story}<article class='story-body'>{story}</article>{after_story}"
            "</main><footer>Amur Trade Daily, all rights reserved</footer></body></html>")


def test_a_list_of_points_above_the_story_is_put_back_before_it() -> None:
    points = "".join(f"<li>{p}</li>" for p in POINTS)
    html = _document(f"<div class='summary-box'><h3>Main points</h3><ul>{points}</ul></div>")
    boxes = point_boxes(load_html(html))
    assert boxes == [([f"- {p}" for p in POINTS], fold(STORY[0]))]  # not its heading
    lines, folds = restore_points(STORY, [fold(p) for p in STORY], boxes)
    assert lines == [f"- {p}" for p in POINTS] + STORY and folds == [fold(x) for x in lines]
    # Put back once: when the extraction kept the items, nothing is added.
    assert restore_points(lines, folds, boxes) == (lines, folds)
    article = extract_article(_page(html))
    # The first point, right under the headline, is a list's item, not the standfirst.
    assert all(p in article.text for p in POINTS + STORY)
    assert not any(POINTS[0] in t for _, t in article.removed)


def test_a_ticker_or_a_list_of_links_is_no_list_of_points() -> None:
    ticker = "".join(f"<li>{name} {value}</li>" for name, value in (
        ("GOLD oz", "2,410 +6"), ("OIL", "$81.20 -0.35"), ("CNY/RUB", "11.02 +0.04")))
    links = "".join(f"<li><a href='/s/{k}'>{p}</a></li>" for k, p in enumerate(POINTS))
    assert point_boxes(load_html(_document(f"<ul>{ticker}</ul>"))) == []
    assert point_boxes(load_html(_document(f"<ul>{links}</ul>"))) == []


def test_a_list_under_a_videos_caption_is_put_back_between_its_paragraphs() -> None:
    # The paragraph above the list is a video box's caption, not the list's sibling.
    html = ("<html><body><article><h1>Convoy</h1>"
            f"<p>{STORY[0]}</p>"
            "<div class='player-box'><div class='controls'><span>Play</span> "
            "<span>00:00 / 01:45</span> <span>Full screen</span></div>"
            "<p class='player-caption'>Video: the convoy at the bridge, filmed by our "
            "reporter</p></div>"
            "<h3>What changes</h3><ul>"
            + "".join(f"<li>{p}</li>" for p in POINTS) + "</ul>"
            f"<p>{STORY[1]}</p></article></body></html>")
    caption = "Video: the convoy at the bridge, filmed by our reporter"
    slots = heading_slots(load_html(html))
    assert slots == [(fold(caption), ["What changes", *[f"- {p}" for p in POINTS]],
                      fold(STORY[1]))]
    lines = [STORY[0], caption, STORY[1]]
    got, _ = restore_headings(lines, [fold(x) for x in lines], slots)
    assert got == [STORY[0], caption, "What changes", *[f"- {p}" for p in POINTS], STORY[1]]


# Other stories of a Chinese portal, each a date and then its linked headline.
OTHERS = ["中俄边境口岸夜间通关时间延长两小时", "黑河自贸片区新增三家冷链仓储企业",
          "远东铁路货运量前十个月同比增长", "哈尔滨至符拉迪沃斯托克航线恢复每日航班"]


def test_a_dated_list_whose_date_leads_its_link_is_a_list_of_other_stories() -> None:
    items = "".join(f"<li><span>2025-06-{10 + k}</span><a href='/n/{k}'>{t}</a></li>"
                    for k, t in enumerate(OTHERS))
    tree = load_html(f"<html><body><div class='box'><h3>更多新闻</h3><ul>{items}</ul></div>"
                     "</body></html>")
    links = headline_links(tree)
    assert [a.text for a in links] == OTHERS
    assert [node.tag for node in card_lists(links)] == ["ul"]


def test_chinese_link_texts_are_found_again_without_spaces() -> None:
    tree = load_html("<html><body>" + "".join(f"<a href='/n/{k}'>{t}</a>"
                                              for k, t in enumerate(OTHERS)) +
                     "<a href='/'>首页</a></body></html>")
    anchors = anchor_counts(tree)
    lines = [f"- 2025-06-10{OTHERS[0]}", "首页消息称，口岸通关时间今起延长，货车排队明显减少。"]
    shares = link_shares(lines, anchors)
    assert shares[0] > 0.6  # the headline's characters, the date's not
    assert shares[1] == 0.0  # a menu's two characters are not looked for in prose
    assert link_shares(["Border crossing hours extended"], Counter()) == [0.0]


def test_box_titles_between_furniture_lines_below_the_story_are_furniture() -> None:
    lines = [*STORY, "Editor: Anna Petrova", "Around the region", "Valley life",
             "Read more: Heihe traders ask for a timetable", "© Amur Trade Daily"]
    shares = [0.0] * len(STORY) + [0.0, 0.0, 0.0, 1.0, 0.0]
    cleaned = clean_paragraphs(lines, title="First cold convoy", link_shares=shares)
    assert cleaned.paragraphs == STORY
    # The title between two furniture lines goes (by the tail pass or the box titles').
    probe = _Probe([STORY[0], "Editor: Anna Petrova", "Around the region", "© Amur Trade Daily"],
                   [None, "editor_note", None, "site_chrome"])
    label_below_story(probe, None)  # type: ignore[arg-type]
    assert probe.labels[2] is None  # plain text: the tail pass's in plain.py
    label_below_story(probe, [0.0] * 4)  # type: ignore[arg-type]
    assert probe.labels[2] is not None and probe.reasons[2] is not None


class _Probe:
    """The cleaner's state as the box-title pass reads it."""

    def __init__(self, paragraphs: list[str], labels: list[str | None]) -> None:
        self.p, self.labels = paragraphs, labels
        self.words = [len(x.split()) for x in paragraphs]
        self.reasons: list[str | None] = [None] * len(paragraphs)

    def free(self, i: int) -> bool:
        return self.labels[i] is None


def test_a_chinese_paragraph_quoting_a_linked_headline_is_no_link() -> None:
    # fold() sets the quoted title apart as a word: the word pass finds it, and the share
    # is of the paragraph's characters, not the link's own (it was 1.0).
    anchors = Counter({OTHERS[0]: 1})
    prose = f"本报昨日刊发的《{OTHERS[0]}》一文中，数据有误，现予更正，并向读者致歉。"
    assert link_shares([prose], anchors)[0] < 0.5


def test_a_definition_list_of_headlines_and_summaries_is_a_list_of_other_stories() -> None:
    summary = "口岸部门表示，将延长夜间通关时间，方便旅客和货车往来。"
    items = "".join(f"<dl><dt><a href='/n/{k}'>{t}</a></dt><dd>{summary}"
                    "<a href='/n/more'>[详细]</a></dd></dl>" for k, t in enumerate(OTHERS))
    tree = load_html(f"<html><body><div class='list-a'>{items}</div></body></html>")
    links = headline_links(tree)
    assert [a.text for a in links] == OTHERS  # a "more" link may close the summary
    assert [node.get("class") for node in card_lists(links)] == ["list-a"]
    # A summary holding a headline-long link is none.
    long_link = items.replace("[详细]", "口岸夜间通关时间延长")
    tree = load_html(f"<html><body><div class='list-a'>{long_link}</div></body></html>")
    assert headline_links(tree) == []


def test_the_furniture_below_a_short_story_on_a_page_goes_with_the_tail_pass() -> None:
    # trafilatura's text of a short piece goes on into the boxes around it: after the
    # story's last sentence and a furniture line, the lines that are no sentence go.
    lines = [*STORY, "Share this story", "Weather warning", "Top stories today",
             "Reader poll", "© Amur Trade Daily", "About us"]
    shares = [0.0] * len(lines)
    cleaned = clean_paragraphs(lines, title="First cold convoy", link_shares=shares)
    assert cleaned.paragraphs == STORY
    # Plain text gets the same from its own tail pass.
    assert clean_paragraphs(lines).paragraphs == STORY


def test_a_grid_of_linked_cards_below_a_short_story_goes() -> None:
    # Each card's link wraps a picture, a count and the headline's paragraph, which the
    # extraction prints as a line of its own: all of it link text.
    cards = "".join(
        f"<li><a href='/gallery/{k}'><div class='pic'><img src='/p/{k}.jpg' alt=''>"
        f"<span>{6 + k} photos</span></div><p>{title}</p></a></li>"
        for k, title in enumerate(["Ice sculptures rise on the river bank",
                                   "Night market opens under the bridge lights",
                                   "Border town hosts its first winter fair",
                                   "Skaters return to the frozen harbour"]))
    html = _document("", f"<section class='more-galleries'><ul>{cards}</ul></section>")
    tree = load_html(html)
    anchors = anchor_counts(tree)
    assert link_shares(["Night market opens under the bridge lights"], anchors) == [1.0]
    text = extract_article(_page(html)).text
    assert all(p in text for p in STORY) and "Night market" not in text
    # The same lines unlinked are the story's (a run of short lines is no list of links).
    lines = [*STORY, "Ice sculptures rise on the river bank",
             "Night market opens under the bridge lights",
             "Border town hosts its first winter fair"]
    probe = _Probe(lines, [None] * len(lines))
    label_below_story(probe, [0.0] * len(lines))  # type: ignore[arg-type]
    assert probe.labels == [None] * len(lines)
    label_below_story(probe, [0.0] * 4 + [1.0] * 3)  # type: ignore[arg-type]
    assert probe.labels[4:] == ["related_posts"] * 3


def test_a_short_chinese_story_is_not_near_empty_by_its_clauses() -> None:
    from pipeline.extract.fallback import NEAR_EMPTY, needs_check, words
    from pipeline.languages import count_words

    story = "，".join(OTHERS * 3) + "。"  # 150 characters, twelve clauses
    assert words(story) < NEAR_EMPTY <= count_words(story)
    assert needs_check(words(story), 12)  # by clauses: near-empty
    assert not needs_check(words(story), 12, near=count_words(story))
    assert needs_check(words(story), 100, near=count_words(story))  # far below the page


def test_a_programme_schedule_below_the_story_goes_and_a_timeline_stays() -> None:
    schedule = ["- 06:30 Morning news", "- 07:00 Weather", "- 19:35 Border stories",
                "- 22:00 Late edition"]
    timeline = ["- 06:30 The first trucks reached the bridge.",
                "- 07:00 Customs opened the second lane.",
                "- 09:15 The last truck of the convoy was cleared."]
    for lines, kept in ((schedule, False), (timeline, True)):
        probe = _Probe([*STORY, *lines], [None] * (len(STORY) + len(lines)))
        label_below_story(probe, [0.0] * len(probe.p))  # type: ignore[arg-type]
        assert (probe.labels[len(STORY):] == [None] * len(lines)) is kept, lines


def test_developing_story_notes_in_chinese_and_russian() -> None:
    notes = ["本报道将持续更新。", "該新聞正在持續更新中。",
             "Следите за обновлениями на нашем сайте."]
    body = "铁路部门表示，列车时刻表将持续更新，旅客可在车站和客户端查询最新安排。"
    cleaned = clean_paragraphs([*STORY, body, *notes], title="First cold convoy",
                               link_shares=[0.0] * (len(STORY) + 1 + len(notes)))
    assert cleaned.paragraphs == [*STORY, body]
    assert all(kind == "editor_note" for kind, _ in cleaned.removed)
