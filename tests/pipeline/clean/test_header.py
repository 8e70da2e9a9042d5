"""The header of a scraped plain-text article (pipeline/clean/header.py) and the section
heading between paragraphs of prose (model_pass): an article written for this test."""

from __future__ import annotations

import pytest

from pipeline.clean.text import clean_paragraphs

TITLE = "Grain barges return to the Amur as the river thaws early"
LEAD = ("Grain barges have returned to the Amur River two weeks earlier than usual, port "
        "officials in Blagoveshchensk said on Tuesday, after a mild spring cleared the ice.")
BODY = [
    LEAD + " The first convoy carried soybeans bound for Heihe on the Chinese bank.",
    "Traders said the early start could add as much as 200,000 tonnes to the season's "
    "exports, most of it soybeans and rapeseed grown in the Amur region's southern districts.",
    "RIVER TRADE LOOKS UP",
    "The regional government has promised to dredge two shallow stretches near the city "
    "before July, when water levels usually fall and barges must travel half loaded.",
    "Chinese buyers have signed contracts for most of the early cargoes, a grain broker in "
    "Harbin said, adding that prices were slightly below last year's.",
]
PAGE = [
    TITLE, "",
    "Eastern River Courier", "",
    "News   Business   Regions   Opinion   Video", "",
    LEAD, "",
    "Svetlana Orlova", "",
    "Far East correspondent", "",
    "April 8, 2025", "",
    BODY[0], "", BODY[1], "", BODY[2], "", BODY[3], "", BODY[4], "",
    "Amur   Grain   China   Shipping",
]


def test_scraped_header_goes_and_the_body_stays() -> None:
    cleaned = clean_paragraphs(PAGE)
    assert cleaned.paragraphs == BODY
    assert cleaned.title == TITLE
    assert cleaned.author == "Svetlana Orlova"
    kinds = dict((text, kind) for kind, text in cleaned.removed)
    assert kinds["Eastern River Courier"] == "site_chrome"
    assert kinds["Far East correspondent"] == "byline"
    assert kinds[LEAD] == "lead_duplicate"


def test_the_headline_with_the_site_name_is_a_repeat() -> None:
    cleaned = clean_paragraphs([TITLE, f"{TITLE} | Eastern River Courier", *BODY])
    assert cleaned.paragraphs == BODY
    assert ("duplicate_title", f"{TITLE} | Eastern River Courier") in cleaned.removed


def test_short_lines_without_a_header_stay() -> None:
    # A list of facts under the headline, no date or byline after it: content.
    facts = ["Heihe", "Blagoveshchensk", "Tongjiang", "Nizhneleninskoye"]
    cleaned = clean_paragraphs([TITLE, *facts, *BODY])
    assert cleaned.paragraphs[:4] == facts


def test_list_items_end_the_header() -> None:
    items = ["- Soybeans", "- Rapeseed", "- Wheat"]
    cleaned = clean_paragraphs([TITLE, *items, "April 8, 2025", *BODY])
    assert cleaned.paragraphs[:3] == items


def test_spaced_rows_are_judged_on_plain_text_only() -> None:
    row = "News   Business   Regions   Opinion   Video"
    assert row.split()[0] not in " ".join(clean_paragraphs([TITLE, row, *BODY]).paragraphs)
    # A table row of figures keeps its gaps and stays.
    figures = "Soybeans   120,000 t   +14%"
    assert " ".join(figures.split()) in clean_paragraphs(
        [TITLE, *BODY[:2], figures, *BODY[2:]]).paragraphs


def test_a_heading_between_prose_paragraphs_stays() -> None:
    cleaned = clean_paragraphs([TITLE, *BODY])
    assert "RIVER TRADE LOOKS UP" in cleaned.paragraphs


