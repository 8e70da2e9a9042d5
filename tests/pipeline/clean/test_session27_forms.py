"""Session 27, plain text: a summary printed twice above a datelined lead, a pull-quote that drops
the quote marks of the story's quote, captions closing in a credit after their full stop,
inbox promises and trial offers in European languages, comment rules, continue-below notes,
Chinese staff credits, series headings and research disclaimers. Each with the article's
look-alike, which stays. Every line here was written for these tests."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs

# The same placement helper and story as session 25's tests.
from tests.pipeline.clean.test_session25_forms import STORY, TITLE, _kept

STANDFIRST = ("Grain buyers in the south are filling their stores early this year, and the "
              "eastern ports have never been busier.")


def _labels(lines: list[str]) -> list[str | None]:
    return clean_paragraphs(lines).labels


def test_a_summary_printed_twice_above_a_datelined_lead_keeps_one_copy() -> None:
    lead = "VLADIVOSTOK — " + STORY[0]
    kept = clean_paragraphs([TITLE, STANDFIRST, STANDFIRST, lead, *STORY[1:]]).paragraphs
    assert kept.count(STANDFIRST) == 1
    assert all(p in kept for p in [lead, *STORY[1:]])


def test_an_unquoted_pull_quote_next_to_its_quote_goes() -> None:
    said = ("\"Every berth we have is booked until the ice comes, and we are turning ships "
            "away,\" said the harbour master, Lena Vogt.")
    line = "Every berth we have is booked until the ice comes, and we are turning ships away."
    story = [*STORY[:2], said, line, *STORY[2:]]
    assert line not in clean_paragraphs([TITLE, *story]).paragraphs
    # Far from the quote, the same words are the story's own line.
    story = [line, *STORY, said]
    assert line in clean_paragraphs([TITLE, *story]).paragraphs


def test_captions_closing_in_a_credit_go() -> None:
    assert not _kept("A loaded bulk carrier leaves the northern terminal at dawn. "
                     "Maria Lund for Harbour Weekly")
    assert not _kept("Wheat is loaded at the new terminal in October. DPA/Jens Koch")
    assert not _kept("A grain scoop from the first harvest of the colony, about 1910. "
                     "Lent by the county archive")
    assert not _kept("Элеватор в порту Находка. Источник изображения: администрация порта")
    # A sentence that names a sponsor stays.
    assert _kept("The new terminal was paid for by a consortium of three trading houses, "
                 "the authority said.", at=1)


def test_inbox_promises_and_trial_offers_go() -> None:
    assert not _kept("Die Hafen-Lage am Abend: alles zum Getreidehandel, werktags um 18 Uhr "
                     "in Ihrem Postfach.")
    assert not _kept("Elke maandag de havenberichten in je mailbox? Schrijf je in.")
    assert not _kept("Každý pátek vám pošleme přehled zpráv z přístavů.")
    assert not _kept("Jetzt das Digital-Abo einen Monat gratis testen.")
    assert _kept("Die Reederei verschickt ihre Fahrpläne seit Jahren per Post, sagte ein "
                 "Sprecher.", at=1)


def test_comment_rules_and_continue_below_notes_go() -> None:
    assert not _kept("Kommentieren können nur registrierte Leser.")
    assert not _kept("Diskutovat mohou pouze přihlášení čtenáři.")
    assert not _kept("Текст продолжается ниже")
    assert not _kept("Dalsza część artykułu pod reklamą")
    assert not _kept("Комментарии (5) · Войдите, чтобы ответить")


def test_chinese_credits_series_headings_and_disclaimers_go() -> None:
    assert not _kept("（撰稿：张伟　审核：王芳）")
    assert not _kept("某某网资料图")
    assert not _kept("Earlier in this series")
    assert not _kept("For professional investors only. Not for retail distribution.", at=0)
    assert not _kept("This note is for information purposes only and is not an offer to buy "
                     "or sell any security.", at=4)


def test_a_call_for_host_families_is_no_bio() -> None:
    line = ("The Harbour Friendship Society is looking for host families for the spring "
            "visit of ten students from the sister port.")
    assert _kept(line, at=4)
    assert not _kept("Anna Reyes is a senior correspondent covering shipping and trade.", at=4)
