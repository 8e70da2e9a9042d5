#!/usr/bin/env python3
"""Build the bundled sample news site (samples/site/) and its manifest.

Stdlib only and deterministic: running it twice gives byte-identical output.

Inputs:
  samples/seeds/NNN_*.txt + NNN_*.gold.json   five real articles and their gold labels
  samples/tools/content/*.json                hand-written pages (one per file); pages with a
                                              "copy" spec are derived from another page (the
                                              dedupe cases, see transform_blocks)

Outputs (rewritten on every run):
  samples/site/        static pages, feeds, robots.txt, portal index
  samples/manifest.json one record per article page (the truth the tests use)
  samples/sources.yaml  the feeds, as sources for `make run`

Every absolute URL is written with the token {{BASE}}; the sample server
replaces it with its own base URL (no trailing slash) in .html/.xml/.atom/.rss.

Usage:  python samples/tools/build_site.py
"""
from __future__ import annotations

import datetime as dt
import html
import json
import sys
import posixpath
import shutil
from pathlib import Path
from urllib.parse import quote

SAMPLES = Path(__file__).resolve().parents[1]
SEEDS_DIR = SAMPLES / "seeds"
CONTENT_DIR = SAMPLES / "tools" / "content"
SITE = SAMPLES / "site"
BASE = "{{BASE}}"
SERVE_ROOT = "http://127.0.0.1:8765"

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"]


# --------------------------------------------------------------------------- helpers

def esc(text: str) -> str:
    """Escape text for an HTML/XML text node (quotes stay as they are)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for a double-quoted HTML/XML attribute value."""
    return html.escape(text, quote=True)


def slugify(text: str) -> str:
    """Lower-case ASCII slug for author/tag URLs."""
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def parse_ts(value: str | None) -> dt.datetime | None:
    """ISO 8601 timestamp with offset -> aware datetime (None stays None)."""
    return dt.datetime.fromisoformat(value) if value else None


def rfc822(ts: dt.datetime) -> str:
    """RSS pubDate, e.g. 'Tue, 09 Apr 2024 10:15:00 -0400' (locale independent)."""
    return (f"{DAYS[ts.weekday()]}, {ts.day:02d} {MONTHS[ts.month - 1]} {ts.year} "
            f"{ts:%H:%M:%S} {ts:%z}")


def rfc3339(ts: dt.datetime) -> str:
    """Atom date, e.g. '2024-06-04T12:00:00+00:00'."""
    return ts.isoformat()


def long_date(ts: dt.datetime) -> str:
    """'February 17, 2024'."""
    return f"{MONTHS_LONG[ts.month - 1]} {ts.day}, {ts.year}"


def uk_date(ts: dt.datetime) -> str:
    """'10 September 2024'."""
    return f"{ts.day} {MONTHS_LONG[ts.month - 1]} {ts.year}"


def first_sentence(text: str) -> str:
    """First sentence of a paragraph, for feed summaries and meta descriptions."""
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] == " ") and i > 40:
            return text[: i + 1]
    return text


def json_ld(data: dict) -> str:
    """A JSON-LD <script> block (keys kept in insertion order)."""
    body = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{body}\n</script>'


def body_blocks(page: dict, p_tmpl: str = "<p>{}</p>", h_tmpl: str = "<h2>{}</h2>",
                inserts: dict | None = None) -> list[str]:
    """Body paragraphs as HTML, with optional snippets inserted before paragraph i."""
    inserts = inserts or {}
    out: list[str] = []
    for i, (kind, text) in enumerate(page["blocks"]):
        out.extend(inserts.get(i, []))
        out.append((h_tmpl if kind == "h" else p_tmpl).format(esc(text)))
    out.extend(inserts.get(len(page["blocks"]), []))
    return out


def add_insert(inserts: dict, index: int, snippet: str) -> None:
    """Queue an HTML snippet to go before body paragraph `index`."""
    inserts.setdefault(index, []).append(snippet)


