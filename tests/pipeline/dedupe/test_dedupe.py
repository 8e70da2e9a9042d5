"""Dedupe layers on real seed texts, within one batch and against stored history."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from pipeline.dedupe.signature import BANDS, containment, jaccard, signature
from pipeline.extract.article import article_id, content_hash
from pipeline.records import Article
from pipeline.settings import Settings
from pipeline.urls import url_key
from tests.conftest import SAMPLES
from tests.support.staging import article, run_articles

SEEDS = {p.name[:3]: json.loads(p.read_text(encoding="utf-8"))
         for p in (SAMPLES / "seeds").glob("*.gold.json")}


def body(seed: str) -> list[str]:
    return list(SEEDS[seed]["body_paragraphs"])


def run(settings: Settings, run_id: str, articles: list[Article]) -> dict[str, int]:
    return run_articles(settings, run_id, articles)


def duplicates(settings: Settings) -> dict[str, tuple[str, str]]:
    with duckdb.connect(str(settings.db), read_only=True) as con:
        rows = con.execute("select d.url, d.method, a.url from article_duplicates d "
                           "join articles a on a.article_id = d.duplicate_of").fetchall()
    return {u: (m, orig) for u, m, orig in rows}


ORIGINAL = "https://marketherald.example/news/china-russia-opposition"


def copies() -> dict[str, tuple[Article, str]]:
    """Each copy of seed 001 with the method that must catch it."""
    b = body("001")
    retemplated = [p.replace("’", "'").replace("“", '"').replace("”", '"').replace("U.S.", "US")
                   for p in b]
    retemplated[3:5] = [retemplated[3] + " " + retemplated[4]]
    excerpt = [*b[1:int(len(b) * 0.6)], "Read the full story at Market Herald."]
    headline = [b[0].replace("Russia and China have expressed", "Moscow and Beijing voiced"),
                *b[1:]]
    wire = [f"MOSCOW, April 9 (Reuters) - {b[0]}", *b[1:],
            "(Reporting by Guy Faulconbridge; Editing by Alex Richardson)"]
    return {
        "exact": (article("https://asiawire.example/2024/04/10/opposition", b, source="b"),
                  "hash"),
        "retemplated": (article("https://mirror.example/p/123", retemplated, source="c"),
                        "near"),
        "excerpt": (article("https://digest.example/excerpt", excerpt, source="d"), "near"),
        "headline": (article("https://other.example/moscow-beijing-voice", headline,
                             title="Moscow and Beijing voice opposition", source="e"), "near"),
        "wire": (article("https://wire.example/rtr/xyz", wire, source="f"), "near"),
        "tracking": (article(ORIGINAL.replace("https://", "https://www.") +
                             "?utm_source=newsletter&utm_medium=email", b, source="g"), "url"),
        "amp": (article(ORIGINAL + "/amp", b, source="h"), "url"),
    }


@pytest.mark.parametrize("case", list(copies()))
def test_copy_caught_within_one_run(settings: Settings, case: str) -> None:
    copy, method = copies()[case]
    original = article(ORIGINAL, body("001"), published="2024-04-09")
    copy = replace(copy, published_at=datetime(2024, 4, 10, tzinfo=UTC))
    counts = run(settings, "r1", [original, copy])
    assert counts == {"loaded": 1, "duplicate": 1}
    assert duplicates(settings)[copy.url] == (method, ORIGINAL)


@pytest.mark.parametrize("case", list(copies()))
def test_copy_caught_in_a_later_run(settings: Settings, case: str) -> None:
    copy, method = copies()[case]
    run(settings, "r1", [article(ORIGINAL, body("001"))])
    counts = run(settings, "r2", [copy])
    assert counts == {"duplicate": 1}
    assert duplicates(settings)[copy.url] == (method, ORIGINAL)


def test_same_item_in_two_feeds(settings: Settings) -> None:
    a = article(ORIGINAL, body("001"), source="world")
    b = replace(a, source="analysis", feed_url="https://analysis.example/feed")
    counts = run(settings, "r1", [a, b])
    assert counts == {"loaded": 1, "duplicate": 1}


def test_same_guid_from_same_source(settings: Settings) -> None:
    run(settings, "r1", [article(ORIGINAL, body("001"), guid="urn:mh:4411")])
    moved = article("https://marketherald.example/2024/moved", body("002"), guid="urn:mh:4411")
    assert run(settings, "r2", [moved]) == {"duplicate": 1}
    assert duplicates(settings)[moved.url][0] == "guid"


def test_same_event_different_text_both_land(settings: Settings) -> None:
    a = article("https://eurasiareview.example/renew", body("000"), source="a")
    b = article("https://marketherald.example/intensify", body("001"), source="b")
    assert SEEDS["000"]["event"] == SEEDS["001"]["event"]
    assert run(settings, "r1", [a, b]) == {"loaded": 2}
    assert run(settings, "r2", [replace(b, url=b.url + "x", canonical_url=b.url + "x",
                                        entry_key=url_key(b.url + "x"),
                                        article_id=article_id(b.url + "x"),
                                        text=b.text + " Update.",
                                        content_hash=content_hash(b.text + " Update."))]
               ) == {"duplicate": 1}


def test_full_text_after_excerpt_is_recorded_as_better_copy(settings: Settings) -> None:
    b = body("001")
    run(settings, "r1", [article("https://digest.example/excerpt", b[1:10])])
    run(settings, "r2", [article(ORIGINAL, b)])
    with duckdb.connect(str(settings.db), read_only=True) as con:
        better = con.execute("select stored_url, better_url from better_copies").fetchall()
    assert better == [("https://digest.example/excerpt", ORIGINAL)]


def test_signature_estimates() -> None:
    full = "\n\n".join(body("003"))
    part = "\n\n".join(body("003")[2:12])
    other = "\n\n".join(body("000"))
    assert jaccard(signature(full), signature(full)) == 1.0
    assert containment(signature(part), signature(full)) > 0.9
    assert jaccard(signature(full), signature(other)) < 0.1


def test_syndication_view_counts_copies(settings: Settings) -> None:
    original = article(ORIGINAL, body("001"), source="mh")
    copy = article("https://asiawire.example/x", body("001"), source="asiawire",
                   published="2024-04-10")
    run(settings, "r1", [original, copy])
    with duckdb.connect(str(settings.db), read_only=True) as con:
        rows = con.execute("select original_source, republisher, copies from syndication"
                           ).fetchall()
    assert rows == [("mh", "asiawire", 1)]


def test_signatures_and_band_keys_stored(settings: Settings, tmp_path: Path) -> None:
    run(settings, "r1", [article(ORIGINAL, body("001"))])
    with duckdb.connect(str(settings.db), read_only=True) as con:
        sigs, bands = con.execute("select (select count(*) from article_signatures), "
                                  "(select count(*) from article_lsh)").fetchone()
    assert (sigs, bands) == (1, BANDS)
