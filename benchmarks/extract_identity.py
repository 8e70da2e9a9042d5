"""Every field of every Article ``extract_and_score`` makes, dumped to JSON: the proof that
a speed change left the output alone (issue 15's CPU budget).

Run: ``.venv/bin/python benchmarks/extract_identity.py OUT.json [--compare BEFORE.json]``

Pages: the two development sets in ../shared/benchmarks (210 pages, when present), the
labelled boilerplate corpus, the Russian/Chinese pages and the sample site (tests/fixtures,
samples/), and with ``--bigsite N`` the first N pages the throughput benchmark generates
(benchmarks/bigsite.py). Each page is extracted three times: as a new source (no learned
paragraphs), with a few of its own paragraphs "learned" (the learned-paragraph path), and
with a date from the feed (the date signals' order).
The fetch time is fixed, so dates resolve the same on every run.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean.learned import paragraph_hash  # noqa: E402
from pipeline.extract.article import ExtractError, extract_and_score  # noqa: E402
from pipeline.records import FeedEntry, Page  # noqa: E402
from pipeline.text import fold  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
FIXTURES = ROOT / "tests" / "fixtures"
FETCHED = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

# (name, html, url, claimed language, zone)
Source = tuple[str, str, str, str | None, str | None]


def pages(bigsite: int = 0) -> list[Source]:
    """Every page the dump covers, in a fixed order."""
    found: list[Source] = []
    news = SHARED / "news-extraction"
    if news.is_dir():
        truth = json.loads((news / "ground_truth.json").read_text(encoding="utf-8"))
        for name in sorted(truth):
            html = gzip.decompress((news / "html" / name).read_bytes())
            found.append((f"news/{name}", html.decode("utf-8", "replace"),
                          str(truth[name]["url"]), None, None))
    readability = SHARED / "readability-pages" / "pages"
    if readability.is_dir():
        for page in sorted(p for p in readability.iterdir() if p.is_dir()):
            html = gzip.decompress((page / "source.html.gz").read_bytes())
            found.append((f"readability/{page.name}", html.decode("utf-8", "replace"),
                          f"http://fakehost/{page.name}/", None, None))
    for path in sorted((FIXTURES / "corpus" / "boilerplate").glob("*/*.html")):
        found.append((f"corpus/{path.parent.name}/{path.name}",
                      path.read_text(encoding="utf-8"),
                      f"https://{path.parent.name}.example/{path.stem}", None, None))
    for path in sorted((FIXTURES / "ruzh" / "pages").glob("*.html")):
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        text = path.read_bytes().decode(gold.get("encoding") or "utf-8", "replace")
        found.append((f"ruzh/{path.name}", text, f"https://{path.stem}.example/a/1",
                      gold.get("language"), None))
    for path in sorted((ROOT / "samples" / "site").rglob("*.html")):
        found.append((f"samples/{path.relative_to(ROOT / 'samples' / 'site')}",
                      path.read_text(encoding="utf-8", errors="replace"),
                      f"http://127.0.0.1:8000/{path.relative_to(ROOT / 'samples' / 'site')}",
                      None, None))
    if bigsite:
        from benchmarks.bigsite import page_html
        # 30 pages a site: consecutive pages cycle through the templates.
        for n in range(bigsite):
            found.append((f"bigsite/{n}", page_html(n // 30, n % 30).decode("utf-8"),
                          f"http://h{n // 30}.example/a/{n % 30}", None, None))
    return found


def dump(article: Any) -> dict[str, Any]:
    """Every field, JSON-ready (bytes as hex, dates as ISO text)."""
    out: dict[str, Any] = {}
    for field in dataclasses.fields(article):
        value = getattr(article, field.name)
        if isinstance(value, bytes):
            value = value.hex()
        elif isinstance(value, datetime):
            value = value.isoformat()
        out[field.name] = value
    return out


def run_one(name: str, html: str, url: str, language: str | None, zone: str | None,
            learned: frozenset[str], feed_date: datetime | None = None) -> dict[str, Any]:
    """One extraction, or the error it raised."""
    page = Page(FeedEntry("identity", "https://feed.example/rss", url, url,
                          title="A feed title", published_at=feed_date),
                url, 200, "text/html", html, FETCHED,
                source_language=language, source_zone=zone)
    try:
        return dump(extract_and_score(page, learned))
    except ExtractError as exc:
        return {"error": [exc.reason, exc.detail]}


def main() -> None:
    """Dump, and compare with an earlier dump when asked."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier dump: report differences")
    parser.add_argument("--bigsite", type=int, default=0, metavar="N",
                        help="also the first N pages of benchmarks/bigsite.py")
    args = parser.parse_args()
    result: dict[str, Any] = {}
    for name, html, url, language, zone in pages(args.bigsite):
        first = run_one(name, html, url, language, zone, frozenset())
        result[name] = first
        # Learn every third kept paragraph: the learned-boilerplate path runs too.
        kept = first.get("text", "").split("\n\n")[::3]
        learned = frozenset(paragraph_hash(fold(p)) for p in kept if p)
        result[name + " (learned)"] = run_one(name, html, url, language, zone, learned)
        result[name + " (feed date)"] = run_one(name, html, url, language, zone, frozenset(),
                                                FETCHED - timedelta(hours=30))
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False, sort_keys=True),
                        encoding="utf-8")
    result = json.loads(args.out.read_text(encoding="utf-8"))  # tuples read back as lists
    print(f"{len(result)} extractions of {len(result) // 3} pages written to {args.out}")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        differ = [k for k in sorted(set(before) | set(result)) if before.get(k) != result.get(k)]
        for key in differ[:20]:
            fields = sorted(f for f in set(before.get(key, {})) | set(result.get(key, {}))
                            if before.get(key, {}).get(f) != result.get(key, {}).get(f))
            print(f"DIFFERS {key}: {', '.join(fields)}")
        print(f"{len(differ)} of {len(result)} extractions differ" if differ else
              f"identical: all {len(result)} extractions")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
