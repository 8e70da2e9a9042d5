"""Quality gate on the labelled Russian and Chinese pages (issue 17), validation half.

The pages, their split by template and the floors are in tests/fixtures/ruzh/. Figures
are computed as benchmarks/ruzh.py computes them (bytes decoded as the fetcher decodes
them; tokens are words, and characters for Chinese).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo

import pytest
import trafilatura

from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from pipeline.fetch.decode import decode_html
from pipeline.records import FeedEntry, Page
from tests.conftest import FIXTURES
from tests.support.evaluate import boilerplate_scores, shingle_f1

PAGES = FIXTURES / "ruzh" / "pages"
FLOORS = json.loads((FIXTURES / "ruzh" / "floors.json").read_text(encoding="utf-8"))
ZONES = {"ru": ZoneInfo("Europe/Moscow"), "zh": ZoneInfo("Asia/Shanghai")}
FETCHED = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)


@cache
def figures(language: str) -> dict[str, float]:
    sums = {"html": [0, 0, 0, 0], "text": [0, 0, 0, 0]}
    ours, theirs, lang_ok, date_ok, pages = [], [], 0, 0, 0
    for path in sorted(PAGES.glob(f"{language}-*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["split"] != "validation":
            continue
        pages += 1
        stem = path.name.removesuffix(".gold.json")
        html, _ = decode_html((PAGES / f"{stem}.html").read_bytes(), "")
        url = f"http://{gold['template']}.example/news/{stem}.html"
        art = extract_article(Page(FeedEntry("t", "t", url, url), url, 200, "text/html", html,
                                   FETCHED))
        body, bp = gold["body_paragraphs"], [b["text"] for b in gold["boilerplate"]]
        text = "\n".join(clean_paragraphs(
            (PAGES / f"{stem}.txt").read_text(encoding="utf-8").splitlines()).paragraphs)
        for mode, out in (("html", art.text), ("text", text)):
            got = boilerplate_scores(out, body, bp)
            sums[mode] = [a + b for a, b in zip(sums[mode], got, strict=True)]
        ours.append((art.text, body))
        theirs.append((trafilatura.extract(html, url=url) or "", body))
        lang_ok += art.language == gold["language"]
        local = datetime.fromisoformat(gold["published_local"]).replace(tzinfo=ZONES[language])
        date_ok += art.published_at == local.astimezone(UTC)
    out = {f"{m}_{k}": v for m, s in sums.items()
           for k, v in (("boilerplate_removed", s[0] / s[1]), ("body_kept", s[2] / s[3]))}
    out.update(pages=pages, f1=shingle_f1(ours)["f1"], f1_trafilatura=shingle_f1(theirs)["f1"],
               language_detected=lang_ok / pages, date_utc=date_ok / pages)
    return out


@pytest.mark.parametrize("language", ["ru", "zh"])
def test_validation_pages_meet_the_floors(language: str) -> None:
    got = figures(language)
    assert got["pages"] >= 15
    assert got["html_boilerplate_removed"] >= FLOORS["html_boilerplate_removed"]
    assert got["html_body_kept"] >= FLOORS["html_body_kept"]
    assert got["f1"] >= got["f1_trafilatura"] + FLOORS["html_f1_margin_over_trafilatura"]
    assert got["text_boilerplate_removed"] >= FLOORS["text_boilerplate_removed"][language]
    assert got["text_body_kept"] >= FLOORS["text_body_kept"]
    assert got["language_detected"] >= FLOORS["language_detected"]
    assert got["date_utc"] >= FLOORS["date_utc"]


def test_fixture_split_is_by_template_and_large_enough() -> None:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in PAGES.glob("*.gold.json")]
    for language in ("ru", "zh"):
        mine = [g for g in golds if g["language"] == language]
        assert len(mine) >= 30
        tuning = {g["template"] for g in mine if g["split"] == "tuning"}
        validation = {g["template"] for g in mine if g["split"] == "validation"}
        assert tuning and validation and not tuning & validation
        assert not ({g["story"] for g in mine if g["split"] == "tuning"}
                    & {g["story"] for g in mine if g["split"] == "validation"})
