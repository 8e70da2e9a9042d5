"""Session 26, plain text: a pull-quote that is one sentence of a longer quote, a sign-in
line for comments, a thank-you that opens a story sentence, a pointer to a section of the
site, a rounding note, a betting advert, a poll's call to vote, a counter in any language,
a Telegram address, Chinese bylines, captions, loading notices and contributor notes,
most-read headings with their period, and reported speech in the beat's languages that the
page model must leave to the story. Each with the article's look-alike, which stays. Every
line here was written for these tests."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs

# The same placement helper and story as session 25's tests.
from tests.pipeline.clean.test_session25_forms import STORY, TITLE, _kept

TITLE_RU = "Паромная линия через Амур откроется весной"
STORY_RU = [
    "Паромная линия между двумя берегами Амура откроется в апреле, сообщили в областном "
    "министерстве транспорта в понедельник.",
    "Перевозчик рассчитывает на двести рейсов за сезон, а первые билеты поступят в продажу "
    "уже в марте, уточнили в компании.",
    "«Мы ждали этого решения три года. Теперь рейсы наконец станут регулярными. Люди "
    "перестанут ездить в объезд через мост», — рассказал глава перевозчика Олег Смирнов.",
    "Прошлой осенью движение парома остановили из-за низкой воды, и пассажиры ждали по "
    "несколько часов на переправе.",
]
TITLE_ZH = "边境口岸冬季货运量创新高"
STORY_ZH = [
    "今年前十个月，边境口岸进出口货运量同比增长近两成，创下同期最高纪录。",
    "口岸管理部门介绍，今年新增的两条货运通道已经全部投入使用，车辆通关时间明显缩短。",
    "随着冬季临近，江面即将封冻，口岸货运将全部转向公路大桥，有关部门已提前做好准备。",
    "不少企业表示，通关效率提高后，运输成本下降，订单也随之增加。",
]


def test_a_pull_quote_that_is_one_sentence_of_a_longer_quote_goes() -> None:
    assert not _kept("«Теперь рейсы наконец станут регулярными»", at=3, story=STORY_RU,
                     title=TITLE_RU)
    # The quote's closing mark after the sentence, before the speaker ("..., — said X").
    told = ("«Пассажиры устали ждать. Переправа должна работать круглый год», — сказала "
            "жительница Благовещенска Анна Петрова.")
    story = [*STORY_RU[:3], told, STORY_RU[3]]
    assert not _kept("«Переправа должна работать круглый год»", at=5, story=story,
                     title=TITLE_RU)
    # A whole short quote inside a reporting sentence is what a heading quotes: it stays.
    said = "Водители говорят одно: «Паром нужен каждый день». Власти обещают ответ."
    story = [*STORY_RU[:3], said, STORY_RU[3]]
    assert _kept("«Паром нужен каждый день»", at=4, story=story, title=TITLE_RU)


def test_a_sign_in_line_goes_and_a_thank_you_that_opens_the_story_stays() -> None:
    assert not _kept("Log in to post a comment. All replies are checked before they appear.")
    assert _kept("Thanks to donations from farmers in three districts, the grain store by the "
                 "river was rebuilt before the harvest.", at=0)
    assert not _kept("Thanks to readers like you, we can keep reporting. Donate today.", at=4)


def test_a_section_pointer_and_a_rounding_note_go() -> None:
    assert not _kept("River levels for the eastern ports are posted every morning in our "
                     "Shipping section.")
    assert not _kept("Shares may not add up to 100 because of rounding.", at=4)
    assert not _kept("Figures are provisional, and percentages have been rounded to one "
                     "decimal place.", at=4)
    assert _kept("Rates in our region have been rounded up by the ministry twice this year, "
                 "brokers said.")


def test_a_betting_advert_and_a_poll_call_go() -> None:
    assert not _kept("Бонус до 5 000 ₽ на первую ставку. 18+ Играйте ответственно",
                     story=STORY_RU, title=TITLE_RU)
    assert not _kept("Нужен ли паром зимой? Проголосуйте!", at=4, story=STORY_RU,
                     title=TITLE_RU)
    assert _kept("Нужен ли паром зимой? Ответ пока не знает никто.", at=2, story=STORY_RU,
                 title=TITLE_RU)


def test_a_counter_and_a_telegram_address_go_in_any_language() -> None:
    assert not _kept("Пікірлер (9)", at=4)
    assert not _kept("Habarlarymyz Telegram kanalynda: t.me/demir_yol_habar", at=4)
    assert _kept("Trade rose (12) per cent, the office said in a statement on Monday.")


def test_chinese_bylines_captions_notices_and_credits() -> None:
    for line in ("（边城台记者 张明 刘洋 口岸报道）", "口岸货运通道一角。边城日报 李强 摄",
                 "视频加载中，请稍候……", "（供稿：市口岸办）"):
        assert not _kept(line, at=3, story=STORY_ZH, title=TITLE_ZH), line
    assert _kept("记者了解到，口岸今年还将新建一座查验场。", at=3, story=STORY_ZH,
                 title=TITLE_ZH)


def test_most_read_headings_with_their_period_go() -> None:
    assert not _kept("Найчитаніше за добу", at=4)
    assert not _kept("Самое читаемое за неделю", at=4)


def test_reported_speech_in_the_beats_languages_stays_with_the_story() -> None:
    # The page model's place and date features alone must not take a reporting sentence.
    assert _kept("Anna Vidal suit ce couloir pour la chambre de commerce depuis 2021, a "
                 "précisé son bureau.", at=4)
    assert _kept("Марина Котова ведёт эти переговоры с 2022 года, сообщили в её ведомстве.",
                 at=4)


def test_central_asian_labels_in_latin_and_cyrillic_spellings() -> None:
    for line in ("Suret: Asqar Temirov / Dala Aqparat", "Jarnama",
                 "Pikir qaldyru üşin saitqa kiriñiz", "Dúzetiw: maqaladaǵı san ózgertildi.",
                 "Sait cookie fayldarın paydalanadı. Kelisemin",
                 "Пинлүн (3) · Ни ди пинлүн щєща"):
        assert not _kept(line, at=4), line
    # Reporting about advertising and cookies stays.
    assert _kept("Jarnama narqy bıyıl eki ese östi, dep mälimdedi ministrlik.", at=2)


def test_a_name_dash_outlet_card_and_a_collection_caption() -> None:
    assert not _kept("Айдар Сейтов — «Дала жаңалықтары» газетінің журналисі. Көлік тақырыбын "
                     "жазады.", at=4)
    assert not _kept("A carved river-boat prow from the Amur, about 1900. Ravensholm Museum "
                     "collection")
    assert _kept("The museum's collection of river boats was moved to a new hall last year, "
                 "the curator said.")


def test_a_publishers_notes_on_sponsors_licences_and_registration_go() -> None:
    for line in ("The exhibition is supported by the Northlake Trust.",
                 "Text on this site is licensed under a Creative Commons licence.",
                 "Registered charity no. 2045871. Company number 07761234.",
                 "Just €8 a month could help us plant a hectare of forest. Donate now",
                 "Prepared by the regional field office with inputs from local partners.",
                 "Note: figures in this bulletin have not been fully verified and may be "
                 "revised."):
        assert not _kept(line, at=4), line
    assert _kept("The reservoir project is supported by a loan from two Chinese banks, the "
                 "ministry said.")


def test_a_chinese_lead_above_the_picture_is_the_story() -> None:
    # Chinese has no spaces between words: no stems to find it retold below.
    lines = [TITLE_ZH, STORY_ZH[0], "口岸货运通道一角（李强 摄）", *STORY_ZH[1:]]
    assert clean_paragraphs(lines).paragraphs == STORY_ZH


def test_three_sentences_above_a_credit_are_the_story_not_its_caption() -> None:
    told = ("The new line will run for about 300 kilometres. Most of it crosses mountains. "
            "The whole project is expected to cost 4 billion dollars.")
    lines = [TITLE, STORY[0], told, "Photo: Regional Transport Office", *STORY[1:]]
    assert told in clean_paragraphs(lines).paragraphs


def test_a_research_notes_and_a_regulators_frame_go() -> None:
    for line in ("Important disclosures: This page was prepared by a broker for information "
                 "only and is not an offer to buy or sell any security.",
                 "Date of publication: 02.06.2025 | Comments close: 02.07.2025",
                 "Home > Press > Releases > 2025", "Version for the visually impaired",
                 "Customs Office, Harbour Road 4 · Tel. +7 423 555 01 02 · Hours: Mon-Fri",
                 "This is a long read. It will take you about 20 minutes.",
                 "Want every new issue? Join our weekly mailing list"):
        assert not _kept(line, at=4), line
    # A comparison with a greater-than sign in the story is no breadcrumb.
    assert _kept("Where volume > 10 and delay > 3 the port raises an alert, the operator said.")


def test_more_wording_of_the_beats_languages() -> None:
    for line, story, title in (
            ("Информация носит справочный характер и не заменяет консультацию юриста.",
             STORY_RU, TITLE_RU),
            ("Остались вопросы? Позвоните нам — ответим в рабочее время.", STORY_RU, TITLE_RU),
            ("江面货运通道一角。图片来源：口岸办供图", STORY_ZH, TITLE_ZH),
            ("口岸查验场一角。资料图片", STORY_ZH, TITLE_ZH),
            ("コメントを書く（ログインが必要です）", STORY, TITLE),
            ("Izoh qoldiring · Ismingiz · Yuborish", STORY, TITLE),
            ("Сэтгэгдэл бичихдээ бусдыг хүндэтгэнэ үү.", STORY, TITLE),
            ("Боомт дээрх ачааны галт тэрэг. Зургийг Б.Болд авав", STORY, TITLE)):
        assert not _kept(line, at=3, story=story, title=title), line
    assert _kept("По словам юристов, решение суда носит принципиальный характер для всех "
                 "перевозчиков.", at=3, story=STORY_RU, title=TITLE_RU)
