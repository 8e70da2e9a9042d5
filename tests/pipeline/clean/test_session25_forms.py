"""Session 25, plain text: arrows around a line, a press release's issuer card and its
forward-looking disclaimer, a podcast guest's card, a transcript's closing thanks, a
sourcing note, an update stamp, a caption ending in its credit, a like counter, a pitch
for a messenger channel in any language, a caption and credit in any language, a short
pull-quote, a Chinese numbered heading above the first paragraph, a story sentence under
an inline pitch. Each with the article's look-alike, which stays. Every line here was
written for these tests."""

from __future__ import annotations

from pipeline.clean.rules import undecorated
from pipeline.clean.text import clean_paragraphs

TITLE = "Grain exports through the eastern ports reach a record"
STORY = [
    "Grain shipments through the eastern ports reached a record in October, the port "
    "authority said on Monday, as buyers in the south stocked up before winter.",
    "Most of the grain was wheat and barley loaded at two terminals that opened last year, "
    "while soybeans made up a growing share of the rest.",
    "Traders expect volumes to ease in December, when ice slows loading at the northern "
    "berths and several vessels go in for repairs.",
    "Freight rates on the route have fallen by about a tenth since the summer, shipping "
    "brokers say, as more ships joined the trade.",
]


def _kept(line: str, at: int = 2, story: list[str] | None = None,
          title: str = TITLE) -> bool:
    body = story or STORY
    lines = [title, *body[:at], line, *body[at:]]
    return line in clean_paragraphs(lines).paragraphs


def test_arrows_around_a_line_are_decoration() -> None:
    assert undecorated("Back to top ↑") == "Back to top"
    assert undecorated("→ Read the full report") == "Read the full report"
    assert undecorated("Prices rose 5% → imports fell") is None  # inside, not around
    assert not _kept("Наверх ↑")
    assert _kept("Exports rose by a fifth, and imports fell by a tenth ↓", at=1) is not None


def test_a_press_release_issuer_card_and_its_disclaimer() -> None:
    tail = ["About Northgate Freight Holdings",
            "Northgate Freight Holdings is a Vladivostok-based operator of river terminals "
            "and bonded warehouses, with offices in Harbin and Khabarovsk.",
            "Safe Harbor Statement",
            "This release includes forward-looking statements about volumes and capacity "
            "that involve risks and uncertainties."]
    cleaned = clean_paragraphs([TITLE, *STORY, *tail])
    assert not any(line in cleaned.paragraphs for line in tail)
    assert all(line in cleaned.paragraphs for line in STORY)
    # A story sentence that opens with "About" and a figure, and a story sentence about a
    # company's forward-looking statements, stay.
    assert _kept("About 40 lorries cross the bridge every hour at the busiest times of the "
                 "day, the customs office said.")
    assert _kept("Analysts called the company's forward-looking statements optimistic.")


def test_a_podcast_guest_card_goes_and_a_host_turn_stays() -> None:
    assert not _kept("Guest: Mara Ilyina is a freight economist who has followed the "
                     "river ports for a decade.", at=4)
    assert _kept("Host: Welcome back to the programme, today we look at the river ports and "
                 "what the winter means for them.")


def test_a_transcript_closing_thanks_stays_and_a_reading_thanks_goes() -> None:
    assert _kept("Thank you. That concludes today's briefing.", at=4)
    assert not _kept("Thanks for reading! Subscribe to get the next briefing in your inbox.",
                     at=4)
    # "Our research shows" reports; "our shows" was the rule's word for programmes.
    assert _kept("The port authority disputes that. Our research shows the queues have "
                 "grown longer, not shorter, since the spring.")


STORY_RU = [
    "Объём перевалки зерна в портах Приморья в октябре достиг рекордного значения, "
    "сообщили в администрации порта в понедельник.",
    "Большую часть грузов составили пшеница и ячмень, отгруженные через два терминала, "
    "открытые в прошлом году.",
    "Трейдеры ожидают снижения объёмов в декабре, когда лёд замедлит погрузку на северных "
    "причалах.",
    "Ставки фрахта на этом направлении с лета снизились примерно на десятую часть, "
    "говорят брокеры.",
]
TITLE_RU = "Перевалка зерна в портах Приморья достигла рекорда"