def svg_placeholder(label: str, width: int = 1200, height: int = 675,
                    fill: str = "#c9d1d9") -> str:
    """A tiny placeholder image so pages have something to point <img> at."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><rect width="100%" height="100%" fill="{fill}"/>'
            f'<text x="50%" y="50%" font-family="sans-serif" font-size="40" fill="#57606a" '
            f'text-anchor="middle">{esc(label)}</text></svg>\n')


def share_links(page: dict, style: str) -> list[tuple[str, str, str]]:
    """(network, label, href) for share bars."""
    url = BASE + page["path"]
    return [
        ("facebook", "Share on Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
        ("x", "Share on X", f"https://twitter.com/intent/tweet?url={url}&via={style}"),
        ("linkedin", "Share on LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={url}"),
        ("email", "Share by email", f"mailto:?subject={quote(page['title'])}&body={url}"),
    ]


# --------------------------------------------------------------------------- pages

def seed_positions(gold: dict, txt: str) -> dict[int, int]:
    """Map each boilerplate line number to the body index it precedes in the scraped text."""
    lines = txt.split("\n")
    body_lines = []
    start = 0
    for para in gold["body_paragraphs"]:
        idx = lines.index(para, start)
        body_lines.append(idx + 1)
        start = idx + 1
    return {bp["line"]: sum(1 for n in body_lines if n < bp["line"]) for bp in gold["boilerplate"]}


def boiler(gold: dict, kind: str) -> list[str]:
    """Texts of one boilerplate kind, in page order."""
    return [bp["text"] for bp in gold["boilerplate"] if bp["kind"] == kind]


def boiler_at(gold: dict, kind: str, positions: dict[int, int]) -> list[tuple[int, str]]:
    """(body index it precedes, text) for one boilerplate kind."""
    return [(positions[bp["line"]], bp["text"]) for bp in gold["boilerplate"] if bp["kind"] == kind]


# Where each seed is published, and the page facts the gold file does not carry.
SEED_PAGES = {
    "000": {
        "id": "eurasia-review-china-russia-renew-anti-western-confrontation",
        "cms_id": 94817,
        "outlet": "eurasia-review",
        "path": "/eurasia-review/china-russia-renew-anti-western-confrontation-and-continue-building-multipolar-world/",
        "section": "Africa",
        "tags": ["BRICS", "China", "Global South", "Multipolar World", "Russia", "SCO"],
        "show_byline": False,
    },
    "001": {
        "id": "market-herald-china-and-russia-intensify-opposition",
        "cms_id": 109415,
        "outlet": "market-herald",
        "path": "/market-herald/news/china-and-russia-intensify-their-opposition-to-the-us.html",
        "section": "World News",
        "published_at": "2024-04-09T10:15:00-04:00",
        "author_articles": 4126,
    },
    "002": {
        "id": "the-week-russia-china-new-world-order",
        "cms_id": 20841,
        "outlet": "the-week",
        "path": "/the-week/news/russia-china-the-new-world-order/",
        "section": "World News",
        "image_src": "/the-week/media/putin-xi-apec.svg",
    },
    "003": {
        "id": "united-world-xis-visit-to-russia",
        "cms_id": 21706,
        "outlet": "united-world",
        "path": "/united-world/analysis/xis-visit-to-russia-a-blow-to-western-hegemony/",
        "section": "Analysis",
        "tags": ["China", "Multipolarity", "Russia", "Xi Jinping"],
        # Section headings inside the gold body (rendered as <h2>).
        "headings": [
            "The geo-political meaning of the visit",
            "The geo-economic meaning of the visit",
            "Geo-strategic implications of the visit",
        ],
    },
    "004": {
        "id": "newsconquest-china-and-russia-draw-closer",
        "cms_id": 19032,
        "outlet": "newsconquest",
        "path": "/newsconquest/world-news/china-and-russia-draw-closer-but-how-close/",
        "section": "World News",
        "category": "World News",
        "inline_hrefs": [
            "/newsconquest/world-news/xis-russia-trip-marks-arrival-of-global-china/",
            "/newsconquest/world-news/key-nations-sit-out-us-standoff-with-russia-china/",
        ],
        "related_hrefs": [
            "/newsconquest/world-news/audrey-salkeld-pioneering-historian-of-everest-dies-at-87/",
            "/newsconquest/world-news/unesco-designates-odesa-a-world-heritage-site/",
            "/newsconquest/world-news/hamas-and-israel-to-release-more-captives/",
        ],
    },
}


def load_seed_pages() -> tuple[list[dict], dict[str, dict]]:
    """Pages for the five seeds, built from their gold files."""
    pages, golds = [], {}
    for gold_path in sorted(SEEDS_DIR.glob("*.gold.json")):
        seed = gold_path.name[:3]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        txt = (SEEDS_DIR / gold["source_file"]).read_text(encoding="utf-8")
        golds[seed] = gold
        cfg = SEED_PAGES[seed]
        headings = set(cfg.get("headings", []))
        page = {
            "kind": "seed", "seed": seed, "republished_from": None,
            "title": gold["title"], "author": gold["author"],
            "published_at": cfg.get("published_at"),
            "blocks": [("h" if p in headings else "p", p) for p in gold["body_paragraphs"]],
            "gold": gold, "positions": seed_positions(gold, txt), "event": gold.get("event"),
        }
        page.update({k: v for k, v in cfg.items() if k != "headings"})
        if boiler(gold, "subtitle"):
            page["subtitle"] = boiler(gold, "subtitle")[0]
        ts = parse_ts(page["published_at"])
        if (ts.date().isoformat() if ts else None) != gold["published"]:
            raise SystemExit(f"seed {seed}: published_at does not match gold")
        pages.append(page)
    return pages, golds


def load_content_pages(golds: dict[str, dict], seed_pages: list[dict]) -> list[dict]:
    """Hand-written pages from tools/content/*.json (republished copies take the seed body)."""
    by_seed = {p["seed"]: p for p in seed_pages}
    pages = []
    for path in sorted(CONTENT_DIR.glob("*.json")):
        page = json.loads(path.read_text(encoding="utf-8"))
        page.setdefault("seed", None)
        page.setdefault("republished_from", None)
        if page.get("republish_of"):
            seed = page["republish_of"]
            gold, orig = golds[seed], by_seed[seed]
            page.update(seed=seed, title=gold["title"], author=gold["author"],
                        republished_from=orig["path"], original=orig,
                        body=list(gold["body_paragraphs"]))
        if "copy" in page:
            pages.append(page)  # body, title and author come from the original (apply_copies)
            continue
        blocks = []
        for block in page.pop("body"):
            blocks.append(("h", block["h2"]) if isinstance(block, dict) else ("p", block))
        page["blocks"] = blocks
        pages.append(page)
    return pages


# --------------------------------------------------------------------------- syndicated copies
# Pages with a "copy" spec (dedupe test cases) take their body from another page and change
# it with a list of operations, so the copy can never drift from its original:
#   ["drop_headings"]               drop <h2> section headings
#   ["keep", start, end]            keep blocks[start:end] (an excerpt)
#   ["merge_after", "Start of A"]   join the block starting with "Start of A" and the next one
#   ["split_at", "Start of B"]      split the block containing "Start of B" before it
#   ["replace", old, new]           replace everywhere (typography); must occur at least once
#   ["edit", i, old, new]           replace once in block i (light edits)
#   ["prefix", text]                put text before the first paragraph (wire datelines)
#   ["append", text, [anchor, href]?]  add a paragraph at the end, optionally with one link
# "trailer" lines are rendered after the body but are not body text (credits, source notes).

def transform_blocks(blocks: list[tuple[str, str]], ops: list[list]) -> tuple[list[tuple[str, str]], list]:
    """Apply copy operations; returns the new blocks and the links to render inside them."""
    out = list(blocks)
    links: list[tuple[str, str, str]] = []
    for op, *args in ops:
        if op == "drop_headings":
            out = [b for b in out if b[0] != "h"]
        elif op == "keep":
            out = out[args[0]:args[1]]
        elif op == "merge_after":
            i = next(k for k, (_, t) in enumerate(out) if t.startswith(args[0]))
            assert out[i][0] == out[i + 1][0] == "p", "merge_after: paragraphs only"
            out[i:i + 2] = [("p", out[i][1] + " " + out[i + 1][1])]
        elif op == "split_at":
            i = next(k for k, (_, t) in enumerate(out) if args[0] in t)
            text = out[i][1]
            cut = text.index(args[0])
            assert cut > 0, "split_at: not inside the paragraph"
            out[i:i + 1] = [("p", text[:cut].rstrip()), ("p", text[cut:])]
        elif op == "replace":
            assert any(args[0] in t for _, t in out), f"replace: {args[0]!r} not found"
            out = [(k, t.replace(args[0], args[1])) for k, t in out]
        elif op == "edit":
            kind, text = out[args[0]]
            assert args[1] in text, f"edit: {args[1]!r} not in block {args[0]}"
            out[args[0]] = (kind, text.replace(args[1], args[2], 1))
        elif op == "prefix":
            i = next(k for k, (kind, _) in enumerate(out) if kind == "p")
            out[i] = ("p", args[0] + out[i][1])
        elif op == "append":
            out.append(("p", args[0]))
            if len(args) > 1:
                links.append((args[0], args[1][0], args[1][1]))
        else:
            raise ValueError(f"unknown copy operation {op!r}")
    return out, links


def apply_copies(pages: list[dict]) -> None:
    """Fill in copy pages from their originals ("seed:NNN" or "page:<id>")."""
    by_seed = {p["seed"]: p for p in pages if p["kind"] == "seed"}
    by_id = {p["id"]: p for p in pages}
    for page in pages:
        spec = page.get("copy")
        if not spec:
            continue
        kind, _, ref = spec["of"].partition(":")
        orig = by_seed[ref] if kind == "seed" else by_id[ref]
        assert "copy" not in orig, "copies are made from originals only"
        page["blocks"], page["inline_links"] = transform_blocks(orig["blocks"], spec.get("ops", []))
        page.setdefault("title", orig["title"])
        page.setdefault("author", orig["author"])
        page["seed"] = orig["seed"]
        page["original"] = orig
        page["duplicate_of"] = orig["path"]
        page.setdefault("event", orig.get("event"))
        if not spec.get("same_page"):
            page["republished_from"] = orig["path"]


def finish_page(page: dict) -> None:
    """Derived fields shared by all templates."""
    page["ts"] = parse_ts(page.get("published_at"))
    page["published"] = page["ts"].date().isoformat() if page["ts"] else None
    page["url"] = BASE + page["path"]
    first_para = next(text for kind, text in page["blocks"] if kind == "p")
    page.setdefault("summary", page.get("subtitle") or first_sentence(first_para))
    page.setdefault("tags", [])


# --------------------------------------------------------------------------- outlet: Eurasia Review
# Classic WordPress theme with Yoast SEO, Simple Author Box and Jetpack sharing.

def render_eurasia_review(page: dict, ctx: dict) -> str:
    """WordPress-style article page."""
    gold = page.get("gold")
    ts = page["ts"]
    head = [
        '<!DOCTYPE html>', '<html lang="en-US">', '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<title>{esc(page["title"])} - Eurasia Review</title>',
        '<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1">',
        f'<link rel="canonical" href="{page["url"]}">',
        '<meta property="og:locale" content="en_US">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{attr(page["title"])}">',
        f'<meta property="og:description" content="{attr(page["summary"])}">',
        f'<meta property="og:url" content="{page["url"]}">',
        '<meta property="og:site_name" content="Eurasia Review">',
    ]
    if ts:
        head.append(f'<meta property="article:published_time" content="{rfc3339(ts)}">')
    if page["author"]:
        head.append(f'<meta name="author" content="{attr(page["author"])}">')
    head.append('<meta name="generator" content="WordPress 6.4.3">')
    article_ld = {
        "@type": "Article",
        "@id": f'{page["url"]}#article',
        "isPartOf": {"@id": page["url"]},
        "headline": page["title"],
    }
    if page["author"]:
        article_ld["author"] = {"@type": "Person", "name": page["author"]}
    if ts:
        article_ld["datePublished"] = rfc3339(ts)
        article_ld["dateModified"] = rfc3339(ts)
    article_ld["publisher"] = {"@id": f"{BASE}/eurasia-review/#organization"}
    article_ld["articleSection"] = [page["section"]]
    article_ld["inLanguage"] = "en-US"
    head.append(json_ld({"@context": "https://schema.org", "@graph": [
        article_ld,
        {"@type": "WebPage", "@id": page["url"], "url": page["url"], "name": page["title"] + " - Eurasia Review"},
        {"@type": "Organization", "@id": f"{BASE}/eurasia-review/#organization", "name": "Eurasia Review",
         "url": f"{BASE}/eurasia-review/"},
    ]}))
    head += [
        '<link rel="stylesheet" id="eurasia-style-css" href="/eurasia-review/wp-content/themes/eurasia/style.css?ver=2.4.1" media="all">',
        '<link rel="alternate" type="application/atom+xml" title="Analysis feed" href="' + BASE + '/feeds/analysis.atom">',
        '</head>',
    ]

    nav_items = ["Home", "World", "Analysis", "Africa", "Asia", "Europe", "Opinion", "Contact"]
    nav = "".join(
        f'<li class="menu-item menu-item-type-taxonomy"><a href="/eurasia-review/{"" if n == "Home" else "category/" + slugify(n) + "/"}">{n}</a></li>'
        for n in nav_items)
    body = [
        f'<body class="post-template-default single single-post postid-{page["cms_id"]} single-format-standard wp-embed-responsive">',
        '<div id="page" class="site">',
        '<a class="skip-link screen-reader-text" href="#content">Skip to content</a>',
        '<header id="masthead" class="site-header">',
        '<div class="site-branding"><p class="site-title"><a href="/eurasia-review/" rel="home">Eurasia Review</a></p>'
        '<p class="site-description">A Journal of Analysis and News</p></div>',
        f'<nav id="site-navigation" class="main-navigation" aria-label="Primary menu"><ul id="primary-menu" class="menu">{nav}</ul></nav>',
        '</header>',
        '<div class="ad-slot ad-leaderboard"><span class="ad-label">Advertisement</span><div class="ad-container" id="div-gpt-ad-leaderboard-1"></div></div>',
        '<div id="content" class="site-content">',
        '<div id="primary" class="content-area"><main id="main" class="site-main">',
        f'<article id="post-{page["cms_id"]}" class="post-{page["cms_id"]} post type-post status-publish format-standard hentry category-{slugify(page["section"])}">',
        '<header class="entry-header">',
        f'<h1 class="entry-title">{esc(page["title"])}</h1>',
    ]
    if page.get("show_byline", True) and (ts or page["author"]):
        meta = ['<div class="entry-meta">']
        if ts:
            meta.append(f'<span class="posted-on"><time class="entry-date published" datetime="{rfc3339(ts)}">{long_date(ts)}</time></span>')
        if page["author"]:
            meta.append(f' <span class="byline">By <span class="author vcard"><a class="url fn n" href="/eurasia-review/author/{slugify(page["author"])}/">{esc(page["author"])}</a></span></span>')
        meta.append('</div>')
        body.append("".join(meta))
    if gold:
        for lead in boiler(gold, "lead_duplicate"):
            body.append(f'<div class="entry-excerpt td-post-sub-title"><p>{esc(lead)}</p></div>')
    body.append('</header>')
    body.append('<div class="entry-content">')
    inserts: dict = {}
    ad = '<div class="ad-slot ad-inarticle"><span class="ad-label">Advertisement</span><div class="ad-container" id="div-gpt-ad-inarticle-1"></div></div>'
    add_insert(inserts, min(4, len(page["blocks"])), ad)
    body += body_blocks(page, inserts=inserts)
    body.append('</div><!-- .entry-content -->')
    share = "".join(
        f'<li class="share-{net}"><a rel="nofollow noopener noreferrer" class="share-{net} sd-button share-icon no-text" href="{attr(href)}" target="_blank" title="{label}"><span class="screen-reader-text">{label}</span></a></li>'
        for net, label, href in share_links(page, "eurasiareview"))
    body.append('<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon">'
                f'<div class="sd-content"><ul>{share}</ul></div></div></div>')
    if page["tags"]:
        tags = ", ".join(f'<a href="/eurasia-review/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in page["tags"])
        body.append(f'<footer class="entry-footer"><span class="tags-links">Tagged {tags}</span></footer>')
    if gold:
        names = boiler(gold, "author_bio")
        bio_name, bio_text = names[0], names[-1]
    else:
        bio_name, bio_text = page["author"], page["author_bio"]
    if bio_name:
        body += [
            '<div class="saboxplugin-wrap" itemtype="http://schema.org/Person"><div class="saboxplugin-tab">',
            f'<div class="saboxplugin-gravatar"><img src="/eurasia-review/wp-content/uploads/avatar.svg" width="100" height="100" alt="{attr(bio_name)}">'
            f'<span class="saboxplugin-gravatar-caption">{esc(bio_name)}</span></div>',
            f'<div class="saboxplugin-authorname"><a href="/eurasia-review/author/{slugify(bio_name)}/" class="vcard author" rel="author"><span class="fn">{esc(bio_name)}</span></a></div>',
            f'<div class="saboxplugin-desc"><div itemprop="description"><p>{esc(bio_text)}</p></div></div>',
            '</div></div>',
        ]
    body.append('</article>')
    body.append('</main></div>')
    others = [p for p in ctx["outlet_pages"] if p is not page]
    body.append('<aside id="secondary" class="widget-area" aria-label="Sidebar">')
    if others:
        items = "".join(f'<li><a href="{p["path"]}">{esc(p["title"])}</a></li>' for p in others)
        body.append(f'<section id="recent-posts-3" class="widget widget_recent_entries"><h2 class="widget-title">Latest</h2><ul>{items}</ul></section>')
    body.append('<section class="widget widget_ad"><span class="ad-label">Advertisement</span><div class="ad-container" id="div-gpt-ad-sidebar-1"></div></section>')
    body.append('</aside>')
    body.append('</div><!-- #content -->')
    body += [
        '<footer id="colophon" class="site-footer"><div class="site-info">',
        '<span class="copyright">© 2024 Eurasia Review. All rights reserved.</span> ',
        '<a href="/eurasia-review/privacy-policy/">Privacy Policy</a> | <a href="/eurasia-review/contact/">Contact</a>',
        '</div></footer>',
        '</div><!-- #page -->',
        '<div id="cookie-law-info-bar" data-nosnippet="true" role="dialog" aria-label="Cookie notice">'
        '<span>This website uses cookies to improve your experience. We will assume you are ok with this, but you can opt-out if you wish.</span> '
        '<a role="button" class="cli_action_button" data-cli_action="accept">Accept</a> '
        '<a href="/eurasia-review/privacy-policy/" class="cli-plugin-main-link">Read More</a></div>',
        '<script src="/eurasia-review/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" defer></script>',
        '</body>', '</html>',
    ]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------------------- outlet: Market Herald
# Financial news aggregator: Bootstrap grid, visible dateline and "(N articles)" byline,
# deliberately no author / date metadata in <head>.

def mh_dateline(ts: dt.datetime) -> str:
    """'Tue Apr 09 2024' (JavaScript Date.toDateString style)."""
    return f"{DAYS[ts.weekday()]} {MONTHS[ts.month - 1]} {ts.day:02d} {ts.year}"


def render_market_herald(page: dict, ctx: dict) -> str:
    """Financial-aggregator article page."""
    gold = page.get("gold")
    ts = page["ts"]
    dateline = mh_dateline(ts)
    byline = f'{page["author"]} ({page["author_articles"]} articles)'
    if gold:
        assert boiler(gold, "dateline") == [dateline], "seed dateline mismatch"
        assert boiler(gold, "byline") == [byline], "seed byline mismatch"
    head = [
        '<!DOCTYPE html>', '<html lang="en">', '<head>',
        '<meta charset="utf-8">',
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
        '<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">',
        f'<title>{esc(page["title"])} | Market Herald</title>',
        f'<meta name="description" content="{attr(page["summary"])}">',
        f'<meta property="og:title" content="{attr(page["title"])}">',
        '<meta property="og:type" content="website">',
        '<meta property="og:site_name" content="Market Herald">',
        f'<link rel="canonical" href="{page["url"]}">',
        '<link rel="stylesheet" href="/market-herald/static/css/bootstrap.min.css">',
        '<link rel="stylesheet" href="/market-herald/static/css/herald.css?v=31">',
        '</head>',
    ]
    sections = ["Markets", "Equities", "Commodities", "Currencies", "Bonds", "World News", "Crypto"]
    nav = "".join(f'<li class="nav-item"><a class="nav-link" href="/market-herald/section/{slugify(s)}/">{s}</a></li>' for s in sections)
    author_href = f'/market-herald/author/{slugify(page["author"])}/'
    body = [
        '<body class="mh article-view">',
        '<div class="mh-topbar"><div class="container"><a href="/market-herald/login">Sign in</a> · <a href="/market-herald/register">Register</a></div></div>',
        '<header class="mh-header"><div class="container d-flex">',
        '<a class="mh-logo" href="/market-herald/"><img src="/market-herald/static/img/logo.svg" alt="Market Herald" width="180" height="40"></a>',
        f'<nav class="mh-nav"><ul class="nav">{nav}</ul></nav>',
        '<form class="mh-search" action="/market-herald/search" method="get" role="search"><input type="search" name="q" placeholder="Search news, tickers" aria-label="Search"></form>',
        '</div></header>',
        '<div class="container main-wrap"><div class="row">',
        '<div class="col-md-8 story-col">',
        f'<div class="story-wrap" id="story-{page["cms_id"]}">',
        '<div class="story-head">',
        f'<h1 class="story-title">{esc(page["title"])}</h1>',
        f'<div class="story-meta"><div class="story-date">{dateline}</div>'
        f'<div class="story-author"><a href="{author_href}">{esc(byline)}</a></div></div>',
        '</div>',
    ]
    share = "".join(f'<a class="share-btn share-{net}" href="{attr(href)}" aria-label="{label}" target="_blank" rel="noopener"></a>'
                    for net, label, href in share_links(page, "marketherald"))
    body.append(f'<div class="story-share">{share}</div>')
    body.append('<div class="story-body">')
    if gold:
        for dup in boiler(gold, "duplicate_title"):
            body.append(f'<h2 class="story-body-title">{esc(dup)}</h2>')
    else:
        body.append(f'<h2 class="story-body-title">{esc(page["title"])}</h2>')
    body += body_blocks(page)
    body.append('</div>')
    body.append('<div class="ad-unit ad-below-story"><span class="ad-label">Advertisement</span><div id="mh-ad-below-story"></div></div>')
    if gold:
        bio = boiler(gold, "author_bio")
        bio_name, bio_link, bio_text = bio[0], bio[1], bio[2]
    else:
        bio_name = bio_link = page["author"]
        bio_text = page["author_bio"]
    body += [
        '<div class="author-card">',
        f'<div class="author-card-img"><img src="/market-herald/static/img/author.svg" alt="{attr(bio_name)}" width="80" height="80"></div>',
        '<div class="author-card-info">',
        f'<h4 class="author-card-name">{esc(bio_name)}</h4>',
        f'<div class="author-card-link"><a href="{author_href}">{esc(bio_link)}</a></div>',
        f'<div class="author-card-bio">{esc(bio_text)}</div>',
        '</div></div>',
        '</div>',  # story-wrap
        '</div>',  # col-md-8
    ]
    others = [p for p in ctx["outlet_pages"] if p is not page]
    trending = "".join(f'<li><a href="{p["path"]}">{esc(p["title"])}</a></li>' for p in others)
    body += [
        '<div class="col-md-4 sidebar">',
        f'<div class="widget widget-trending"><h3 class="widget-title">Trending</h3><ol>{trending}</ol></div>',
        '<div class="ad-unit ad-sidebar"><span class="ad-label">Advertisement</span><div id="mh-ad-sidebar"></div></div>',
        '</div>',
        '</div></div>',  # row, container
        '<footer class="mh-footer"><div class="container">',
        '<ul class="footer-links"><li><a href="/market-herald/about/">About</a></li><li><a href="/market-herald/terms/">Terms</a></li><li><a href="/market-herald/privacy/">Privacy</a></li></ul>',
        '<small>© 2024 Market Herald. All Rights Reserved. Market data is delayed by at least 15 minutes and is provided for information only.</small>',
        '</div></footer>',
        '<div class="cookie-consent" id="cookieConsent" role="dialog" aria-label="Cookies">'
        '<span class="cookie-text">We use cookies to analyse traffic and personalise ads. By continuing you agree to our use of cookies.</span> '
        '<button type="button" class="btn btn-sm btn-primary" data-dismiss="cookie">Got it</button></div>',
        '<script src="/market-herald/static/js/app.min.js" defer></script>',
        '</body>', '</html>',
    ]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------------------- outlet: The Week
# Magazine on a Future plc-style platform ("Vanilla"): strapline, hero figure with
# caption + credit, inline subscription promo + newsletter box after paragraph two.

TW_PROMO = {
    "title": "Subscribe to The Week",
    "text": "Escape your echo chamber. Get the facts behind the news, plus analysis from multiple perspectives.",
    "cta": "SUBSCRIBE & SAVE",
    "image": "https://cdn.mos.cms.futurecdn.net/flexiimages/jacafc5zvs1692883516.jpg",
    "nl_title": "Sign up for The Week's Free Newsletters",
    "nl_text": "From our morning news briefing to a weekly Good News Newsletter, get the best of The Week delivered directly to your inbox.",
    "nl_button": "Sign up",
}
TW_EXPLORE = "Explore More"


def tw_promo_html() -> str:
    """Subscription promo and newsletter sign-up box as The Week inserts them."""
    p = TW_PROMO
    return "\n".join([
        '<div class="promo kiosq-promo" data-component="kiosq-inline" data-kiosq-id="theweek-uk-article-inline">',
        '<div class="kiosq-promo__content">',
        f'<p class="kiosq-promo__title">{esc(p["title"])}</p>',
        f'<p class="kiosq-promo__text">{esc(p["text"])}</p>',
        f'<a class="kiosq-promo__cta" href="/the-week/subscribe/?cmp=article-inline" rel="sponsored">{esc(p["cta"])}</a>',
        '</div>',
        f'<figure class="kiosq-promo__image"><img src="{p["image"]}" alt="" loading="lazy" width="300" height="200"></figure>',
        '</div>',
        '<aside class="newsletter-signup" data-component="newsletter-inline">',
        f'<h3 class="newsletter-signup__title">{esc(p["nl_title"])}</h3>',
        f'<p class="newsletter-signup__strapline">{esc(p["nl_text"])}</p>',
        f'<p class="newsletter-signup__strapline newsletter-signup__strapline--mobile">{esc(p["nl_text"])}</p>',
        '<form class="newsletter-signup__form" action="/the-week/newsletters/subscribe" method="post">',
        '<input type="email" name="email" placeholder="Your email address" aria-label="Your email address" required>',
        '<input type="hidden" name="list" value="morning-briefing">',
        f'<button type="submit" class="newsletter-signup__button">{esc(p["nl_button"])}</button>',
        '</form>',
        '</aside>',
    ])


def render_the_week(page: dict, ctx: dict) -> str:
    """Future plc-style magazine article page."""
    gold = page.get("gold")
    ts = page["ts"]
    image = page.get("image")
    if gold:
        promo = boiler(gold, "newsletter_promo")
        expected = [TW_PROMO[k] for k in ("title", "text", "cta", "image", "nl_title", "nl_text", "nl_text", "nl_button")]
        assert promo == expected, "seed promo text differs from The Week template"
        assert boiler(gold, "related_posts") == [TW_EXPLORE]
        captions = boiler(gold, "image_caption")
        image = {"src": page["image_src"], "alt": captions[0], "caption": captions[-1],
                 "caption_dup": captions[0], "credit": boiler(gold, "image_credit")[0]}
        promo_at = boiler_at(gold, "newsletter_promo", page["positions"])[0][0]
    else:
        promo_at = 2
    head = [
        '<!DOCTYPE html>', '<html lang="en-GB" class="no-js">', '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<title>{esc(page["title"])} | The Week</title>',
        f'<meta name="description" content="{attr(page["summary"])}">',
        f'<link rel="canonical" href="{page["url"]}">',
        '<meta property="og:site_name" content="The Week">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{attr(page["title"])}">',
        f'<meta property="og:description" content="{attr(page["summary"])}">',
        f'<meta property="og:url" content="{page["url"]}">',
    ]
    if image:
        head.append(f'<meta property="og:image" content="{BASE}{image["src"]}">')
    head.append('<meta name="twitter:card" content="summary_large_image">')
    head.append('<meta name="twitter:site" content="@TheWeekUK">')
    if ts:
        head.append(f'<meta property="article:published_time" content="{rfc3339(ts)}">')
        head.append(f'<meta name="pub_date" content="{rfc3339(ts)}">')
    if page["author"]:
        head.append(f'<meta name="author" content="{attr(page["author"])}">')
        head.append(f'<meta name="parsely-author" content="{attr(page["author"])}">')
    head.append(f'<meta name="parsely-section" content="{attr(page["section"])}">')
    if ts and page["author"]:
        head.append(json_ld({
            "@context": "https://schema.org", "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": page["url"]},
            "headline": page["title"], "description": page["summary"],
            "image": [BASE + image["src"]] if image else [],
            "datePublished": rfc3339(ts), "dateModified": rfc3339(ts),
            "author": [{"@type": "Person", "name": page["author"],
                        "url": f'{BASE}/the-week/author/{slugify(page["author"])}'}],
            "publisher": {"@type": "Organization", "name": "The Week",
                          "logo": {"@type": "ImageObject", "url": f"{BASE}/the-week/media/logo.svg"}},
        }))
    head += ['<link rel="stylesheet" href="/the-week/static/vanilla.css?v=8c1f2e">', '</head>']

    menu = ["News", "Politics", "Business", "Tech", "Culture", "Puzzles"]
    nav = "".join(f'<li class="menu-item"><a href="/the-week/{slugify(m)}/" class="menu-item__link">{m}</a></li>' for m in menu)
    body = [
        '<body class="vanilla theme-theweek-uk article-page">',
        '<div id="cmp-banner" class="cmp-banner" role="dialog" aria-label="Privacy choices" data-nosnippet="">'
        '<span class="cmp-banner__text">We and our partners use cookies to store and access personal data such as browsing data for purposes such as serving and personalising content and advertising.</span> '
        '<button class="cmp-banner__accept" type="button">Accept all</button> <button class="cmp-banner__manage" type="button">Manage</button></div>',
        '<header class="site-header" data-component="header">',
        '<a href="/the-week/" class="site-header__logo"><img src="/the-week/media/logo.svg" alt="The Week" width="160" height="36"></a>',
        f'<nav class="site-header__nav" aria-label="Main"><ul class="menu">{nav}</ul></nav>',
        '<a class="site-header__subscribe" href="/the-week/subscribe/?cmp=header">Subscribe</a>',
        '</header>',
        '<div class="main-content-wrapper"><main id="main" class="content-wrapper">',
        f'<article class="news-article" data-id="{page["cms_id"]}" data-component="article">',
        '<header class="news-article__header">',
        f'<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/the-week/{slugify(page["section"])}/">{esc(page["section"])}</a></nav>',
        f'<h1>{esc(page["title"])}</h1>',
    ]
    if page.get("subtitle"):
        body.append(f'<p class="strapline">{esc(page["subtitle"])}</p>')
    if page["author"] or ts:
        line = ['<div class="byline-social"><div class="author-byline">']
        if page["author"]:
            line.append(f'<span class="author-byline__authors">By <a class="link author-byline__link" href="/the-week/author/{slugify(page["author"])}" rel="author">{esc(page["author"])}</a></span> ')
        if ts:
            line.append(f'<span class="author-byline__date">published <time datetime="{rfc3339(ts)}">{uk_date(ts)}</time></span>')
        line.append('</div></div>')
        body.append("".join(line))
    body.append('</header>')
    if image:
        body += ['<div class="hero-image-wrapper">']
        if image.get("caption_dup"):
            body.append(f'<div class="hero-image-wrapper__title">{esc(image["caption_dup"])}</div>')
        body += [
            '<figure class="van-image-figure hero-image" data-bordeaux-image-check="">',
            '<div class="image-widthsetter"><p class="vanilla-image-block">'
            f'<img src="{image["src"]}" alt="{attr(image["alt"])}" width="1200" height="675" fetchpriority="high"></p></div>',
            f'<figcaption itemprop="caption description"><span class="caption-text">{esc(image["caption"])}</span> '
            f'<span class="credit" itemprop="copyrightHolder">{esc(image["credit"])}</span></figcaption>',
            '</figure>', '</div>',
        ]
    body.append('<div id="article-body" class="text-copy bodyCopy auto">')
    inserts: dict = {}
    add_insert(inserts, promo_at, tw_promo_html())
    body += body_blocks(page, inserts=inserts)
    body.append('</div>')
    body += [
        '<section class="explore-more" data-component="explore-more">',
        f'<h2 class="explore-more__title">{TW_EXPLORE}</h2>',
        '<div class="explore-more__carousel" data-lazy-widget="related-tags" data-tags="' + attr(",".join(page["tags"])) + '"></div>',
        '</section>',
        '</article>',
    ]
    others = [p for p in ctx["outlet_pages"] if p is not page]
    popular = "".join(f'<li class="popular-box__item"><a href="{p["path"]}">{esc(p["title"])}</a></li>' for p in others)
    body += [
        '<aside class="sidebar" data-component="sidebar">',
        f'<div class="popular-box"><h3 class="popular-box__title">Most popular</h3><ol>{popular}</ol></div>',
        '<div class="ad-unit" data-slot="mpu-1"><span class="ad-unit__label">Advertisement</span></div>',
        '</aside>',
        '</main></div>',
        '<footer class="site-footer" data-component="footer">',
        '<p class="site-footer__legal">The Week is part of Futura Media plc, an international media group and leading digital publisher. '
        '© Futura Media plc, Quay House, The Ambury, Bath BA1 1UA. All rights reserved.</p>',
        '<ul class="site-footer__links"><li><a href="/the-week/about-us">About us</a></li><li><a href="/the-week/terms">Terms and conditions</a></li><li><a href="/the-week/privacy">Privacy policy</a></li></ul>',
        '</footer>',
        '<script src="/the-week/static/vanilla.js?v=8c1f2e" async></script>',
        '</body>', '</html>',
    ]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------------------- outlet: United World International
# Think-tank / analysis site on a tagDiv "Newspaper"-style WordPress theme:
# td-* classes, publisher/author box, WordPress comment form, archive widget.

UW_REPLY = "Leave a Reply"
UW_NOTES = "Your email address will not be published. Required fields are marked *"
UW_PUBLISHER = "United World International"
UW_PUBLISHER_BIO = ("Independent analytical center where political scientists and experts in "
                    "international relations from various countries exchange their opinions and views.")


def render_united_world(page: dict, ctx: dict) -> str:
    """Think-tank analysis page."""
    gold = page.get("gold")
    ts = page["ts"]
    archive = page.get("archive_months", [])
    dup_titles: list[str] = []
    if gold:
        assert boiler(gold, "comment_form") == [UW_REPLY, UW_NOTES]
        assert boiler(gold, "publisher_bio") == [UW_PUBLISHER, UW_PUBLISHER_BIO]
        dup_titles = boiler(gold, "duplicate_title")
        archive = boiler(gold, "date_stub")
        box_name, box_bio, box_href = UW_PUBLISHER, UW_PUBLISHER_BIO, "/united-world/author/uwi/"
    else:
        box_name, box_bio = page["author"], page["author_bio"]
        box_href = f'/united-world/author/{slugify(page["author"])}/'
    head = [
        '<!doctype html>', '<html lang="en-US">', '<head>',
        f'<title>{esc(page["title"])} - United World International</title>',
        '<meta charset="UTF-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f'<link rel="canonical" href="{page["url"]}">',
        '<meta property="og:locale" content="en_US">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{attr(page["title"])}">',
        f'<meta property="og:description" content="{attr(page["summary"])}">',
        f'<meta property="og:url" content="{page["url"]}">',
        '<meta property="og:site_name" content="United World International">',
    ]
    if ts:
        head.append(f'<meta property="article:published_time" content="{rfc3339(ts)}">')
        head.append(f'<meta property="article:section" content="{attr(page["section"])}">')
    if page["author"]:
        head.append(f'<meta name="author" content="{attr(page["author"])}">')
    head += [
        '<link rel="stylesheet" id="td-theme-css" href="/united-world/wp-content/themes/Newspaper/style.css?ver=12.6.2" media="all">',
        '<link rel="alternate" type="application/atom+xml" title="UWI analysis" href="' + BASE + '/feeds/analysis.atom">',
        '</head>',
    ]
    menu = ["Home", "Analysis", "Interviews", "Eurasia", "Africa", "Latin America", "About us"]
    nav = "".join(f'<li class="menu-item"><a href="/united-world/{"" if m == "Home" else slugify(m) + "/"}">{m}</a></li>' for m in menu)
    cid = page["cms_id"]
    body = [
        f'<body class="post-template-default single single-post postid-{cid} single-format-standard td-standard-pack global-block-template-1 td-full-layout" itemscope="itemscope" itemtype="https://schema.org/WebPage">',
        '<div class="td-theme-wrap" id="td-outer-wrap">',
        '<div class="td-header-wrap td-header-style-1">',
        '<div class="td-header-top-menu"><ul class="top-header-menu"><li><a href="/united-world/">EN</a></li><li><a href="/united-world/de/">DE</a></li><li><a href="/united-world/fr/">FR</a></li><li><a href="/united-world/es/">ES</a></li></ul></div>',
        '<div class="td-header-sp-logo"><a class="td-main-logo" href="/united-world/"><img src="/united-world/wp-content/uploads/logo.svg" alt="United World International" width="272" height="90"></a></div>',
        f'<div class="td-header-menu-wrap"><nav id="td-header-menu" role="navigation"><ul id="menu-main" class="sf-menu">{nav}</ul></nav></div>',
        '</div>',
        '<div class="td-main-content-wrap td-container-wrap"><div class="td-container td-post-template-default">',
        '<div class="td-pb-row">',
        '<div class="td-pb-span8 td-main-content" role="main"><div class="td-ss-main-content">',
        f'<article id="post-{cid}" class="post-{cid} post type-post status-publish format-standard category-{slugify(page["section"])}">',
        '<div class="td-post-header">',
        f'<ul class="td-category"><li class="entry-category"><a href="/united-world/{slugify(page["section"])}/">{esc(page["section"])}</a></li></ul>',
        '<header class="td-post-title">',
        f'<h1 class="entry-title">{esc(page["title"])}</h1>',
    ]
    for dup in dup_titles:
        body.append(f'<div class="td-post-sub-title">{esc(dup)}</div>')
    if ts or page["author"]:
        meta = ['<div class="td-module-meta-info">']
        if page["author"]:
            meta.append(f'<div class="td-post-author-name"><div class="td-author-by">By</div> <a href="{box_href}">{esc(page["author"])}</a><div class="td-author-line"> - </div></div>')
        if ts:
            meta.append(f'<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{rfc3339(ts)}">{uk_date(ts)}</time></span>')
        meta.append('</div>')
        body.append("".join(meta))
    body.append('</header></div>')
    share = "".join(f'<a class="td-social-sharing-button td-social-sharing-button-js td-social-{net}" href="{attr(href)}" title="{label}"><span class="td-social-but-icon"></span></a>'
                    for net, label, href in share_links(page, "uwi_int"))
    body.append(f'<div class="td-post-sharing-top"><div class="td-post-sharing-visible">{share}</div></div>')
    body.append('<div class="td-post-content tagdiv-type">')
    body += body_blocks(page, h_tmpl='<h2 class="wp-block-heading">{}</h2>')
    body.append('</div>')
    body.append('<footer>')
    if page["tags"]:
        tags = "".join(f'<li><a href="/united-world/tag/{slugify(t)}/">{esc(t)}</a></li>' for t in page["tags"])
        body.append(f'<div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li class="td-tags-label"><span>TAGS</span></li>{tags}</ul></div>')
    body += [
        '<div class="td-author-name-wrap"><div class="author-box-wrap">',
        f'<a href="{box_href}"><img alt="{attr(box_name)}" src="/united-world/wp-content/uploads/avatar.svg" class="avatar avatar-96 photo" height="96" width="96"></a>',
        '<div class="desc">',
        f'<div class="td-author-name vcard author"><span class="fn"><a href="{box_href}">{esc(box_name)}</a></span></div>',
        f'<div class="td-author-description">{esc(box_bio)}</div>',
        '</div></div></div>',
        '</footer>',
        '</article>',
        '<div class="comments" id="comments">',
        '<div id="respond" class="comment-respond">',
        f'<h3 id="reply-title" class="comment-reply-title">{UW_REPLY}</h3>',
        '<form action="/united-world/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>',
        '<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> '
        '<span class="required-field-message">Required fields are marked <span class="required">*</span></span></p>',
        '<div class="clearfix"></div>',
        '<div class="comment-form-input-wrap td-form-comment"><textarea placeholder="Comment:" id="comment" name="comment" cols="45" rows="8" required="required"></textarea></div>',
        '<div class="comment-form-input-wrap td-form-author"><input class="" id="author" name="author" placeholder="Name:*" type="text" value="" size="30" required="required"></div>',
        '<div class="comment-form-input-wrap td-form-email"><input class="" id="email" name="email" placeholder="Email:*" type="text" value="" size="30" required="required"></div>',
        '<div class="comment-form-input-wrap td-form-url"><input class="" id="url" name="url" placeholder="Website:" type="text" value="" size="30"></div>',
        '<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"> '
        f'<input type="hidden" name="comment_post_ID" value="{cid}" id="comment_post_ID"> <input type="hidden" name="comment_parent" id="comment_parent" value="0"></p>',
        '</form>',
        '</div></div>',
        '</div></div>',  # td-ss-main-content, td-main-content
        '<div class="td-pb-span4 td-main-sidebar" role="complementary"><div class="td-ss-main-sidebar">',
        '<aside class="td_block_template_1 widget widget_search"><form role="search" method="get" class="td-search-form-widget" action="/united-world/"><input class="td-widget-search-input" type="text" value="" name="s" aria-label="Search"></form></aside>',
    ]
    if archive:
        items = "".join(f'<li><a href="/united-world/{slugify(m)}/">{esc(m)}</a></li>' for m in archive)
        body.append(f'<aside class="td_block_template_1 widget widget_archive" aria-label="Archives"><ul>{items}</ul></aside>')
    body += [
        '</div></div>',
        '</div></div></div>',  # td-pb-row, td-container, td-main-content-wrap
        '<div class="td-footer-wrapper td-container-wrap"><div class="td-container"><div class="td-footer-bottom-full">',
        '<div class="footer-text-wrap">United World International is a project of an independent, non-profit analytical centre. Contact: <a href="mailto:info@uwi.example">info@uwi.example</a></div>',
        '</div></div></div>',
        '<div class="td-sub-footer-container td-container-wrap"><div class="td-container"><div class="td-sub-footer-copy">© Copyright 2024 - United World International</div></div></div>',
        '</div>',  # td-theme-wrap
        '</body>', '</html>',
    ]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------------------- outlet: newsconquest
# Auto-republishing WordPress blog (the site title was never changed from "My Blog").

NC_SITE_TITLE = "My Blog"


def render_newsconquest(page: dict, ctx: dict) -> str:
    """Republishing-blog article page."""
    gold = page.get("gold")
    ts = page["ts"]
    category = page.get("category", page["section"])
    inserts: dict = {}
    dup_titles: list[str] = []
    if gold:
        assert boiler(gold, "site_chrome") == [NC_SITE_TITLE, category]
        dup_titles = boiler(gold, "duplicate_title")
        for idx, text in boiler_at(gold, "newsletter_promo", page["positions"]):
            before, sep, after = text.partition("Today’s WorldView")
            first, sep2, rest = after.partition("Sign up")
            assert sep and sep2, "unexpected newsletter excerpt wording"
            add_insert(inserts, idx,
                       f'<p class="has-small-font-size newsletter-excerpt"><em>{esc(before)}<a href="/newsconquest/newsletters/todays-worldview/">Today’s WorldView</a>'
                       f'{esc(first)}<a href="/newsconquest/newsletters/todays-worldview/signup/">Sign up</a>{esc(rest)}</em></p>')
        for (idx, text), href in zip(boiler_at(gold, "inline_related_link", page["positions"]), page["inline_hrefs"]):
            add_insert(inserts, idx, f'<p class="wp-block-paragraph interstitial-link"><a href="{href}"><strong>{esc(text)}</strong></a></p>')
        rel = boiler(gold, "related_posts")
        related_heading = rel[0]
        related = [{"title": t, "author": a, "href": h}
                   for (t, a), h in zip(zip(rel[1::2], rel[2::2]), page["related_hrefs"])]
    else:
        related_heading = "Related posts"
        related = [dict(r, author="newsconquest") for r in page["related"]]
    head = [
        '<!DOCTYPE html>', '<html lang="en-US">', '<head>',
        '<meta charset="UTF-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="profile" href="https://gmpg.org/xfn/11">',
        f'<title>{esc(page["title"])} – {NC_SITE_TITLE}</title>',
        '<meta name="robots" content="max-image-preview:large">',
        f'<link rel="canonical" href="{page["url"]}">',
        '<meta name="generator" content="WordPress 6.2.2">',
        '<link rel="stylesheet" id="newsblogly-style-css" href="/newsconquest/wp-content/themes/newsblogly/style.css?ver=1.0.9" media="all">',
        '</head>',
    ]
    cid = page["cms_id"]
    cats = ["World News", "Business", "Sports", "Technology", "Entertainment"]
    body = [
        f'<body class="post-template-default single single-post postid-{cid} single-format-standard">',
        '<div id="page" class="site">',
        '<a class="skip-link screen-reader-text" href="#primary">Skip to content</a>',
        '<header id="masthead" class="site-header">',
        f'<div class="site-branding"><p class="site-title"><a href="/newsconquest/" rel="home">{NC_SITE_TITLE}</a></p></div>',
        '<nav id="site-navigation" class="main-navigation" aria-label="Primary"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>'
        '<ul id="primary-menu" class="menu">' + "".join(
            f'<li class="menu-item"><a href="/newsconquest/category/{slugify(c)}/">{c}</a></li>' for c in cats) + '</ul></nav>',
        '</header>',
        '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">',
        f'<article id="post-{cid}" class="post-{cid} post type-post status-publish format-standard has-post-thumbnail hentry category-{slugify(category)}">',
        '<header class="entry-header">',
        f'<div class="entry-cat"><span class="cat-links"><a href="/newsconquest/category/{slugify(category)}/" rel="category tag">{esc(category)}</a></span></div>',
        f'<h1 class="entry-title">{esc(page["title"])}</h1>',
    ]
    if ts:
        body.append('<div class="entry-meta">'
                    f'<span class="posted-on"><a href="{page["path"]}" rel="bookmark"><time class="entry-date published" datetime="{rfc3339(ts)}">{long_date(ts)}</time></a></span>'
                    f'<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/newsconquest/author/{slugify(page["author"])}/">{esc(page["author"])}</a></span></span></div>')
    body.append('</header>')
    if dup_titles:
        body.append('<div class="post-thumbnail"><figure class="wp-caption">'
                    f'<img src="/newsconquest/wp-content/uploads/featured.svg" alt="{attr(dup_titles[0])}" width="1200" height="675">'
                    f'<figcaption class="wp-caption-text">{esc(dup_titles[0])}</figcaption></figure></div>')
    else:
        body.append('<div class="post-thumbnail"><img src="/newsconquest/wp-content/uploads/featured.svg" alt="" width="1200" height="675"></div>')
    body.append('<div class="entry-content">')
    for dup in dup_titles[1:]:
        body.append(f'<h2 class="wp-block-heading has-text-align-center">{esc(dup)}</h2>')
    body += body_blocks(page, inserts=inserts)
    body.append('</div><!-- .entry-content -->')
    share = "".join(f'<a class="social-share social-share-{net}" href="{attr(href)}" aria-label="{label}" target="_blank" rel="noopener"></a>'
                    for net, label, href in share_links(page, "newsconquest"))
    body.append(f'<footer class="entry-footer"><div class="post-share">{share}</div></footer>')
    body.append('</article>')
    items = "".join(
        '<article class="related-post">'
        f'<h4 class="related-post-title"><a href="{r["href"]}">{esc(r["title"])}</a></h4>'
        f'<div class="related-post-meta"><span class="related-post-author">{esc(r["author"])}</span></div>'
        '</article>' for r in related)
    body.append(f'<div class="related-posts"><h3 class="related-posts-title">{esc(related_heading)}</h3><div class="related-posts-list">{items}</div></div>')
    body.append('</main></div>')
    recent = "".join(f'<li><a href="{p["path"]}">{esc(p["title"])}</a></li>' for p in ctx["outlet_pages"] if p is not page)
    body += [
        '<aside id="secondary" class="widget-area">',
        '<section class="widget widget_search"><form role="search" method="get" class="search-form" action="/newsconquest/"><input type="search" class="search-field" name="s" aria-label="Search for:"></form></section>',
        f'<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>{recent}</ul></section>',
        '</aside>',
        '</div><!-- #content -->',
        '<footer id="colophon" class="site-footer"><div class="site-info">'
        '<a href="https://wordpress.org/">Proudly powered by WordPress</a><span class="sep"> | </span>Theme: NewsBlogly</div></footer>',
        '</div><!-- #page -->',
        '</body>', '</html>',
    ]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------------------- outlet: AsiaWire
# Modern React/Next.js-style news site: hashed class names, data-testid/data-component
# attributes, one text-block per paragraph, full metadata and JSON-LD. Syndicates others.

def render_asiawire(page: dict, ctx: dict) -> str:
    """Next.js-style article page."""
    ts = page["ts"]
    orig = page.get("original")
    head = [
        '<!DOCTYPE html>', '<html lang="en">', '<head>',
        '<meta charSet="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<title>{esc(page["title"])} | AsiaWire</title>',
        f'<meta name="description" content="{attr(page["summary"])}">',
        f'<link rel="canonical" href="{page["url"]}">',
        f'<meta property="og:title" content="{attr(page["title"])}">',
        f'<meta property="og:description" content="{attr(page["summary"])}">',
        f'<meta property="og:url" content="{page["url"]}">',
        '<meta property="og:type" content="article">',
        '<meta property="og:site_name" content="AsiaWire">',
        f'<meta property="article:published_time" content="{rfc3339(ts)}">',
        f'<meta property="article:modified_time" content="{rfc3339(ts)}">',
        f'<meta property="article:section" content="{attr(page["section"])}">',
    ]
    for tag in page["tags"]:
        head.append(f'<meta property="article:tag" content="{attr(tag)}">')
    head.append(f'<meta name="author" content="{attr(page["author"])}">')
    if page.get("image"):
        head.append(f'<meta property="og:image" content="{BASE}{page["image"]["src"]}">')
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": page["title"], "description": page["summary"],
        "url": page["url"], "mainEntityOfPage": page["url"],
        "datePublished": rfc3339(ts), "dateModified": rfc3339(ts),
        "articleSection": page["section"], "keywords": page["tags"],
        "author": [{"@type": "Person", "name": page["author"]}],
        "publisher": {"@type": "NewsMediaOrganization", "name": "AsiaWire",
                      "logo": {"@type": "ImageObject", "url": f"{BASE}/asiawire/static/logo.svg"}},
    }
    if orig:
        ld["isBasedOn"] = orig["url"]
        ld["sourceOrganization"] = {"@type": "NewsMediaOrganization", "name": page["credit_outlet"]}
    head.append(json_ld(ld))
    head += [
        '<link rel="preload" href="/asiawire/_next/static/css/8f2a1c0e.css" as="style">',
        '<link rel="stylesheet" href="/asiawire/_next/static/css/8f2a1c0e.css" data-n-g="">',
        f'<link rel="alternate" type="application/rss+xml" title="AsiaWire" href="{BASE}/asiawire/feed.xml">',
        '</head>',
    ]
    nav_items = ["World", "Geopolitics", "Business", "Markets", "Tech", "Opinion"]
    nav = "".join(f'<li class="Nav_item__q3T1f"><a data-testid="nav-link" href="/asiawire/{slugify(n)}">{n}</a></li>' for n in nav_items)
    body = [
        '<body>',
        '<div id="__next">',
        '<div class="Layout_root__Xk29a" data-testid="layout">',
        '<header class="Header_root__Fz0l2" data-component="site-header">',
        '<a class="Header_logo__2bHq1" data-testid="logo" href="/asiawire/" aria-label="AsiaWire home"><img src="/asiawire/static/logo.svg" alt="" width="150" height="32"></a>',
        f'<nav class="Nav_root__mW0a8" data-testid="primary-nav" aria-label="Sections"><ul class="Nav_list__c8L4d">{nav}</ul></nav>',
        '<button class="Header_menuButton__k1bZ0" data-testid="menu-button" aria-label="Open menu" type="button"></button>',
        '</header>',
        '<main id="main-content" class="ArticlePage_main__4rTqz" data-component="article-page">',
        f'<article class="Article_article__3kQ9v" data-testid="article" data-article-id="aw-{page["cms_id"]}">',
        '<div class="Article_header__Jq2Wd" data-component="headline-block">',
        f'<a class="Kicker_kicker__p0Ryx" data-testid="kicker" href="/asiawire/{slugify(page["section"])}">{esc(page["section"])}</a>',
        f'<h1 class="Headline_headline__Zp7nE" data-testid="headline">{esc(page["title"])}</h1>',
    ]
    if page.get("subtitle"):
        body.append(f'<p class="Standfirst_standfirst__bR1kT" data-testid="standfirst">{esc(page["subtitle"])}</p>')
    body += [
        '</div>',
        '<div class="Byline_root__tTq0B" data-component="byline-block">',
        f'<span class="Byline_author__1oYwM" data-testid="byline">By <a href="/asiawire/authors/{slugify(page["author"])}">{esc(page["author"])}</a></span>',
        f'<time class="Byline_time__hR9sD" data-testid="timestamp" dateTime="{rfc3339(ts)}">{uk_date(ts)} · {ts:%H:%M} UTC</time>',
        '</div>',
    ]
    share = "".join(f'<a class="ShareBar_button__uL1sR" data-testid="share-{net}" href="{attr(href)}" aria-label="{label}" target="_blank" rel="noopener noreferrer"></a>'
                    for net, label, href in share_links(page, "asiawire"))
    body.append(f'<div class="ShareBar_root__e7GmK" data-component="share-bar" role="group" aria-label="Share this article">{share}'
                '<button class="ShareBar_copy__Yz2kP" data-testid="copy-link" type="button" aria-label="Copy link"></button></div>')
    image = page.get("image")
    if image:
        body += [
            '<figure class="Image_figure__O2xLq" data-component="image-block">',
            f'<img class="Image_img__3cH1P" src="{image["src"]}" alt="{attr(image["alt"])}" width="1200" height="675" loading="eager" decoding="async">',
            f'<figcaption class="Image_caption__pN7Ys" data-testid="caption">{esc(image["caption"])} <span class="Image_credit__i9TbV" data-testid="credit">{esc(image["credit"])}</span></figcaption>',
            '</figure>',
        ]
    body.append('<div class="Article_body__6RaWm" data-testid="article-body">')
    inserts: dict = {}
    if len(page["blocks"]) > 6:
        add_insert(inserts, 4, '<div class="AdSlot_root__kQ3n0" data-component="ad-slot" data-slot="inarticle-1"><span class="AdSlot_label__pL2mX">Advertisement</span></div>')
    body += body_blocks(
        page,
        p_tmpl='<div class="TextBlock_root__w2Pr7" data-component="text-block"><p class="TextBlock_p__f1Kx3" data-testid="paragraph">{}</p></div>',
        h_tmpl='<div class="TextBlock_root__w2Pr7" data-component="subheading-block"><h2 class="TextBlock_h2__A8zQ1">{}</h2></div>',
        inserts=inserts)
    body.append('</div>')
    if orig:
        body.append('<div class="Syndication_root__Hh8tE" data-component="syndication-note">'
                    f'<p class="Syndication_credit__nq4Vb" data-testid="syndication-credit"><em>This article originally appeared on '
                    f'<a href="{orig["path"]}">{esc(page["credit_outlet"])}</a>.</em></p></div>')
    tags = "".join(f'<li><a class="TagList_tag__Rr0sQ" href="/asiawire/topics/{slugify(t)}">{esc(t)}</a></li>' for t in page["tags"])
    body.append(f'<nav class="TagList_root__9dFhM" data-component="tag-list" aria-label="Topics"><ul>{tags}</ul></nav>')
    body.append('</article>')
    others = [p for p in ctx["outlet_pages"] if p is not page]
    most = "".join(f'<li class="MostRead_item__mN2qC"><a data-testid="most-read-link" href="{p["path"]}">{esc(p["title"])}</a></li>' for p in others)
    body += [
        '<aside class="Sidebar_root__bV4y1" data-component="sidebar">',
        f'<section class="MostRead_root__a1Q0s" data-component="most-read"><h2 class="MostRead_title__Lr3cD">Most read</h2><ol>{most}</ol></section>',
        '<aside class="newsletter-signup Newsletter_root__T7c2a" data-component="newsletter">',
        '<h2 class="Newsletter_title__fE4x0">The AsiaWire Briefing</h2>',
        '<p class="Newsletter_text__hN1k7">The stories shaping Asia and the world, in your inbox every weekday morning.</p>',
        '<form class="Newsletter_form__c2Jm5" action="/asiawire/api/newsletter" method="post"><input type="email" name="email" placeholder="Email address" aria-label="Email address" required><button type="submit">Sign up</button></form>',
        '</aside>',
        '</aside>',
        '</main>',
        '<footer class="Footer_root__Gq7nB" data-component="site-footer">',
        '<ul class="Footer_links__Y3dAb"><li><a href="/asiawire/about">About AsiaWire</a></li><li><a href="/asiawire/syndication">Syndication</a></li><li><a href="/asiawire/privacy">Privacy</a></li></ul>',
        '<p class="Footer_copyright__ie0vD">© 2024 AsiaWire Media Ltd. All rights reserved.</p>',
        '</footer>',
        '<div class="CookieBanner_root__h8Nc2" data-component="cookie-banner" role="dialog" aria-live="polite">'
        '<span>We use cookies to improve your experience and to measure audiences.</span> '
        '<button type="button" data-testid="cookie-accept">Accept</button> <button type="button" data-testid="cookie-reject">Reject</button></div>',
        '</div>',
        '</div>',
        '<script id="__NEXT_DATA__" type="application/json">'
        + json.dumps({"props": {"pageProps": {"articleId": f'aw-{page["cms_id"]}', "section": page["section"],
                                              "syndicated": bool(orig)}},
                      "page": "/articles/[...slug]", "query": {}, "buildId": "Kx2m9Qp4rT7vWz1a",
                      "isFallback": False, "gip": True}, separators=(",", ":"))
        + '</script>',
        '<script src="/asiawire/_next/static/chunks/main-3f1e9c2b.js" defer></script>',
        '</body>', '</html>',
    ]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------------------- copy helpers

def linked_blocks(page: dict, blocks_html: list[str]) -> list[str]:
    """Put the copy's inline links (e.g. "Read the full story at <a>Market Herald</a>.") in place."""
    out = list(blocks_html)
    for text, anchor, href in page.get("inline_links", []):
        i = next(k for k, b in enumerate(out) if f">{esc(text)}<" in b)
        out[i] = out[i].replace(esc(anchor), f'<a href="{href}">{esc(anchor)}</a>', 1)
    return out


def trailer_html(page: dict, p_tmpl: str = "<p><em>{}</em></p>") -> list[str]:
    """Credit and source lines printed after the body (not body text: the cleaner drops them)."""
    out = []
    for line in page.get("trailer", []):
        if isinstance(line, dict):
            text = esc(line["text"]).replace(esc(line["anchor"]),
                                             f'<a href="{line["href"]}">{esc(line["anchor"])}</a>', 1)
        else:
            text = esc(line)
        out.append(p_tmpl.format(text))
    return out


# --------------------------------------------------------------------------- outlet: Silk Road Monitor
# Regional news portal on Drupal 10 (Olivero-derived theme): region/block/field markup,
# breadcrumb, node__meta footer for the byline, tags field, "Most read" and newsletter
# blocks in the sidebar, cookie-compliance banner. Republishes columnists from other sites.

SRM_SLOGAN = "News and commentary from Central Asia to the Pacific"
SRM_ABOUT = ("Silk Road Monitor is an independent news site covering Central Asia, Russia, China and "
             "the trade routes between them. Articles may be reproduced with a link to the original.")


def render_silk_road_monitor(page: dict, ctx: dict) -> str:
    """Drupal-style article page."""
    ts = page["ts"]
    cid = page["cms_id"]
    head = [
        '<!DOCTYPE html>', '<html lang="en" dir="ltr" prefix="og: https://ogp.me/ns#">', '<head>',
        '<meta charset="utf-8">',
        '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">',
        '<meta name="MobileOptimized" content="width">',
        '<meta name="HandheldFriendly" content="true">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f'<title>{esc(page["title"])} | Silk Road Monitor</title>',
        f'<meta name="description" content="{attr(page["summary"])}">',
        f'<link rel="canonical" href="{page["url"]}">',
        f'<link rel="shortlink" href="{BASE}/silk-road-monitor/node/{cid}/">',
        '<meta property="og:site_name" content="Silk Road Monitor">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{page["url"]}">',
        f'<meta property="og:title" content="{attr(page["title"])}">',
        f'<meta property="og:description" content="{attr(page["summary"])}">',
    ]
    if ts:
        head.append(f'<meta property="article:published_time" content="{rfc3339(ts)}">')
    for tag in page["tags"]:
        head.append(f'<meta property="article:tag" content="{attr(tag)}">')
    head += [
        '<link rel="stylesheet" media="all" href="/silk-road-monitor/sites/default/files/css/css_Qm4x7Rz2.css">',
        '</head>',
    ]
    menu = ["News", "Opinion", "Security", "Energy", "Trade", "Central Asia", "About"]
    nav = "".join(f'<li class="menu-item"><a href="/silk-road-monitor/{slugify(m)}/" data-drupal-link-system-path="taxonomy/term/{i + 3}">{m}</a></li>'
                  for i, m in enumerate(menu))
    section_href = f'/silk-road-monitor/{slugify(page["section"])}/'
    body = [
        '<body class="path-node page-node-type-article">',
        '<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>',
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>',
        '<div class="layout-container">',
        '<header role="banner" class="site-header">',
        '<div class="region region-header"><div id="block-srm-branding" class="block block-system block-system-branding-block">',
        '<a href="/silk-road-monitor/" rel="home" class="site-logo"><img src="/silk-road-monitor/sites/default/files/logo.svg" alt="Home" width="220" height="48"></a>',
        f'<div class="site-name"><a href="/silk-road-monitor/" rel="home">Silk Road Monitor</a></div><div class="site-slogan">{SRM_SLOGAN}</div>',
        '</div></div>',
        '<div class="region region-primary-menu"><nav role="navigation" aria-labelledby="block-srm-main-menu-menu" id="block-srm-main-menu">'
        f'<h2 class="visually-hidden" id="block-srm-main-menu-menu">Main navigation</h2><ul class="menu">{nav}</ul></nav></div>',
        '</header>',
        '<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb">'
        '<h2 id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2>'
        f'<ol><li><a href="/silk-road-monitor/">Home</a></li><li><a href="{section_href}">{esc(page["section"])}</a></li></ol></nav></div>',
        '<main role="main">',
        '<a id="main-content" tabindex="-1"></a>',
        '<div class="layout-content"><div class="region region-content">',
        '<div data-drupal-messages-fallback class="hidden"></div>',
        '<div id="block-srm-content" class="block block-system block-system-main-block">',
        f'<article data-history-node-id="{cid}" role="article" about="{page["path"]}" class="node node--type-article node--promoted node--view-mode-full">',
        f'<h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden">{esc(page["title"])}</span></h1>',
    ]
    meta = ['<footer class="node__meta"><div class="node__submitted">']
    if page["author"]:
        meta.append(f'By <span class="field field--name-uid field--type-entity-reference field--label-hidden">'
                    f'<a href="/silk-road-monitor/author/{slugify(page["author"])}/">{esc(page["author"])}</a></span>')
    if ts:
        meta.append(f' <span class="field field--name-created field--type-created field--label-hidden">'
                    f'<time datetime="{rfc3339(ts)}">{uk_date(ts)}</time></span>')
    meta.append('</div></footer>')
    body.append("".join(meta))
    body.append('<div class="node__content">')
    body.append('<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">')
    body += linked_blocks(page, body_blocks(page))
    body += trailer_html(page)
    body.append('</div>')
    share = "".join(f'<a class="social-share-links__link social-share-{net}" href="{attr(href)}" title="{label}" target="_blank" rel="noopener"></a>'
                    for net, label, href in share_links(page, "silkroadmonitor"))
    body.append(f'<div class="social-share-links">{share}</div>')
    if page["tags"]:
        tags = "".join(f'<li><a href="/silk-road-monitor/topics/{slugify(t)}/" hreflang="en">{esc(t)}</a></li>' for t in page["tags"])
        body.append(f'<nav class="field field--name-field-tags field--type-entity-reference" aria-label="Topics"><ul class="links">{tags}</ul></nav>')
    if page.get("author_bio"):
        body.append('<div class="field field--name-field-author-bio field--type-text-long">'
                    f'<p class="author-bio__name">{esc(page["author"])}</p><p class="author-bio__text">{esc(page["author_bio"])}</p></div>')
    body += [
        '</div>',  # node__content
        '</article>',
        '</div>',  # block-srm-content
        '</div></div>',  # region-content, layout-content
    ]
    others = [p for p in ctx["outlet_pages"] if p is not page]
    most = "".join(f'<li><a href="{p["path"]}">{esc(p["title"])}</a></li>' for p in others)
    body += [
        '<aside class="layout-sidebar-first" role="complementary"><div class="region region-sidebar">',
        f'<div class="block block-views block-views-blockmost-read-block-1"><h2 class="block__title">Most read</h2><div class="item-list"><ul>{most}</ul></div></div>',
        '<div class="block block-simplenews block-newsletter"><h2 class="block__title">The Monitor newsletter</h2>'
        '<p>The week in Eurasia, every Friday. Free.</p>'
        '<form class="simplenews-subscriber-form" action="/silk-road-monitor/newsletter/subscribe" method="post"><input type="email" name="mail" aria-label="Email"><button type="submit">Subscribe</button></form></div>',
        '</div></aside>',
        '</main>',
        '<footer role="contentinfo" class="site-footer"><div class="region region-footer">',
        f'<div class="block block-block-content"><p>{esc(SRM_ABOUT)}</p><p>© 2024 Silk Road Monitor</p></div>',
        '<nav role="navigation" aria-label="Footer"><ul class="menu"><li><a href="/silk-road-monitor/about/">About</a></li>'
        '<li><a href="/silk-road-monitor/contact/">Contact</a></li><li><a href="/silk-road-monitor/privacy/">Privacy</a></li></ul></nav>',
        '</div></footer>',
        '</div>',  # layout-container
        '</div>',  # dialog-off-canvas-main-canvas
        '<div id="sliding-popup" class="sliding-popup-bottom eu-cookie-compliance-banner" role="dialog" aria-label="Cookie consent">'
        '<span class="eu-cookie-compliance-message">We use cookies on this site to enhance your user experience.</span> '
        '<button type="button" class="agree-button eu-cookie-compliance-default-button">OK, I agree</button></div>',
        '<script src="/silk-road-monitor/core/assets/vendor/once/once.min.js?v=1.0.1"></script>',
        '</body>', '</html>',
    ]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------------------- outlet: The Daily Dispatch
# News aggregator on Ghost (Casper-style theme): gh-head, article-header with a byline
# block and reading time, gh-content body, subscribe call-to-action, "Read more" cards.
# Reposts agency copy and excerpts of other outlets' stories with a link back.

def render_daily_dispatch(page: dict, ctx: dict) -> str:
    """Ghost-style article page."""
    ts = page["ts"]
    byline = page.get("byline") or page["author"] or "Dispatch Desk"
    primary = slugify(page["section"])
    words = sum(len(text.split()) for _, text in page["blocks"])
    head = [
        '<!DOCTYPE html>', '<html lang="en">', '<head>',
        '<meta charset="utf-8">',
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
        f'<title>{esc(page["title"])}</title>',
        '<meta name="HandheldFriendly" content="True">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        '<link rel="stylesheet" type="text/css" href="/daily-dispatch/assets/built/screen.css?v=7d2a91c4e0">',
        f'<meta name="description" content="{attr(page["summary"])}">',
        f'<link rel="canonical" href="{page["url"]}">',
        '<meta name="referrer" content="no-referrer-when-downgrade">',
        '<meta property="og:site_name" content="The Daily Dispatch">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{attr(page["title"])}">',
        f'<meta property="og:description" content="{attr(page["summary"])}">',
        f'<meta property="og:url" content="{page["url"]}">',
    ]
    if ts:
        head.append(f'<meta property="article:published_time" content="{rfc3339(ts)}">')
        head.append(f'<meta property="article:modified_time" content="{rfc3339(ts)}">')
    for tag in page["tags"]:
        head.append(f'<meta property="article:tag" content="{attr(tag)}">')
    head.append('<meta name="twitter:card" content="summary_large_image">')
    head.append(f'<meta name="twitter:title" content="{attr(page["title"])}">')
    ld = {
        "@context": "https://schema.org", "@type": "Article",
        "publisher": {"@type": "Organization", "name": "The Daily Dispatch", "url": f"{BASE}/daily-dispatch/"},
        "author": {"@type": "Person", "name": byline, "url": f"{BASE}/daily-dispatch/author/{slugify(byline)}/"},
        "headline": page["title"], "url": page["url"],
    }
    if ts:
        ld["datePublished"] = rfc3339(ts)
        ld["dateModified"] = rfc3339(ts)
    ld["description"] = page["summary"]
    ld["mainEntityOfPage"] = page["url"]
    head.append(json_ld(ld))
    head += [
        '<meta name="generator" content="Ghost 5.82">',
        f'<link rel="alternate" type="application/rss+xml" title="The Daily Dispatch" href="{BASE}/daily-dispatch/rss/">',
        '</head>',
    ]
    menu = ["Home", "World", "Business", "Energy", "Tech", "About"]
    hrefs = {"Home": "/daily-dispatch/", "About": "/daily-dispatch/about/"}
    nav = "".join(f'<li class="nav-{slugify(m)}"><a href="{hrefs.get(m, "/daily-dispatch/tag/" + slugify(m) + "/")}">{m}</a></li>' for m in menu)
    author_href = f'/daily-dispatch/author/{slugify(byline)}/'
    body = [
        f'<body class="post-template tag-{primary} is-head-left-logo">',
        '<div class="viewport">',
        '<header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner">',
        '<div class="gh-head-brand"><a class="gh-head-logo" href="/daily-dispatch/">The Daily Dispatch</a></div>',
        f'<nav class="gh-head-menu"><ul class="nav">{nav}</ul></nav>',
        '<div class="gh-head-actions"><a class="gh-head-button" href="#/portal/signup" data-portal="signup">Subscribe</a></div>',
        '</div></header>',
        '<div class="site-content">',
        '<main id="site-main" class="site-main">',
        f'<article class="article post tag-{primary}">',
        '<header class="article-header gh-canvas">',
        f'<section class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="/daily-dispatch/tag/{primary}/">{esc(page["section"])}</a></span></section>',
        f'<h1 class="article-title">{esc(page["title"])}</h1>',
    ]
    if page.get("subtitle"):
        body.append(f'<p class="article-excerpt">{esc(page["subtitle"])}</p>')
    meta = ['<div class="byline-meta-content">']
    if ts:
        meta.append(f'<time class="byline-meta-date" datetime="{ts.date().isoformat()}">{ts.day} {MONTHS[ts.month - 1]} {ts.year}</time>'
                    '<span class="byline-reading-time"><span class="bull">•</span> ')
    else:
        meta.append('<span class="byline-reading-time">')
    meta.append(f'{max(1, round(words / 230))} min read</span></div>')
    body += [
        '<div class="article-byline"><section class="article-byline-content">',
        f'<ul class="author-list"><li class="author-list-item"><a href="{author_href}" class="author-avatar"><img class="author-profile-image" src="/daily-dispatch/content/images/avatar.svg" alt="{attr(byline)}"></a></li></ul>',
        f'<div class="article-byline-meta"><h4 class="author-name"><a href="{author_href}">{esc(byline)}</a></h4>{"".join(meta)}</div>',
        '</section></div>',
        '</header>',
        '<section class="gh-content gh-canvas">',
    ]
    body += linked_blocks(page, body_blocks(page))
    body += trailer_html(page, "<p>{}</p>")
    body += [
        '</section>',
        '</article>',
        '<section class="footer-cta outer"><div class="inner"><h3 class="footer-cta-title">Sign up for The Daily Dispatch</h3>'
        '<a class="footer-cta-button" href="#/portal" data-portal><div class="footer-cta-input">Enter your email</div><span>Subscribe</span></a></div></section>',
        '</main>',
    ]
    others = [p for p in ctx["outlet_pages"] if p is not page]
    cards = "".join(f'<article class="post-card post"><a class="post-card-content-link" href="{p["path"]}"><header class="post-card-header"><h3 class="post-card-title">{esc(p["title"])}</h3></header></a></article>'
                    for p in others)
    body += [
        f'<aside class="read-more-wrap outer"><div class="read-more inner"><h2 class="read-more-title">Read more</h2>{cards}</div></aside>',
        '</div>',  # site-content
        '<footer class="site-footer outer"><div class="inner">',
        '<section class="copyright"><a href="/daily-dispatch/">The Daily Dispatch</a> © 2024</section>',
        '<nav class="site-footer-nav"><ul class="nav"><li><a href="/daily-dispatch/about/">About</a></li><li><a href="/daily-dispatch/sources/">Our sources</a></li><li><a href="/daily-dispatch/privacy/">Privacy</a></li></ul></nav>',
        '<div class="gh-powered-by"><a href="https://ghost.org/" target="_blank" rel="noopener">Powered by Ghost</a></div>',
        '</div></footer>',
        '</div>',  # viewport
        '<script src="/daily-dispatch/assets/built/casper.js?v=7d2a91c4e0"></script>',
        '</body>', '</html>',
    ]
    return "\n".join(head + body) + "\n"


# --------------------------------------------------------------------------- AMP pages
# A minimal AMP version of an article: <html amp>, the AMP boilerplate styles, amp-img,
# and a canonical link to the regular page (the page the AMP copy is a variant of).

AMP_BOILERPLATE = (
    '<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;'
    'animation:-amp-start 8s steps(1,end) 0s 1 normal both}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}</style>'
    '<noscript><style amp-boilerplate>body{-webkit-animation:none;animation:none}</style></noscript>'
)


def render_amp(page: dict, ctx: dict) -> str:
    """AMP variant of an article (so far only The Week uses one)."""
    orig = page["original"]
    outlet = OUTLETS[page["outlet"]]
    image = None
    if orig.get("gold") and boiler(orig["gold"], "image_caption"):
        image = {"src": orig["image_src"], "caption": boiler(orig["gold"], "image_caption")[0],
                 "credit": boiler(orig["gold"], "image_credit")[0]}
    subtitle = orig.get("subtitle")
    out = [
        '<!doctype html>', '<html amp lang="en-GB">', '<head>',
        '<meta charset="utf-8">',
        '<script async src="https://cdn.ampproject.org/v0.js"></script>',
        f'<title>{esc(page["title"])} | {esc(outlet["name"])}</title>',
        f'<link rel="canonical" href="{orig["url"]}">',
        '<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">',
        f'<meta name="description" content="{attr(orig["summary"])}">',
        AMP_BOILERPLATE,
        '<style amp-custom>body{font-family:Helvetica,Arial,sans-serif;margin:0}.amp-header{background:#c00;padding:.5rem}'
        '.amp-article{padding:1rem}.amp-article p{line-height:1.6}.amp-footer{font-size:.8rem;color:#666;padding:1rem}</style>',
        '</head>',
        '<body>',
        f'<header class="amp-header"><a href="/{page["outlet"]}/"><amp-img src="/the-week/media/logo.svg" width="160" height="36" alt="{attr(outlet["name"])}"></amp-img></a></header>',
        '<article class="amp-article">',
        f'<h1 class="amp-title">{esc(page["title"])}</h1>',
    ]
    if subtitle:
        out.append(f'<p class="amp-strapline">{esc(subtitle)}</p>')
    if image:
        out.append('<figure class="amp-hero">'
                   f'<amp-img src="{image["src"]}" width="1200" height="675" layout="responsive" alt="{attr(image["caption"])}"></amp-img>'
                   f'<figcaption>{esc(image["caption"])} {esc(image["credit"])}</figcaption></figure>')
    out.append('<div class="amp-article-body">')
    out += body_blocks(page)
    out.append('</div>')
    out.append('</article>')
    out += [
        f'<footer class="amp-footer"><p><a href="{orig["url"]}">View the full site</a></p>'
        '<p>© Futura Media plc, Quay House, The Ambury, Bath BA1 1UA. All rights reserved.</p></footer>',
        '</body>', '</html>',
    ]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- outlets

OUTLETS = {
    "eurasia-review": {
        "name": "Eurasia Review", "render": render_eurasia_review,
        "template": "WordPress classic theme (Yoast SEO head, JSON-LD @graph, Simple Author Box, Jetpack share bar, cookie bar)",
        "blurb": "News and analysis on Eurasia, Africa and the Global South.",
    },
    "market-herald": {
        "name": "Market Herald", "render": render_market_herald,
        "template": "Financial news aggregator (Bootstrap grid, JS-style dateline, 'Name (N articles)' byline, author card; no author/date metadata in <head>)",
        "blurb": "Markets, commodities, currencies and the news that moves them.",
    },
    "the-week": {
        "name": "The Week", "render": render_the_week,
        "template": "Magazine on a Future plc-style platform (strapline, hero <figure> with caption + credit, inline subscription promo and newsletter box, 'Explore More')",
        "blurb": "All you need to know about everything that matters.",
    },
    "united-world": {
        "name": "United World International", "render": render_united_world,
        "template": "Think-tank analysis site on a tagDiv Newspaper-style WordPress theme (td-* classes, author/publisher box, WordPress comment form, archive widget)",
        "blurb": "Independent analysis of international relations.",
    },
    "newsconquest": {
        "name": "newsconquest", "render": render_newsconquest,
        "template": "Auto-republishing WordPress blog titled 'My Blog' (featured-image caption, pasted newsletter excerpt, interstitial links, related posts)",
        "blurb": "A blog that republishes world news.",
    },
    "asiawire": {
        "name": "AsiaWire", "render": render_asiawire,
        "template": "Modern React/Next.js-style news site (hashed class names, data-testid/data-component, one text-block per paragraph, full OG + JSON-LD, syndication credit)",
        "blurb": "Asia and the world, with syndicated reporting from partner outlets.",
    },
    "silk-road-monitor": {
        "name": "Silk Road Monitor", "render": render_silk_road_monitor,
        "template": "Regional news portal on Drupal 10 (region/block/field markup, breadcrumb, byline in footer.node__meta, tags field, 'Most read' and newsletter blocks, cookie-compliance banner)",
        "blurb": SRM_SLOGAN + ".",
    },
    "daily-dispatch": {
        "name": "The Daily Dispatch", "render": render_daily_dispatch,
        "template": "News aggregator on Ghost (Casper-style: gh-head, article-header with byline block and reading time, gh-content body, subscribe call-to-action, 'Read more' cards)",
        "blurb": "Agency copy and the best of other outlets, in one place.",
    },
}

# Page templates that are not the outlet's usual article page ("template" in the page JSON).
RENDERERS = {"amp": render_amp}

# Events of the hand-written first-set pages (seeds take theirs from the gold file; copies
# from their original; new pages carry "event" in their JSON).
EVENTS = {
    "asiawire-eu-ev-tariffs": "eu-ev-tariffs-2024-06",
    "asiawire-russia-china-yuan-payments": "mishustin-beijing-2024-08",
    "market-herald-ecb-rate-cut": "ecb-rate-cut-2024-06",
    "market-herald-bank-of-russia-rate-hike": "bank-of-russia-rate-hike-2024-07",
    "the-week-iphone-16-launch": "iphone-16-launch-2024-09",
    "eurasia-review-avdiivka-withdrawal": "avdiivka-withdrawal-2024-02",
    "united-world-us-chip-export-controls": "us-chip-controls-2024-12",
    "newsconquest-euro-2024-final": "euro-2024-final",
}


# --------------------------------------------------------------------------- feeds
# Item link styles: "abs" absolute, "utm:<campaign>", "fbclid:<id>", "root" (/path),
# "rel" (relative to the feed's directory; Atom also gets xml:base).

UTM = "?utm_source=rss&utm_medium=feed&utm_campaign="

FEEDS = [
    {
        "path": "/feeds/world.rss", "format": "rss", "source": "sample-world",
        "title": "World Desk — rcwire sample network",
        "link": "/", "description": "World news from the outlets of the rcwire sample network.",
        "items": [
            ("market-herald-china-and-russia-intensify-opposition", "utm:world"),
            ("the-week-russia-china-new-world-order", "root"),
            ("newsconquest-china-and-russia-draw-closer", "abs"),
            ("market-herald-ecb-rate-cut", "abs"),
            ("market-herald-bank-of-russia-rate-hike", "utm:world"),
            ("the-week-iphone-16-launch", "abs"),
            ("eurasia-review-avdiivka-withdrawal", "abs"),
            ("newsconquest-euro-2024-final", "fbclid:IwAR2Zx7qLk0vN3bYp8sQeT5uWm1cHd9fGj4rKa6oPi2lSy"),
        ],
    },
    {
        "path": "/feeds/analysis.atom", "format": "atom", "source": "sample-analysis",
        "title": "Analysis — rcwire sample network",
        "link": "/", "subtitle": "Long reads and analysis on Russia, China and the wider world.",
        "id": "tag:rcwire.sample,2024:feeds/analysis",
        "author": "rcwire sample network desk",
        "items": [
            ("eurasia-review-china-russia-renew-anti-western-confrontation", "rel"),
            ("united-world-xis-visit-to-russia", "rel"),
            ("united-world-power-of-siberia-2", "abs"),
            ("united-world-us-chip-export-controls", "abs"),
            ("market-herald-china-and-russia-intensify-opposition", "abs"),
        ],
    },
    {
        "path": "/asiawire/feed.xml", "format": "rss", "source": "sample-asiawire",
        "title": "AsiaWire — Latest",
        "link": "/asiawire/", "description": "Latest stories from AsiaWire, including syndicated reporting.",
        "items": [
            ("asiawire-republished-lavrov-beijing", "utm:asiawire"),
            ("asiawire-eu-ev-tariffs", "rel"),
            ("asiawire-russia-china-yuan-payments", "fbclid:IwAR0pQ4tLx8mZc2VbN7yK1sDf6hJ3gRw9eUa5iTo"),
        ],
    },
    {
        # The dedupe cases: syndicated copies, an AMP variant, a newsletter-tracked link, the
        # same link as world.rss, and same-event stories that are NOT copies (README table).
        "path": "/feeds/syndication.rss", "format": "rss", "source": "sample-syndication",
        "title": "Syndication — rcwire sample network",
        "link": "/", "description": "Partner copies, agency pickups and newsletter picks from around the rcwire sample network.",
        "items": [
            ("silk-road-monitor-republished-eurasia-review", "abs"),
            ("newsconquest-retemplated-united-world", "abs"),
            ("daily-dispatch-excerpt-market-herald", "abs"),
            ("daily-dispatch-headline-the-week", "root"),
            ("daily-dispatch-wire-power-of-siberia-2", "abs"),
            ("the-week-russia-china-new-world-order", "query:utm_source=newsletter&utm_medium=email"),
            ("the-week-russia-china-new-world-order-amp", "abs"),
            ("newsconquest-china-and-russia-draw-closer", "abs"),
            ("asiawire-lavrov-meets-xi-in-beijing", "abs"),
            ("eurasia-review-lavrov-beijing-trip-limits", "abs"),
            ("silk-road-monitor-joint-bomber-patrol-alaska", "abs"),
        ],
    },
]


def feed_link(page: dict, style: str, feed_path: str) -> str:
    """The item link exactly as the feed states it (before {{BASE}} substitution)."""
    if style == "abs":
        return page["url"]
    if style == "root":
        return page["path"]
    if style == "rel":
        rel = posixpath.relpath(page["path"], posixpath.dirname(feed_path))
        return rel + "/" if page["path"].endswith("/") else rel
    kind, _, value = style.partition(":")
    if kind == "utm":
        return page["url"] + UTM + value
    if kind == "fbclid":
        return page["url"] + "?fbclid=" + value
    if kind == "query":
        return page["url"] + "?" + value
    raise ValueError(style)


def guid(page: dict) -> str:
    """Stable, non-URL item identifier."""
    return f'{page["outlet"]}:article:{page["cms_id"]}'


def render_rss(feed: dict, entries: list[tuple[dict, str]]) -> str:
    """RSS 2.0 document."""
    dated = [p["ts"] for p, _ in entries if p["ts"]]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        '<channel>',
        f'<title>{esc(feed["title"])}</title>',
        f'<link>{BASE}{feed["link"]}</link>',
        f'<description>{esc(feed["description"])}</description>',
        '<language>en</language>',
        f'<atom:link href="{BASE}{feed["path"]}" rel="self" type="application/rss+xml"/>',
        f'<lastBuildDate>{rfc822(max(dated))}</lastBuildDate>',
        '<generator>rcwire samples/tools/build_site.py</generator>',
        '<ttl>30</ttl>',
    ]
    for page, link in entries:
        out.append('<item>')
        out.append(f'<title>{esc(page["title"])}</title>')
        out.append(f'<link>{esc(link)}</link>')
        out.append(f'<guid isPermaLink="false">{guid(page)}</guid>')
        if page["ts"]:
            out.append(f'<pubDate>{rfc822(page["ts"])}</pubDate>')
        if page["author"]:
            out.append(f'<dc:creator>{esc(page["author"])}</dc:creator>')
        out.append(f'<category>{esc(page["section"])}</category>')
        out.append(f'<description>{esc(page["summary"])}</description>')
        out.append('</item>')
    out += ['</channel>', '</rss>']
    return "\n".join(out) + "\n"


def render_atom(feed: dict, entries: list[tuple[dict, str]]) -> str:
    """Atom 1.0 document (xml:base set so relative links resolve)."""
    updated = max(p["ts"] for p, _ in entries if p["ts"])
    base_dir = posixpath.dirname(feed["path"]) + "/"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{BASE}{base_dir}" xml:lang="en">',
        f'<title>{esc(feed["title"])}</title>',
        f'<subtitle>{esc(feed["subtitle"])}</subtitle>',
        f'<id>{feed["id"]}</id>',
        f'<updated>{rfc3339(updated)}</updated>',
        f'<link rel="self" type="application/atom+xml" href="{BASE}{feed["path"]}"/>',
        f'<link rel="alternate" type="text/html" href="{BASE}{feed["link"]}"/>',
        f'<author><name>{esc(feed["author"])}</name></author>',
        '<generator>rcwire samples/tools/build_site.py</generator>',
    ]
    for page, link in entries:
        out.append('<entry>')
        out.append(f'<title>{esc(page["title"])}</title>')
        out.append(f'<link rel="alternate" type="text/html" href="{attr(link)}"/>')
        out.append(f'<id>tag:rcwire.sample,2024:{page["outlet"]}/{page["cms_id"]}</id>')
        if page["ts"]:
            out.append(f'<published>{rfc3339(page["ts"])}</published>')
        # <updated> is mandatory in Atom; undated pages carry the feed's own timestamp.
        out.append(f'<updated>{rfc3339(page["ts"] or updated)}</updated>')
        if page["author"]:
            out.append(f'<author><name>{esc(page["author"])}</name></author>')
        out.append(f'<category term="{attr(page["section"])}"/>')
        out.append(f'<summary type="text">{esc(page["summary"])}</summary>')
        out.append('</entry>')
    out.append('</feed>')
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- index pages, assets

def render_outlet_home(slug: str, pages: list[dict]) -> str:
    """A plain section front listing the outlet's articles."""
    outlet = OUTLETS[slug]
    items = "\n".join(
        f'<li><a href="{p["path"]}">{esc(p["title"])}</a>'
        + (f' <span class="date">{long_date(p["ts"])}</span>' if p["ts"] else "") + '</li>'
        for p in pages)
    return "\n".join([
        '<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
        f'<title>{esc(outlet["name"])}</title>',
        f'<link rel="canonical" href="{BASE}/{slug}/">',
        '</head>', '<body>',
        f'<header><h1>{esc(outlet["name"])}</h1><p>{esc(outlet["blurb"])}</p></header>',
        f'<main><h2>Latest</h2><ul class="article-list">\n{items}\n</ul></main>',
        '<footer><a href="/">All sample outlets</a></footer>',
        '</body>', '</html>',
    ]) + "\n"


def render_portal(by_outlet: dict[str, list[dict]]) -> str:
    """Root page linking the outlets and feeds."""
    outlets = "\n".join(
        f'<li><a href="/{slug}/">{esc(o["name"])}</a> ({len(by_outlet[slug])} articles): {esc(o["blurb"])}</li>'
        for slug, o in OUTLETS.items())
    feeds = "\n".join(f'<li><a href="{f["path"]}">{esc(f["title"])}</a> <code>{f["path"]}</code></li>' for f in FEEDS)
    return "\n".join([
        '<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
        '<title>rcwire sample news network</title>',
        f'<link rel="canonical" href="{BASE}/">',
        '</head>', '<body>',
        '<h1>rcwire sample news network</h1>',
        '<p>Mock outlets served on the loopback interface so the rcwire pipeline can be run and tested offline. '
        'The outlets are imitations built for testing; five pages reproduce real articles, the rest are written for this sample.</p>',
        f'<h2>Outlets</h2>\n<ul>\n{outlets}\n</ul>',
        f'<h2>Feeds</h2>\n<ul>\n{feeds}\n</ul>',
        '</body>', '</html>',
    ]) + "\n"


PRIVATE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex, nofollow">
<title>DRAFT - embargoed - do not publish</title>
</head>
<body>
<h1>DRAFT: Embargoed briefing note</h1>
<p>Internal draft kept under /private/, which robots.txt disallows. Crawlers that honour robots.txt never fetch it; it is in no feed and not in the manifest.</p>
</body>
</html>
"""

ROBOTS = """User-agent: *
Disallow: /private/
"""

ASSETS = {
    "eurasia-review/wp-content/themes/eurasia/style.css":
        "body{font-family:Georgia,serif;margin:0}.site-header{background:#0b3d5c;color:#fff;padding:1rem}"
        ".entry-content p{line-height:1.6}.saboxplugin-wrap{border:1px solid #ddd;padding:1rem}\n",
    "market-herald/static/css/herald.css":
        "body{font-family:Arial,sans-serif}.mh-header{background:#111;color:#fff}"
        ".story-date{color:#888;font-size:.8rem}.author-card{border-top:2px solid #f90}\n",
    "market-herald/static/css/bootstrap.min.css": "/* stand-in for bootstrap */\n.container{max-width:1140px;margin:auto}\n",
    "the-week/static/vanilla.css":
        "body{font-family:'Helvetica Neue',sans-serif}.strapline{font-size:1.25rem}"
        ".kiosq-promo,.newsletter-signup{background:#f4f4f4;padding:1rem;margin:1.5rem 0}\n",
    "united-world/wp-content/themes/Newspaper/style.css":
        "body{font-family:Roboto,sans-serif}.td-post-content p{font-size:15px;line-height:26px}"
        ".comment-respond{margin-top:2rem}\n",
    "newsconquest/wp-content/themes/newsblogly/style.css":
        "body{font-family:sans-serif}.related-posts{border-top:1px solid #eee}\n",
    "asiawire/_next/static/css/8f2a1c0e.css":
        ".Layout_root__Xk29a{font-family:Inter,sans-serif}.TextBlock_p__f1Kx3{font-size:1.1rem;line-height:1.7}\n",
    "silk-road-monitor/sites/default/files/css/css_Qm4x7Rz2.css":
        "body{font-family:'Noto Sans',sans-serif}.site-header{background:#1d3557;color:#fff}"
        ".field--name-body p{line-height:1.65}.eu-cookie-compliance-banner{position:fixed;bottom:0}\n",
    "daily-dispatch/assets/built/screen.css":
        "body{font-family:system-ui,sans-serif}.gh-canvas{max-width:720px;margin:auto}"
        ".article-title{font-size:2.6rem}.gh-content p{line-height:1.7}\n",
}

