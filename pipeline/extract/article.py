"""Page -> Article: main text and metadata with trafilatura, plus page signals it misses."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from itertools import chain, islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from pipeline.clean.elements import may_hold_custom
from pipeline.clean.features import anchor_counts, link_shares
from pipeline.clean.html import prune, shield
from pipeline.clean.layout import open_layout_tables
from pipeline.clean.learned import paragraph_hash
from pipeline.clean.text import CleanText, clean_paragraphs, is_truncation_notice
from pipeline.dates import (
    MAX_DATE_LINE,
    find_local_date,
    is_date_line,
    local_now,
    page_zone,
    resolve,
)
from pipeline.dedupe.opening import opening
from pipeline.dedupe.signature import signature
from pipeline.enrich.entities import count_mentions
from pipeline.enrich.theme import score_article
from pipeline.extract.authors import marked as page_marked
from pipeline.extract.body import code_lines, extract_body
from pipeline.extract.fallback import conservative, needs_check, words_of
from pipeline.extract.headings import heading_slots, restore_headings
from pipeline.extract.joiners import protect, restore
from pipeline.extract.keypoints import point_boxes, restore_points
from pipeline.extract.loader import load_html
from pipeline.extract.page_info import page_info
from pipeline.extract.parts import restore_parts, story_parts
from pipeline.extract.protocol import ExtractError as ExtractError  # re-exported
from pipeline.languages import count_words, detect_language, language_disagrees
from pipeline.records import Article, Page
from pipeline.text import fold
from pipeline.urls import canonical_url, domain, url_key

# Words that make a byline a desk or a role, not a person.
_ROLE = re.compile(r"\b(editor|editors|staff|desk|team|author|admin|newsroom|agency|"
                   r"correspondent|reporter|contributor|webmaster|news|wire|media)\b", re.I)
# Footers ("© 2024") fool htmldate's extensive search into a 1 January date.
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished",
    "date", "dc.date", "dc.date.issued", "pubdate", "publishdate", "sailthru.date",
)

# Compiled once (``xpath()`` with a string compiles it at every call).
_TIME_DATETIMES = etree.XPath("//time/@datetime")
_METAS = etree.XPath("//meta[@content]")
_JSONLD_TEXTS = etree.XPath("//script[@type='application/ld+json']/text()")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageMeta:
    """Signals read from the page's markup before extraction."""

    canonical: str | None
    published_at: datetime | None  # naive when the page gave no offset
    published_signal: str | None
    # A visible date stamp ("9 апреля 2024, 14:30", "2024年04月09日 14:30 来源：…") in a
    # date-like element: extraction drops those elements, so they are read beforehand.
    stamp: str | None = None


def extract_article(page: Page, learned: frozenset[str] = frozenset()) -> Article:
    """Extract and clean the article of one page (zero-width joiners kept: ``joiners``).

    Args:
        page: the fetched page, already decoded to text.
        learned: paragraph hashes this source repeats across its articles.

    Returns:
        The clean article with the best metadata found and every removal recorded.

    Raises:
        ExtractError: ``unparsable_html`` or ``no_content``.
    """
    html, used = protect(page.html)
    if not used:
        return _extract(page, learned)
    return restore(_extract(replace(page, html=html), learned), used)


