"""Validation: bad rows are quarantined, good rows load, one alert per failed run."""

from __future__ import annotations

import json
from collections.abc import Iterator

import duckdb
import pytest

from pipeline.quality.quarantine import get_quarantined, list_quarantined, release
from pipeline.quality.validate import marker_regex, marker_regexes, suite_names
from pipeline.settings import Settings, get_settings
from pipeline.store import db
from tests.conftest import FIXTURES, SAMPLES
from tests.pipeline.quality.test_notify import MailSink, WebhookReceiver, smtp, webhook  # noqa: F401
from tests.support.staging import article, run_articles

SEEDS = {p.name[:3]: json.loads(p.read_text(encoding="utf-8"))
         for p in (SAMPLES / "seeds").glob("*.gold.json")}


def good(n: int) -> list:
    seeds = ["000", "001", "002"]
    return [article(f"https://good{i}.example/a", SEEDS[seeds[i]]["body_paragraphs"],
                    source=f"good{i}") for i in range(n)]


CORPUS = sorted((FIXTURES / "corpus" / "boilerplate").glob("*/*.gold.json"))


def corpus_body(i: int) -> list[str]:
    return list(json.loads(CORPUS[i].read_text(encoding="utf-8"))["body_paragraphs"])


def bad() -> dict[str, object]:
    """One distinct article per failing expectation (distinct texts: no dedupe in the way)."""
    return {
        "short_title": article("https://bad.example/title", SEEDS["003"]["body_paragraphs"],
                               title="Xi"),
        # Below the broken-extraction floor (min_words): a headline and a few words.
        "too_short": article("https://bad.example/short", [" ".join(
            corpus_body(0)[0].split()[:12])]),
        "future": article("https://bad.example/future", SEEDS["004"]["body_paragraphs"],
                          published="2099-01-01"),
        # Russian and Chinese are kept by default (issue 17): German is not.
        "language": article("https://bad.example/lang", corpus_body(7), language="de"),
        "marker": article("https://bad.example/marker", [*corpus_body(14),
                          "Sign up for our free morning newsletter"]),
    }


