"""Languages in the stored data (issue 17): volumes, mismatches, one story in three languages."""

from __future__ import annotations

from dataclasses import replace

import duckdb

from pipeline.settings import Settings
from tests.support.staging import article, run_articles

# Written for this test (fictional), long enough to pass min_words in each language.
EN = ["Xi Jinping and Vladimir Putin spoke by telephone on Friday, the Kremlin said, and "
      f"discussed preparations for the summit, trade in national currencies and energy, "
      f"point {n}." for n in range(6)]
RU = [f"Си Цзиньпин и Владимир Путин провели телефонный разговор, сообщили в Кремле; "
      f"лидеры обсудили подготовку к саммиту, торговлю и энергетику, пункт {n}."
      for n in range(6)]
ZH = [f"国家主席习近平同俄罗斯总统普京通电话，双方就峰会筹备、本币结算和能源合作"
      f"等问题交换意见，第{n}点。" for n in range(8)]


def rows(settings: Settings, query: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(settings.db), read_only=True) as con:
        return con.execute(query).fetchall()


def test_language_mismatch_is_kept_and_listed(settings: Settings) -> None:
    english_in_russian_feed = replace(
        article("https://wire.example.ru/en/call", EN, source="wire-ru"),
        claimed_language="ru")
    russian = replace(article("https://wire.example.ru/call", RU, source="wire-ru",
                              language="ru"), claimed_language="ru")
    assert run_articles(settings, "r1", [english_in_russian_feed, russian]) == {"loaded": 2}
    assert rows(settings, "select url, claimed_language, language from language_mismatches"
                ) == [("https://wire.example.ru/en/call", "ru", "en")]


def test_language_outside_the_kept_set_is_quarantined_with_the_reason(
        settings: Settings) -> None:
    german = article("https://zeitung.example.de/x", EN, language="de")
    assert run_articles(settings, "r1", [german]) == {"quarantined": 1}
    [(detail,)] = rows(settings, "select detail from url_outcomes")
    assert "language" in str(detail)


def test_volume_by_language_and_one_story_in_three_languages(settings: Settings) -> None:
    zh = article("https://daily.example.cn/call", ZH, source="daily-zh", language="zh")
    batch = [article("https://wire.example.com/call", EN, source="wire-en"),
             article("https://wire.example.ru/call", RU, source="wire-ru", language="ru"),
             replace(zh, word_count=len(zh.text) // 2)]
    assert run_articles(settings, "r1", batch) == {"loaded": 3}
    assert rows(settings, "select language, articles from daily_volume_by_language "
                          "order by language") == [("en", 1), ("ru", 1), ("zh", 1)]
    assert rows(settings, "select entity, language_list from cross_language_coverage "
                          "order by entity") == [("Vladimir Putin", ["en", "ru", "zh"]),
                                                 ("Xi Jinping", ["en", "ru", "zh"])]
