"""The online matcher: joins the reports of one event, keeps distinct events apart, closes
quiet stories, and explains every decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipeline.stories.features import Features, features
from pipeline.stories.match import Params, StoryIndex, assign_all

DAY = datetime(2025, 3, 3, 9, tzinfo=UTC)


def art(article_id: str, title: str, lead: str, days: float = 0, language: str = "en",
        source: str = "a") -> Features:
    return features(article_id, source, language, title, lead, DAY + timedelta(days=days),
                    dated=True)


FAIR = [
    art("f1", "Harbin fair opens with 1,450 Russian exhibitors",
        "The Russia-China Expo opened in Harbin on Monday with 1,450 Russian companies, "
        "the organisers said, a record for the fair.", source="a"),
    art("f2", "Record Russian presence at Harbin expo",
        "A record 1,450 Russian firms are exhibiting at the Harbin expo that opened on "
        "Monday, according to the organisers.", source="b"),
    art("f3", "Выставка в Харбине открылась с рекордом", "В Харбине открылась выставка, "
        "где участвуют 1450 российских компаний, сообщил Путин.", language="ru", source="c"),
]
STRIKE = [
    art("s1", "Dockers strike at Vladivostok port halts container traffic",
        "Crane operators at Vladivostok's commercial port walked out on Monday over pay, "
        "stopping container loading for a second day.", source="a"),
    art("s2", "Vladivostok port strike enters third day",
        "Container traffic at Vladivostok remains halted as crane operators continue "
        "their walkout over pay.", days=1, source="d"),
]


def test_reports_of_one_event_join_and_other_events_stay_apart() -> None:
    done = assign_all(FAIR[:2] + STRIKE, Params())
    story = {a.article_id: a.story_id for a in done}
    assert story["f1"] == story["f2"]
    assert story["s1"] == story["s2"]
    assert story["f1"] != story["s1"]


def test_every_decision_is_explained() -> None:
    opened, joined = assign_all(FAIR[:2], Params())
    assert opened.opened and opened.cues["opened"] and opened.score == 0.0
    assert not joined.opened and joined.score >= Params().threshold
    assert "1450" in joined.cues["numbers"]
    assert joined.cues["days_apart"] == 0.0 and not joined.cues["reopened"]


def test_a_report_in_another_language_joins_on_numbers_and_timing() -> None:
    done = assign_all(FAIR, Params())
    assert done[2].story_id == done[0].story_id
    assert done[2].cues["numbers"] == ["1450"]


def test_assignment_is_deterministic() -> None:
    first = [(a.story_id, a.score) for a in assign_all(FAIR + STRIKE, Params())]
    assert first == [(a.story_id, a.score) for a in assign_all(FAIR + STRIKE, Params())]


def test_a_closed_story_reopens_only_with_a_strong_cue() -> None:
    later_plain = art("f4", "Harbin expo draws Russian firms", "Russian companies exhibited "
                      "at the Harbin expo, the organisers said.", days=9)
    later_number = art("f5", "Harbin expo closes after record 1,450 Russian exhibitors",
                       "The Harbin expo, where 1,450 Russian companies exhibited, closed "
                       "with deals signed, the organisers said.", days=9)
    params = Params(quiet_days=4)
    plain = assign_all([*FAIR[:2], later_plain], params)
    assert plain[2].opened
    strong = assign_all([*FAIR[:2], later_number], params)
    assert strong[2].story_id == strong[0].story_id and strong[2].cues["reopened"]


def test_stories_past_the_retention_period_leave_the_index() -> None:
    index = StoryIndex(Params(retention_days=30))
    for a in FAIR[:2]:
        index.assign(a)
    assert index.total == 1 and index.df["n:1450"] == 1
    assert index.prune(DAY + timedelta(days=29)) == []
    assert len(index.prune(DAY + timedelta(days=31))) == 1
    assert index.total == 0 and index.df["n:1450"] == 0 and not index.postings["n:1450"]


def test_an_undated_article_joins_only_with_strong_cues() -> None:
    undated = features("u1", "e", "en", "Russian firms crowd the Harbin expo",
                       "Russian companies filled the halls of the expo in Harbin, organisers "
                       "said.", DAY + timedelta(days=400), dated=False)
    done = assign_all([*FAIR[:2], undated], Params(retention_days=1000))
    assert done[2].opened


def test_the_earliest_report_names_the_story_and_its_first_reporter() -> None:
    late_first = art("f0", "Harbin expo preview: 1,450 Russian firms expected",
                     "Organisers expect 1,450 Russian companies at the Harbin expo.", days=-1,
                     source="z")
    index = StoryIndex(Params())
    opened = index.assign(FAIR[0])
    index.assign(late_first)  # loaded later, published a day earlier
    story = index.stories[opened.story_id]
    assert (story.first_source, story.title, story.first_article) == (
        "z", late_first.title, "f0")