def test_a_teaser_list_under_a_related_heading_at_the_end_goes() -> None:
    teasers = ["Related Commentary", "Why Mongolia wants a pipeline of its own",
               "Ice-class tankers are the Arctic's bottleneck",
               "The yuan's quiet rise in Central Asia"]
    cleaned = clean_paragraphs([TITLE, *BODY, *teasers])
    assert cleaned.paragraphs == BODY
    # The same heading inside the story heads a section: its short lines are not teasers.
    early = clean_paragraphs([TITLE, BODY[0], *teasers, *BODY[1:]])
    assert teasers[1] in early.paragraphs


def test_the_headline_is_not_a_skip_link_or_a_menu_row() -> None:
    page = ["Skip to main content", "", "News   Business   Regions", "", *PAGE]
    cleaned = clean_paragraphs(page)
    assert cleaned.title == TITLE
    assert cleaned.paragraphs == BODY


def test_date_lines_with_labels_weekdays_and_zones_and_shared_bylines() -> None:
    page = [TITLE, "By Svetlana Orlova and Li Wei",
            "First Published: Tue 8 Apr 2025, 06.40 BST", LEAD, "14", *BODY]
    cleaned = clean_paragraphs(page)
    assert ("dateline", "First Published: Tue 8 Apr 2025, 06.40 BST") in cleaned.removed
    assert cleaned.author == "Svetlana Orlova and Li Wei"
    # The standfirst is the lead's even with a bare count between them; once it went, the
    # header is read again down to the first sentence and the count (a share or comment
    # count under the byline) goes with it.
    assert ("lead_duplicate", LEAD) in cleaned.removed
    assert cleaned.paragraphs == BODY


def test_a_story_told_in_pictures_keeps_its_captions() -> None:
    captions = [f"Barges wait at the Blagoveshchensk quay on day {n} of the thaw." for n in
                range(1, 6)]
    page = [TITLE, BODY[0]]
    for n, caption in enumerate(captions, 1):
        page += [caption, f"{n}/5 — Photo: Anya Sokol / Amur Pictures"]
    cleaned = clean_paragraphs([*page, *BODY[1:]])
    assert all(c in cleaned.paragraphs for c in captions)
    # One picture in an article: its caption goes with its credit.
    one = clean_paragraphs([TITLE, BODY[0], captions[0], "Photo: Anya Sokol / Amur Pictures",
                            *BODY[1:]])
    assert captions[0] not in one.paragraphs


def test_an_interviewers_question_between_promos_stays() -> None:
    question = "Where does the river trade go from here?"
    page = [TITLE, *BODY, "Like what you're reading? Get our briefing in your inbox weekly.",
            question, "Rivers freeze; rails do not.", "Thank you.",
            "Sign up for the Amur briefing"]
    cleaned = clean_paragraphs(page)
    assert question in cleaned.paragraphs


def test_date_lines_read_common_zones_and_stay_quiet_on_unknown_ones() -> None:
    import warnings
    from datetime import UTC, datetime

    from pipeline.clean.header import parse_date

    assert parse_date("June 12, 2024 10:41 PM EDT") == datetime(2024, 6, 13, 2, 41, tzinfo=UTC)
    assert parse_date("March 3, 2024 9:00 BST") == datetime(2024, 3, 3, 8, 0, tzinfo=UTC)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dateutil warns on "ET" unless told not to
        assert parse_date("Mar 3, 2024 4:47 p.m. ET") == datetime(2024, 3, 3, 16, 47,
                                                                   tzinfo=UTC)


def test_a_date_line_whose_digits_read_as_an_impossible_offset_gives_no_date() -> None:
    from pipeline.clean.header import parse_date

    # dateutil's fuzzy parse takes the second date's "-30" for a UTC offset of -30 hours,
    # which no datetime holds: no date, and no crash (the cleaner raised on such a line).
    line = "Posted 2024-03-02 · edited 2024-04-30, 10:05"
    assert parse_date(line) is None
    assert clean_paragraphs([TITLE, line, *BODY]).paragraphs == BODY


