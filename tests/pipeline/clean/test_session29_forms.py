"""Session 29, plain text: a writer's name beside a date a rule read, a still from a
reader's video that spares the paragraph above it, and the wording forms of the session
(subscriber-exclusive labels, inbox promises in the Nordic languages, Finnish, Polish and
Romanian, continue-after-the-ad notes, bracketed "name | outlet" credits, triangle-opened
Chinese captions, trip disclosures, Kazakh registration notices). Each with the article's
look-alike, which stays. Every line here was written for these tests."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs

# The same placement helper and story as session 25's tests.
from tests.pipeline.clean.test_session25_forms import STORY_RU, _kept

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
