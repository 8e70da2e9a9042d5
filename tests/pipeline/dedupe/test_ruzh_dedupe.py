"""Dedupe per script: Chinese by character shingles, Russian by word shingles (issue 17)."""

from __future__ import annotations

from dataclasses import replace

import duckdb
import pytest

from pipeline.dedupe.signature import CHAR_SHINGLE, jaccard, shingles, signature
from pipeline.languages import count_words
from pipeline.records import Article
from pipeline.settings import Settings
from tests.support.staging import article, run_articles

# Written for this test (fictional).
ZH = [
    "新华社莫斯科12月3日电 国务院总理在莫斯科同俄罗斯总理共同主持中俄总理第二十九次定期会晤。",
    "双方表示，今年以来两国务实合作稳步推进，能源、农业、交通物流等领域合作取得新进展。",
    "中方愿同俄方一道，落实两国元首达成的重要共识，扩大贸易规模，优化贸易结构，提升本币结算水平。",
    "俄方表示，愿同中方加强在北极航道、远东开发和跨境基础设施建设方面的合作，推动更多项目落地。",
    "会晤后，两国总理共同签署联合公报，并见证签署了海关、检验检疫、科技创新等领域多项合作文件。",
    "双方同意继续办好中俄文化年系列活动，扩大青少年、媒体和地方交流，夯实两国关系民意基础。",
    "分析人士指出，在外部环境复杂多变的背景下，两国政府间合作机制保持稳定运行具有重要意义。",
    "根据安排，下一次定期会晤将于明年在中国举行，具体时间将通过外交途径商定。",
]
# The same meeting reported by another outlet in its own words: not a copy.
ZH_SAME_EVENT = [
    "当地时间3日，中俄总理第二十九次定期会晤在莫斯科举行，这是双方年度最重要的政府间机制性安排。",
    "记者在现场看到，会场外悬挂两国国旗，双方代表团成员提前抵达，就文件细节进行最后磋商。",
    "据了解，本次会晤重点讨论了跨境支付、汽车贸易和粮食出口等企业普遍关心的问题。",
    "一位在莫斯科经营多年的中国商人对记者说，希望两国政府进一步简化通关和签证手续。",
    "俄罗斯学者认为，双边贸易今年增速放缓，主要受到金融结算渠道受限和市场需求变化的影响。",
    "也有专家提醒，两国产业合作仍需克服标准不统一、物流成本偏高等长期存在的障碍。",
    "会晤期间，双方还举行了企业家座谈会，数十家中俄企业代表参加并介绍了合作需求。",
    "有关部门表示，将跟踪推动会晤成果落实，并适时公布相关进展情况。",
]
_ASCII = str.maketrans({"，": ",", "。": ".", "、": ",", "：": ":"})


def chinese_copy() -> list[str]:
    """ASCII punctuation instead of full-width, and one sentence rewritten."""
    paras = [p.translate(_ASCII) for p in ZH]
    paras[6] = "有评论认为, 在国际形势动荡的情况下, 两国政府间合作机制能够稳定运行意义重大."
    return paras


def test_chinese_is_shingled_by_characters() -> None:
    text = "\n\n".join(ZH)
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    assert len(shingles(text)) > 0.9 * han  # one shingle per character position, nearly
    assert all(len(s.decode("utf-8")) == CHAR_SHINGLE for s in shingles(text))
    # Punctuation, full-width or not, is folded away before shingling.
    assert shingles("中俄两国，加强合作。") == shingles("中俄两国,加强合作.")


def test_chinese_word_count_estimates_segmented_words() -> None:
    text = "\n\n".join(ZH)
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    assert count_words(text) == pytest.approx(han / 2, abs=15)
    assert count_words("2024年中俄贸易额增长5%") == 2 + 4  # "2024", "5" and 8 characters


def zh_article(url: str, paras: list[str], source: str, published: str) -> Article:
    art = article(url, paras, source=source, language="zh", published=published)
    return replace(art, word_count=count_words(art.text))


def test_chinese_near_copy_caught_and_same_event_story_kept(settings: Settings) -> None:
    original = zh_article("https://news.example.cn/a/1.html", ZH, "a", "2024-12-03")
    other = zh_article("https://daily.example.cn/b/2.html", ZH_SAME_EVENT, "b", "2024-12-03")
    copy = zh_article("https://portal.example.com/c/9.html", chinese_copy(), "c", "2024-12-04")
    assert original.content_hash != copy.content_hash
    assert jaccard(signature(original.text), signature(copy.text)) >= settings.near_jaccard
    assert jaccard(signature(original.text), signature(other.text)) < 0.1
    # The same event in other words lands beside the original; the copy, a day later,
    # is caught against the stored original.
    assert run_articles(settings, "r1", [original, other]) == {"loaded": 2}
    assert run_articles(settings, "r2", [copy]) == {"duplicate": 1}
    with duckdb.connect(str(settings.db), read_only=True) as con:
        assert con.execute("select d.url, d.method, a.url from article_duplicates d join "
                           "articles a on a.article_id = d.duplicate_of").fetchall() == [
            (copy.url, "near", original.url)]


RU = [
    "Премьер-министр России провёл в Москве переговоры с премьером Госсовета КНР в рамках "
    "регулярной встречи глав правительств двух стран.",
    "Стороны обсудили рост взаимной торговли, расчёты в национальных валютах и развитие "
    "транспортных коридоров, включая Северный морской путь.",
    "По итогам встречи подписано коммюнике и около двадцати межведомственных соглашений — "
    "от таможенного контроля до научного сотрудничества.",
    "«Мы ценим последовательную позицию китайских партнёров», — заявил российский премьер, "
    "добавив, что товарооборот в этом году вновь превысит 200 млрд долларов.",
    "Следующая регулярная встреча пройдёт в Китае, её сроки согласуют по дипломатическим каналам.",
]


def test_russian_copy_with_other_quotes_and_yo_is_caught(settings: Settings) -> None:
    copy_paras = [p.replace("«", '"').replace("»", '"').replace("ё", "е") for p in RU]
    copy_paras[4] = "Очередная встреча состоится в КНР, дату определят позднее."
    original = article("https://gazeta.example.ru/1", RU, language="ru",
                       published="2024-12-03")
    copy = article("https://agency.example.ru/2", copy_paras, source="b", language="ru",
                   published="2024-12-04")
    assert run_articles(settings, "r1", [original, copy]) == {"loaded": 1, "duplicate": 1}