def test_lines_that_are_no_sentence_above_the_first_sentence_go() -> None:
    header = ["Home › Regions › Far East › Amur", "Ministry of River Transport",
              "Khabarovsk −12°C Blagoveshchensk −9°C", "April 8, 2025", "3.4K 112"]
    cleaned = clean_paragraphs([TITLE, *header, *BODY])
    assert cleaned.paragraphs == BODY
    assert all(kind in ("site_chrome", "dateline") for kind, _ in cleaned.removed)


def test_a_live_pages_time_stamps_and_broken_lines_stay() -> None:
    # (The header pass alone: the classifier may judge a lone time stamp otherwise.)
    entries = ["09:40 BST", BODY[0], "10:15 BST", BODY[1]]
    assert clean_paragraphs([TITLE, "April 8, 2025", *entries], model=False
                            ).paragraphs == entries
    # A sentence broken into lines by the scraper: its first line is no header.
    broken = ["Grain barges have returned to the Amur River two weeks earlier",
              "than usual, port officials said on Tuesday.", *BODY[1:]]
    assert clean_paragraphs([TITLE, "April 8, 2025", *broken]).paragraphs == broken


def test_a_summary_above_the_byline_is_the_standfirst() -> None:
    summary = ("An early thaw has opened the river to grain traffic, and traders expect a "
               "record spring for soybean exports to China.")
    cleaned = clean_paragraphs([TITLE, summary, "By Svetlana Orlova", "April 8, 2025", *BODY])
    assert cleaned.paragraphs == BODY
    assert ("subtitle", summary) in cleaned.removed
    assert cleaned.description == summary
    # Below the byline the first sentence is the article's.
    assert clean_paragraphs([TITLE, "By Svetlana Orlova", "April 8, 2025", *BODY]
                            ).paragraphs == BODY


def test_a_byline_a_rule_took_still_names_the_author() -> None:
    cleaned = clean_paragraphs([TITLE, "By Svetlana Orlova, Staff Reporter", *BODY])
    assert cleaned.author == "Svetlana Orlova"


def test_a_caption_above_a_credit_with_a_title_goes() -> None:
    caption = "Soybean sacks wait for loading on the quay at Blagoveshchensk."
    lines = [TITLE, BODY[0], caption, "Photo courtesy of Dr. Ivan Sokolov", *BODY[1:]]
    assert clean_paragraphs(lines).paragraphs == BODY


def test_a_date_line_with_its_place_and_a_colon_dateline() -> None:
    summary = ("Soybean barges returned to the Amur River two weeks early this spring, "
               "officials in Blagoveshchensk said.")
    lead = ("BLAGOVESHCHENSK: Grain and soybean barges have returned to the Amur River two "
            "weeks earlier than usual, port officials in Blagoveshchensk said on Tuesday.")
    lines = [TITLE, "Blagoveshchensk - Apr 8, 2025 - 10:30 MSK", summary, lead, *BODY[1:]]
    cleaned = clean_paragraphs(lines)
    assert cleaned.paragraphs == [lead, *BODY[1:]]
    # A round-up's introduction above an item headed by a word in capitals stays.
    intro = "Here is what moved the river trade this week, from barges to border posts."
    roundup = [TITLE, "April 8, 2025", intro, "AMUR: Barges carried soybeans again on Tuesday.",
               *BODY[1:]]
    assert intro in clean_paragraphs(roundup).paragraphs


DATELINED = ("BLAGOVESHCHENSK — Grain barges have returned to the Amur River two weeks "
             "earlier than usual, port officials said on Tuesday.")
RETELLING = ("Grain barges have returned to the Amur River two weeks earlier than usual, port "
             "officials said, as traders prepare record soybean exports to China this spring.")


