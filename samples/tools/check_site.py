#!/usr/bin/env python3
"""Check samples/site/ against samples/manifest.json (stdlib only).

Checks, for every article page in the manifest:
  * the file exists, declares <meta charset="utf-8">, and every <h1> is exactly the title;
  * every body paragraph is the full text of one <p>/<h2>/<h3> element, in order,
    outside header/nav/aside/footer;
  * seed pages carry every gold boilerplate line somewhere in the page;
  * dates: null `published` -> no date metadata / <time>; otherwise all agree with it;
  * feeds parse as XML, list the manifest's feed_links, and those links resolve to the page;
  * dedupe labels (duplicate_of / dup_method) agree with the pages: "hash" copies have the
    same folded text and their own canonical URL, "url" copies point their canonical link at
    the original, "near" copies share >= 0.6 of their 4-word shingles (Jaccard) or >= 0.8 of
    the shorter text (containment) with the original, and pages that are not copies of each
    other stay far below both; the original comes first in the pipeline's keep order.

Usage:  python samples/tools/check_site.py [--trafilatura]
(--trafilatura also runs trafilatura.extract on each page if it is importable, and
checks that every body paragraph survives extraction.)
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from itertools import combinations
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

SAMPLES = Path(__file__).resolve().parents[1]
SITE = SAMPLES / "site"
BASE = "http://127.0.0.1:8765"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
CHROME = {"header", "nav", "aside", "footer"}
ATOM = "{http://www.w3.org/2005/Atom}"
KINDS = {"seed", "republished", "syndicated", "on_theme", "off_theme", "near_miss_russia",
         "near_miss_china"}
DUP_METHODS = {"url", "hash", "near"}
# Same shingle size and thresholds as the pipeline's defaults (pipeline/settings.py).
SHINGLE = 4
NEAR_JACCARD = 0.6
NEAR_CONTAINMENT = 0.8
# Pages that are not copies of each other must stay well below the thresholds.
MAX_OTHER_JACCARD = 0.2
MAX_OTHER_CONTAINMENT = 0.3


class Collector(HTMLParser):
    """Collect (tag, text, ancestors) for every element, plus meta tags and <time>s."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[list] = []
        self.elements: list[tuple[str, str, tuple[str, ...]]] = []
        self.metas: list[dict] = []
        self.times: list[str] = []
        self.scripts: list[str] = []
        self.attr_values: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attr_values.extend(v for v in attrs.values() if v)
        if tag == "meta":
            self.metas.append(attrs)
        if tag == "time" and attrs.get("datetime"):
            self.times.append(attrs["datetime"])
        if tag not in VOID:
            self.stack.append([tag, []])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            name, parts = self.stack.pop()
            text = "".join(parts)
            if name == "script":
                self.scripts.append(text)
            ancestors = tuple(t for t, _ in self.stack)
            self.elements.append((name, text, ancestors))
            if self.stack:
                self.stack[-1][1].append(text)
            if name == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][1].append(data)


def parse_page(path: Path, encoding: str = "utf-8") -> tuple[str, Collector]:
    """Read a page with {{BASE}} substituted and collect its elements."""
    raw = path.read_text(encoding=encoding).replace("{{BASE}}", BASE)
    col = Collector()
    col.feed(raw)
    col.close()
    return raw, col


def check_page(rec: dict, errors: list[str]) -> None:
    """All page-level checks for one manifest record."""
    rel = rec["path"] + ("index.html" if rec["path"].endswith("/") else "")
    path = SITE / rel.lstrip("/")
    where = rec["path"]
    if not path.is_file():
        errors.append(f"{where}: missing file {rel}")
        return
    raw, col = parse_page(path, rec.get("encoding", "utf-8"))
    # Pages in a legacy charset (issue 17) declare what the manifest says, or nothing.
    declared = rec.get("declared_charset", "utf-8")
    charsets = [m["charset"].lower() for m in col.metas if m.get("charset")]
    if charsets != ([declared] if declared else []):
        errors.append(f"{where}: <meta charset> {charsets} != {declared!r}")
    h1s = [t for tag, t, _ in col.elements if tag == "h1"]
    if not h1s or any(t != rec["title"] for t in h1s):
        errors.append(f"{where}: <h1> {h1s!r} != title")
    blocks = [(i, t, anc) for i, (tag, t, anc) in enumerate(col.elements) if tag in {"p", "h2", "h3"}]
    last = -1
    for para in rec["body_paragraphs"]:
        hits = [(i, anc) for i, t, anc in blocks if t == para]
        if not hits:
            errors.append(f"{where}: body paragraph not an element: {para[:60]!r}")
            continue
        i, anc = hits[0]
        if CHROME & set(anc):
            errors.append(f"{where}: body paragraph inside chrome {anc}: {para[:40]!r}")
        if i < last:
            errors.append(f"{where}: body paragraph out of order: {para[:40]!r}")
        last = i
    check_dates(rec, col, errors)
    if rec["seed"] and rec["kind"] == "seed":
        gold = next(SAMPLES.glob(f"seeds/{rec['seed']}_*.gold.json"))
        texts = {t for _, t, _ in col.elements} | set(col.attr_values)
        for bp in json.loads(gold.read_text(encoding="utf-8"))["boilerplate"]:
            if bp["text"] not in texts:
                errors.append(f"{where}: gold boilerplate missing: {bp['text'][:50]!r}")