SVGS = {
    "eurasia-review/wp-content/uploads/avatar.svg": ("Author", 100, 100),
    "market-herald/static/img/logo.svg": ("Market Herald", 360, 80),
    "market-herald/static/img/author.svg": ("Author", 80, 80),
    "the-week/media/logo.svg": ("The Week", 320, 72),
    "the-week/media/putin-xi-apec.svg": ("Photo", 1200, 675),
    "the-week/media/iphone-16-line-up.svg": ("Photo", 1200, 675),
    "united-world/wp-content/uploads/logo.svg": ("United World", 272, 90),
    "united-world/wp-content/uploads/avatar.svg": ("Author", 96, 96),
    "newsconquest/wp-content/uploads/featured.svg": ("Featured image", 1200, 675),
    "asiawire/static/logo.svg": ("AsiaWire", 300, 64),
    "asiawire/static/media/ev-port-export.svg": ("Photo", 1200, 675),
    "asiawire/static/media/border-crossing-trucks.svg": ("Photo", 1200, 675),
    "asiawire/static/media/lavrov-xi-beijing.svg": ("Photo", 1200, 675),
    "silk-road-monitor/sites/default/files/logo.svg": ("Silk Road Monitor", 220, 48),
    "daily-dispatch/content/images/avatar.svg": ("Author", 64, 64),
}