@pytest.mark.parametrize(("summary", "between", "lead", "kinds"), [
    # Above a lead that opens with its dateline: a summary, and a caption without credit.
    ("Barges carrying grain returned to the Amur River earlier than usual this spring, port "
     "officials said.",
     ["A tug pushes a barge past the embankment in a file picture from last year."],
     DATELINED, ["lead_duplicate", "image_caption"]),
    # Right above the page's picture: since session 30 no summary pass reads it there
    # (it took as many of the story's standfirsts as repeats on the tuning sets); a line
    # of a caption's length right above a credit goes as the caption.
    ("Grain barges are back on the Amur two weeks early, and traders expect a record spring "
     "for soybean exports to China.",
     ["Photo: Ivan Sokolov / Eastern River Courier"], RETELLING,
     ["image_caption", "image_credit"]),
])
def test_a_summary_above_the_lead_goes(summary: str, between: list[str], lead: str,
                                       kinds: list[str]) -> None:
    cleaned = clean_paragraphs([TITLE, "April 8, 2025", summary, *between, lead, *BODY[1:]])
    assert cleaned.paragraphs == [lead, *BODY[1:]]
    found = {text: kind for kind, text in cleaned.removed}
    assert [found[summary], *(found[line] for line in between)] == kinds


def test_the_lead_above_the_picture_and_paragraphs_above_a_later_dateline_stay() -> None:
    # A lead printed above the picture, which the story does not retell.
    captioned = "Barges at the quay in Blagoveshchensk. Photo: Ivan Sokolov"
    assert clean_paragraphs([TITLE, "April 8, 2025", BODY[0], captioned, *BODY[1:]]
                            ).paragraphs == BODY
    # More than two paragraphs above a dateline further down: the article's own.
    later = [BODY[0], BODY[1], BODY[3], DATELINED]
    assert clean_paragraphs([TITLE, "April 8, 2025", *later]).paragraphs == later


def test_key_points_above_the_byline_go() -> None:
    points = ["Barges returned to the Amur two weeks early.",
              "Traders expect record soybean exports to China.",
              "The city plans to dredge two shallow stretches."]
    cleaned = clean_paragraphs([TITLE, *points, "By Svetlana Orlova", "April 8, 2025", *BODY])
    assert cleaned.paragraphs == BODY
    # Four are no key points: the story may open above its date line.
    four = [*points, "Chinese buyers have signed for most early cargoes."]
    kept = clean_paragraphs([TITLE, *four, "By Svetlana Orlova", "April 8, 2025", *BODY])
    assert four[0] in kept.paragraphs


def test_a_summary_above_the_name_role_and_date_and_below_a_top_bar_date() -> None:
    summary = ("An early thaw has opened the river to grain traffic — and traders along the "
               "Amur expect a record spring")
    header = ["Svetlana Orlova", "Far East correspondent", "PUBLISHED : 8 Apr 2025 at 06:10"]
    cleaned = clean_paragraphs([TITLE, summary, *header, *BODY])
    assert cleaned.paragraphs == BODY
    assert ("subtitle", summary) in cleaned.removed
    # Today's date over the site's name and menus is the top bar's, not the story's.
    top = ["Tuesday, April 8, 2025", "EASTERN RIVER COURIER", "News  Business  Regions"]
    assert clean_paragraphs([TITLE, *top, summary, *header, *BODY]).paragraphs == BODY
    # No date under the name: the sentence may be the story's first.
    kept = clean_paragraphs([TITLE, summary + ".", "Svetlana Orlova", *BODY])
    assert summary + "." in kept.paragraphs


def test_several_names_beside_the_date_are_the_byline() -> None:
    cleaned = clean_paragraphs([TITLE, "Svetlana Orlova, Pavel Gusev and Lin Hao",
                                "April 8, 2025", *BODY])
    assert cleaned.paragraphs == BODY
    assert cleaned.author == "Svetlana Orlova, Pavel Gusev and Lin Hao"
    # The same shape among the paragraphs (a list of records and their artists) stays.
    items = ["Little Heron, Blue Harbour Nights", "Moss Lantern, Quiet Engines"]
    listed = [TITLE, *BODY[:2], "The records she played that night:", *items, *BODY[2:]]
    assert set(items) <= set(clean_paragraphs(listed).paragraphs)