def check_dates(rec: dict, col: Collector, errors: list[str]) -> None:
    """Date metadata must agree with the manifest (and be absent when it is null)."""
    found = list(col.times)
    for m in col.metas:
        key = m.get("property") or m.get("name") or ""
        if key in {"article:published_time", "article:modified_time", "pub_date"}:
            found.append(m.get("content", ""))
    for script in col.scripts:
        found += re.findall(r'"date(?:Published|Modified)":\s*"([^"]+)"', script)
    if rec["published"] is None and found:
        errors.append(f"{rec['path']}: undated page carries dates {found}")
    for value in found:
        if rec["published"] and not value.startswith(rec["published"]):
            errors.append(f"{rec['path']}: date {value} disagrees with {rec['published']}")


def feed_links(feed_path: str) -> list[tuple[str, str]]:
    """(link as written, resolved absolute URL) for every item of a feed."""
    raw = (SITE / feed_path.lstrip("/")).read_text(encoding="utf-8")
    root = ET.fromstring(raw)
    feed_url = BASE + feed_path
    out = []
    if root.tag == "rss":
        for item in root.iter("item"):
            link = item.findtext("link")
            out.append((link, urljoin(feed_url, link.replace("{{BASE}}", BASE))))
    else:
        base = root.get("{http://www.w3.org/XML/1998/namespace}base", feed_url).replace("{{BASE}}", BASE)
        for entry in root.iter(f"{ATOM}entry"):
            link = entry.find(f"{ATOM}link").get("href")
            out.append((link, urljoin(base, link.replace("{{BASE}}", BASE))))
    return out


def check_feeds(manifest: list[dict], errors: list[str]) -> None:
    """Feeds are well-formed and agree with the manifest."""
    feeds = sorted({f for rec in manifest for f in rec["feeds"]})
    links = {f: feed_links(f) for f in feeds}
    for rec in manifest:
        if not rec["feeds"]:
            errors.append(f"{rec['path']}: in no feed")
        listed = [(f, w, r) for f in rec["feeds"] for w, r in links[f]
                  if urlsplit(r).path == rec["path"]]
        if sorted(w for _, w, _ in listed) != sorted(rec["feed_links"]):
            errors.append(f"{rec['path']}: feed_links {rec['feed_links']} != feeds {listed}")
    if not any(len(rec["feeds"]) > 1 for rec in manifest):
        errors.append("no page is listed in two feeds")
    written = [w for f in feeds for w, _ in links[f]]
    if sum(1 for w in written if not w.startswith("{{BASE}}")) < 2:
        errors.append("fewer than two relative feed links")
    if not any("utm_source=" in w for w in written) or not any("fbclid=" in w for w in written):
        errors.append("feeds lack utm_/fbclid tracking links")


def fold(text: str) -> list[str]:
    """Lower-case words, as the pipeline compares texts (punctuation and quotes folded away)."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


def shingles(rec: dict) -> set[tuple[str, ...]]:
    words = fold("\n\n".join(rec["body_paragraphs"]))
    chars = "".join(words)
    if len(re.findall(r"[\u4e00-\u9fff]", chars)) > 0.3 * max(1, len(chars)):
        # Chinese: 5-character shingles, as the pipeline signs it.
        return {tuple(chars[i:i + 5]) for i in range(len(chars) - 4)}
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def similarity(a: set, b: set) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger)."""
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def keep_key(rec: dict) -> tuple:
    """The pipeline's keep order: earliest published first (undated last), longer text, URL."""
    return (rec["published"] is None, rec["published"] or "",
            -len(fold("\n\n".join(rec["body_paragraphs"]))), rec["path"])


def canonical_of(rec: dict) -> str | None:
    rel = rec["path"] + ("index.html" if rec["path"].endswith("/") else "")
    raw = (SITE / rel.lstrip("/")).read_text(encoding=rec.get("encoding", "utf-8"))
    found = re.search(r'<link rel="canonical" href="([^"]+)"', raw)
    return found.group(1) if found else None


