"""Session 21: plain text's frame in languages no list reads. Where the story ends when the
page's notes and pitches cluster under its share row (tail.py), interface words most
languages borrow in the furniture run, captions that end in a credit with a slash
(captions.py), Chinese and Japanese rows of headlines (rows.py), the header read again
after a consent banner with a quoted button (consent.py, header.py), Georgian's caseless
letters, a quote printed Russian-style above a photo credit, a box of teasers that ends
at the story's own short heading, and a link printed under an ad label (inline.py).
Every line here was written for these tests."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs
from pipeline.languages import opens_lower
from tests.pipeline.clean.test_frame_passes import BODY_PL, TAGS_PL, TITLE_PL, reasons

SHARE_PL = "Udostępnij: Facebook · X · WhatsApp · E-mail"


def test_notes_and_pitches_clustered_under_the_share_row_do_not_end_the_story() -> None:
    # Each sentence of the cluster has one or two of the others above it (past a counter
    # and a log-in line), so the story seemed to end at the last of them.
    note = "Tekst uzupełniono o komentarz rzecznika portu w Gdyni."
    count = "Opinie 14"
    policy = ("Wpisy obraźliwe lub niezwiązane z tematem usuwamy bez ostrzeżenia i bez "
              "podania powodu.")
    login = "Zaloguj się, aby dodać opinię"
    pitch = "Dołącz do naszego kanału na Telegramie i czytaj najważniejsze wiadomości pierwszy."
    lines = [TITLE_PL, *BODY_PL, SHARE_PL, TAGS_PL, note, count, policy, login, pitch,
             "© 2025 Kurier Nadmorski"]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs[:len(BODY_PL)] == BODY_PL
    assert not {note, count, login, pitch} & set(cleaned.paragraphs)


def test_a_storys_closing_paragraphs_under_one_share_prompt_stay() -> None:
    # One furniture line inside the story is no block's border.
    lines = [TITLE_PL, *BODY_PL[:2], SHARE_PL, *BODY_PL[2:], TAGS_PL]
    assert clean_paragraphs(lines).paragraphs == BODY_PL


def test_interface_words_most_languages_borrow_go_below_the_story() -> None:
    # Chuvash-like lines: the site, comments, registration and moderation by their loans.
    policy = "Комментари çырма сайтра регистраци тумалла."
    moderated = "Комментарисене модератор пăхса тухать, усал сăмахсене кăларса пăрахать."
    lines = [TITLE_PL, *BODY_PL, TAGS_PL, SHARE_PL, policy, "Комментари 3", moderated,
             "Пирĕн çинчен | Реклама | Çыхăну"]
    assert clean_paragraphs(lines).paragraphs == BODY_PL


def test_a_caption_ending_in_a_credit_with_a_slash_goes_in_any_language() -> None:
    caption = ("Жүк ташуучу унаалар чек арадагы өткөрүү бекетинин алдында. "
               "Сүрөт: Бакыт Осмонов / «Тоо Кабар»")
    lines = [TITLE_PL, *BODY_PL[:2], caption, *BODY_PL[2:], TAGS_PL]
    assert clean_paragraphs(lines).paragraphs == BODY_PL
    assert "after a slash" in reasons(lines)[caption]


def test_a_code_line_with_a_slash_is_no_credit() -> None:
    line = "Accept: text/html"
    lines = [TITLE_PL, *BODY_PL[:2], line, *BODY_PL[2:]]
    assert "after a slash" not in reasons(lines).get(line, "")


def test_chinese_and_japanese_rows_of_headlines_go() -> None:
    # Boxes printed between the story's paragraphs, where no tail pass reaches.
    numbered = "热门排行：1 港口扩建工程正式开工 2 今冬首场降雪提前到来 3 新版地铁线路图发布"
    barred = "人気記事｜港の新ターミナルが完成｜週末は各地で雪の予報｜市電の運賃見直しへ"
    lines = [TITLE_PL, BODY_PL[0], numbered, BODY_PL[1], barred, *BODY_PL[2:], TAGS_PL]
    assert clean_paragraphs(lines).paragraphs == BODY_PL


def test_the_header_is_read_again_past_a_consent_banner_with_a_quoted_button() -> None:
    # The banner quotes its button; once it goes, the view counter under the byline (no
    # sentence, no furniture word any list knows) is header too.
    # Sesotho: no wording rule reads its banners.
    banner = "Sebaka sena se sebelisa cookies. Tobetsa “Ke a dumela” ho tswela pele ho bala."
    lines = [TITLE_PL, "Kurier Nadmorski", banner, "Wiadomości | Region | Sport",
             "Autor: Jan Kowalski", "12.03.2025, 09:15", "Vidita: 2 345", *BODY_PL,
             TAGS_PL]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == BODY_PL


def test_georgian_letters_are_no_lower_case_continuation() -> None:
    assert not opens_lower("გადასვლა მთავარ გვერდზე")
    assert opens_lower("and the talks went on")
    assert not opens_lower("Переговоры продолжились")
    # So the short lines of a Georgian page's head go like any other script's.
    head = ["გადასვლა შინაარსზე", "ბათუმის ამბები", "მთავარი | ეკონომიკა | სპორტი"]
    lines = [TITLE_PL, *head, "Autor: Jan Kowalski", *BODY_PL, TAGS_PL]
    cleaned = clean_paragraphs(lines)
    assert not set(head) & set(cleaned.paragraphs)


def test_a_quote_with_its_comma_after_the_closing_mark_is_no_caption() -> None:
    quote = ("«Очередь на границе стала короче, но до нормы ещё далеко», — сказал "
             "водитель грузовика, который третий день ждёт досмотра.")
    credit = "Фото: Иван Петров"
    lines = [TITLE_PL, *BODY_PL[:2], quote, credit, *BODY_PL[2:], TAGS_PL]
    cleaned = clean_paragraphs(lines)
    assert quote in cleaned.paragraphs and credit not in cleaned.paragraphs


def test_a_box_of_teasers_ends_at_the_storys_short_heading() -> None:
    # The heading's words do not come back in the prose under it.
    lines = [TITLE_PL, *BODY_PL[:2], "Czytaj także",
             "Port w Gdańsku bije kolejny rekord przeładunków kontenerów",
             "Rząd zapowiada nowe przepisy dla przewoźników drogowych",
             "Spór o pieniądze", *BODY_PL[2:], TAGS_PL]
    # The rules alone: on a page this short the classifier reads the heading by its place.
    assert "Spór o pieniądze" in clean_paragraphs(lines, model=False).paragraphs


def test_a_short_headline_after_a_label_goes_even_under_an_ad_label() -> None:
    link = "Legu ankaŭ: Nova ponto malfermiĝis en Ulanbatoro"
    lines = [TITLE_PL, *BODY_PL[:2], "Reklamo", link, *BODY_PL[2:], TAGS_PL]
    assert link not in clean_paragraphs(lines).paragraphs
    # A section heading goes on in lower case after its label.
    section = "Następny etap: budowa drugiego pasa odpraw"
    lines = [TITLE_PL, *BODY_PL[:2], section, *BODY_PL[2:], TAGS_PL]
    assert section in clean_paragraphs(lines).paragraphs


def test_two_question_headlines_in_a_row_below_the_story_go() -> None:
    first = "Czy ceny paliw znowu wzrosną przed zimą?"
    second = "Kto zbuduje nowy most na Wiśle?"
    lines = [TITLE_PL, *BODY_PL, TAGS_PL, first, second, "© 2025"]
    cleaned = clean_paragraphs(lines)
    assert first not in cleaned.paragraphs and second not in cleaned.paragraphs
    assert cleaned.paragraphs == BODY_PL


def test_a_pictures_date_is_no_date_line_under_a_summary() -> None:
    # The story's first two paragraphs over the page's picture, whose caption and credit
    # hold a date: they are no byline or date line, so the paragraphs are no standfirst.
    caption = "Kierowcy w Zamyn-Uud, 4 marca 2025. Fot. Anna Nowak"
    lines = [TITLE_PL, "Kurier Nadmorski", "Wiadomości | Region | Sport", "Autor: Jan Kowalski",
             *BODY_PL[:2], caption, *BODY_PL[2:], TAGS_PL]
    assert clean_paragraphs(lines).paragraphs == BODY_PL


def test_a_sites_motto_and_a_unit_cut_short_go_with_the_header() -> None:
    # A motto of one-word sentences does not end the header, and "4 min." ends no sentence.
    motto = "KURIER NADMORSKI — Porty. Koleje. Granice."
    minutes = "Vidita: 4 min."
    lines = [TITLE_PL, motto, "Wiadomości | Region | Sport", "Strona główna / Region / Porty",
             "Autor: Jan Kowalski", "12.03.2025, 09:15", minutes, *BODY_PL, TAGS_PL]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == BODY_PL