def test_russian_source_note_update_stamp_caption_credit_and_counter() -> None:
    for line in ("Источник данных — таможенная статистика и расчёты редакции.",
                 "Обновлено в 16:20: добавлен комментарий администрации порта.",
                 "Зерновоз у причала в Находке. Фото автора",
                 "Нравится 2,3 тыс."):
        assert not _kept(line, story=STORY_RU, title=TITLE_RU), line
    # A story's source and a figure in thousands stay.
    assert _kept("Источник в администрации порта сообщил, что рекорд может быть побит уже "
                 "в ноябре.", story=STORY_RU, title=TITLE_RU)


def test_a_messenger_channel_pitch_in_any_language() -> None:
    # Tatar: "Join our Telegram channel, the news is there first."
    assert not _kept("Безнең Telegram-каналга кушылыгыз, яңалыклар анда беренче.", at=4)
    # A story's mention of a channel, in English and in Russian, stays.
    assert _kept("The ministry posted the figures on its Telegram channel late on Sunday.")
    assert _kept("Министерство опубликовало данные в своём Telegram-канале в воскресенье.",
                 story=STORY_RU, title=TITLE_RU)


def _kept_html(line: str, at: int = 2) -> bool:
    paras = [*STORY[:at], line, *STORY[at:]]
    cleaned = clean_paragraphs(paras, title=TITLE, link_shares=[0.0] * len(paras))
    return line in cleaned.paragraphs


def test_a_caption_and_its_credit_on_one_line_in_any_language() -> None:
    # Welsh and Swahili: a sentence, a label, a colon and a name. The plain-text passes
    # read the shape by its place; a page's paragraphs (HTML) need the rule.
    for line in ("Llong yn y porthladd ger y derfynfa rawn. Llun: Gwyn Morgan",
                 "Meli bandarini mwezi uliopita. Picha: Maktaba ya Gazeti"):
        assert not _kept(line, at=1), line
        assert not _kept_html(line), line
    # A sentence with a colon inside it, ended, stays.
    assert _kept("Officials gave one reason for the rise. Demand: it was higher than in any "
                 "year since the ports opened.")


def test_chinese_caption_credits_and_numbered_headings() -> None:
    story = [
        "今年十月，东部港口粮食吞吐量创下历史新高，港务部门周一表示，南方买家在入冬前加紧采购。",
        "其中大部分为小麦和大麦，通过去年启用的两个码头装船，大豆所占比重也在上升。",
        "贸易商预计十二月吞吐量将有所回落，届时北部泊位结冰将拖慢装船速度。",
        "经纪商表示，自夏季以来，该航线运价下降了约一成，更多船舶加入了这一航线。",
    ]
    title = "东部港口粮食吞吐量创新高"
    assert not _kept("▲码头上等待装船的粮食列车 图源：港口日报", story=story, title=title)
    assert not _kept("▲冬季的北部泊位 资料图", story=story, title=title)
    # A numbered section heading above the first paragraph is the article's own.
    lines = [title, "首页 | 新闻 | 财经", "2025-11-03 10:20 来源：港口日报",
             "先说结论：短期内还会涨。", "一、吞吐量为何创新高", *story]
    cleaned = clean_paragraphs(lines)
    assert "一、吞吐量为何创新高" in cleaned.paragraphs
    assert "首页 | 新闻 | 财经" not in cleaned.paragraphs
    assert "2025-11-03 10:20 来源：港口日报" not in cleaned.paragraphs


def test_a_short_quoted_sentence_repeated_from_the_story_is_a_pull_quote() -> None:
    quoted = ("“We have never loaded this much,” the harbour master said, adding that the "
              "terminals worked around the clock.")
    story = [*STORY[:2], quoted, *STORY[2:]]
    assert not _kept("“We have never loaded this much.”", at=3, story=story)
    # Three quoted words are a heading's, not a pull-quote's.
    assert _kept("“Around the clock”", at=3, story=story)


def test_a_story_sentence_under_an_inline_pitch_stays() -> None:
    # Longer than the classifier reads: the story-end passes decide alone.
    last = ("Брокеры ожидают, что ставки снова вырастут весной, когда откроется навигация на "
            "северных причалах и в порты вернутся суда, ушедшие на зиму в ремонт, а спрос "
            "на юге останется высоким.")
    pitch = "Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать главные новости."
    lines = [TITLE_RU, *STORY_RU, pitch, last, "Теги: зерно, порты, экспорт",
             "Поделиться: ВКонтакте · Одноклассники · Telegram"]
    cleaned = clean_paragraphs(lines)
    assert last in cleaned.paragraphs
    assert pitch not in cleaned.paragraphs


