"""Session 29, plain text: a writer's name beside a date a rule read, a still from a
reader's video that spares the paragraph above it, and the wording forms of the session
(subscriber-exclusive labels, inbox promises in the Nordic languages, Finnish, Polish and
Romanian, continue-after-the-ad notes, bracketed "name | outlet" credits, triangle-opened
Chinese captions, trip disclosures, Kazakh registration notices). Each with the article's
look-alike, which stays. Every line here was written for these tests."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs

# The same placement helper and story as session 25's tests.
from tests.pipeline.clean.test_session25_forms import STORY, STORY_RU, TITLE, _kept

TITLE_RU = "Перевалка зерна в портах Приморья достигла рекорда"


def test_a_name_beside_a_date_a_rule_read_is_the_byline() -> None:
    title = "Haven van Antwerpen ziet meer Chinese auto's binnenkomen"
    story = ["De haven van Antwerpen heeft vorig jaar meer dan een half miljoen auto's uit "
             "China overgeslagen, een record.",
             "Een groot deel van die wagens gaat verder naar Scandinavië en het Verenigd "
             "Koninkrijk, zegt de havenautoriteit.",
             "Vakbonden vragen extra personeel omdat de terminals overvol raken."]
    name, stamp = "Lieselot De Smedt", "dinsdag 4 februari 2025 om 9.15 uur"
    kept = clean_paragraphs([title, name, stamp, "4 min. leestijd", *story]).paragraphs
    assert name not in kept and stamp not in kept
    assert kept == story


def test_a_still_from_a_reader_s_video_spares_the_paragraph_above() -> None:
    lead = ("Очередь из грузовиков у пункта пропуска растянулась на несколько километров. "
            "Водители говорят, что ждут уже третьи сутки.")
    credit = "Фото: кадр из видео очевидца"
    kept = clean_paragraphs([TITLE_RU, STORY_RU[0], lead, credit, *STORY_RU[1:]]).paragraphs
    assert credit not in kept
    assert lead in kept


def test_the_session_s_wording_forms_go() -> None:
    assert not _kept("Members only: the full port-by-port tonnage table is in the data hub.")
    assert not _kept("Brevet kommer varje tisdag och är gratis – rakt i din inkorg.", at=4)
    assert not _kept("Tilaa viikkokirje sähköpostiisi joka maanantai.", at=4)
    assert not _kept("Co tydzień najciekawsze reportaże. Wystarczy wpisać e-mail.", at=4)
    assert not _kept("Textul continuă după reclamă")
    assert not _kept("Продолжение статьи — ниже", story=STORY_RU, title=TITLE_RU)
    assert not _kept("Dockers unload grain at the new berth on Monday. (Maya Ortiz | The Harbour "
                     "Ledger)", at=1)
    assert not _kept("▲ 港口工人正在装卸粮食集装箱（李明）", at=1)
    assert not _kept("O repórter viajou a Xangai a convite da associação de exportadores, que "
                     "não interferiu no conteúdo.", at=4)
    assert not _kept("Газет ҚР Ақпарат министрлігінде тіркелген, куәлік № 1234-Г.", at=4)


def test_the_session_s_look_alikes_stay() -> None:
    # A state visit made at an invitation is news; the disclosure is about the reporter.
    assert _kept("A viagem do ministro a Pequim foi feita a convite do governo chinês, "
                 "disse o porta-voz.", at=2)
    # A name and a role in a sentence, not a card opened by a dash.
    assert _kept("Jan Nowicki, dziennikarz z Lublina, mówi, że kolej od lat czeka na nowe "
                 "perony.", at=2)
    # A member-only club named in a story.
    assert _kept("Members of the exporters' club said the new tariff would only hurt "
                 "smaller firms.", at=2)


def test_round_two_forms_go() -> None:
    assert not _kept("Today's Harbour Notes is brought to you by Keelson Marine Finance.")
    assert not _kept("Support provided by: the Meridian Family Foundation")
    assert not _kept("Článek pokračuje pod reklamou")
    assert not _kept("Реклама 16+", story=STORY_RU, title=TITLE_RU)
    assert not _kept("Cranes load steel coils onto a barge on Monday. (Harbourwire)", at=1)
    assert not _kept("港口堆场里等待装船的集装箱 图/北岸图片社", at=1)
    assert not _kept("说两句吧，欢迎留言", at=4)
    assert not _kept("The full brief runs to 2,100 words, a nine-minute read.", at=0)
    assert not _kept("Chúng tôi sử dụng cookie để cải thiện trải nghiệm của bạn.", at=4)
    assert not _kept("Sanne Bakker is economieredacteur en schrijft over havens en handel.", at=4)


def test_round_two_look_alikes_stay() -> None:
    # Readers who signed up (past tense) are news, not a call to sign up.
    assert _kept("Hơn 3.000 người đã đăng ký nhận bản tin thời tiết của tỉnh trong tháng này.",
                 at=1)
    # A wire story's end mark in capitals is no picture agency.
    assert _kept("Officials said both navies would keep in close contact while monitoring the "
                 "movements of foreign aircraft near the islands over the coming weeks. (END)",
                 at=4)
    assert _kept("The concert series, organisers say, is brought to you by local volunteers.")


def test_a_question_heading_under_a_pitch_between_paragraphs_stays() -> None:
    title = "Экспортёры региона везут мёд в Китай"
    story = ["Региональные пасеки в этом году отправили в Китай втрое больше мёда, чем год "
             "назад, сообщили в центре поддержки экспорта.",
             "Основной спрос пришёлся на гречишный и липовый мёд, который в Китае продают "
             "как премиальный продукт.",
             "Производители жалуются на долгую сертификацию и дорогую доставку, но "
             "рассчитывают на новые контракты."]
    pitch = "Все новости экспорта коротко и по делу — в нашем телеграм-канале. Подписывайтесь!"
    heading, close = "Что будет осенью?", ("Осенью центр повезёт пасечников на ярмарку в Харбин, "
                                           "где они покажут продукцию оптовым покупателям.")
    lines = [title, *story, pitch, heading, close, "#Экспорт #Китай #Мёд",
             "Комментарии 12", "Самое читаемое", "Новый мост через Амур откроют весной"]
    kept = clean_paragraphs(lines).paragraphs
    assert heading in kept and close in kept
    assert pitch not in kept


def test_a_related_box_ends_at_the_furniture_under_its_item() -> None:
    story = STORY_RU
    lines = [TITLE_RU, story[0], "Читайте также", "Владивосток принял первый зерновоз из Бразилии",
             "Реклама 16+", "Вагонов не хватает", *story[1:]]
    kept = clean_paragraphs(lines).paragraphs
    assert "Владивосток принял первый зерновоз из Бразилии" not in kept
    assert "Вагонов не хватает" in kept


def test_a_caption_of_four_words_before_its_slash_credit_holds_it() -> None:
    lead = ("Η κίνηση στο λιμάνι αυξήθηκε κατά ένα πέμπτο φέτος, σύμφωνα με τα στοιχεία "
            "της λιμενικής αρχής.")
    story = ["Τα περισσότερα φορτία αφορούν σιτηρά και λιπάσματα που προορίζονται για την "
             "Ασία.", "Οι ναυτιλιακοί πράκτορες αναμένουν ότι η τάση θα συνεχιστεί και τον "
             "επόμενο χρόνο.", "Η λιμενική αρχή σχεδιάζει νέα αποβάθρα μέχρι το 2027."]
    credit = "Φορτηγό πλοίο δεμένο στην αποβάθρα / ΑΡΧΕΙΟΥ"
    kept = clean_paragraphs(["Ρεκόρ κίνησης στο λιμάνι", story[0], lead, credit,
                             *story[1:]]).paragraphs
    assert credit not in kept
    assert lead in kept


def test_round_three_forms_go() -> None:
    assert not _kept("You have read 2 of 5 free articles this month. Subscribe for full access.")
    assert not _kept("Vous avez lu 3 articles sur 5 ce mois-ci.", at=4)
    assert not _kept("Vsebina se nadaljuje pod oglasom")
    assert not _kept("Статья продолжится после рекламы", story=STORY_RU, title=TITLE_RU)
    assert not _kept("Korjattu 4.2. klo 9.30: Jutussa oli aiemmin väärä päivämäärä.", at=4)
    assert not _kept("In een eerdere versie van dit artikel stond een verkeerd bedrag.", at=4)
    assert not _kept("Nothing in this report constitutes investment advice.", at=4)
    assert not _kept("Sponsored by Tidewater Leasing: Five ways to cut demurrage costs")


def test_two_pitches_printed_apart_spare_the_story_between() -> None:
    pitch = "Every weekday at 7am the port briefing lands in your inbox. Sign up free."
    quote = "'We will be ready by spring,' the harbour master said."
    paywall = "Sign up for our free weekly newsletter on shipping and trade."
    lines = [TITLE, STORY[0], pitch, STORY[1], STORY[2], quote, paywall, STORY[3]]
    kept = clean_paragraphs(lines).paragraphs
    assert quote in kept
    assert pitch not in kept and paywall not in kept
