"""Session 23, plain text: where a story of short paragraphs ends (its late subheadings are
the story's), a heading ending in a colon over a block of the page's furniture, a
caption whose credit stands in brackets, and a headline-like subheading between two
paragraphs, which plain text keeps. Every line here was written for these tests."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs

TITLE_RU = "Паром между Благовещенском и Хэйхэ снова ходит после ледохода"
HEAD_RU = ["Главная | Новости | Экономика | Общество", "Ирина Белова · 12.05.2025, 10:15"]
# One long paragraph first, then wire paragraphs of 11-17 words: shorter than the 20
# words that make a long paragraph, so the story would end at its first one.
STORY_RU = [
    "Паромная переправа через Амур между Благовещенском и китайским Хэйхэ возобновила работу "
    "во вторник, на неделю позже обычного, сообщили в администрации приграничного района.",
    "Первый рейс ушёл из Благовещенска в девять утра, на борту было около шестидесяти "
    "пассажиров.",
    "Очереди на границе",
    "На пункте пропуска к полудню собралось несколько сотен человек, в основном туристы и "
    "торговцы.",
    "Таможенники обещают ускорить досмотр, когда заработает второй терминал на китайском "
    "берегу.",
    "Что будет летом",
    "Летом перевозчик планирует добавить вечерние рейсы, если позволит уровень воды в реке.",
    "Стоимость билета пока не изменилась и составляет полторы тысячи рублей в одну сторону.",
]
FRAME_RU = ["Теги: паром, Амур, граница, туризм", "Поделиться: ВКонтакте · Telegram · OK",
            "© 2025 Амурский вестник. Все права защищены."]


def test_a_story_of_short_paragraphs_keeps_its_late_subheadings() -> None:
    lines = [TITLE_RU, *HEAD_RU, *STORY_RU, *FRAME_RU]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == STORY_RU


def test_the_frame_below_a_story_of_short_paragraphs_still_goes() -> None:
    # A teaser heading and two teasers in the frame: no sentences, below the story.
    teasers = ["Ещё по теме", "Мост через Амур откроют к осени",
               "Туристы из Китая вернулись в Приамурье"]
    lines = [TITLE_RU, *HEAD_RU, *STORY_RU, FRAME_RU[0], FRAME_RU[1], *teasers, FRAME_RU[2]]
    assert clean_paragraphs(lines).paragraphs == STORY_RU


# A story in Polish (Latin script, read with its own lists).
TITLE_PL = "Kolej z Chin do Europy omija Rosję coraz częściej"
STORY_PL = [
    "Coraz więcej pociągów towarowych z Chin jedzie do Europy trasą przez Kazachstan i "
    "Morze Kaspijskie, omijając Rosję.",
    "Przewoźnicy mówią, że droga jest dłuższa o kilka dni, ale ubezpieczenie ładunku "
    "kosztuje wyraźnie mniej niż na trasie północnej.",
    "Najwięcej kontenerów trafia do Łodzi i Duisburga, skąd towary rozwożą ciężarówki do "
    "sklepów w całej Unii.",
    "Według operatorów w tym roku liczba kursów wzrosła o jedną trzecią w porównaniu z "
    "ubiegłym rokiem.",
]


# A story in Esperanto, a language no list reads.
TITLE_EO = "Nova fervojo ligas Ĉinion kaj Kazaĥion tra la stepo"
STORY_EO = [
    "La unua vartrajno veturis sur la nova linio inter la du landoj lundon, post kvar jaroj "
    "da konstruado.",
    "Laŭ la fervoja kompanio, la vojaĝo de la landlimo ĝis la Kaspia Maro nun daŭras du "
    "tagojn malpli ol antaŭe.",
    "Komercistoj esperas, ke la linio plialtigos la eksporton de greno kaj metaloj al "
    "orientaj havenoj.",
    "La registaro planas ankaŭ pasaĝerajn trajnojn, sed ne antaŭ la fino de la venonta "
    "jaro.",
]


def test_a_heading_with_a_colon_over_the_teasers_below_the_story_goes() -> None:
    heading = "Pli pri la sama temo:"
    teasers = ["Haveno de Aktau atendas rekordan jaron",
               "Kazaĥaj farmistoj vendas pli da tritiko al Ĉinio"]
    lines = [TITLE_EO, *STORY_EO, "Etikedoj: fervojo, Ĉinio, Kazaĥio, komerco",
             "Kunhavigi: Facebook | X | Telegram", heading, *teasers,
             "© 2025 Stepa Gazeto. Ĉiuj rajtoj rezervitaj."]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == STORY_EO
    assert heading in [text for _, text in cleaned.removed]


def test_a_colon_line_of_the_story_stays() -> None:
    # The story's own list under a line ending in a colon, above the page's furniture.
    intro = "Najważniejsze liczby z raportu:"
    points = ["- 1200 pociągów w pierwszym półroczu", "- 14 dni średniego czasu przejazdu"]
    body = [*STORY_PL, intro, *points]
    lines = [TITLE_PL, *body, "Tagi: kolej, Chiny, Kazachstan, transport",
             "Udostępnij: Facebook | X | E-mail"]
    assert clean_paragraphs(lines).paragraphs == body


def test_a_caption_with_its_credit_in_brackets_goes() -> None:
    caption = ("Kontenery na bocznicy w Małaszewiczach czekają na przeładunek. "
               "(Zdjęcie: Agencja Wschód)")
    body = [*STORY_PL[:2], *STORY_PL[2:]]
    lines = [TITLE_PL, STORY_PL[0], STORY_PL[1], caption, *STORY_PL[2:]]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == body
    assert caption in [text for _, text in cleaned.removed]


def test_a_paragraph_ending_in_a_bracketed_aside_stays() -> None:
    # Sentences inside the bracket: the story's aside, not a credit.
    aside = ("Operatorzy zapowiadają nowe połączenia od jesieni. (Krótko mówiąc: więcej "
             "pociągów. Szczegóły poniżej.)")
    body = [STORY_PL[0], aside, *STORY_PL[1:]]
    assert clean_paragraphs([TITLE_PL, *body]).paragraphs == body


def test_a_headline_like_subheading_stays_in_plain_text() -> None:
    title = "Arctic shipping season opens early as ice retreats"
    story = [
        "Ships bound for Chinese ports began sailing the Northern Sea Route two weeks "
        "earlier than last year, port officials in Murmansk said on Monday.",
        "Insurers say the early start has not lowered premiums, because ice charts for the "
        "eastern stretch of the route remain uncertain.",
        "Beijing eyes faster Baltic deliveries",
        "Several Chinese operators have booked icebreaker escorts for the whole summer and "
        "part of the autumn, according to two people familiar with the bookings.",
        "The route still carries a small share of trade between Asia and Europe, most of it "
        "oil and liquefied gas.",
    ]
    assert clean_paragraphs([title, *story]).paragraphs == story


def test_the_page_model_leaves_reported_speech_in_plain_text() -> None:
    # Even at a plain-text threshold that takes every line it judges, a sentence reporting
    # speech stays the story's.
    from dataclasses import replace

    from pipeline.clean.classifier import load_model
    from pipeline.clean.model_pass import using_model

    reported = "O porto exportou 12% mais soja em 2024, disse o diretor da autoridade."
    body = [STORY_PL[0], reported, STORY_PL[1]]
    page = load_model()
    assert page is not None
    with using_model(replace(page, threshold_text=0.0), None):
        kept = clean_paragraphs([TITLE_PL, *body]).paragraphs
    assert reported in kept