@pytest.fixture
def channels(monkeypatch: pytest.MonkeyPatch, smtp: tuple[MailSink, int],  # noqa: F811
             webhook: WebhookReceiver) -> Iterator[tuple[MailSink, WebhookReceiver]]:  # noqa: F811
    sink, port = smtp
    monkeypatch.setenv("RCWIRE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("RCWIRE_SMTP_PORT", str(port))
    monkeypatch.setenv("RCWIRE_ALERT_EMAILS", "dq-owner@desk.example")
    monkeypatch.setenv("RCWIRE_WEBHOOK_URL", webhook.url)
    get_settings.cache_clear()
    yield sink, webhook
    get_settings.cache_clear()


def rows(settings: Settings, query: str) -> list[tuple]:
    with duckdb.connect(str(settings.db), read_only=True) as con:
        return con.execute(query).fetchall()


def test_bad_rows_quarantined_rest_loaded_one_alert_each(
        settings: Settings, channels: tuple[MailSink, WebhookReceiver]) -> None:
    sink, hook = channels
    cases = bad()
    counts = run_articles(settings, "r-bad", [*good(3), *cases.values()], checks=True)
    assert counts == {"loaded": 3, "quarantined": len(cases)}
    held = {r[0]: json.loads(r[1]) for r in rows(settings, "select url, failed from quarantine")}
    assert set(held) == {a.url for a in cases.values()}
    assert "expect_column_value_lengths_to_be_between(title)" in held[cases["short_title"].url]
    assert "expect_column_values_to_be_between(word_count)" in held[cases["too_short"].url]
    assert "expect_column_values_to_be_between(published_at)" in held[cases["future"].url]
    assert "expect_column_values_to_be_in_set(language)" in held[cases["language"].url]
    assert "expect_column_values_to_not_match_regex_list(text)" in held[cases["marker"].url]
    assert rows(settings, "select count(*) from articles")[0][0] == 3
    assert len(sink.envelopes) == 1 and len(hook.posts) == 1
    mail = sink.messages()[0].get_content()
    for name in ("value_lengths_to_be_between(title)", "be_between(word_count)",
                 "be_in_set(language)", "not_match_regex_list(text)"):
        assert name in mail and name in hook.posts[0]["text"]
    assert "r-bad" in mail and "rcwire quarantine list --run r-bad" in mail
    failed = rows(settings, "select count(*) from dq_results where run_id='r-bad' "
                            "and suite='article_batch' and not success")[0][0]
    assert failed == 5


def test_clean_batch_sends_nothing(settings: Settings,
                                   channels: tuple[MailSink, WebhookReceiver]) -> None:
    sink, hook = channels
    assert run_articles(settings, "r-good", good(3), checks=True) == {"loaded": 3}
    assert sink.envelopes == [] and hook.posts == []
    results = rows(settings, "select suite, bool_and(success), count(*) from dq_results "
                             "group by suite order by suite")
    assert [(s, ok) for s, ok, _ in results] == [
        ("article_batch", True), ("articles_table", True), ("run", True)]


def test_release_after_fixing_the_rule(settings: Settings) -> None:
    lang = bad()["language"]
    run_articles(settings, "r1", [lang])
    with db.opened(settings.db) as con:
        assert [i["url"] for i in list_quarantined(con)] == [lang.url]
        item = get_quarantined(con, lang.article_id)
        assert item["record"]["text"] == lang.text
        with pytest.raises(Exception, match="still fails"):
            release(con, lang.article_id, settings)
        relaxed = settings.model_copy(update={"languages": ["en", "ru", "zh", "de"]})
        release(con, lang.article_id, relaxed)
        assert list_quarantined(con) == []
    assert rows(settings, "select url from articles") == [(lang.url,)]
    assert rows(settings, "select outcome, reason from url_outcomes") == [("loaded", "released")]


def test_every_suite_is_valid_json_with_guards() -> None:
    assert suite_names() == ["article_batch", "articles_table", "run"]
    for name in suite_names():
        spec = json.loads((SAMPLES.parent / "expectations" / f"{name}.json").read_text())
        assert spec["name"] == name and spec["meta"]["guards"] and spec["expectations"]


def test_marker_regexes_only_hit_short_paragraphs() -> None:
    import re

    markers = [re.compile(r) for r in marker_regexes()]
    promo = "Prose first.\n\nSign up for our newsletter\n\nMore prose."
    long_para = "Subscribe " + "word " * 60
    assert any(m.search(promo) for m in markers)
    assert not any(m.search(long_para) for m in markers)


@pytest.mark.quality  # make quality: every labelled line through both expressions
def test_the_suites_one_marker_regex_flags_what_the_patterns_flag() -> None:
    # The suite gets every marker as one alternation (one scan per text, not 90): on
    # each line of the labelled paragraphs, alone and in a text, it hits exactly when
    # one of the patterns does.
    import re

    markers = [re.compile(r) for r in marker_regexes()]
    combined = re.compile(marker_regex())
    pages = [json.loads(line) for line in (SAMPLES.parent / "tests/fixtures/paragraphs/"
                                           "tuning.jsonl").read_text().splitlines()]
    pages = pages[::2]  # every other page: all of them took 18 s of the suite by session 41
    lines = [p["text"] for page in pages for p in page["paragraphs"]]
    texts = lines + ["\n\n".join(lines[i:i + 12]) for i in range(0, len(lines), 12)]
    hits = [any(m.search(t) for m in markers) for t in texts]
    assert sum(hits) > 20
    assert [bool(combined.search(t)) for t in texts] == hits


def test_failed_cli_run_sends_one_run_failed_alert(
        settings: Settings, channels: tuple[MailSink, WebhookReceiver]) -> None:
    from pipeline.errors import RunError
    from pipeline.run.local import run_once

    sink, hook = channels
    with pytest.raises(RunError):
        run_once(settings, settings.sources.parent / "missing.yaml", run_id="r-broken")
    assert len(sink.envelopes) == 1 and len(hook.posts) == 1
    text = hook.posts[0]["text"]
    assert "run_failed" in text and "r-broken" in text and "failed in plan" in text
