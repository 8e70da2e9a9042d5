"""Build the labelled paragraphs the learned cleaner trains and is validated on.

Run: ``.venv/bin/python benchmarks/build_paragraphs.py`` (writes tests/fixtures/paragraphs/)

Sources (only this script reads ../shared):

- ../shared/benchmarks/news-extraction: 80 pages of 16 publishers, gold body paragraphs;
- ../shared/benchmarks/readability-pages: 130 pages, gold = the text of expected.html;
- tests/fixtures/corpus/boilerplate: 42 pages in 7 template styles, gold body and
  boilerplate lines;
- tests/fixtures/paragraphs/fresh.yaml: lines written for this set, inserted into pages.

Every page goes through trafilatura with ``favor_recall`` (so boilerplate reaches the
labels), and each extracted paragraph is labelled ``body`` or ``boilerplate`` by its overlap
with the gold text; paragraphs that only partly overlap (or short lines that occur inside
the gold without being a gold paragraph) are labelled ``unsure`` and left out of training
and scoring. The split is by site and fixed in ``split.json``: once written it is read,
never recomputed, so adding pages cannot move a site between parts.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import trafilatura
import yaml
from lxml import html as lxml_html
from trafilatura.utils import load_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean.features import anchor_counts, link_shares  # noqa: E402
from pipeline.text import fold  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
OUT = ROOT / "tests" / "fixtures" / "paragraphs"
CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "boilerplate"
_TOKEN = re.compile(r"\w+")
# Overlap with the gold above which a paragraph is body, below which it is boilerplate.
_BODY, _BOILER = 0.6, 0.15
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "td", "th",
           "figcaption", "dd", "dt", "div")


def shingle_set(text: str, n: int = 3) -> set[tuple[str, ...]]:
    """n-token shingles of folded text."""
    tokens = fold(text).split()
    return {tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1))}


def label(paragraph: str, gold_text: str, gold_shingles: set[tuple[str, ...]],
          gold_paragraphs: set[str]) -> str:
    """``body``, ``boilerplate`` or ``unsure`` for one extracted paragraph."""
    folded = fold(paragraph)
    if not folded:
        return "unsure"
    if folded in gold_paragraphs:
        return "body"
    tokens = folded.split()
    if len(tokens) < 5:
        return "unsure" if f" {folded} " in gold_text else "boilerplate"
    mine = shingle_set(paragraph)
    share = len(mine & gold_shingles) / max(1, len(mine))
    if share >= _BODY:
        return "body"
    return "boilerplate" if share <= _BOILER else "unsure"


def extract(html: str, url: str) -> tuple[list[str], list[float], str | None]:
    """Paragraphs of a recall-oriented extraction, their link shares, and the title."""
    tree = load_html(html)
    if tree is None:
        return [], [], None
    anchors = anchor_counts(tree)
    doc: Any = trafilatura.bare_extraction(
        tree, url=url, favor_recall=True, include_comments=False, include_tables=True,
        deduplicate=False, with_metadata=True)
    if doc is None or not doc.text:
        return [], [], None
    paras = [" ".join(p.split()) for p in doc.text.split("\n") if p.strip()]
    return paras, link_shares(paras, anchors), doc.title


def page_record(source: str, site: str, name: str, html: str, url: str,
                gold: list[str]) -> dict[str, Any] | None:
    """One labelled page, or None when trafilatura finds nothing."""
    paras, shares, title = extract(html, url)
    if not paras:
        return None
    gold_text = " " + " ".join(fold(g) for g in gold) + " "
    gold_sh = set().union(*(shingle_set(g) for g in gold)) if gold else set()
    gold_paras = {fold(g) for g in gold}
    return {"source": source, "site": site, "page": name, "title": title,
            "paragraphs": [{"text": p, "label": label(p, gold_text, gold_sh, gold_paras),
                            "link_share": round(s, 4)} for p, s in zip(paras, shares,
                                                                       strict=True)]}


def news_pages() -> list[dict[str, Any]]:
    """The 80-page news set (optional gold paragraphs in brackets are dropped)."""
    folder = SHARED / "news-extraction"
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    pages = []
    for name in sorted(truth):
        html = gzip.decompress((folder / "html" / name).read_bytes()).decode("utf-8", "replace")
        gold = [g for g in truth[name]["body"] if not (g.startswith("[") and g.endswith("]"))]
        rec = page_record("news-extraction", name.rsplit("_", 1)[0], name, html,
                          truth[name]["url"], gold)
        if rec:
            pages.append(rec)
    return pages


def readability_gold(expected: str) -> list[str]:
    """Text of the expected output's blocks (leaf blocks first: no double counting)."""
    tree = lxml_html.fromstring(expected)
    out = []
    for node in tree.iter(*_BLOCKS):
        if node.tag == "div" and any(True for _ in node.iter(*_BLOCKS[:-1])):
            continue
        text = " ".join(node.text_content().split())
        if text:
            out.append(text)
    return out


