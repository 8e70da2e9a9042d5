"""Session 24, plain text: rules read past the icons around a line, a camera icon before a
credit, Uzbek's oʻ with any apostrophe, a subheading that asks inside the story, a
byline row with its dates, a line ending in the site's handle, the editorial office's
label, a reply prompt without a question, a teaser with its date, a credit naming a
press service in lower case, a Chinese correction. Each with the article's look-alike,
which stays. Every line here was written for these tests."""

from __future__ import annotations

from pipeline.clean.lexicon import words
from pipeline.clean.rules import undecorated
from pipeline.clean.text import clean_paragraphs

TITLE = "Rail freight between the two countries rises for a third month"
STORY = [
    "Rail freight between the two countries rose again in May, the third monthly rise in a "
    "row, the railway operator said on Tuesday.",
    "Most of the extra traffic was coal and timber heading south, while containers of "
    "machinery and cars travelled the other way.",
    "Officials expect the growth to slow in the summer, when maintenance closes one of the "
    "two main crossings for several weeks.",
    "Shippers say the waiting time at the border has fallen to about two days, from almost a "
    "week at the start of the year.",
]


def _kept(line: str, at: int = 2) -> bool:
    lines = [TITLE, *STORY[:at], line, *STORY[at:]]
    return line in clean_paragraphs(lines).paragraphs


def test_icons_around_a_line_are_no_part_of_its_wording() -> None:
    assert undecorated("📲 Follow us on Telegram") == "Follow us on Telegram"
    assert undecorated("Join our channel 👇") == "Join our channel"
    assert undecorated("© 2025 The Courier") is None  # the sign is the rule's own matter
    assert undecorated("Plain words") is None
    # Without the icon, the anchored rule for the call to follow fires.
    assert not _kept("👉 Follow us on Facebook")
    assert not _kept("▶️ Like us on Facebook")
    # A sentence of the story that opens with an icon stays.
    assert _kept("⚡ Freight volumes rose by a fifth compared with the same month last year.")


def test_a_camera_icon_before_a_credit_keeps_the_post_above_it() -> None:
    post = ("Drivers say the queue stretched for eleven kilometres by the evening. The customs "
            "office promised to open two more lanes overnight.")
    lines = [TITLE, *STORY[:2], post, "📷 Photo: a reader of the channel", *STORY[2:]]
    cleaned = clean_paragraphs(lines)
    assert post in cleaned.paragraphs
    assert "📷 Photo: a reader of the channel" not in cleaned.paragraphs


def test_uzbek_o_and_g_are_one_letter_whatever_the_apostrophe() -> None:
    assert words("O‘qish") == words("Oʻqish") == words("O'qish") == ["oʻqish"]
    assert words("bo`ling") == ["boʻling"]
    # Elsewhere the apostrophe still parts the words ("l'article").
    assert words("l'article") == ["l", "article"]


TITLE_NDS = "Nee Fährschipp för de Insel ward in China boot"
HEAD_NDS = ["Start | Narichten | Region | Kultur",
            "Vun Hauke Petersen | 4. März 2025, 8:10 Klock | Aktualiseert: 12:05 Klock"]
STORY_NDS = [
    "De Reederee op de Insel hett en nee Fährschipp bi en Warft in China bestellt, dat al "
    "in twee Johr fohren schall.",
    "Dat ole Schipp is mehr as dörtig Johr oolt un mutt jümmers faker in de Warft, seggt de "
    "Reederee.",
    "Dat nee Schipp kost rund veertig Millionen Euro, un dat Land gifft en Deel vun dat Geld "
    "dorto.",
    "De Warft in China hett den Updrag kregen, wiel se dat günstigste Angebot maakt hett, "
    "heet dat.",
    "In de Gemeen gifft dat ok Kritik, wiel dat Schipp nich in en düütsche Warft boot "
    "ward.",
    "Un wat seggt de Börgermeester?",
    "He seggt, dat man dat Geld nich twee Mal utgeven kann, un dat de Insel dat Schipp "
    "dringend bruukt.",
]
TAIL_NDS = [
    "Anmarken: De Tallen in düssen Text kaamt vun de Reederee sülvst.",
    "Themen: Fähr · Insel · Schippbau",
    "Hauke Petersen schrifft siet teihn Johr över Scheep, Havens un dat Leven op de "
    "Inseln. He wahnt sülvst op de Insel un fohrt jeden Dag mit de Fähr na de Arbeit.",
    "Mehr vun uns",
    "Nee Hoffnung för den olen Hafen",
    "Bus fohrt nu ok sünndags",
    "Wat de Fischers vun den Winter seggt?",
    "Meist leest",
    "1. Storm sett den Diek ünner Druck",
    "2. Nee Kinnergoorn in't Dörp apen",
    "3 Kommentaren",
    "Schriev uns dien Menen – bitte fründlich un bi't Thema blieven.",
    "© 2025 Inselbode",
]


def test_a_subheading_that_asks_does_not_hide_the_story_above_it() -> None:
    # "Un wat seggt de Börgermeester?" is a subheading: the story's end is its last
    # paragraph below it, and the
    # teasers below the tags are the frame (read as the story's before: the story's end
    # was the comment prompt, the last sentence with two more above it).
    cleaned = clean_paragraphs([TITLE_NDS, *HEAD_NDS, *STORY_NDS, *TAIL_NDS])
    assert all(line in cleaned.paragraphs for line in STORY_NDS)
    assert "Mehr vun uns" not in cleaned.paragraphs
    assert "Nee Hoffnung för den olen Hafen" not in cleaned.paragraphs


