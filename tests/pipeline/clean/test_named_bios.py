"""The writer's card in any language (pipeline/clean/bios.py): a paragraph at the end that
opens with the name a byline printed above the story. Invented words, so that no rule of
any language reads them; the article is test_tail.py's."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs
from tests.pipeline.clean.test_tail import BODY, TITLE

# A card in no language the project reads, the name inflected as a byline may not be.
CARD = ("Marenu Holtvika dravel kesto unimar velta sorun, parek olvina tressa Ulaanbaatar "
        "kavo drimmet 2019 osta pelvin marak.")


def test_a_card_opening_with_the_bylines_name_goes() -> None:
    lines = [TITLE, "Kirjo: Maren Holtvik", *BODY, CARD]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == BODY
    assert ("author_bio", CARD) in cleaned.removed
    # The line that printed the name is the byline; the card spells the writer's name.
    assert ("byline", "Kirjo: Maren Holtvik") in cleaned.removed
    assert cleaned.author == "Marenu Holtvika"


def test_a_card_opening_with_a_han_name_goes() -> None:
    # No word of a writer's card (the Chinese rules read those): the name does it.
    card = "高明遠，生於基隆，喜歡在港邊看貨輪進出，週末在社區大學教攝影，養了兩隻貓。"
    lines = [TITLE, "記者 高明遠", *BODY, card]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == BODY
    assert ("author_bio", card) in cleaned.removed


def test_a_name_the_story_mentions_is_not_a_writer() -> None:
    # The site's name above the story and in it: a closing paragraph opening with it is
    # the story's ("Velta Radio tried to reach ...").
    closing = ("Velta Radio tried to reach the customs office in Erenhot on Tuesday, but "
               "nobody there would comment on the queues.")
    lines = [TITLE, "Velta Radio", BODY[0],
             "Velta Radio counted more than three hundred trucks on the road on Sunday "
             "evening, most of them loaded with coking coal.", *BODY[1:], closing]
    assert closing in clean_paragraphs(lines).paragraphs


def test_the_card_needs_a_byline_above_the_story() -> None:
    lines = [TITLE, *BODY, CARD]
    assert CARD in clean_paragraphs(lines, model=False).paragraphs


def test_a_byline_in_capitals_names_the_card() -> None:
    # The byline shouts the name; the card prints it as a name is written.
    lines = [TITLE, "TOMAS VRELLIK, kesto dravel", *BODY,
             "Tomas Vrellik ar unimar velta sorun parek olvina, tressa kavo drimmet osta "
             "pelvin marak sulo."]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == BODY


def test_a_name_with_a_particle_or_an_initial_names_the_card() -> None:
    # A particle between the first and the last name ("ap", "de", "Ó"), and a word of the
    # card's own language before the name.
    for byline, card in (
            ("Vro Kelan ap Dorrig", "Sul Kelan ap Dorrig ar unimar velta sorun parek, "
             "olvina tressa kavo drimmet osta pelvin marak."),
            ("Iona Ó Brevin, kesto", "Iona Ó Brevin ar unimar velta sorun parek olvina "
             "tressa, kavo drimmet osta pelvin marak sulo."),
    ):
        assert clean_paragraphs([TITLE, byline, *BODY, card]).paragraphs == BODY, byline


def test_a_caseless_byline_may_glue_by_to_the_name() -> None:
    # Ethiopic: "by" is a letter before the name in the byline, not in the card.
    card = ("ሰለሞን ተክሌ ለረጅም ዓመታት በጋዜጠኝነት ሙያ ሰርቷል፣ አሁን በአዲስ ሚዲያ ከፍተኛ ዘጋቢ ሆኖ "
            "ያገለግላል፣ ስለ እስያና አውሮፓ ግንኙነቶች ይጽፋል።")
    lines = [TITLE, "በሰለሞን ተክሌ", *BODY, card]
    assert clean_paragraphs(lines).paragraphs == BODY


def test_a_place_in_the_header_is_no_card_when_the_paragraph_opens_otherwise() -> None:
    # A weather line names the town; a closing paragraph names it three words in.
    closing = ("In the harbour of Port Velka, fishermen said the grey ship had anchored for "
               "two nights with its lights on and no flag.")
    lines = [TITLE, "Port Velka 17 °C, light rain", *BODY, closing]
    assert closing in clean_paragraphs(lines).paragraphs
