"""What an article offers the story matcher: numbers, quotes, entities across scripts,
words, and the dates an undated lead names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.stories.features import (
    dates_named,
    features,
    inflected_entities,
    numbers,
    quotes,
    words,
)

DAY = datetime(2025, 7, 14, 12, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("trade fell 8.1% to 106 billion dollars", {"n:8.1", "n:106"}),
    ("товарооборот снизился на 8,1% и составил 106 млрд", {"n:8.1", "n:106"}),
    ("贸易额为1060亿美元，同比下降8.1%", {"n:1060", "n:8.1"}),
    ("a 3,000-tonne train and 1,800 firms", {"n:3000", "n:1800"}),
    ("tariffs of 3% to 6% on coal", {"n:3", "n:6"}),
    ("on 9 May, 2 ships", set()),          # lone small numbers say nothing
    ("in 2025 and 2024, not 2036", {"n:2036"}),  # the year of the report and its neighbours
    ("version 1.2.3 released", set()),
])
def test_numbers(text: str, expected: set[str]) -> None:
    assert numbers(text, DAY.year) == expected


def test_quotes_give_word_triples_across_quotation_marks() -> None:
    found = quotes("He said “closed alliances have no place here” and «нет места блокам»")
    again = quotes('Another outlet: "closed alliance has no place here", he said')
    assert found & again == {"q:no place here"}  # has/have differ; the rest agrees
    assert any(k.startswith("q:нет") for k in found)
    assert quotes("a “short” one") == set()


def test_entities_match_inflected_russian_and_chinese_as_the_english_name() -> None:
    ru = features("r", "s", "ru", "Встреча Лаврова с Ван И", "Министр встретился с Ван И.",
                  DAY, True)
    zh = features("z", "s", "zh", "王毅会见拉夫罗夫", "双方交换意见。", DAY, True)
    en = features("e", "s", "en", "Lavrov meets Wang Yi", "The ministers met.", DAY, True)
    for art in (ru, zh, en):
        assert {"e:Sergey Lavrov", "e:Wang Yi"} <= art.keys, art.keys


@pytest.mark.parametrize(("text", "expected"), [
    ("ПРИЕЗД СИ ЦЗИНЬПИНА НА САММИТ", {"Xi Jinping"}),  # capitals: count_mentions misses it
    ("звонок министру лаврову", {"Sergey Lavrov"}),
    ("в селе Белоусовка открыли школу", set()),  # a longer word, not a case ending
    ("Side meets Xi", set()),                       # no Cyrillic: nothing to decline
])
def test_inflected_entities_by_the_shared_russian_endings(text: str, expected: set[str]) -> None:
    assert inflected_entities(text) == expected


def test_words_are_stemmed_and_lexicon_names_left_to_entities() -> None:
    assert words("Ministers meeting") == words("minister meets") == {"w:ministe", "w:meet"}
    assert "w:putin" not in words("Putin arrives")
    assert {"w:联合", "w:演习"} <= words("中俄联合演习")


@pytest.mark.parametrize(("text", "expected"), [
    ("a meeting in early April 2024 in Beijing", ("2024-04-01", "2024-04-30")),
    ("в декабре 2023 года стороны", ("2023-12-01", "2023-12-31")),
    ("переговоры в мае 2024 года", ("2024-05-01", "2024-05-31")),
    ("марш 2024 года прошёл", ("2024-01-01", "2024-12-31")),  # not a month: the year only
    ("2024年4月9日，双方", ("2024-04-01", "2024-04-30")),
    ("trade is set to pass that in 2023", ("2023-01-01", "2023-12-31")),
    ("a plan for 2031 only", None),                  # the future is a forecast
    ("on 20-23 March the leaders met", None),        # no year: nothing to go on
])
def test_dates_named_by_an_undated_lead(text: str, expected: tuple[str, str] | None) -> None:
    span = dates_named(text, datetime(2026, 11, 1, tzinfo=UTC))
    got = None if span is None else (f"{span[0]:%Y-%m-%d}", f"{span[1]:%Y-%m-%d}")
    assert got == expected


def test_a_dated_article_spans_its_publication_day_only() -> None:
    art = features("a", "s", "en", "Talks in April 2020", "Nothing more.", DAY, True)
    assert art.span == (DAY, DAY)
    undated = features("b", "s", "en", "Talks", "They met in April 2020.", DAY, False)
    assert undated.span is not None and undated.span[0].month == 4
