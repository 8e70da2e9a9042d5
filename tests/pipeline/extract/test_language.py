"""Detected language of a text (issue 17)."""

from __future__ import annotations

import py3langid
import pytest

from pipeline.languages import count_words, detect_language, han_share, language_disagrees

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


@pytest.mark.parametrize("text", [
    "", "   ", "plain words only", "中国和俄罗斯 2024 年", "x_1 ½ ² ３ 一 〇 é\u0301",
    "Россия и Китай\u3000签署", "ab12 中文 中文abc",
])
def test_han_share_counts_every_letter(text: str) -> None:
    letters = sum(1 for c in text if c.isalpha())
    han = sum(1 for c in text if "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff"
              or "\uf900" <= c <= "\ufaff")
    assert han_share(text) == (han / letters if letters else 0.0)