def test_round_two_forms_go_and_their_look_alikes_stay() -> None:
    gone = [
        # A link to the site is required when the material is reused (Kazakh, Uzbek).
        "Материалдарды пайдаланған кезде сайтқа сілтеме міндетті.",
        "Materiallardan foydalanilganda saytga havola majburiy.",
        # An advertisement label with its hide button.
        "Реклама · Скрыть",
        # Form fields marked required.
        "Имя * | E-mail * | Отправить",
        # An issuer's disclaimer and card, and a trial offer.
        "The figures in this release have not been audited and may be revised.",
        "About Amber Rail Logistics: Founded in 2009 and based in Kaliningrad, the group "
        "runs container trains between Europe and China.",
        "Want the full price series? Try our data desk free for 30 days.",
    ]
    for line in gone:
        assert not _kept(line, at=4), line
    kept = [
        "The unaudited results showed a loss for the third quarter in a row.",
        "Exports of frozen fish rose by 5%* in the period, the agency said.",
        "Reporters were told that a link between the two rail projects was not yet "
        "mandatory under the new rules.",
    ]
    for line in kept:
        assert _kept(line), line


def test_no_rule_takes_a_newsletter_section_on_what_to_watch() -> None:
    # The heading of a list of other stories reads "What we're reading"; a letter's own
    # section on what comes next is its text (the classifier still weighs the line).
    lines = [TITLE, *STORY[:1], "What we are watching", *STORY[1:]]
    assert "What we are watching" in clean_paragraphs(lines, model=False).paragraphs
    lines = [TITLE, *STORY[:1], "What we're reading", *STORY[1:]]
    assert "What we're reading" not in clean_paragraphs(lines, model=False).paragraphs


def test_round_three_forms_go_and_their_look_alikes_stay() -> None:
    gone = [
        # Chinese interface loans in the Latin spellings of China's languages, each
        # syllable with a tone letter (ad label, comment count, editor's note, subscribing).
        "Guangz gaoz",
        "Pingx lunx (3)",
        "Bianl zhel anl: Benl wenl xiul gail liaol.",
        "Dingz yuez: bi ndeu 80 yenz.",
        # A listing's buttons and disclaimers, an advisory's update stamp.
        "Book tickets",
        "Add to calendar",
        "Prices and opening hours were correct at the time of publication.",
        "Latest update: new advice on border crossings at night.",
    ]
    for line in gone:
        assert not _kept(line, at=4), line
    # A story's own "ping" or "ding" stays.
    assert _kept("Officials said the ping of the sonar buoys could be heard for miles.")


def test_an_obituary_closing_line_with_life_dates_stays() -> None:
    lines = [TITLE, *STORY, "Anna Petrovna Volkova, engineer, born 4 May 1941; died 2 March "
             "2025", "Share this story: Facebook · X"]
    assert lines[5] in clean_paragraphs(lines).paragraphs


def test_a_name_in_the_headline_is_the_storys_not_the_writers() -> None:
    title = "Harbour Court: judges rule on the grain terminal lease"
    story = [
        "Judges ruled on Thursday that the lease of the grain terminal to a Chinese operator "
        "was valid, ending a dispute that had lasted two years.",
        "The operator had been accused of breaching the terms by subletting berths to "
        "other shippers during the winter season.",
        "Lawyers for the port authority said they would study the ruling before deciding "
        "whether to appeal to the higher court.",
        "The terminal handled a record volume of grain last month, according to the port.",
        "Harbour Court rulings can be appealed within thirty days. The port authority has "
        "not said whether it will do so, and the operator welcomed the decision.",
    ]
    lines = [title, "Hearing: 3 March 2025 · Harbour Court · Room 4", *story,
             "Share: Email | X"]
    assert story[-1] in clean_paragraphs(lines).paragraphs


def test_a_short_quoted_sentence_ends_in_any_scripts_full_stop() -> None:
    from pipeline.clean.pullquotes import _SENTENCE_END
    assert _SENTENCE_END.search("“ᱪᱤᱱ ᱵᱟᱝ᱾”")  # Ol Chiki's full stop inside the quotes
    assert _SENTENCE_END.search("“Never again.”")
    assert not _SENTENCE_END.search("“Never again”")