def _extract(page: Page, learned: frozenset[str]) -> Article:
    tree = _parse(page.html)
    marked = page_marked(tree)  # read by the stamp and byline searches: one XPath for both
    meta = read_page_meta(tree, page.final_url, marked)
    # htmldate (3 ms a page) is the last date signal: an offset-aware metadata date is
    # always taken first (``_published``), and the feed's date comes before htmldate's, so
    # it is not searched for then.
    aware = meta.published_at is not None and meta.published_at.tzinfo is not None
    info = page_info(tree, page.final_url,
                     with_date=not aware and page.entry.published_at is None, marked=marked)
    site_names = _site_names(tree, page.final_url, info)
    # A story held in a layout table's cell: the tables opened and the story framed
    # (pipeline/clean/layout.py), before pruning counts the page's paragraphs.
    opened = open_layout_tables(tree)
    # With the words in the page's paragraphs before pruning: the yardstick of a
    # suspicious loss.
    prose: list[Any] = []
    removed_html, page_words = prune(tree, prose, custom=may_hold_custom(page.html))
    anchors = anchor_counts(tree)
    slots = heading_slots(tree)  # read before trafilatura consumes the tree
    parts = story_parts(tree)
    points = point_boxes(tree)
    shield(prose)  # after the class words are read: trafilatura must not drop them
    # trafilatura's extraction on the pruned tree itself (read no more after this).
    # On a table-held story the layout pass framed the story's paragraphs: trafilatura's
    # rescues would only add the page around a short one (readers' letters).
    doc: Any = extract_body(tree, page.final_url, rescue=not opened)
    lines = (doc.text or "").split("\n") if doc is not None else []
    title = _squash(info.title or page.entry.title or "") or None
    author = plausible_author(info.author, site_names)
    line_folds = [fold(line) for line in lines]  # once: the link shares and the cleaner's
    lines, line_folds = restore_headings(lines, line_folds, slots)
    lines, line_folds = restore_parts(lines, line_folds, parts)
    lines, line_folds = restore_points(lines, line_folds, points)
    cleaned = clean_paragraphs(lines, title=title, author=author, learned=learned,
                               link_shares=link_shares(lines, anchors, line_folds),
                               verbatim=code_lines(doc), folded=line_folds,
                               strapline=not opened)
    text = "\n\n".join(cleaned.paragraphs)
    fell_back = False
    # The text's words, counted once: the safety net's and, without CJK, the stored count.
    # (Read off the folds where the text is ASCII: ``words_of``.)
    kept = words_of(cleaned.paragraphs, cleaned.folded)
    plain: int | None = kept
    near = count_words(text, kept)  # in the text's language: the near-empty tests'
    if needs_check(kept, max(page_words, words_of(lines, line_folds)), text if opened else "",
                   near):
        rescue = conservative(page.html, page.final_url, kept, title=title, author=author,
                              kept=cleaned.folded, near=near)
        if rescue is not None:
            cleaned, removed_html, fell_back = rescue.cleaned, [], True
            text = "\n\n".join(cleaned.paragraphs)
            plain = None
    if not text:
        raise ExtractError("no_content", "nothing left after removing boilerplate"
                           if "".join(lines).strip() else "no main text found on the page")
    canonical = canonical_url(meta.canonical or page.final_url)
    # The cleaner folded every paragraph already. ``fold`` of the joined text is its
    # paragraphs' folds joined by spaces: the blank line between two paragraphs ends every
    # word, composes with no character (NFKC) and stops the final-sigma rule of lower().
    folded = cleaned.folded
    language = detect_language(text)
    if language_disagrees(language, page.source_language):
        # Kept and stored with both (view language_mismatches); one line in the log.
        log.info("%s: text is %s, source %s claims %s", page.final_url, language,
                 page.entry.source, page.source_language)
    zone, zone_name, zone_origin = page_zone(page.source_zone, domain(page.final_url),
                                             language or page.source_language)
    published, signal, local = _published(meta, cleaned, page, info, zone)
    return Article(
        article_id=article_id(canonical),
        url=page.entry.url,
        canonical_url=canonical,
        source=page.entry.source,
        source_domain=domain(page.final_url),
        feed_url=page.entry.feed_url,
        entry_key=page.entry.entry_key,
        guid=page.entry.guid,
        title=title or cleaned.title or "",
        author=plausible_author(cleaned.author, site_names),
        published_at=published,
        published_signal=signal,
        fetched_at=page.fetched_at,
        language=language,
        description=_squash(info.description) or cleaned.description or None,
        text=text,
        word_count=near if plain is not None else count_words(text),
        content_hash=_hash_folded(" ".join(f for f in folded if f)),
        removed=tuple(removed_html + cleaned.removed),
        removal_reasons=tuple([f"html {k}: its tag or class marks it, or a lone link"
                               for k, _ in removed_html] + cleaned.reasons),
        cleaning_fallback=fell_back,
        body_hashes=tuple(paragraph_hash(f) for f in folded),
        truncated=cleaned.truncated or any(is_truncation_notice(k, t) for k, t in removed_html),
        claimed_language=page.source_language,
        date_zone=zone_name if local else None,
        date_zone_origin=zone_origin if local else None,
    )