def test_a_byline_row_with_its_dates_names_the_writer_of_the_card() -> None:
    # The row of name, date and update time is longer than a byline alone; the card at
    # the page's end opens with its name.
    tail = [TAIL_NDS[1], TAIL_NDS[2], TAIL_NDS[-2], TAIL_NDS[-1]]
    cleaned = clean_paragraphs([TITLE_NDS, *HEAD_NDS, *STORY_NDS, *tail])
    assert TAIL_NDS[2] not in cleaned.paragraphs
    assert cleaned.author is not None and "Hauke Petersen" in cleaned.author


def test_a_line_ending_in_the_sites_handle_is_a_channel_pitch() -> None:
    assert not _kept("Kanalymyzga goşulyň: @demiryol_habar")
    assert not _kept("Follow the desk on X — @freightdesk")
    # A colon and a handle inside the story's sentence, not at its end, leave it alone.
    assert _kept("One trader put it simply: @railfreight data show the trend, and the "
                 "ministry's figures agree with them.")


def test_the_editorial_offices_label_opens_a_note() -> None:
    assert not _kept("Nota dâ redazzioni: st'articulu fu aggiurnatu cu li dati novi.", at=4)
    assert not _kept("Рэдакцыйная заўвага: тэкст абноўлены пасля адказу міністэрства.", at=4)
    assert not _kept("Notis redaksi: artikel ini diperbarui dengan tanggapan kementerian.", at=4)
    # The office named inside a sentence of the story stays.
    assert _kept("The ministry told the editorial office of the paper that it would answer "
                 "within a week.", at=4)


def test_a_reply_prompt_needs_a_question_to_be_the_frame() -> None:
    assert not _kept("Spotted a mistake? Hit reply and tell us.", at=4)
    assert _kept("As ever, just hit reply if you think I have the numbers wrong; I answer "
                 "every letter.", at=4)


def test_a_headline_with_its_date_after_a_dash_is_a_teaser() -> None:
    assert not _kept("Port workers end strike after pay deal — 3 April 2025", at=4)
    assert not _kept("Nuevo puente fronterizo abrirá en verano — 12.05.2025", at=4)
    assert _kept("The last strike ended on 3 April 2025, after a deal on pay.", at=4)


def test_a_caption_credits_a_press_service_in_lower_case() -> None:
    caption = ("Gruzowe wagony na stacji w Małaszewiczach. Fot. służba prasowa "
               "przewoźnika")
    assert not _kept("Trucks wait at the crossing near the river. Photo: press service of "
                     "the regional government")
    assert not _kept(caption)
    # Lower case after a label, no service or archive named: the sentence goes on.
    assert _kept("Drivers waited for four days. Reason: a single customs lane at night")


def test_a_chinese_correction_note_goes() -> None:
    lines = ["中俄铁路货运量连续三个月增长",
             "五月份两国之间的铁路货运量再次上升，铁路运营方周二表示，这是连续第三个月增长。",
             "增加的运量主要是向南运输的煤炭和木材，机械和汽车集装箱则向北运输。",
             "更正：本文早前版本误将增长幅度写为百分之十五，应为百分之十二。",
             "官员预计夏季增速将放缓，届时主要口岸之一将因检修关闭数周。"]
    cleaned = clean_paragraphs(lines)
    assert lines[3] not in cleaned.paragraphs
    assert lines[4] in cleaned.paragraphs


def test_a_reading_time_or_counter_by_shape_in_any_language() -> None:
    assert not _kept("Olvasási idő: 6 perc")
    assert not _kept("4 perc olvasás")
    # A quantity of the story keeps its line.
    assert _kept("Population: 12 million")


def test_a_short_line_naming_two_platforms_is_a_call_to_follow() -> None:
    assert not _kept("Sledujte nás na Facebooku a Instagramu!", at=4)
    assert not _kept("Like Northwind Daily on Facebook", at=4)
    # A sentence about the platforms is the story's.
    assert _kept("Facebook and Telegram were both blocked in the region last year.", at=4)


def test_a_more_on_heading_heads_the_list_below_it() -> None:
    teasers = ["More on Arctic shipping", "Icebreaker fleet to grow by three ships",
               "Insurers raise premiums on the northern route"]
    cleaned = clean_paragraphs([TITLE, *STORY, "Tags: rail, freight", *teasers])
    assert cleaned.paragraphs == STORY


def test_the_mongolian_full_stop_ends_a_sentence() -> None:
    from pipeline.clean.header import TERMINAL
    assert TERMINAL.search("ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ᠃")
    assert TERMINAL.search("བོད་ཡིག༎")


def test_a_fields_placeholder_goes_in_any_script() -> None:
    assert not _kept("Search the archive…", at=4)
    assert not _kept("Напишите комментарий...", at=4)
    # Lower case, or a sentence's mark before the dots: the writer trailing off.
    assert _kept("and then, nothing...", at=4)
    assert _kept("Prices rose. And then...", at=4)


def test_the_sentence_terminals_of_other_scripts_end_sentences() -> None:
    from pipeline.clean.header import TERMINAL
    for line in ("ᱥᱮᱨᱢᱟ ᱨᱮ ᱦᱚᱲ ᱠᱚ ᱛᱟᱦᱮᱸ ᱠᱟᱱᱟ᱾", "ᓂᑭᐢᑫᓂᑕᐣ᙮", "ܗܕܐ ܟܬܝܒܬܐ ܝܠܗ܂", "ꕉ ꕮ ꗏ꘎",
                 "ꯃꯤꯇꯩ ꯂꯣꯟ꯫", "ꦲꦏ꧉"):
        assert TERMINAL.search(line), line