def check_dedupe(manifest: list[dict], errors: list[str]) -> None:
    """duplicate_of / dup_method / event agree with the pages and with each other."""
    by_path = {rec["path"]: rec for rec in manifest}
    for rec in manifest:
        where = rec["path"]
        missing = {"duplicate_of", "dup_method", "event"} - set(rec)
        if missing:
            errors.append(f"{where}: manifest record lacks {sorted(missing)}")
            continue
        if rec["kind"] not in KINDS:
            errors.append(f"{where}: unknown kind {rec['kind']}")
        copy = rec["kind"] in {"republished", "syndicated"}
        if copy != (rec["duplicate_of"] is not None) or copy != (rec["dup_method"] is not None):
            errors.append(f"{where}: kind {rec['kind']} but duplicate_of={rec['duplicate_of']} "
                          f"dup_method={rec['dup_method']}")
            continue
        if not copy:
            continue
        orig = by_path.get(rec["duplicate_of"])
        if orig is None or orig["duplicate_of"] is not None:
            errors.append(f"{where}: duplicate_of {rec['duplicate_of']} is not an original page")
            continue
        if not rec["on_theme"] or not orig["on_theme"]:
            errors.append(f"{where}: copies and their originals must be on theme")
        if rec["event"] != orig["event"]:
            errors.append(f"{where}: event {rec['event']} differs from the original's")
        if keep_key(orig) > keep_key(rec):
            errors.append(f"{where}: the pipeline's keep order would keep the copy, not the original")
        same_text = fold("\n\n".join(rec["body_paragraphs"])) == \
            fold("\n\n".join(orig["body_paragraphs"]))
        canonical = (canonical_of(rec) or "").replace("{{BASE}}", "")
        method = rec["dup_method"]
        if method not in DUP_METHODS:
            errors.append(f"{where}: dup_method {method!r}")
        elif method == "url":
            if canonical != orig["path"]:
                errors.append(f"{where}: url copy's canonical {canonical} is not the original")
        elif method == "hash":
            if not same_text or canonical != rec["path"]:
                errors.append(f"{where}: hash copy needs the original's text and its own canonical")
        else:
            jac, cont = similarity(shingles(rec), shingles(orig))
            if same_text or (jac < NEAR_JACCARD and cont < NEAR_CONTAINMENT):
                errors.append(f"{where}: near copy has Jaccard {jac:.2f}, containment {cont:.2f}")
            if canonical != rec["path"]:
                errors.append(f"{where}: near copy should carry its own canonical URL")

    def cluster(rec: dict) -> str:
        return rec["duplicate_of"] or rec["path"]

    sets = {rec["path"]: shingles(rec) for rec in manifest}
    for a, b in combinations(manifest, 2):
        if cluster(a) == cluster(b):
            continue
        jac, cont = similarity(sets[a["path"]], sets[b["path"]])
        if jac > MAX_OTHER_JACCARD or cont > MAX_OTHER_CONTAINMENT:
            errors.append(f"{a['path']} vs {b['path']}: not copies but Jaccard {jac:.2f}, "
                          f"containment {cont:.2f}")
    events: dict[str, set[str]] = {}
    for rec in manifest:
        if rec["event"]:
            events.setdefault(rec["event"], set()).add(cluster(rec))
    if not any(len(c) >= 3 for c in events.values()):
        errors.append("no event is covered by three independently written articles")

    links = {f: [w for w, _ in feed_links(f)] for f in ("/feeds/world.rss", "/feeds/syndication.rss")}
    if not set(links["/feeds/world.rss"]) & set(links["/feeds/syndication.rss"]):
        errors.append("syndication.rss shares no identical link with world.rss")
    if not any("utm_source=newsletter" in w for w in links["/feeds/syndication.rss"]):
        errors.append("syndication.rss has no newsletter-tracked link")
    if not any(w.rstrip("/").endswith("/amp") for w in links["/feeds/syndication.rss"]):
        errors.append("syndication.rss has no AMP link")


def check_trafilatura(manifest: list[dict], errors: list[str]) -> None:
    """Every body paragraph survives trafilatura.extract (boilerplate may remain)."""
    import trafilatura  # optional

    for rec in manifest:
        rel = rec["path"] + ("index.html" if rec["path"].endswith("/") else "")
        raw = (SITE / rel.lstrip("/")).read_text(encoding=rec.get("encoding", "utf-8")).replace("{{BASE}}", BASE)
        text = trafilatura.extract(raw, url=BASE + rec["path"]) or ""
        lines = set(text.split("\n"))
        lost = [p for p in rec["body_paragraphs"] if p not in lines]
        extra = len([x for x in lines if x and x not in set(rec["body_paragraphs"])])
        print(f"  trafilatura {rec['path']}: {len(rec['body_paragraphs']) - len(lost)}/"
              f"{len(rec['body_paragraphs'])} paragraphs, {extra} other lines")
        for p in lost:
            errors.append(f"{rec['path']}: trafilatura lost {p[:60]!r}")


def main() -> int:
    """Run all checks; exit status 1 on any error."""
    manifest = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    errors: list[str] = []
    for rec in manifest:
        check_page(rec, errors)
    check_feeds(manifest, errors)
    check_dedupe(manifest, errors)
    if "--trafilatura" in sys.argv:
        check_trafilatura(manifest, errors)
    for err in errors:
        print("FAIL", err)
    print(f"{len(manifest)} pages checked, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
