"""Furniture that needs no word list (pipeline/clean/rows.py, the cookie and credit rules
of config/boilerplate.yaml) and lines of a kindred language's furniture words
(pipeline/clean/lexicon.py): plain text, as the seeds arrive. Invented outlets, words of
no language where the test is about shape; the article is test_tail.py's."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs
from tests.pipeline.clean.test_tail import BODY, TITLE

NUMBERED = ("1. Velka dorran sulo pekt marinta 2. Osto kerrin dalu vess 3. Brannik tul "
            "semo harrast pelin")
BARRED = ("Dorran velka pekt sulo marinta | Kessar olvu tranne dalu | Ferro minst akkul "
          "brannik tul")


def test_rows_of_headlines_and_the_heading_over_them_go() -> None:
    for row in (NUMBERED, BARRED):
        lines = [TITLE, *BODY, "Velka semmari", row]
        cleaned = clean_paragraphs(lines)
        assert cleaned.paragraphs == BODY, row
        kinds = dict((text, kind) for kind, text in cleaned.removed)
        assert kinds["Velka semmari"] == "related_posts"


def test_a_table_and_a_sentence_with_dashes_stay() -> None:
    # Rows of as many parts one under the other are a table's; a sentence's dashes part
    # clauses that open in lower case.
    table = ["Power line north — Operating since spring — State grid company",
             "Power line south — Under construction now — Private consortium group"]
    dashes = ("The deal — signed in May after two years of talks — covers gas and oil "
              "deliveries until the end of the decade")
    lines = [TITLE, BODY[0], *table, dashes, *BODY[1:]]
    # The wording rules only (the classifier judges a table's line on its own).
    kept = clean_paragraphs(lines, model=False).paragraphs
    assert kept == [BODY[0], *table, dashes, *BODY[1:]]
    # One such line alone is a row.
    assert table[0] not in clean_paragraphs([*lines[:2], table[0], *BODY[1:]],
                                            model=False).paragraphs


def test_a_caption_credited_to_an_agency_goes_in_any_language() -> None:
    caption = "Trucks wait at the crossing near the border post. Velkor: Reuters"
    told = "The customs office confirmed the new inspection rule in a statement to Reuters."
    cleaned = clean_paragraphs([TITLE, BODY[0], caption, told, *BODY[1:]])
    assert cleaned.paragraphs == [BODY[0], told, *BODY[1:]]
    assert ("image_credit", caption) in cleaned.removed


def test_a_cookie_banner_goes_in_a_language_no_rule_reads() -> None:
    banner = "Velka sito durra kukis pel morran tessa. Olvu darrin, pekt anno. [Akkor]"
    cleaned = clean_paragraphs([TITLE, *BODY, banner])
    assert cleaned.paragraphs == BODY
    assert ("cookie_notice", banner) in cleaned.removed


def test_cookies_in_a_story_or_a_manual_stay() -> None:
    story = ("Regulators said the browser would stop third-party cookies next year, and "
             "advertisers in Beijing and Moscow would have to find other ways to track users.")
    manual = "allowed so that background workers may not set cookies on their own."
    lines = [TITLE, BODY[0], story, manual, *BODY[1:]]
    assert clean_paragraphs(lines).paragraphs == [BODY[0], story, manual, *BODY[1:]]


def test_a_kindred_languages_furniture_line_goes_on_a_page_in_it() -> None:
    # Spanish and Italian words as a kindred language spells them: accents aside, a
    # letter off. The body is in a language no list reads.
    body = ["Velka dorran sulo pekt marinta osto kerrin dalu vess brannik, tul semo harrast "
            "pelin ossa dranne kolvi.",
            "Kessar olvu tranne dalu ferro minst akkul brannik tul, semo harrast pelin "
            "ossa dranne kolvi velka.",
            "Dorran velka pekt sulo marinta kessar olvu tranne dalu, ferro minst akkul "
            "brannik tul semo."]
    lines = ["Velka dorran sulo pekt", body[0], "Publicitá", body[1], body[2],
             "Comparteix la noticia"]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == body


def test_an_english_heading_a_letter_off_another_list_stays() -> None:
    lines = [TITLE, BODY[0], "Response", *BODY[1:]]
    assert clean_paragraphs(lines).paragraphs == [BODY[0], "Response", *BODY[1:]]


def test_a_counter_goes_and_a_year_heading_stays() -> None:
    lines = [TITLE, *BODY, "Share on Facebook · Share on X · Email", "Dravelli 14"]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == BODY
    assert ("comment_form", "Dravelli 14") in cleaned.removed
    lines = [TITLE, BODY[0], "2027 Outlook", *BODY[1:]]
    assert "2027 Outlook" in clean_paragraphs(lines, model=False).paragraphs


SITE = "Velka Posten"


def test_lines_below_the_story_naming_the_site_go() -> None:
    # A pitch and a policy in a language no rule reads, below the story's end and a
    # furniture line, each naming the site printed at the page's head.
    pitch = "Dorran Velka Posten sulo pekt marinta osto kerrin dalu vess."
    policy = "Velka Posten kessar olvu tranne dalu ferro minst akkul brannik tul semo."
    lines = [TITLE, SITE, *BODY, "Share on Facebook · Share on X · Email", pitch, policy]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == BODY
    assert ("site_chrome", policy) in cleaned.removed


def test_the_site_named_in_the_story_or_at_its_end_stays() -> None:
    told = ("A customs officer told Velka Posten that the new lane would open at the end of "
            "the month, earlier than planned.")
    credit = "Drivers said the queue moved faster on Tuesday, a reporter of Velka Posten saw."
    # The story names the site: every line naming it stays.
    lines = [TITLE, SITE, BODY[0], told, *BODY[1:], "Share on Facebook · Share on X · Email",
             "Velka Posten kessar olvu tranne dalu ferro minst akkul brannik tul semo."]
    assert told in clean_paragraphs(lines).paragraphs
    # A credit right below the story's last sentence, before any furniture line.
    lines = [TITLE, SITE, *BODY, credit, "Share on Facebook · Share on X · Email"]
    assert credit in clean_paragraphs(lines).paragraphs
