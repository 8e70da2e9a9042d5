"""Cleaning: seeds in text mode equal their gold bodies; the same articles as HTML too."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.clean.learned import paragraph_hash
from pipeline.clean.rules import load_rules
from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article, plausible_author
from pipeline.fetch.decode import decode_html
from pipeline.records import FeedEntry, Page
from pipeline.text import fold
from tests.conftest import SAMPLES

SEEDS = sorted((SAMPLES / "seeds").glob("*.gold.json"))
MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))


def gold(path: Path) -> tuple[dict, list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_name(path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
    return data, text.split("\n")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_text_mode_equals_gold_body(path: Path) -> None:
    data, lines = gold(path)
    result = clean_paragraphs(lines)
    assert result.paragraphs == data["body_paragraphs"]
    assert result.title == data["title"]
    if data["author"]:
        assert result.author == data["author"]
    if data["published"]:
        assert result.published_at is not None
        assert result.published_at.date().isoformat() == data["published"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_removals_carry_gold_kinds(path: Path) -> None:
    data, lines = gold(path)
    removed = clean_paragraphs(lines).removed
    kinds = {b["text"]: b["kind"] for b in data["boilerplate"]}
    assert {t for _, t in removed} == set(kinds)
    mismatched = [(k, t) for k, t in removed if kinds[t] != k and kinds[t] != "subtitle"]
    assert not mismatched


def render(item: dict) -> Page:
    folder = SAMPLES / "site" / item["path"].lstrip("/")
    file = folder / "index.html" if folder.is_dir() else folder
    base = "http://127.0.0.1:8765"
    # Pages in windows-1251 or GBK are decoded as the fetcher decodes them.
    html, _ = decode_html(file.read_bytes().replace(b"{{BASE}}", base.encode()))
    entry = FeedEntry("s", f"{base}/feed", base + item["path"], item["path"])
    return Page(entry, entry.url, 200, "text/html", html, datetime.now(UTC))


@pytest.mark.parametrize("item", MANIFEST, ids=lambda i: i["path"].strip("/")[:40])
def test_sample_site_pages_give_the_gold_body(item: dict) -> None:
    article = extract_article(render(item))
    assert article.text.split("\n\n") == item["body_paragraphs"]
    assert article.title == item["title"]
    if item["published"]:
        assert article.published_at is not None
        assert article.published_at.date().isoformat() == item["published"]
    else:
        assert article.published_at is None


def test_seed_pages_equal_seed_gold() -> None:
    by_seed = {i["seed"]: i for i in MANIFEST if i["kind"] == "seed"}
    for path in SEEDS:
        data, _ = gold(path)
        assert extract_article(render(by_seed[path.name[:3]])).text.split("\n\n") == \
            data["body_paragraphs"]


def test_every_removal_is_recorded_with_a_kind() -> None:
    item = next(i for i in MANIFEST if i["seed"] == "002" and i["kind"] == "seed")
    article = extract_article(render(item))
    kinds = {k for k, _ in article.removed}
    assert {"newsletter_promo", "image_caption"} <= kinds
    assert all(k and t for k, t in article.removed)


def test_truncated_excerpt_is_flagged() -> None:
    item = next(i for i in MANIFEST if i["seed"] == "004" and i["kind"] == "seed")
    assert extract_article(render(item)).truncated


def test_section_headings_stay() -> None:
    _, lines = gold(next(p for p in SEEDS if p.name.startswith("003")))
    body = clean_paragraphs(lines).paragraphs
    assert "The geo-economic meaning of the visit" in body


def test_learned_paragraph_is_removed() -> None:
    # Worded so that no rule takes it first (the rules now know "readers like you", "our
    # coverage").
    promo = "The Eurasia desk files from a small team in three cities every single day"
    paras = ["A headline about Moscow and Beijing", "First paragraph " * 10, promo,
             "Second paragraph " * 10]
    learned = frozenset({paragraph_hash(fold(promo))})
    result = clean_paragraphs(paras, learned=learned)
    assert promo not in result.paragraphs
    assert ("learned_boilerplate", promo) in result.removed


@pytest.mark.parametrize(("name", "expected"), [
    ("Lucy Harlow", "Lucy Harlow"),
    ("United World International", None),
    ("newsconquest", None),
    ("HM Staff", None),
    ("Reuters", None),
    ("@handle", None),
])
def test_plausible_author(name: str, expected: str | None) -> None:
    assert plausible_author(name, {"united world international"}) == expected


def test_rules_are_data_with_reasons() -> None:
    rules = load_rules()
    assert len(rules) >= 10
    for rule in rules:
        assert rule.reason and rule.patterns
        assert all(isinstance(p, re.Pattern) for p in rule.patterns)


@pytest.mark.parametrize("line", [
    "Listen to this article", "4 min read", "Advertisement", "© 2024 Example Media Ltd.",
    "This article was originally published on The Conversation.", "Follow us on Telegram",
    "We use cookies to improve your experience.", "Subscribe to continue reading",
    "Sign up for our free morning newsletter",
])
def test_obvious_boilerplate_lines(line: str) -> None:
    body = "Russia and China signed a new agreement on energy trade in Beijing on Tuesday " * 3
    result = clean_paragraphs(["Moscow and Beijing sign energy deal", body, line, body + "."])
    assert line not in result.paragraphs
