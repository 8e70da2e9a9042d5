"""Session 22, plain text in any language: a pull-quote (a quote the story prints in full
nearby, set apart as a display line), a caption ending in a label and a name with no
agency, a related link over a section heading that asks, a summary test that does not
count the headline's words, and a pull-quote that marks the story rather than its
furniture run. Every line here was written for these tests."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs
from tests.pipeline.clean.test_frame_passes import BODY_PL, TAGS_PL, TITLE_PL, reasons

PULLED = "„Mongolia wysyła większość swojego węgla do Chin drogą lądową.”"
QUOTED = ("Dyrektor terminalu powiedział: „Mongolia wysyła większość swojego węgla do Chin "
          "drogą lądową.” Dodał, że kolejki znikną po otwarciu drugiego pasa.")


def test_a_pull_quote_goes() -> None:
    body = [BODY_PL[0], QUOTED, *BODY_PL[2:]]
    lines = [TITLE_PL, body[0], body[1], PULLED, *body[2:], TAGS_PL]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == body
    assert "pull-quote" in reasons(lines)[PULLED]


def test_a_quoted_heading_an_unquoted_repeat_and_an_excerpt_stay() -> None:
    heading = "„Nikt nam nic nie mówi”"  # a phrase of the story as a section heading
    unquoted = "Kolejki znikną dopiero po otwarciu drugiego pasa odpraw na terminalu."
    excerpt = "„… większość swojego węgla do Chin drogą lądową.”"
    told = ("Kierowcy skarżą się: „Nikt nam nic nie mówi”. " + unquoted + " " + BODY_PL[3])
    for line in (heading, unquoted, excerpt):
        body = [BODY_PL[0], told, line, *BODY_PL[1:3]]
        assert clean_paragraphs([TITLE_PL, *body, TAGS_PL]).paragraphs == body, line


def test_pull_quotes_are_a_plain_text_reading_only() -> None:
    # A page's text (link shares given): the page's own containers decide there.
    body = [BODY_PL[0], QUOTED, PULLED, *BODY_PL[2:]]
    cleaned = clean_paragraphs([TITLE_PL, *body], link_shares=[0.0] * (len(body) + 1))
    assert PULLED in cleaned.paragraphs


def test_a_caption_ending_in_a_label_and_a_name_goes_in_any_language() -> None:
    outlet = "Wagony z węglem na stacji w Erenhot. Zdjęcie: «Kurier Stepowy»"
    person = "Ciężarówki przed terminalem w Zamyn-Üüd. Fot.: Anna Nowak"
    for caption in (outlet, person):
        lines = [TITLE_PL, *BODY_PL[:2], caption, *BODY_PL[2:], TAGS_PL]
        assert clean_paragraphs(lines).paragraphs == BODY_PL, caption


def test_a_sentence_going_on_in_lower_case_after_a_colon_is_no_credit() -> None:
    line = "Kierowcy czekali cztery dni. Powód: brak drugiego pasa odpraw"
    lines = [TITLE_PL, *BODY_PL[:2], line, *BODY_PL[2:]]
    assert line in clean_paragraphs(lines).paragraphs


def test_a_related_link_over_a_heading_that_asks_goes() -> None:
    link = "Czytaj też: Kolej przez pustynię Gobi ma być gotowa w przyszłym roku"
    body = [*BODY_PL[:2], "A co na to Pekin?", *BODY_PL[2:]]
    lines = [TITLE_PL, *BODY_PL[:2], link, *body[2:], TAGS_PL]
    assert clean_paragraphs(lines).paragraphs == body


def test_a_lead_above_the_picture_sharing_the_headlines_words_stays() -> None:
    # The lead and the next paragraphs share the story's topic words (the headline's):
    # no sign that the lead is a summary they retell.
    title = "Węgiel z Mongolii utknął na granicy z Chinami"
    lead = ("Węgiel z Mongolii utknął na granicy z Chinami, gdzie ciężarówki stoją w kolejce "
            "od poniedziałku.")
    caption = "Kolejka ciężarówek przed przejściem. Fot.: Anna Nowak"
    rest = ["Mongolia sprzedaje węgiel głównie Chinom, a granica to dla niej wąskie gardło.",
            "Chiny obiecały otworzyć drugi pas odpraw dla ciężarówek z węglem przed zimą.",
            *BODY_PL[2:]]
    cleaned = clean_paragraphs([title, lead, caption, *rest, TAGS_PL])
    assert cleaned.paragraphs == [lead, *rest]


def test_a_sentence_between_a_pull_quote_and_an_ad_label_is_the_storys() -> None:
    ad = "Reklama"
    between = "Najwięcej ciężarówek czeka na przejściu w Zamyn-Üüd."
    body = [BODY_PL[0], QUOTED, between, *BODY_PL[2:]]
    lines = [TITLE_PL, BODY_PL[0], QUOTED, PULLED, between, ad, *BODY_PL[2:], TAGS_PL,
             "Udostępnij: Facebook · X", "© 2025 Kurier Stepowy"]
    assert clean_paragraphs(lines).paragraphs == body


def test_a_pull_quote_in_swedish_or_danish_quote_marks_goes() -> None:
    # Swedish and Finnish open a quote with ”, Danish with ».
    for pulled in ("”Mongolia wysyła większość swojego węgla do Chin drogą lądową.”",
                   "»Mongolia wysyła większość swojego węgla do Chin drogą lądową.«"):
        body = [BODY_PL[0], QUOTED, *BODY_PL[2:]]
        lines = [TITLE_PL, body[0], body[1], pulled, *body[2:], TAGS_PL]
        assert clean_paragraphs(lines).paragraphs == body, pulled