def readability_pages() -> list[dict[str, Any]]:
    """The 130 Readability test pages; the site is the name without a trailing number."""
    folder = SHARED / "readability-pages" / "pages"
    pages = []
    for page in sorted(p for p in folder.iterdir() if p.is_dir()):
        html = gzip.decompress((page / "source.html.gz").read_bytes()).decode("utf-8",
                                                                             "replace")
        expected = gzip.decompress((page / "expected.html.gz").read_bytes()).decode(
            "utf-8", "replace")
        site = re.sub(r"-\d+$", "", page.name)
        rec = page_record("readability", site, page.name, html,
                          f"http://fakehost/{page.name}/", readability_gold(expected))
        if rec:
            pages.append(rec)
    return pages


def corpus_pages() -> list[dict[str, Any]]:
    """The project's labelled corpus: its own gold lists say what is body."""
    pages = []
    for path in sorted(CORPUS.glob("*/*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        html = path.with_name(path.name.replace(".gold.json", ".html")).read_text("utf-8")
        rec = page_record("corpus", f"corpus-{path.parent.name}",
                          f"{path.parent.name}/{path.stem}", html,
                          f"https://example.org/{path.parent.name}/{path.stem}",
                          gold["body_paragraphs"])
        if rec:
            pages.append(rec)
    return pages


def insert_fresh(pages: list[dict[str, Any]], split: dict[str, str]) -> None:
    """Put the fresh lines into pages of their part, at the top, middle or end."""
    fresh = yaml.safe_load((OUT / "fresh.yaml").read_text(encoding="utf-8"))
    lines = [(kind, i, text) for kind, items in fresh["boilerplate"].items()
             for i, text in enumerate(items)]
    lines += [("body", i, text) for i, text in enumerate(fresh["body"])]
    parts: dict[str, list[dict[str, Any]]] = {"tuning": [], "validation": []}
    for page in pages:
        parts[split[page["site"]]].append(page)
    for n, (kind, i, text) in enumerate(lines):
        targets = parts["tuning" if i % 2 == 0 else "validation"]
        page = targets[zlib.crc32(f"{kind}{i}".encode()) % len(targets)]
        paras = page["paragraphs"]
        at = (0, len(paras) // 2, len(paras))[n % 3]
        paras.insert(at, {"text": text, "label": "body" if kind == "body" else "boilerplate",
                          "link_share": None, "fresh": kind})


def fixed_split(sites: list[str]) -> dict[str, str]:
    """The split on disk, extended (never changed) with sites it does not list yet."""
    path = OUT / "split.json"
    split: dict[str, str] = {}
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        split = {s: part for part in ("tuning", "validation") for s in data[part]}
    for site in sites:
        split.setdefault(site, "validation" if zlib.crc32(site.encode()) % 5 < 2 else "tuning")
    doc = {"_comment": "Sites of the labelled paragraphs, by part (issue 15). Tune on "
                       "tuning, report validation. Written once by "
                       "benchmarks/build_paragraphs.py; never move a site.",
           "tuning": sorted(s for s, p in split.items() if p == "tuning"),
           "validation": sorted(s for s, p in split.items() if p == "validation")}
    path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return split


def copy_news_validation(split: dict[str, str]) -> None:
    """The validation part of the 80-page news set, copied for the CI quality gate."""
    folder = SHARED / "news-extraction"
    out = ROOT / "tests" / "fixtures" / "news_validation"
    (out / "html").mkdir(parents=True, exist_ok=True)
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    mine = {n: truth[n] for n in sorted(truth) if split[n.rsplit("_", 1)[0]] == "validation"}
    for name in mine:
        (out / "html" / name).write_bytes((folder / "html" / name).read_bytes())
    (out / "ground_truth.json").write_text(json.dumps(mine, indent=1, ensure_ascii=False)
                                           + "\n", encoding="utf-8")
    (out / "LICENSE").write_bytes((folder / "LICENSE").read_bytes())


def main() -> None:
    """Build every page, split by site, write one JSONL file per part."""
    pages = news_pages() + readability_pages() + corpus_pages()
    split = fixed_split(sorted({p["site"] for p in pages}))
    copy_news_validation(split)
    insert_fresh(pages, split)
    counts: Counter[tuple[str, str]] = Counter()
    for part in ("tuning", "validation"):
        rows = [p for p in pages if split[p["site"]] == part]
        with (OUT / f"{part}.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                counts.update((part, q["label"]) for q in row["paragraphs"])
        print(f"{part}: {len(rows)} pages, {len({r['site'] for r in rows})} sites")
    for (part, lab), n in sorted(counts.items()):
        print(f"  {part:<10} {lab:<12} {n}")


if __name__ == "__main__":
    main()
