"""Russian and Chinese date forms, read in the source's zone and never in the future."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.dates import FUTURE_SLACK, is_date_line, page_zone, parse_local, zone_info
from pipeline.extract.article import extract_article
from pipeline.records import FeedEntry, Page

MSK, BJS = zone_info("Europe/Moscow"), zone_info("Asia/Shanghai")
# 06:00 UTC on 10 April 2024: 09:00 in Moscow, 14:00 in Beijing.
NOW = datetime(2024, 4, 10, 6, 0, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(("text", "zone", "expected"), [
    ("9 апреля 2024 г., 14:30", MSK, utc(2024, 4, 9, 11, 30)),
    ("9 АПРЕЛЯ 2024, 14:30", MSK, utc(2024, 4, 9, 11, 30)),
    ("9 апреля 2024 года в 14:30", MSK, utc(2024, 4, 9, 11, 30)),
    ("1 мая 2023 г.", MSK, utc(2023, 5, 1, 9, 0)),  # a date alone: local noon
    ("3 марта 2024, 7:05", MSK, utc(2024, 3, 3, 4, 5)),
    ("09.04.2024 14:30", MSK, utc(2024, 4, 9, 11, 30)),
    ("14:30, 9 апреля 2024", MSK, utc(2024, 4, 9, 11, 30)),
    ("вчера", MSK, utc(2024, 4, 9, 9, 0)),
    ("вчера в 18:20", MSK, utc(2024, 4, 9, 15, 20)),
    ("Вчера, 18:20", MSK, utc(2024, 4, 9, 15, 20)),
    ("сегодня в 08:05", MSK, utc(2024, 4, 10, 5, 5)),
    ("сегодня", MSK, utc(2024, 4, 10, 6, 0)),  # some time today, not after the fetch
    ("позавчера, 23:10", MSK, utc(2024, 4, 8, 20, 10)),
    ("5 минут назад", MSK, utc(2024, 4, 10, 5, 55)),
    ("2 часа назад", MSK, utc(2024, 4, 10, 4, 0)),
    ("2024年4月9日 14:30", BJS, utc(2024, 4, 9, 6, 30)),
    ("2024年04月09日14时30分", BJS, utc(2024, 4, 9, 6, 30)),
    ("2024-04-09 14:30", BJS, utc(2024, 4, 9, 6, 30)),
    ("2024/04/09 14:30:15", BJS, utc(2024, 4, 9, 6, 30)),
    ("4月9日 14:30", BJS, utc(2024, 4, 9, 6, 30)),
    ("4月9日", BJS, utc(2024, 4, 9, 4, 0)),
    ("4月10日", BJS, utc(2024, 4, 10, 4, 0)),  # today: noon has passed in Beijing
    ("12月30日", BJS, utc(2023, 12, 30, 4, 0)),  # no year, would be ahead: last year
    ("昨天", BJS, utc(2024, 4, 9, 4, 0)),
    ("昨天 18:20", BJS, utc(2024, 4, 9, 10, 20)),
    ("今天 09:15", BJS, utc(2024, 4, 10, 1, 15)),
    ("前天", BJS, utc(2024, 4, 8, 4, 0)),
    ("3小时前", BJS, utc(2024, 4, 10, 3, 0)),
    ("2024-04-09 14:30", None, utc(2024, 4, 9, 14, 30)),  # no zone: UTC, as before
])
def test_every_form_resolves_to_utc(text: str, zone: object, expected: datetime) -> None:
    assert parse_local(text, zone, NOW) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "zone"), [
    ("сегодня в 10:05", MSK),  # an hour after the fetch in Moscow
    ("2024年4月10日 15:30", BJS),  # ninety minutes ahead in Beijing
    ("10.04.2024 23:59", MSK),
    ("31 февраля 2024", MSK),  # no such day
    ("объявлено в прошлом году", MSK),
])
def test_impossible_or_future_local_times_give_no_date(text: str, zone: object) -> None:
    assert parse_local(text, zone, NOW) is None  # type: ignore[arg-type]


def test_a_time_within_the_clock_slack_is_kept() -> None:
    moscow_now = NOW.astimezone(MSK).replace(tzinfo=None)
    printed = (moscow_now + FUTURE_SLACK / 2).strftime("%d.%m.%Y %H:%M")
    assert parse_local(printed, MSK, NOW) is not None


@pytest.mark.parametrize(("configured", "host", "language", "expected"), [
    ("Asia/Shanghai", "tass.ru", "ru", ("Asia/Shanghai", "source")),
    (None, "ria.ru", "ru", ("Europe/Moscow", "inferred")),
    (None, "www.kommersant.com", "ru", ("Europe/Moscow", "inferred")),
    (None, "news.xinhuanet.com.cn", "zh", ("Asia/Shanghai", "inferred")),
    (None, "www.thepaper.com", "zh", ("Asia/Shanghai", "inferred")),
    (None, "news.example.hk", "zh", ("Asia/Hong_Kong", "inferred")),
    (None, "global.chinadaily.com.cn", "en", ("Asia/Shanghai", "inferred")),
    (None, "www.reuters.com", "en", (None, None)),
    ("Not/AZone", "www.reuters.com", "en", (None, None)),
])
def test_zone_is_configured_or_inferred(configured: str | None, host: str, language: str,
                                        expected: tuple[str | None, str | None]) -> None:
    _zone, name, origin = page_zone(configured, host, language)
    assert (name, origin) == expected


@pytest.mark.parametrize(("line", "is_stamp"), [
    ("2024年04月09日 14:30 来源：新华网", True),
    ("2024-04-09 14:30:05 | 来源：人民网 | 作者：王小明", True),
    ("10:05, 9 апреля 2024 • Политика", True),
    ("Обновлено 10 апреля 2024, 09:15", True),
    ("вчера, 18:20", True),
    ("9 мая", True),
    # A blog platform's header: original mark, author, account, stamp, place.
    ("原创 王建国 东方视点 2023-11-02 08:45 发表于上海", True),
    ("2023年11月2日 中方代表团抵达莫斯科出席论坛", False),
    ("4月9日会谈要点", False),
    ("9 мая в Москве", False),
    ("Парад 9 мая", False),
    ("中俄两国元首2024年4月9日在北京举行会谈，双方签署联合声明。", False),
    ("Переговоры прошли 9 апреля 2024 года в Пекине и продолжались три часа.", False),
    # Rows of a table or log printed as text, and a date in code, are data (written for
    # this test).
    ("2023-03-14 09:30:00+00 │ 503 │ 17", False),
    ("7 │ 2023-03-14 09:31 │ 0.25", False),
    ("2023-03-14\t12\t4", False),
    ("WHERE created_at >= '2023-03-14'", False),
    ("SELECT '2023-03-14'::date", False),
    ("14.03.2023 | 09:30 | Экономика", True),
])
def test_date_stamp_lines_are_told_from_prose(line: str, is_stamp: bool) -> None:
    assert is_date_line(line) is is_stamp


BODY_RU = "".join(
    f"<p>Абзац {n}. Министр иностранных дел России провёл переговоры в Пекине с китайским "
    f"коллегой, стороны обсудили торговлю, энергетику и безопасность в регионе, а также "
    f"подготовку визита на высшем уровне в {n + 2} квартале.</p>" for n in range(4))
BODY_ZH = "".join(
    f"<p>第{n}段。俄罗斯外长在北京同中国外长举行会谈，双方就双边关系、能源合作和共同关心的"
    f"国际问题深入交换意见，并商定在{n + 2}季度举行新一轮磋商。</p>" for n in range(4))


def page(html: str, url: str, zone: str | None = None, language: str | None = None) -> Page:
    entry = FeedEntry("t", "http://x/feed", url, url)
    return Page(entry, url, 200, "text/html", html, NOW, source_language=language,
                source_zone=zone)


@pytest.mark.parametrize(("head", "dateline", "zone", "url", "expected", "origin"), [
    # Offset-less metadata read in the configured zone.
    ('<meta property="article:published_time" content="2024-04-09T14:30:00">', "",
     "Europe/Moscow", "http://127.0.0.1/ru/a", utc(2024, 4, 9, 11, 30), "source"),
    # Metadata with an offset is taken as it is.
    ('<meta property="article:published_time" content="2024-04-09T14:30:00+03:00">', "",
     None, "http://127.0.0.1/ru/a", utc(2024, 4, 9, 11, 30), None),
    # A visible Russian dateline, zone inferred from the .ru site.
    ("", "<div class='date'>9 апреля 2024, 14:30</div>", None, "http://news.example.ru/a",
     utc(2024, 4, 9, 11, 30), "inferred"),
])
def test_extracted_russian_page_dates(head: str, dateline: str, zone: str | None, url: str,
                                      expected: datetime, origin: str | None) -> None:
    html = (f"<html><head><title>Переговоры в Пекине</title>{head}</head><body><article>"
            f"<h1>Переговоры в Пекине</h1>{dateline}{BODY_RU}</article></body></html>")
    art = extract_article(page(html, url, zone, "ru"))
    assert art.published_at == expected
    assert art.date_zone_origin == origin
    assert art.language == "ru" and art.claimed_language == "ru"
    assert not any("2024" in p for p in art.text.split("\n\n"))


def test_extracted_chinese_dateline_in_inferred_beijing_time() -> None:
    html = ("<html><head><title>中俄外长会谈</title></head><body><article><h1>中俄外长会谈</h1>"
            "<div class='info'>2024年04月09日 14:30 来源：新华网</div>" + BODY_ZH
            + "</article></body></html>")
    art = extract_article(page(html, "http://127.0.0.1/zh/a"))
    assert (art.published_at, art.published_signal) == (utc(2024, 4, 9, 6, 30), "dateline")
    assert (art.date_zone, art.date_zone_origin) == ("Asia/Shanghai", "inferred")
    assert art.language == "zh" and "来源" not in art.text


def test_future_naive_metadata_falls_back_to_the_next_signal() -> None:
    html = ('<html><head><title>Переговоры</title><meta name="pubdate" '
            'content="2024-04-10 20:00:00"></head><body><article><h1>Переговоры</h1>'
            "<div class='date'>вчера, 18:20</div>" + BODY_RU + "</article></body></html>")
    art = extract_article(page(html, "http://127.0.0.1/ru/b", "Europe/Moscow"))
    assert art.published_at == utc(2024, 4, 9, 15, 20)
