"""Briefs land, flagged: the word floor only catches empty or broken extraction (issue 16)."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.settings import Settings
from tests.support.staging import article, run_articles

# Written for this test: a 36-word wire brief on the beat.
BRIEF = ("Russia and China signed an agreement on Tuesday to open a second rail freight "
         "terminal at the Manzhouli crossing, the two transport ministries said, adding that "
         "construction would start in June and finish within two years.")
LONG = [f"Paragraph {i} of a full report on Moscow and Beijing's talks about a gas route, "
        "with figures, quotes from officials and the background of earlier agreements."
        for i in range(6)]


def stored(settings: Settings) -> dict[str, tuple[int, bool]]:
    with duckdb.connect(str(settings.db), read_only=True) as con:
        return {u: (n, b) for u, n, b in con.execute(
            "select url, word_count, is_brief from articles").fetchall()}


def test_brief_on_the_beat_lands_flagged_beside_a_full_article(settings: Settings) -> None:
    assert 30 <= len(BRIEF.split()) < settings.brief_words
    brief, full = "https://wire.example/brief/manzhouli", "https://wire.example/full/manzhouli"
    counts = run_articles(settings, "r1", [article(brief, [BRIEF]), article(full, LONG)])
    assert counts == {"loaded": 2}
    assert stored(settings)[brief] == (len(BRIEF.split()), True)
    assert stored(settings)[full][1] is False


def test_empty_or_broken_extraction_is_quarantined(settings: Settings) -> None:
    broken = [article(f"https://wire.example/broken/{n}", [" ".join(BRIEF.split()[:n]) or " "])
              for n in (0, 5, 20)]
    assert run_articles(settings, "r1", broken) == {"quarantined": 3}
    with duckdb.connect(str(settings.db), read_only=True) as con:
        failed = [f for (f,) in con.execute("select failed from quarantine").fetchall()]
    assert len(failed) == 3 and all("word_count" in f for f in failed)


def test_floor_and_brief_size_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RCWIRE_MIN_WORDS", "40")
    monkeypatch.setenv("RCWIRE_BRIEF_WORDS", "120")
    assert (Settings().min_words, Settings().brief_words) == (40, 120)
    monkeypatch.delenv("RCWIRE_MIN_WORDS")
    monkeypatch.delenv("RCWIRE_BRIEF_WORDS")
    assert Settings().min_words < 30 < Settings().brief_words
