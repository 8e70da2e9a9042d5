"""Entities across scripts (issue 17): one canonical name per person, Russian case forms."""

from __future__ import annotations

import pytest

from pipeline.enrich.entities import count_mentions


def mentions(text: str) -> dict[str, int]:
    return {m.entity: m.mentions for m in count_mentions("", text)}


def test_one_person_whatever_the_script() -> None:
    text = ("Xi Jinping met Putin. 习近平同普京举行会谈。Си Цзиньпин встретился с Путиным.")
    assert mentions(text) == {"Xi Jinping": 3, "Vladimir Putin": 3}


@pytest.mark.parametrize(("text", "entity"), [
    ("Телеграмма Путину", "Vladimir Putin"),
    ("встреча с Владимиром Путиным", "Vladimir Putin"),
    ("визит Си Цзиньпина", "Xi Jinping"),
    ("переговоры с Си Цзиньпином", "Xi Jinping"),
    ("заявили в Кремле", "Kremlin"),
    ("источник в Кремле и пресс-служба Кремля", "Kremlin"),
    ("по словам Лаврова", "Sergey Lavrov"),
    ("акции Газпрома", "Gazprom"),
    ("поставки по «Силе Сибири»", "Power of Siberia"),
    ("о санкциях", "Sanctions"),
])
def test_russian_case_forms(text: str, entity: str) -> None:
    assert entity in mentions(text)


@pytest.mark.parametrize("text", ["путинизм как явление", "свежая газета", "Газпромбанк",
                                  "город Белоусово", "кремлёвский сад", "украинский борщ"])
def test_lookalike_words_do_not_count(text: str) -> None:
    found = mentions(text)
    assert not {"Vladimir Putin", "Energy trade", "Gazprom", "Andrei Belousov", "Kremlin",
                "Ukraine"} & set(found)


def test_russian_acronyms_and_short_names_stay_exact() -> None:
    # "ШОС" and "Си" do not decline: no ending is allowed after them.
    assert mentions("саммит ШОС") == {"SCO": 1}
    assert "Xi Jinping" not in mentions("Сия")
