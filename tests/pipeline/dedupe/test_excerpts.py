"""Teasers: the opening of an article published as a page of its own, linked to the full
article whichever arrives first, within one run and across runs (issue 16)."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.dedupe.opening import EXCERPT_COVERAGE, excerpt_coverage, opening
from pipeline.records import Article
from pipeline.settings import Settings
from tests.support.staging import article, run_articles

# Written for this test: an invented wire story of nine paragraphs.
FULL = [
    "Customs officers at the Zabaikalsk crossing cleared a record number of freight wagons "
    "in March as grain, timber and fertiliser moved south while machinery and electronics "
    "moved north, the regional railway said on Monday.",
    "The operator said daily throughput rose by a fifth compared with the same month of "
    "last year, helped by a second inspection hall that opened in January and by longer "
    "working hours for border staff.",
    "Traders said the queues of trucks on the road crossing were shorter than in winter, "
    "although delays of two or three days remained common for refrigerated cargo.",
    "A spokesman for the railway declined to give figures for individual commodities but "
    "said container traffic had grown faster than bulk cargo for the third month running.",
    "Freight forwarders in Chita said rates for a forty-foot container had eased slightly "
    "after a spike in February, when heavy snow closed part of the line for two days.",
    "Officials on both sides of the border have promised to digitise customs paperwork by "
    "the end of the year, which forwarders say could cut waiting times by half.",
    "Analysts cautioned that payment problems still slowed some deals, with exporters "
    "waiting weeks for transfers to clear through smaller regional banks.",
    "The railway expects volumes to keep rising through the summer, when the grain harvest "
    "begins moving and river routes reopen to barges.",
    "A new bridge across the river further east is due to open next year and will take "
    "some road traffic off the crossing, regional officials said.",
]
ARTICLE_URL = "https://railwire.example/2024/04/zabaikalsk-record"
TEASER_URL = "https://digest.example/briefing/zabaikalsk"


def teaser(paragraphs: int = 2, link: str = "Read the full story at Rail Wire.") -> Article:
    return article(TEASER_URL, [*FULL[:paragraphs], link], source="digest",
                   published="2024-04-10")


def full(published: str = "2024-04-09") -> Article:
    return article(ARTICLE_URL, FULL, source="railwire", published=published)


def duplicates(settings: Settings) -> list[tuple[str, str, str, float, float, bool]]:
    with duckdb.connect(str(settings.db), read_only=True) as con:
        return con.execute(
            "select d.url, d.method, a.url, d.similarity, d.containment, d.better_copy "
            "from article_duplicates d join articles a on a.article_id = d.duplicate_of "
            "order by d.url").fetchall()


def stored_urls(settings: Settings) -> list[str]:
    with duckdb.connect(str(settings.db), read_only=True) as con:
        return [r[0] for r in con.execute("select url from articles order by url").fetchall()]


def test_teaser_after_its_article_in_one_run(settings: Settings) -> None:
    assert run_articles(settings, "r1", [full(), teaser()]) == {"loaded": 1, "duplicate": 1}
    [(url, method, kept, similarity, share, better)] = duplicates(settings)
    assert (url, method, kept, better) == (TEASER_URL, "excerpt", ARTICLE_URL, False)
    assert similarity == share and EXCERPT_COVERAGE <= share <= 1.0


def test_teaser_published_first_still_yields_to_its_article_in_one_run(
        settings: Settings) -> None:
    # The teaser is older, so it is considered first; the full article still wins.
    early = article(TEASER_URL, [*FULL[:2], "Continue reading on Rail Wire."],
                    source="digest", published="2024-04-08")
    assert run_articles(settings, "r1", [early, full()]) == {"loaded": 1, "duplicate": 1}
    assert stored_urls(settings) == [ARTICLE_URL]
    assert [d[:3] for d in duplicates(settings)] == [(TEASER_URL, "excerpt", ARTICLE_URL)]


def test_copies_of_a_replaced_teaser_point_at_the_full_article(settings: Settings) -> None:
    early = article(TEASER_URL, [*FULL[:2], "More at Rail Wire."], source="digest",
                    published="2024-04-08")
    mirror = article("https://mirror.example/digest/zabaikalsk", [*FULL[:2], "More at Rail Wire."],
                     source="mirror", published="2024-04-08")
    counts = run_articles(settings, "r1", [early, mirror, full()])
    assert counts == {"loaded": 1, "duplicate": 2}
    assert {d[2] for d in duplicates(settings)} == {ARTICLE_URL}


def test_teaser_in_a_later_run(settings: Settings) -> None:
    run_articles(settings, "r1", [full()])
    assert run_articles(settings, "r2", [teaser(3)]) == {"duplicate": 1}
    [(url, method, kept, _, share, better)] = duplicates(settings)
    assert (url, method, kept, better) == (TEASER_URL, "excerpt", ARTICLE_URL, False)
    assert share >= EXCERPT_COVERAGE


def test_full_article_after_its_teaser_in_a_later_run_is_the_better_copy(
        settings: Settings) -> None:
    run_articles(settings, "r1", [teaser()])
    assert run_articles(settings, "r2", [full("2024-04-11")]) == {"duplicate": 1}
    [(url, method, kept, _, _, better)] = duplicates(settings)
    assert (url, method, kept, better) == (ARTICLE_URL, "excerpt", TEASER_URL, True)
    with duckdb.connect(str(settings.db), read_only=True) as con:
        assert con.execute("select stored_url, better_url from better_copies").fetchall() == [
            (TEASER_URL, ARTICLE_URL)]


def test_same_lead_then_a_different_story_both_land(settings: Settings) -> None:
    # A follow-up that reuses the first paragraph but goes on to other news is no teaser.
    follow = article("https://railwire.example/2024/05/zabaikalsk-fire",
                     [FULL[0], *(f"Paragraph {i} about a depot fire that closed the yard for "
                                 "two days and what the investigators found afterwards."
                                 for i in range(8))],
                     source="railwire", published="2024-05-02")
    assert run_articles(settings, "r1", [full(), follow]) == {"loaded": 2}


def test_near_copy_records_similarity_and_containment(settings: Settings) -> None:
    edited = article("https://mirror.example/zabaikalsk", [*FULL[:8], "Edited by the desk."],
                     source="mirror", published="2024-04-10")
    assert run_articles(settings, "r1", [full(), edited]) == {"loaded": 1, "duplicate": 1}
    [(_, method, _, similarity, share, _)] = duplicates(settings)
    assert method == "near" and 0.6 <= similarity <= 1.0 and 0.8 <= share <= 1.0


@pytest.mark.parametrize("text", [
    # Chinese has no spaces: characters are the tokens.
    "中俄边境口岸三月份通关货运列车数量创历史新高。粮食、木材和化肥南下，机械和电子产品北上。"
    "铁路部门周一表示，日均通关量同比增长两成，得益于一月份启用的第二个查验大厅。",
    "Российские и китайские таможенники в марте оформили рекордное число грузовых вагонов "
    "на переходе Забайкальск, сообщила железная дорога в понедельник, добавив, что зерно "
    "и лес идут на юг, а техника и электроника на север.",
])
def test_openings_in_other_scripts_link_a_teaser(text: str) -> None:
    body = f"{text}\n\n{text[::-1]}\n\n{text[len(text) // 2:]}"
    assert excerpt_coverage(opening(f"{text}\n\nRead more."), opening(body)) >= EXCERPT_COVERAGE
    assert excerpt_coverage(opening(text[len(text) // 3:]), opening(body)) == 0.0


def test_short_texts_have_no_opening_to_link() -> None:
    assert opening("Moscow and Beijing signed a deal.").ladder == ()
