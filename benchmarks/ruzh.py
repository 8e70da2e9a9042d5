"""Russian and Chinese pages: extraction, cleaning, language, dates (issue 17).

Run: ``.venv/bin/python benchmarks/ruzh.py [--json]``

Reads the labelled pages of tests/fixtures/ruzh/pages (100 pages, 20 templates; split by
template into tuning and validation, see its README) as bytes, the way the fetcher gets
them (windows-1251, KOI8-R, GBK and GB18030 among them, some without a declared charset),
and reports per language and split:

* HTML mode (``rcwire``: decode, prune, trafilatura, clean): token-shingle F1 against the
  gold body, next to trafilatura alone on the same decoded HTML; share of boilerplate
  lines removed and of body tokens kept.
* Plain-text mode (the scraped lines of each page through the text cleaner, as
  ``rcwire clean`` does for text files): boilerplate removed, body kept.
* Detected language and the publication date in UTC (local times of the pages read in
  the zone inferred from the language) against the gold.

Tokens are words, and single characters for Chinese (``tests.support.evaluate``).
Default settings; nothing is tuned here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean.text import clean_paragraphs  # noqa: E402
from pipeline.extract.article import extract_article  # noqa: E402
from pipeline.fetch.decode import decode_html  # noqa: E402
from pipeline.records import FeedEntry, Page  # noqa: E402
from tests.support.evaluate import boilerplate_scores, shingle_f1  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "ruzh" / "pages"
ZONES = {"ru": ZoneInfo("Europe/Moscow"), "zh": ZoneInfo("Asia/Shanghai")}
# Fetched well after every page's date, so no local time is in the future.
FETCHED = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)


def evaluate(pages: Path = PAGES) -> dict[str, dict[str, float]]:
    """Figures per ``<language>/<split>`` group."""
    acc: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for gold_path in sorted(pages.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stem = gold_path.name.removesuffix(".gold.json")
        raw = (pages / f"{stem}.html").read_bytes()
        scraped = (pages / f"{stem}.txt").read_text(encoding="utf-8")
        group = acc[f"{gold['language']}/{gold['split']}"]
        html, charset = decode_html(raw, "")
        group["charset_ok"].append(_same_charset(charset, gold["encoding"]))
        url = f"http://{gold['template']}.example/news/{stem}.html"
        page = Page(FeedEntry("bench", "bench", url, url), url, 200, "text/html", html, FETCHED)
        art = extract_article(page)
        bp = [b["text"] for b in gold["boilerplate"]]
        group["html"].append(boilerplate_scores(art.text, gold["body_paragraphs"], bp))
        group["pairs_rcwire"].append((art.text, gold["body_paragraphs"]))
        plain = trafilatura.extract(html, url=url) or ""
        group["pairs_trafilatura"].append((plain, gold["body_paragraphs"]))
        group["html_trafilatura"].append(boilerplate_scores(plain, gold["body_paragraphs"], bp))
        cleaned = clean_paragraphs(scraped.splitlines())
        text = "\n".join(cleaned.paragraphs)
        group["text"].append(boilerplate_scores(text, gold["body_paragraphs"], bp))
        group["language_ok"].append(art.language == gold["language"])
        group["date_ok"].append(art.published_at == _expected(gold))
    return {name: _summary(group) for name, group in sorted(acc.items())}


def _expected(gold: dict[str, object]) -> datetime:
    local = datetime.fromisoformat(str(gold["published_local"]))
    return local.replace(tzinfo=ZONES[str(gold["language"])]).astimezone(UTC)


def _same_charset(got: str, written: str) -> bool:
    # GB18030 decodes GBK exactly (a superset): either answer gives the same text.
    family = {"gbk": "gb18030", "gb2312": "gb18030", "cp1251": "windows-1251"}
    def norm(name: str) -> str:
        name = name.lower().replace("_", "-")
        return family.get(name, name)
    return norm(got) == norm(written)


def _summary(group: dict[str, list[object]]) -> dict[str, float]:
    out: dict[str, float] = {"pages": float(len(group["html"]))}
    for mode in ("html", "text", "html_trafilatura"):
        rows: list[tuple[int, int, int, int]] = group[mode]  # type: ignore[assignment]
        removed, lines = sum(r[0] for r in rows), sum(r[1] for r in rows)
        out[f"{mode}_boilerplate_removed"] = removed / max(1, lines)
        out[f"{mode}_body_kept"] = sum(r[2] for r in rows) / max(1, sum(r[3] for r in rows))
    for who in ("rcwire", "trafilatura"):
        f1 = shingle_f1(group[f"pairs_{who}"])  # type: ignore[arg-type]
        out[f"f1_{who}"] = f1["f1"]
        out[f"precision_{who}"] = f1["precision"]
        out[f"recall_{who}"] = f1["recall"]
    for key in ("charset_ok", "language_ok", "date_ok"):
        values = group[key]
        out[key] = sum(1 for v in values if v) / max(1, len(values))
    return out


def main() -> None:
    """Print the figures (or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = evaluate()
    if args.json:
        print(json.dumps(figures, indent=1))
        return
    cols = ["pages", "f1_rcwire", "f1_trafilatura", "html_boilerplate_removed",
            "html_body_kept", "html_trafilatura_boilerplate_removed", "text_boilerplate_removed",
            "text_body_kept", "charset_ok", "language_ok", "date_ok"]
    print("group            " + " ".join(f"{c[:14]:>14}" for c in cols))
    for name, row in figures.items():
        print(f"{name:16} " + " ".join(f"{row[c]:14.3f}" for c in cols))


if __name__ == "__main__":
    main()