# --------------------------------------------------------------------------- build

def write(rel: str, text: str) -> None:
    """Write a UTF-8 file under samples/site/ with LF newlines."""
    target = SITE / rel.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")


def page_file(path: str) -> str:
    """URL path -> file path under site/ ('/x/' -> 'x/index.html')."""
    return path + "index.html" if path.endswith("/") else path


def check_page(page: dict) -> None:
    """Guard the invariants the tests rely on."""
    assert page["outlet"] in OUTLETS, page["outlet"]
    assert page["path"].startswith(f'/{page["outlet"]}/'), page["path"]
    assert page["path"].endswith("/") or page["path"].endswith(".html"), page["path"]
    assert page["kind"] in {"seed", "republished", "off_theme", "near_miss_russia",
                            "near_miss_china", "on_theme", "syndicated"}, page["kind"]
    if page["kind"] == "syndicated":
        assert page.get("duplicate_of") and page.get("dup_method") in {"url", "hash", "near"}, page["id"]
    if page.get("dedupe_case"):
        assert page["kind"] in {"syndicated", "on_theme"}, page["id"]


def first_set(page: dict) -> bool:
    """Pages of the first sample set (before the dedupe cases; they carry no dedupe_case)."""
    return not page.get("dedupe_case")


def build() -> list[dict]:
    """Render everything; return the manifest records."""
    seed_pages, golds = load_seed_pages()
    pages = seed_pages + load_content_pages(golds, seed_pages)
    apply_copies(pages)
    for page in pages:
        finish_page(page)
        check_page(page)
    by_id = {p["id"]: p for p in pages}
    assert len(by_id) == len(pages), "duplicate page id"
    assert len({p["path"] for p in pages}) == len(pages), "duplicate page path"
    # Section fronts and sidebars list articles, not their AMP variants.
    by_outlet = {slug: [p for p in pages if p["outlet"] == slug and p.get("template") != "amp"]
                 for slug in OUTLETS}

    if SITE.exists():
        shutil.rmtree(SITE)
    for page in pages:
        # First-set pages list only first-set pages in their sidebars, so that adding the
        # dedupe cases left them byte-for-byte as they were.
        peers = [p for p in by_outlet[page["outlet"]] if first_set(p) or not first_set(page)]
        ctx = {"outlet_pages": peers}
        render = RENDERERS.get(page.get("template", ""), OUTLETS[page["outlet"]]["render"])
        write(page_file(page["path"]), render(page, ctx))

    feed_refs: dict[str, list[tuple[str, str]]] = {p["id"]: [] for p in pages}
    for feed in FEEDS:
        entries = []
        for page_id, style in feed["items"]:
            page = by_id[page_id]
            link = feed_link(page, style, feed["path"])
            entries.append((page, link))
            feed_refs[page_id].append((feed["path"], link))
        renderer = render_atom if feed["format"] == "atom" else render_rss
        write(feed["path"], renderer(feed, entries))
    missing = [pid for pid, refs in feed_refs.items() if not refs]
    assert not missing, f"pages in no feed: {missing}"

    for slug, outlet_pages in by_outlet.items():
        write(f"/{slug}/index.html", render_outlet_home(slug, outlet_pages))
    write("/index.html", render_portal(by_outlet))
    write("/robots.txt", ROBOTS)
    write("/private/drafts/embargoed-briefing.html", PRIVATE_PAGE)
    for rel, css in ASSETS.items():
        write(rel, css)
    for rel, (label, width, height) in SVGS.items():
        write(rel, svg_placeholder(label, width, height))

    manifest = []
    for page in pages:
        refs = feed_refs[page["id"]]
        manifest.append({
            "path": page["path"],
            "outlet": page["outlet"],
            "kind": page["kind"],
            "seed": page["seed"],
            "on_theme": page["kind"] in {"seed", "republished", "on_theme", "syndicated"},
            "republished_from": page["republished_from"],
            "duplicate_of": page.get("duplicate_of") or (
                page["republished_from"] if page["kind"] == "republished" else None),
            "dup_method": page.get("dup_method") or ("hash" if page["kind"] == "republished" else None),
            "event": page.get("event") or EVENTS.get(page["id"]) or (
                golds[page["seed"]].get("event") if page["kind"] == "republished" else None),
            "title": page["title"],
            "author": page["author"],
            "published": page["published"],
            "body_paragraphs": [text for _, text in page["blocks"]],
            "feeds": sorted({f for f, _ in refs}),
            "feed_links": [link for _, link in refs],
        })
    return manifest


def write_sources() -> None:
    """samples/sources.yaml: one source per feed, on the sample server's default port."""
    lines = ["# Sources for the bundled sample site (make run serves it on 127.0.0.1:8765).", "sources:"]
    for feed in FEEDS:
        lines += [f'  - name: {feed["source"]}', f'    url: {SERVE_ROOT}{feed["path"]}']
    (SAMPLES / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def main() -> None:
    """Entry point: rebuild site/, manifest.json and sources.yaml."""
    manifest = build()
    (SAMPLES / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n")
    write_sources()
    kinds: dict[str, int] = {}
    for rec in manifest:
        kinds[rec["kind"]] = kinds.get(rec["kind"], 0) + 1
    print(f"wrote {len(manifest)} article pages to {SITE.relative_to(SAMPLES.parent)}: "
          + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    # The Russian- and Chinese-language outlets (issue 17) are appended by their own script.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import build_ruzh

    build_ruzh.main()


if __name__ == "__main__":
    main()