def extract_and_score(page: Page, learned: frozenset[str] = frozenset()) -> Article:
    """Extract and clean a page, score it against the theme, sign it and take its opening
    for dedupe, and count the entities it names (the per-page CPU work, done in the
    extraction workers on every core rather than in the single decide and load steps:
    about 40 % of their CPU, 6 s of a 5,000-article run's)."""
    article = extract_article(page, learned)
    sig = signature(article.text)
    theme = score_article(article.title, article.text)
    start = opening(article.text)
    mentions = tuple((m.entity, m.kind, m.mentions, m.in_title)
                     for m in count_mentions(article.title, article.text))
    return replace(article, relevance_score=theme.score, theme_evidence=theme.explain(),
                   minhash=sig.to_bytes(), shingles=sig.shingles,
                   opening_tokens=start.tokens, opening_ladder=start.ladder,
                   mentions=mentions)


def plausible_author(name: str | None, site_names: set[str]) -> str | None:
    """A person's name, or None for a site, an agency or a handle posing as one."""
    if not name:
        return None
    name = _squash(name.split(";")[0])
    tokens = name.split()
    if not 2 <= len(tokens) <= 6 or any(c.isdigit() or c in "@/" for c in name):
        return None
    if fold(name) in site_names or _ROLE.search(name):
        return None
    return name


def _site_names(tree: Any, url: str, info: Any) -> set[str]:
    names = {fold(info.sitename or ""), fold(domain(url).split(".")[0])}
    # ``//meta[@property='og:site_name']/@content`` in document order, without the XPath
    # (0.2 ms a page: libxml2 compares every meta's property as an XPath string).
    for node in tree.iter("meta"):
        if node.get("property") == "og:site_name" and (value := node.get("content")) is not None:
            names.add(fold(value))
    return {n for n in names if n}


