"""The furniture after a scraped article's last sentence (pipeline/clean/tail.py), and the
section headings and list items between its paragraphs: an article written for this test."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs

TITLE = "Mongolian coal trucks queue for days at the Chinese border"
BODY = [
    "Hundreds of coal trucks have queued for up to four days at the Gashuunsukhait crossing, "
    "drivers said on Monday, as Chinese customs slowed inspections after a new rule on "
    "cargo weights took effect.",
    "Mongolia sends most of its coal to China by road, and officials in Ulaanbaatar said the "
    "delays could cut this month's exports by a fifth if they last another week.",
    "A rail link across the border, due to open next year, is meant to end the queues, "
    "although the Chinese side of the line is still being built.",
    "Drivers said they had been told to expect shorter waits once a second inspection lane "
    "opened at the end of the month.",
]


def page(*tail: str) -> list[str]:
    return [TITLE, *BODY, *tail]


def test_lines_that_are_no_sentence_after_the_share_row_go() -> None:
    tail = ["Share on Facebook · Share on X · Email",
            "From the steppe desk",  # a heading of any wording over teasers
            "Kazakh wheat heads east on a new rail route",
            "How a steppe town became a solar hub",
            "1.2K 36",
            "What do you think?"]
    cleaned = clean_paragraphs(page(*tail))
    assert cleaned.paragraphs == BODY
    reasons = dict(zip((text for _, text in cleaned.removed), cleaned.reasons, strict=True))
    assert "after the article's last sentence" in reasons["How a steppe town became a solar hub"]


def test_the_tail_waits_for_a_furniture_line_and_spares_lists_and_sentences() -> None:
    ending = ["Crossings that reopened this year:", "Zamyn-Uud", "Bichigt"]
    # Right after the last sentence a list is the article's own.
    assert clean_paragraphs(page(*ending)).paragraphs == [*BODY, *ending]
    after_share = ["Share this story", "- Zamyn-Uud and Erenhot", "| 2024 | 83m t |",
                   "The crossing reopened after a week, the agency said in a later report.",
                   "Longer questions are the reader's own, are they not?"]
    kept = clean_paragraphs(page(*after_share)).paragraphs
    assert kept == [*BODY, *after_share[1:]]


def test_the_tail_pass_reads_page_input_too() -> None:
    # Since session 41 a page's text gets the pass as well (pipeline/clean/below.py):
    # trafilatura's text of a short piece goes on into the boxes around it.
    lines = page("Share this story", "Kazakh wheat heads east on a new rail route")
    for shares in (None, [0.0] * len(lines)):
        cleaned = clean_paragraphs(lines, title=TITLE, link_shares=shares)
        assert "Kazakh wheat heads east on a new rail route" not in cleaned.paragraphs
        assert all(line in cleaned.paragraphs for line in BODY)


def test_a_heading_the_paragraphs_under_it_take_up_stays() -> None:
    heading = "Drivers sleep in their cabs"
    lines = [TITLE, BODY[0], BODY[1], heading,
             "Some drivers said they had slept in their cabs for three nights, with food "
             "brought by traders from the nearest town.", BODY[2]]
    assert heading in clean_paragraphs(lines).paragraphs


def test_a_teaser_between_paragraphs_still_goes() -> None:
    teaser = "Mongolia signs copper deal with Japanese trading house as prices surge"
    lines = [TITLE, BODY[0], BODY[1], teaser, BODY[2], BODY[3]]
    assert teaser not in clean_paragraphs(lines).paragraphs


def test_an_item_of_a_list_stays() -> None:
    items = ["Gashuunsukhait to Ganqimaodu", "Shiveekhuren to Ceke",
             "Zamyn-Uud to Erenhot opens fully by spring"]
    lines = [TITLE, BODY[0], "The crossings named in the rule:", *items, BODY[1], BODY[2]]
    assert clean_paragraphs(lines).paragraphs == [BODY[0], "The crossings named in the rule:",
                                                  *items, BODY[1], BODY[2]]


def test_a_related_box_mid_article_ends_at_the_next_section_heading() -> None:
    heading = "Queues spread to rail"
    lines = [TITLE, BODY[0], BODY[1], "More", "Kazakh wheat heads east on a new rail route",
             heading, "Rail freight through the crossing has also slowed, the railway said, "
             "with queues of wagons spreading to the stations on both sides.", *BODY[2:]]
    kept = clean_paragraphs(lines).paragraphs
    assert heading in kept and "Kazakh wheat heads east on a new rail route" not in kept


def test_a_heading_over_a_section_of_prose_after_a_list_stays() -> None:
    heading = "Why the railway waits"
    items = ["• Customs staff were cut by a third last year.",
             "• A second lane needs a new scanner."]
    lines = [TITLE, BODY[0], "Officials gave two reasons for the delays:", *items, heading,
             BODY[1], BODY[2], BODY[3]]
    assert heading in clean_paragraphs(lines).paragraphs


def test_a_heading_over_long_unmarked_paragraphs_stays() -> None:
    # Thai prose marks no sentence's end: the story's last "sentence" can be a furniture
    # line far below, and a section heading over two long paragraphs without a full stop
    # is the story's (invented words; the tail pass alone).
    first = " ".join(["kralon veti sumar dalo"] * 6)
    second = " ".join(["mirat olsen kavu trepa"] * 6)
    heading = "Vessa trundal"
    lines = [TITLE, *BODY, "Share on Facebook · Share on X · Email", heading, first, second,
             "Kazakh wheat heads east on a new rail route",
             "Readers' comments are checked before they appear on the site."]
    kept = clean_paragraphs(lines, model=False).paragraphs
    assert heading in kept


def test_a_sentence_alone_among_the_furniture_does_not_end_the_story() -> None:
    # A pitch in a language no rule reads (invented words) under the teasers: the run goes
    # on below it, so the teaser printed after it goes too.
    pitch = "Vessa kralon dalo mirat olsen trepa sumar veti kavu."
    teaser = "How a steppe town became a solar hub"
    lines = page("Share on Facebook · Share on X · Email",
                 "Kazakh wheat heads east on a new rail route", pitch, teaser)
    cleaned = clean_paragraphs(lines, model=False)
    assert teaser not in cleaned.paragraphs
    assert cleaned.paragraphs[:len(BODY)] == BODY


def test_a_closing_list_under_a_picture_stays_with_the_story() -> None:
    # A picture parts the story from its own list and closing sentence: the end stays at
    # the last sentence, since no furniture that ends a page comes between.
    items = ["Erdenes Tavan Tolgoi (Mongolia)", "Shenhua Energy (China)",
             "Mongolian Mining Corp (Hong Kong)"]
    closing = "None of the three companies replied to questions about the queues."
    lines = page("Trucks wait at the crossing on Monday. Photo: Reuters", *items, closing)
    kept = clean_paragraphs(lines).paragraphs
    assert kept[-4:] == [*items, closing]


def test_a_numbered_list_of_headlines_in_the_furniture_goes() -> None:
    items = ["1. Kazakh wheat heads east on a new rail route",
             "2. How a steppe town became a solar hub",
             "3. Herders move south as the winter sets in early"]
    # Under a heading no rule reads (invented words), after the share row.
    lines = page("Share on Facebook · Share on X · Email", "Vessa kralon", *items)
    assert clean_paragraphs(lines, model=False).paragraphs == BODY
    # Right after the story's last sentence the list is the article's.
    assert clean_paragraphs(page(*items), model=False).paragraphs == [*BODY, *items]
