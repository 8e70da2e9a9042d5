"""Detected language of a text (issue 17)."""

from __future__ import annotations

import py3langid
import pytest

from pipeline.languages import count_words, detect_language, han_share, language_disagrees
from pipeline.text import fold

LEAD_ZH = "新华社北京4月9日电 国家主席习近平9日在人民大会堂会见俄罗斯外长拉夫罗夫。"


def test_a_chinese_lead_that_the_model_calls_wu_is_chinese() -> None:
    assert py3langid.classify(LEAD_ZH)[0] == "wuu"  # the model's own answer
    assert detect_language(LEAD_ZH) == "zh"


@pytest.mark.parametrize(("text", "expected"), [
    ("Министр иностранных дел России прибыл в Пекин для переговоров с китайским коллегой.",
     "ru"),
    ("Foreign Minister Sergei Lavrov arrived in Beijing for talks with his counterpart.",
     "en"),
    ("東京で記者会見が開かれ、首相は日中関係について語った。", "ja"),
    ("short", None),
])
def test_languages(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(("detected", "claimed", "disagree"), [
    ("en", "ru", True), ("ru", "ru", False), ("zh", "zh-CN", False), (None, "ru", False),
    ("en", None, False),
])
def test_disagreement_with_the_source(detected: str | None, claimed: str | None,
                                      disagree: bool) -> None:
    assert language_disagrees(detected, claimed) is disagree


def test_word_count_of_mixed_text() -> None:
    assert count_words("Путин и Си Цзиньпин") == 4
    assert count_words("中俄关系") == 2


def test_a_word_keeps_its_combining_marks_where_spaces_part_words() -> None:
    # Vowel signs and viramas (Devanagari, Tamil), points (Hebrew), harakat (Arabic).
    assert count_words("नेपाल र चीनको सीमा") == 4
    assert count_words("சீனா ரஷ்யா") == 2
    assert count_words("שָׁלוֹם עוֹלָם") == 2
    assert count_words("كَتَبَ الوَلَدُ") == 2
    # Thai prints no spaces between words: its marks still split a phrase (about a word
    # a piece), not one word for a whole clause.
    assert count_words("รัสเซียและจีนลงนามข้อตกลง") > 3


@pytest.mark.parametrize("text", [
    "", "   ", "plain words only", "x_1 --a-b-- don't 42.5% (C)", "  Tabs\tand\nlines  ",
    "Café, naïve “quotes”", "Путин и Си", "中俄关系 2024", "ﬁ ligature ½ ² ３ İstanbul",
])
def test_word_count_off_the_fold_is_the_count(text: str) -> None:
    assert count_words(text, folded=fold(text)) == count_words(text)


@pytest.mark.parametrize("text", [
    "", "   ", "plain words only", "中国和俄罗斯 2024 年", "x_1 ½ ² ３ 一 〇 é\u0301",
    "Россия и Китай\u3000签署", "ab12 中文 中文abc",
])
def test_han_share_counts_every_letter(text: str) -> None:
    letters = sum(1 for c in text if c.isalpha())
    han = sum(1 for c in text if "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff"
              or "\uf900" <= c <= "\ufaff")
    assert han_share(text) == (han / letters if letters else 0.0)


def test_the_english_shortcut_agrees_with_the_classifier_on_the_labelled_pages() -> None:
    from pipeline.languages import prose_language
    from tests.support.paragraphs import load_part

    pages = [[p["text"] for p in page["paragraphs"]]
             for part in ("tuning", "validation") for page in load_part(part)]
    shortcut = [ps for ps in pages if prose_language(ps) == "en"]
    assert len(shortcut) > 150
    prose = [[p for p in ps if count_words(p) > 20] or ps for ps in shortcut]
    assert all(detect_language(" ".join(ps)) == "en" for ps in prose)


def test_german_and_french_prose_go_to_the_classifier() -> None:
    from pipeline.languages import prose_language

    # Written for this test.
    german = ("Die Regierung in Berlin hat am Montag neue Regeln für den Handel mit Russland "
              "beschlossen, wie ein Sprecher des Ministeriums mitteilte. Die Unternehmen "
              "müssen künftig nachweisen, dass ihre Waren nicht über Drittstaaten geliefert "
              "werden, und die Zollbehörden sollen mehr Kontrollen an den Grenzen durchführen.")
    french = ("Le gouvernement a annoncé lundi de nouvelles règles pour le commerce avec la "
              "Russie, a indiqué un porte-parole du ministère. Les entreprises devront "
              "prouver que leurs marchandises ne passent pas par des pays tiers, et les "
              "douanes renforceront les contrôles aux frontières dans les prochains mois.")
    assert prose_language([german]) == "de"
    assert prose_language([french]) == "fr"