def article_id(canonical: str) -> str:
    """Stable id of an article: derived from its canonical URL key."""
    return hashlib.sha256(url_key(canonical).encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    """Hash of the text with case, punctuation and spacing folded away."""
    return _hash_folded(fold(text))


def _hash_folded(folded: str) -> str:
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def read_page_meta(tree: Any, base_url: str, marked: list[Any] | None = None) -> PageMeta:
    """Canonical link and publication date from ``<head>`` and JSON-LD (``marked``:
    ``authors.marked(tree)``, when the caller has it)."""
    canonical = None
    for href in _canonical_hrefs(tree):
        absolute = urljoin(base_url, href.strip())
        if urlsplit(absolute).scheme in ("http", "https"):
            canonical = absolute
            break
    published, signal = _meta_date(tree)
    if published is None:
        published, signal = _jsonld_date(tree)
    if published is None:
        # <time datetime="2024-06-14T15:40:00+03:00">: machine-readable, often with offset.
        stamps = [w for v in _TIME_DATETIMES(tree)[:3] if (w := parse_written(v))]
        published, signal = (stamps[0], "time") if stamps else (None, None)
    # The stamp is only needed (and only searched for) when the metadata has no date, or
    # one without an offset that may turn out to be in the future.
    wanted = published is None or published.tzinfo is None
    return PageMeta(canonical, published, signal, _stamp(tree, marked) if wanted else None)


# The letters of "canonical" folded as the XPath that found these did
# (``translate(@rel, 'CANONIAL', 'canonial')``).
_CANONICAL_FOLD = str.maketrans("CANONIAL", "canonial")


def _canonical_hrefs(tree: Any) -> list[str]:
    """``//link[translate(@rel,'CANONIAL','canonial')='canonical']/@href`` in document
    order, without the XPath (0.25 ms a page: libxml2 translates every link's rel)."""
    return [href for node in tree.iter("link")
            if (node.get("rel") or "").translate(_CANONICAL_FOLD) == "canonical"
            and (href := node.get("href")) is not None]


# Elements that carry a page's visible date: <time>, or a class or id naming a date.
# Matched in Python: the XPath that said the same (``translate(concat(@class, ' ', @id),
# ...)`` five times per element) took 6 ms of a page's 30; this takes 1.6 ms. Lower-casing
# finds the same elements: the XPath folded exactly the capitals of these words, and no
# other character lower-cases into one of their letters followed by the next one.
_STAMP_WORDS = ("date", "time", "publish", "info", "meta")
_STAMP_WORD = re.compile("|".join(_STAMP_WORDS))  # one search for any of them


def _stamp_nodes(tree: Any, limit: int | None = None,
                 marked: list[Any] | None = None) -> list[Any]:
    """Document order, as the XPath gave them: <time> elements and elements whose class
    or id names a date, time, publication, info or meta block (the first ``limit``: the
    rest of the page is not walked)."""
    return list(islice(_iter_stamp_nodes(tree, marked), limit))


def _iter_stamp_nodes(tree: Any, marked: list[Any] | None = None) -> Iterator[Any]:
    """``_stamp_nodes`` one at a time: ``_stamp`` stops walking the page at the first that
    holds a date line (the tree is not changed meanwhile: the same nodes in order). From
    ``marked`` (``authors.marked(tree)``) when given: every element with a class or id
    and every <time> of the page, in document order, so the same nodes."""
    for node in tree.iter(etree.Element) if marked is None else marked:
        if node.tag != "time":
            cls, ident = node.get("class"), node.get("id")
            if cls is None and ident is None:
                continue
            if not _stamp_named(f"{cls or ''} {ident or ''}"):
                continue
        yield node


@lru_cache(maxsize=1 << 16)
def _stamp_named(attrs: str) -> bool:
    """Whether an element's "class id" names a date block (``_STAMP_WORDS``): a page
    repeats a few class strings on hundreds of elements; judged once per worker process,
    the same answer."""
    return _STAMP_WORD.search(attrs.lower()) is not None


# Failing that, the few elements right after or before the headline, where sites print
# the date in unnamed blocks.
_NEAR_TITLE = "(//h1)[1]/following::*[position() <= 12] | (//h1)[1]/preceding::*[position() <= 6]"


def _stamp(tree: Any, marked: list[Any] | None = None) -> str | None:
    # The elements near the headline are only looked up when no named one holds a date.
    for node in chain(islice(_iter_stamp_nodes(tree, marked), 40), _near_title(tree)):
        text = _short_text(node)
        if text and is_date_line(text):
            return text
    return None


def _near_title(tree: Any) -> Iterator[Any]:
    """What ``tree.xpath(_NEAR_TITLE)`` gives, in document order (walked only once the
    named elements are read: a generator), walked from the first
    <h1> instead of by libxml2, which built the whole preceding and following axes (every
    element of the page) before taking 6 and 12 of them (0.27 ms a page): the elements
    of the subtrees of the preceding siblings of the <h1> and of its ancestors, nearest
    first (no ancestor: the axis leaves them out), and of the following ones, in order
    (no descendant)."""
    h1 = next(tree.getroottree().iter("h1"), None)
    if h1 is None:
        return
    before: list[Any] = []
    after: list[Any] = []
    node = h1
    while node is not None and (len(before) < 6 or len(after) < 12):
        for sibling in node.itersiblings(etree.Element, preceding=True):
            if len(before) == 6:
                break
            before.extend(islice(_reversed_subtree(sibling), 6 - len(before)))
        for sibling in node.itersiblings(etree.Element):
            if len(after) == 12:
                break
            after.extend(islice(sibling.iter(etree.Element), 12 - len(after)))
        node = node.getparent()
    yield from before[::-1]
    yield from after


def _reversed_subtree(node: Any) -> Iterator[Any]:
    """The elements of ``node``'s subtree in reverse document order (itself last), with
    a stack rather than recursion (a page can nest unclosed elements deeply)."""
    stack = [(node, False)]
    while stack:
        element, opened = stack.pop()
        if opened:
            yield element
            continue
        stack.append((element, True))
        # The last child comes off the stack first.
        stack.extend((child, False) for child in element.iterchildren(etree.Element))


def _short_text(node: Any) -> str | None:
    """The element's text with spacing squashed, or None once that is longer than a date
    line can be: the text of a whole article body (a wrapper named "post-meta", the block
    after the headline) is not joined and squashed only for ``is_date_line`` to refuse
    it. The squashed text of a part is never longer than that of the whole, and grows by
    at most as many characters as are added, so it is measured only when it could be
    over."""
    parts: list[str] = []
    size = 0
    check_at = MAX_DATE_LINE + 1
    for part in node.itertext():
        parts.append(part)
        size += len(part) + 1  # with the space that joins it
        if size >= check_at:
            squashed = len(_squash(" ".join(parts)))
            if squashed > MAX_DATE_LINE:
                return None
            check_at = size + MAX_DATE_LINE + 1 - squashed
    return _squash(" ".join(parts))


def _parse(html: str) -> Any:
    # trafilatura's own loader: a tree from plain lxml.html loses paragraphs on some
    # pages (measured on the news-extraction benchmark). Its steps, with a parser that
    # picks element classes in C (``loader``).
    try:
        tree = load_html(html)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError("unparsable_html", str(exc) or "empty document") from None
    if tree is None:
        raise ExtractError("unparsable_html", "not an HTML document")
    return tree


def _meta_date(tree: Any) -> tuple[datetime | None, str | None]:
    for node in _METAS(tree):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        if key in _DATE_META:
            when = parse_written(node.get("content"))
            if when is not None:
                return when, "meta"
    return None, None


def _jsonld_date(tree: Any) -> tuple[datetime | None, str | None]:
    for script in _JSONLD_TEXTS(tree):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                when = parse_written(item.get("datePublished"))
                if when is not None:
                    return when, "jsonld"
    return None, None


def _published(meta: PageMeta, cleaned: CleanText, page: Page, info: Any,
               zone: Any) -> tuple[datetime | None, str | None, bool]:
    """Most trustworthy signal first: page metadata, visible dateline, feed, htmldate.

    Returns the instant in UTC, its signal, and whether it was a local time without an
    offset (read in ``zone``). A local time that would be in the future is refused and
    the next signal tried.
    """
    now = page.fetched_at
    if meta.published_at is not None:
        when = resolve(meta.published_at, zone, now)
        if when is not None:
            return when, meta.published_signal, meta.published_at.tzinfo is None
        log.info("%s: metadata date %s is in the future in %s; next signal tried",
                 page.final_url, meta.published_at, zone)
    if cleaned.dateline:
        found = find_local_date(cleaned.dateline, local_now(zone, now))
        when = resolve(found.when, zone, now) if found is not None else None
        if when is not None:
            return when, "dateline", True
    if cleaned.published_at is not None:
        return cleaned.published_at, cleaned.published_signal, False
    if meta.stamp:
        found = find_local_date(meta.stamp, local_now(zone, now))
        when = resolve(found.when, zone, now) if found is not None else None
        if when is not None:
            return when, "stamp", True
    if page.entry.published_at is not None:
        return page.entry.published_at, "feed", False
    found_date = parse_written(info.date)
    if found_date is not None:
        if zone is not None and found_date.tzinfo is None and len(str(info.date)) <= 10:
            # A bare date: local noon, or now when that is still to come.
            found_date = min(found_date.replace(hour=12), local_now(zone, now))
        when = resolve(found_date, zone, now)
        if when is not None:
            return when, "htmldate", zone is not None and found_date.tzinfo is None
    return None, None, False


def parse_written(value: object) -> datetime | None:
    """An ISO-8601 (or "2024/04/09 14:30", "2024年4月9日") date as written: aware when it
    carries an offset, naive (a local wall-clock time) when it does not."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    found = find_local_date(text, datetime(9999, 1, 1))
    return found.when if found is not None and found.has_year else None


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())
