"""Session 20: the plain-text frame passes for lines of any language
(pipeline/clean/plain.py): a label and another story's headline between two of the story's
sentences (inline.py), a consent banner naming cookies in its own language's word
(consent.py), a channel pitch and a headline that asks in the furniture run (tail.py), a credit
that holds its caption on its own line (captions.py), and the story's closing paragraph
after a pitch printed before it. Every
line here was written for these tests (Polish, with labels in Esperanto, which no list
reads)."""

from __future__ import annotations

import pytest

from pipeline.clean.text import clean_paragraphs
from tests.pipeline.clean.test_tail import BODY, TITLE

TITLE_PL = "Ciężarówki z węglem czekają dniami na granicy z Chinami"
BODY_PL = [
    "Setki ciężarówek z węglem czekały w tym tygodniu nawet cztery dni na przejściu "
    "granicznym między Mongolią a Chinami, jak twierdzą kierowcy.",
    "Mongolia wysyła większość swojego węgla do Chin drogą lądową, a urzędnicy w Ułan "
    "Bator przyznają, że opóźnienia kosztują kraj miliony dolarów miesięcznie.",
    "Nowa linia kolejowa przez granicę ma zostać otwarta w przyszłym roku i zakończyć "
    "kolejki, choć strona chińska nie podała jeszcze żadnej daty.",
    "Kierowcy usłyszeli od celników, że czas oczekiwania skróci się, gdy zostanie otwarty "
    "drugi pas odpraw na terminalu.",
]
TAGS_PL = "Tagi: Mongolia, węgiel, Chiny, granica"


def reasons(lines: list[str]) -> dict[str, str]:
    cleaned = clean_paragraphs(lines)
    return dict(zip((text for _, text in cleaned.removed), cleaned.reasons, strict=True))


def test_a_label_and_another_storys_headline_between_paragraphs_goes() -> None:
    link = "Legu ankaŭ: Ĉinio kaj Rusio subskribis novan interkonsenton pri la gasa dukto"
    lines = [TITLE_PL, *BODY_PL[:2], link, *BODY_PL[2:]]
    assert clean_paragraphs(lines).paragraphs == BODY_PL
    assert "another story's headline" in reasons(lines)[link]


@pytest.mark.parametrize("line", [
    # A section heading's topic is short; a question is an interviewer's; a figure's line
    # opens with the figure.
    "Koleje: nowa trasa przez granicę",
    "Nasz rozmówca: ile jeszcze potrwa czekanie na granicy z Chinami?",
    "Cena węgla koksującego: 132 dolary za tonę na granicy w tym tygodniu",
])
def test_the_storys_own_lines_of_that_shape_stay(line: str) -> None:
    lines = [TITLE_PL, *BODY_PL[:2], line, *BODY_PL[2:]]
    assert line in clean_paragraphs(lines).paragraphs


def test_the_shape_alone_is_not_read_on_an_english_page() -> None:
    # English labels are the rules': a heading "Topic: a longer line" of an English story.
    line = "Border economics: what the queue costs the drivers and their families"
    lines = [TITLE, *BODY[:2], line, *BODY[2:]]
    assert "another story's headline" not in reasons(lines).get(line, "")


def test_a_consent_banner_in_its_own_languages_word_goes_at_the_top_and_the_end() -> None:
    # Icelandic and Azerbaijani: no wording rule reads their banners.
    top = ("Vefurinn notar vafrakökur til að bæta upplifun þína. Með því að halda áfram "
           "samþykkir þú notkun þeirra.")
    end = "Saytımız kukilərdən istifadə edir. Davam etməklə razılaşırsınız."
    lines = [TITLE_PL, top, *BODY_PL, TAGS_PL, end]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == BODY_PL
    assert "naming cookies" in reasons(lines)[top]
    assert "naming cookies" in reasons(lines)[end]


def test_a_story_line_about_cookie_rules_stays() -> None:
    # A figure or a date, or English: a story's line, not a banner.
    dated = "Urząd nałożył w 2024 roku kary za pliki cookie na dwanaście serwisów."
    english = "Regulators said that websites must now ask users before they place cookies."
    for line in (dated, english):
        lines = [TITLE_PL, line, *BODY_PL]
        assert "naming cookies" not in reasons(lines).get(line, "")


def test_a_channel_pitch_in_the_furniture_run_goes_and_the_storys_channel_stays() -> None:
    pitch = "Sekvu nian kanalon en Telegram por la plej gravaj novaĵoj ĉiutage."
    story = ("Kierowcy wymieniają się informacjami o długości kolejki na kanale w "
             "Telegramie, który prowadzi jeden z przewoźników.")
    lines = [TITLE_PL, *BODY_PL[:3], story, BODY_PL[3], TAGS_PL, pitch]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == [*BODY_PL[:3], story, BODY_PL[3]]
    assert "messenger" in reasons(lines)[pitch]


def test_a_headline_that_asks_in_a_list_of_teasers_goes() -> None:
    asks = "Dlaczego ceny węgla w Chinach spadają tej zimy?"
    teasers = ["Kazachstan otwiera nowe przejście graniczne z Chinami", asks,
               "Rosja zwiększa eksport zboża koleją do Chin"]
    lines = [TITLE_PL, *BODY_PL, TAGS_PL, "Podobne artykuły", *teasers]
    assert clean_paragraphs(lines).paragraphs == BODY_PL


def test_a_question_closing_the_story_stays() -> None:
    closing = "Czy nowa linia kolejowa wreszcie skończy z kolejkami na granicy?"
    lines = [TITLE_PL, *BODY_PL, closing, TAGS_PL, "Podobne artykuły",
             "Kazachstan otwiera nowe przejście graniczne z Chinami"]
    assert clean_paragraphs(lines).paragraphs == [*BODY_PL, closing]


@pytest.mark.parametrize("credit", [
    "Kolejka ciężarówek przed terminalem celnym. Zdjęcie: Jan Nowak / Agencja Północ",
    # A credit in brackets after a few words of caption holds its caption too.
    "Ciężarówki na parkingu przy granicy (Foto: Archiwum)",
])
def test_a_caption_ending_in_a_photo_credit_goes_and_the_paragraph_above_stays(
        credit: str) -> None:
    lines = [TITLE_PL, *BODY_PL[:2], credit, *BODY_PL[2:]]
    assert clean_paragraphs(lines).paragraphs == BODY_PL


def test_a_sentence_about_a_photo_stays() -> None:
    line = ("Zdjęcie zrobione przez jednego z kierowców pokazuje kolejkę długą na ponad "
            "dziesięć kilometrów.")
    lines = [TITLE_PL, *BODY_PL[:2], line, *BODY_PL[2:]]
    assert line in clean_paragraphs(lines).paragraphs


def test_the_closing_paragraph_after_a_pitch_printed_before_it_stays() -> None:
    # A channel pitch between the story's last two paragraphs: the last one goes on with
    # the story, though furniture (the pitch, the tags) stands on both sides of it.
    pitch = ("Join our WhatsApp channel for the latest news from the region every morning. "
             "Tap here to join.")
    lines = [TITLE, *BODY[:3], pitch, BODY[3], "Tags: Mongolia, coal, border trade",
             "Share on Facebook · Share on X · Email"]
    cleaned = clean_paragraphs(lines)
    assert pitch not in cleaned.paragraphs
    assert cleaned.paragraphs == BODY
