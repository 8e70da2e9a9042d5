"""HTML-level cleaning: drop boilerplate containers before trafilatura sees the page.

Containers are recognised by structure (``form``, ``nav``, ``aside``, ``figcaption`` ...)
and by the words CMSes put in class, id, role and data attributes (``newsletter``,
``related``, ``author-bio``, ``comment`` ...), never by site. A container that holds much
of the page's paragraph text, or the headline, is kept whatever its name says: a theme
that calls its article wrapper ``post-share-wrapper`` must not lose the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from lxml import etree
from trafilatura.xpaths import BODY_XPATH, OVERALL_DISCARD_XPATH, REGEXP_NS

from pipeline.clean.boxes import is_prose, open_box, story_box, story_section
from pipeline.clean.cards import HEADINGS, card_lists, headline_links
from pipeline.clean.collapsed import reveal_collapsed
from pipeline.clean.elements import as_blocks, custom_tags, retag_blocks
from pipeline.clean.literals import lowered
from pipeline.clean.metadata_tables import record_tables
from pipeline.clean.nodetext import (
    data_table,
    links_out,
    squashed_text,
    text_of,
)
from pipeline.clean.replies import reply_entries
from pipeline.clean.sequels import next_stories
from pipeline.clean.signups import signup_boxes
from pipeline.clean.threads import colon_texts, comment_threads

# Attribute words -> kind recorded for what is removed. First match wins.
_ATTR_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I)) for kind, pattern in (
        ("newsletter_promo", r"newsletter|subscribe|subscription|sign-?up|signup|"
                             r"\bpromo|optin|opt-in|email-capture|paywall|piano|"
                             # A subscription offer's box (German: Abo-Angebot).
                             r"\boffer[-_]?(box|banner|card|cta|module)|\babo[-_]?"
                             r"(angebot|box|promo|teaser|hinweis)|"
                             # Turkish e-bülten.
                             r"\be-?bulten"),
        ("related_posts", r"related|recommend|more-stories|more-from|read-next|readnext|"
                          r"you-may|most-(read|popular|viewed)|trending|popular-posts|"
                          r"outbrain|taboola|jp-relatedposts|further-reading|"
                          # Turkish "related / similar news", Vietnamese "related / other
                          # news" (tin liên quan, tin khác).
                          r"ilgili-?haber|benzer-?haber|tin-?lien-?quan|tin-?khac|"
                          # German "more articles / more on the topic / reading tips".
                          r"weitere[-_]?(artikel|beitr|nachricht|meldung|themen)|"
                          r"mehr[-_]?zum[-_]?thema|lesetipp|"
                          # Adobe Experience Manager's lists and teasers of other pages.
                          r"\bcmp-(list|teaser|carousel)(?![a-z])"),
        ("inline_related_link", r"inline-link|inline-related|read-more|"
                                r"readmore|see-also"),
        ("author_bio", r"author-?(bio|box|info|card|profile|about|details)|about-the-author|"
                       r"byline-bio|contributor-bio|\bbio\b|writer-info|publisher-box|"
                       r"yazar-?(bilgi|kutu|hakkinda|profil)"),
        # Readers' comments in the CMS's own language: Dutch reacties, German
        # Kommentare and Leserbriefe (not a lone "kommentar", the opinion genre),
        # Polish and Czech komentarz/komentář, Spanish and Portuguese comentarios,
        # Russian kommentarii in Latin letters, Hungarian hozzászólás, Finnish kommentti,
        # Austrian "Postings" (a blog's "post" is no posting).
        ("comment_form", r"comment|respond|disqus|discussion|reply|reactie|kommentare|"
                         r"kommentar[-_]|leserbrief|komentar|comentari|kommentari|"
                         r"hozzaszol|kommentti|\bpostings?\b|"
                         # Turkish yorum, Vietnamese bình luận.
                         r"\byorum|binh-?luan"),
        ("social_prompt", r"share|sharing|social|sharedaddy|follow-us|addtoany"),
        # A consent platform's layer (``cmp-layer``, ``cmp-banner``), not Adobe Experience
        # Manager's core components, which share the prefix (``cmp-title``, ``cmp-text``:
        # a university's subheadings went as consent notices; blind pages, tuning set73).
        ("cookie_notice", r"cookie|consent|gdpr|\bcmp-(?!(accordion|breadcrumb|button|"
                          r"carousel|container|contentfragment|download|embed|"
                          r"experiencefragment|form|image|languagenavigation|list|navigation|"
                          r"pdfviewer|progressbar|search|separator|tabs|teaser|text|title|"
                          r"table-of-contents)(?![a-z]))"),
        ("ad_label", r"\badvert|\bads?\b|ad-?slot|ad-?container|ad-?unit|dfp|sponsor|"
                     r"\bgpt-|banner-ad|\breklam|quang-?cao"),
        ("image_caption", r"caption|credit|photo-?info|media-?info|wp-caption-text"),
        ("site_chrome", r"breadcrumb|\bnav\b|navbar|navigation|menu|sidebar|widget|"
                        r"masthead|site-header|site-footer|footer|tag-?list|post-tags|"
                        r"entry-tags|tags-links|skip-link|toolbar|pagination|\bsite-?map\b|"
                        # A page's right-hand column by its layout name (German,
                        # English, French; a bare "right" is Bootstrap's text-right),
                        # and German layout names for the navigation and the footer.
                        r"\brechts\b|[-_]rechts\b|spalte[-_]?rechts|rechte[-_]?spalte|"
                        r"marginalspalte|\bright[-_]?col(umn)?\b|\bcol[-_]right\b|"
                        r"colonne[-_]droite|\bnavi\b|subnavi|\bfuss\b|fusszeile|"
                        r"\bsag-?kolon|\bsol-?kolon|"
                        # A player that reads the story aloud, and the prompts to get
                        # the app or its notifications.
                        r"\blisten\b|listen[-_]?(to|button|bar|player)|audio-?player|"
                        r"text-?to-?speech|app-?banner|smart-?banner|"
                        r"push-?(prompt|notification)|"
                        # A "why you can trust us" box or a trust indicator.
                        r"\btrust\b|trust[-_]?(box|note|project|indicator|info)|"
                        # Adobe Experience Manager's download boxes and buttons.
                        r"\bcmp-(download|button)(?![a-z])"),
    )
)
# Every pattern above needs one of these substrings to match.
_ATTR_WORDS = (
    "newsletter", "subscri", "sign", "promo", "optin", "opt-in", "email-capture",
    "paywall", "piano", "related", "recommend", "more-", "read", "you-may", "most-",
    "trending", "popular", "outbrain", "taboola", "further",
    "inline-", "see-also", "author", "bio", "writer", "publisher", "contributor", "comment",
    "respond", "disqus", "discussion", "reply", "reactie", "kommentar", "leserbrief",
    "komentar", "comentari", "hozzaszol", "kommentti", "posting", "share", "sharing", "social",
    "follow",
    "addtoany", "cookie", "consent", "gdpr", "cmp-", "advert", "ad", "dfp", "sponsor",
    "gpt-", "banner", "caption", "credit", "photo", "media", "breadcrumb", "nav", "menu",
    "sidebar", "widget", "masthead", "header", "footer", "tag", "skip", "toolbar", "map",
    "pagination", "rechts", "spalte", "right", "droite", "fuss", "listen", "audio", "speech",
    "push", "offer", "abo", "trust", "bulten", "ilgili", "benzer", "lien", "khac", "yazar",
    "yorum", "binh", "reklam", "quang", "kolon", "weitere", "mehr", "lesetipp",
)
# The same test as one search (``any(word in lowered ...)`` took a Python step per word).
_ANY_ATTR_WORD = re.compile("|".join(map(re.escape, _ATTR_WORDS)))
_CONTENT_ATTRS = re.compile(r"(entry|post|article|story)[-_]?(content|body|text)|"
                            r"\b(content|body)[-_]?(text|block)\b|text-block", re.I)
# The same patterns without re.I, for text ``literals.lowered`` gave: on lower-case text
# they match where the case-insensitive ones match on the original (the patterns are ASCII
# lower case, and ``lowered`` refuses the characters the engine folds to an ASCII letter
# that ``lower`` does not give), and case-sensitive searches skip ahead by their first
# characters: 0.6 ms instead of 1.3 ms a Readability page of first-seen class strings.
_ATTR_KINDS_LOWER = tuple((kind, re.compile(pattern.pattern)) for kind, pattern in _ATTR_KINDS)
_CONTENT_ATTRS_LOWER = re.compile(_CONTENT_ATTRS.pattern)
_TAG_KINDS = {
    "form": "comment_form", "nav": "site_chrome", "footer": "site_chrome",
    "aside": "related_posts", "figcaption": "image_caption", "button": "site_chrome",
    "dialog": "site_chrome", "menu": "site_chrome",
}
_DROP_SILENTLY = ("script", "style", "noscript", "template", "iframe", "svg", "canvas",
                  "object", "embed", "input", "select", "textarea", "link", "meta")
_CONTAINERS = {"div", "section", "aside", "ul", "ol", "li", "p", "figure", "header",
               "table", "h2", "h3", "h4", "h5", "h6", "details", "dl", "blockquote"}
_ATTR_SET = frozenset(("class", "id", "role", "data-component", "data-testid", "data-module",
                       "data-block-type", "aria-label"))
# A container holding this share of the page's paragraph text is content, not chrome.
MAX_TEXT_SHARE = 0.35
# A list of other stories told by its shape (``drop_card_lists``) may hold up to this share.
CARD_LIST_SHARE = 0.5
_WORD = re.compile(r"\w+")
_TEXT_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td"}
_MAX_BLOCK_WORDS = 40
# The tags pruning judges; html, body, article, main, head and h1 are never among them.
_JUDGED = tuple(sorted({*_TAG_KINDS, *_CONTAINERS}))


def prune(tree: Any, kept: list[Any] | None = None, *, custom: bool = True,
          ) -> tuple[list[tuple[str, str]], int]:
    r"""Remove boilerplate containers from ``tree`` in place.

    Args:
        tree: an lxml HTML document.
        kept: when given, the containers whose class or id read like layout chrome
            (``sidebar``, ``widget``) but which were kept (prose, or much of the page's
            text) are appended to it (``shield`` reads them). Not those named like
            furniture that has prose of its own (an author's bio, related stories with
            summaries): trafilatura's discard of those stands (letting them through cost
            recall on a validation round of blind pages).
        custom: False when the page's source holds no custom element
            (``elements.may_hold_custom``): the search for them is skipped.

    Returns:
        What was removed, as (kind, text) pairs with the text squashed; and the words
        (``\w+``) of the page's paragraphs before any removal, the extractor's yardstick
        of a suspicious loss, counted along with the words pruning needs instead of in a
        second pass over every paragraph.
    """
    boxes = signup_boxes(tree)  # before the form fields go with the silent elements
    retag_blocks(tree)  # before the paragraphs' words are counted
    words, before = paragraph_words(tree)
    # The story's second half collapsed under a "read more" button is shown
    # (pipeline/clean/collapsed.py), and shielded from trafilatura's class discard.
    revealed = reveal_collapsed(tree, words)
    if kept is not None:
        kept += revealed
    total = max(1, sum(words.values()))
    content = _content_classes(words, total)
    removed: list[tuple[str, str]] = []
    # The elements judged, in document order (ancestors first). Those inside a container
    # dropped follow it: they are passed over unjudged (they went with it; judging every
    # element first, then asking each candidate whether it sat in the last container
    # dropped, cost a third of pruning on Readability pages).
    # Custom elements (``<newsletter-signup>``, ``<ad-slot>``) are judged by their names
    # too; a page without any is walked by tag in C.
    customs = custom_tags(tree) if custom else ()
    tags = _JUDGED + customs
    judged = list(tree.iter(tags))
    # Lists of other stories by their shape (pipeline/clean/cards.py) first: their
    # headings are among the elements judged. The list is walked again only when one went.
    # Old CMS lists set their headlines as bold links, not headings (``headline_links``).
    heads = [n for n in judged if n.tag in HEADINGS] + headline_links(tree)
    removed += drop_card_lists(heads, words, total)
    # Readers' comments by their stamps (pipeline/clean/threads.py), and the replies to a
    # thread's opening post or a question (pipeline/clean/replies.py).
    colons = colon_texts(tree)  # read once for both
    removed += _drop_shapes(comment_threads(tree, colons) + reply_entries(tree, colons),
                            "comment_form", words, total)
    # Sign-up boxes by their form (pipeline/clean/signups.py).
    removed += _drop_shapes(boxes, "newsletter_promo", words, total)
    # A table of labels and values over the story (pipeline/clean/metadata_tables.py).
    removed += _drop_shapes(record_tables(tree), "dateline_meta", words, total)
    # The next story a scrolling site loads under this one (pipeline/clean/sequels.py).
    for node in next_stories(tree):
        removed.append(("next_story", squashed_text(node)))
        _drop(node)
    if removed:
        judged = list(tree.iter(tags))
    k = 0
    while k < len(judged):
        node = judged[k]
        k += 1
        kind = _TAG_KINDS.get(node.tag) or _attr_kind(node)
        if kind is None or (kind == "image_caption" and node.tag == "table" and
                            data_table(node)):
            continue
        if node.get("class") in content or node.getparent() is None:
            continue
        if story_box(node) or (kind == "related_posts" and story_section(node)):
            # the story's background box, or a section of it named "related" (boxes.py)
            open_box(node)
            if kept is not None:  # its class shielded too (``shield``)
                kept.append(node)
            continue
        if sum(words.get(p, 0) for p in node.iter("p")) / total > MAX_TEXT_SHARE or \
                next(node.iter("h1"), None) is not None:
            if kept is not None and kind == "site_chrome":
                kept.append(node)
            continue
        text = squashed_text(node)
        if (node.tag in _TEXT_BLOCKS and len(_WORD.findall(text)) > _MAX_BLOCK_WORDS) or \
                (kind != "comment_form" and is_prose(node, words, customs)):
            # A long paragraph is prose whatever its class says (Condé Nast marks every
            # paywalled body paragraph class="paywall"), and so is a section of them.
            # A section named like a list of other stories is shielded only without a
            # link to another page: a list of them links every item (blind pages, tuning
            # set49: a think tank's closing section, with a footnote's mark, in
            # ``section.related-implications``).
            if kept is not None and (kind == "site_chrome" or (
                    kind == "related_posts" and not links_out(node))):
                kept.append(node)
            continue
        _drop(node)
        k += sum(1 for _ in node.iterdescendants(tags))
        if text:
            removed.append((kind, text))
    removed += _inline_links(tree)
    _unmark_teasers(tree, words, total, customs)
    if customs:  # the page's custom tags, listed at the start: walked in C, not searched again
        as_blocks(list(tree.iter(customs)))
    return removed, before


# trafilatura's own discard of containers by class and id words (``sidebar``, ``widget``,
# ``meta``, ``expand``, ``embed``, ``author`` ...), asked of one element.
_DISCARD_PATH = OVERALL_DISCARD_XPATH[0].path.strip()
if not _DISCARD_PATH.startswith(".//*"):  # a trafilatura whose expression reads otherwise
    raise ImportError("trafilatura's OVERALL_DISCARD_XPATH changed: review html.shield")
_DISCARDED = etree.XPath("self::*" + _DISCARD_PATH[len(".//*"):],
                         namespaces={"re": REGEXP_NS})


def shield(nodes: list[Any]) -> None:
    """Move the class and id of each of ``nodes`` (prose that pruning kept whatever its
    name said) that trafilatura would discard by them to ``data-rcwire-class`` and
    ``data-rcwire-id``: a story section in ``div.styles_sidebarQuote`` was kept by pruning
    and then dropped by trafilatura (blind pages, tuning set29). Called after the class
    words have been read (the story's parts share them), before extraction."""
    discarded = [node for node in nodes if node.getparent() is not None and _DISCARDED(node)]
    if not discarded:
        return
    # A container trafilatura would take as the article by its class or id keeps them
    # (its expressions over the whole page cost a few ms: asked only when one is needed).
    framed = {hit for expr in BODY_XPATH for hit in expr(nodes[0].getroottree().getroot())}
    for node in discarded:
        if node not in framed:
            for attr in ("class", "id"):
                value = node.attrib.pop(attr, None)
                if value is not None:
                    node.set(f"data-rcwire-{attr}", value)


# trafilatura drops every div, p, section or span whose class or id holds "teaser"
# (``TEASER_DISCARD_XPATH``, its balanced setting), whatever it holds.
_TEASER_TAGS = frozenset(("div", "p", "section", "span"))
_TEASER_WORD = re.compile("[Tt](?=easer)")


def _unmark_teasers(tree: Any, words: dict[Any, int], total: int,
                    customs: tuple[str, ...]) -> None:
    """Take "teaser" out of the class and id of a container that holds much of the
    page's paragraph text, as pruning keeps it whatever its name says: a regional CMS
    that wraps the column in ``class="kasten teaserkasten"`` lost the whole story to
    trafilatura's teaser rule (blind pages, tuning set19). And from a section of prose
    that links to no other page (a list of teasers links each): a company's release in
    ``div.press-release__teaser-body`` beside its boilerplate, a short story whose share
    of the page is small (blind pages, tuning set49)."""
    for node in tree.iter(_TEASER_TAGS):
        if any((value := node.get(attr)) and "easer" in value and _TEASER_WORD.search(value)
               for attr in ("class", "id")) and (
                sum(words.get(p, 0) for p in node.iter("p")) / total > MAX_TEXT_SHARE or
                (not links_out(node) and is_prose(node, words, customs))):
            untease(node)


def untease(node: Any) -> None:
    """Take "teaser" out of ``node``'s class and id ("kasten teaserkasten" -> "kasten
    t-easerkasten"): trafilatura drops a ``div``, ``p``, ``section`` or ``span`` so named."""
    for attr in ("class", "id"):
        value = node.get(attr)
        if value and "easer" in value:
            node.set(attr, _TEASER_WORD.sub("t-", value))


def drop_card_lists(headings: Iterable[Any], words: dict[Any, int],
                    total: int) -> list[tuple[str, str]]:
    """Remove the lists of other stories around ``headings`` (``cards.card_lists``),
    except one holding more than ``MAX_TEXT_SHARE`` of the page's paragraph words
    (``words``: each paragraph's, ``total`` their sum) or the headline, as pruning keeps
    any container that does.

    Returns:
        What was removed, as ("related_posts", text) pairs with the text squashed.
    """
    # Their shape is strong evidence: a list holding less than the rest of the page goes,
    # as the summaries of six other stories may weigh almost as much as a brief.
    return _drop_shapes(card_lists(headings), "related_posts", words, total,
                        share=CARD_LIST_SHARE)


def _drop_shapes(nodes: list[Any], kind: str, words: dict[Any, int],
                 total: int, share: float = MAX_TEXT_SHARE) -> list[tuple[str, str]]:
    """Remove ``nodes`` (containers told by their shape) as ``kind``, but not one that
    holds the headline or more than ``share`` of the page's paragraph words."""
    removed = []
    for node in nodes:
        if node.getparent() is None or next(node.iter("h1"), None) is not None or \
                sum(words.get(p, 0) for p in node.iter("p")) > share * total:
            continue
        text = squashed_text(node)
        _drop(node)
        if text:
            removed.append((kind, text))
    return removed


def paragraph_words(tree: Any) -> tuple[dict[Any, int], int]:
    """Words of each paragraph once scripts, styles, embeds and form fields are dropped
    (and dropped here), and of all paragraphs before that. Only paragraphs holding a
    dropped element are counted again; those inside one are gone."""
    counts = {p: len(_WORD.findall(text_of(p))) for p in tree.iter("p")}
    silent = _silent(tree)
    gone: set[Any] = set()
    changed: set[Any] = set()
    for node in silent:
        if len(node):  # a paragraph inside (a silent element is never one itself)
            gone.update(node.iter("p"))
        changed.update(node.iterancestors("p"))
    for node in silent:
        _drop(node)
    words = {p: len(_WORD.findall(text_of(p))) if p in changed else n
             for p, n in counts.items() if p not in gone}
    return words, sum(counts.values())


def _silent(tree: Any) -> list[Any]:
    """The elements dropped silently, in document order: what the XPath union
    ``//script|//style|...`` gave, in one walk of the tree instead of one per tag (0.2 ms
    a page)."""
    return list(tree.iter(*_DROP_SILENTLY))


def _content_classes(words: dict[Any, int], total: int) -> set[str]:
    """Class strings that the page's paragraphs mostly wear: those mark prose.

    Some CMSes tag every body paragraph with a word we would otherwise read as chrome
    (Condé Nast: ``class="paywall"``).
    """
    by_class: dict[str, int] = {}
    for para, n in words.items():
        cls = para.get("class")
        if cls:
            by_class[cls] = by_class.get(cls, 0) + n
    return {cls for cls, n in by_class.items() if n / total >= MAX_TEXT_SHARE}


def _attr_kind(node: Any) -> str | None:
    items = node.items()
    if "-" in node.tag:
        # A custom element by its name (``ad-slot``) and by being hidden, not by its
        # classes: a component's classes are its own styling hooks, and their words
        # need not say what it holds. On the tuning pages they decided nothing; judged
        # by them, a Readability validation page lost text (docs/quality.md, session 38).
        return _kind_of_attrs(node.tag) or _hidden(items)
    if not items:
        return None
    attrs = " ".join(v for k, v in items if k in _ATTR_SET).strip()
    kind = _kind_of_attrs(attrs) if attrs else None
    if kind is not None and node.tag in _SLUGGED and (slug := node.get("id")) and \
            _slug(slug, node):
        # Judged again without the id, only when the name marked it (the heading's text
        # is read for a few headings a page, not for every one).
        attrs = " ".join(v for k, v in items if k in _ATTR_SET and k != "id").strip()
        kind = _kind_of_attrs(attrs) if attrs else None
    return kind or _hidden(items)


# A subheading's ``id`` is often its text made a slug, the anchor of a table of contents:
# it says nothing of what the heading is (``h2#shared-addresses`` over a section of the
# story went as a share bar: blind pages, tuning set131).
_SLUGGED = frozenset(("h2", "h3", "h4", "h5", "h6"))
_SLUG_WORD = re.compile(r"[^\W_]+")


def _slug(value: str, node: Any) -> bool:
    words = _SLUG_WORD.findall(value.lower())
    text = squashed_text(node).lower()
    return bool(words) and all(word in text for word in words)


@lru_cache(maxsize=1 << 16)
def _kind_of_attrs(attrs: str) -> str | None:
    # Pages and sites repeat a few hundred class strings thousands of times: judged once
    # per worker process. A plain substring test first: most carry none of these words.
    lower = lowered(attrs)
    if lower is None:  # a character only the case-insensitive patterns read right
        if _ANY_ATTR_WORD.search(attrs.lower()) is None or _looks_like_content(attrs):
            return None
        return next((kind for kind, pattern in _ATTR_KINDS if pattern.search(attrs)), None)
    if _ANY_ATTR_WORD.search(lower) is None or _CONTENT_ATTRS_LOWER.search(lower):
        return None
    return next((kind for kind, pattern in _ATTR_KINDS_LOWER if pattern.search(lower)), None)


def _hidden(items: list[tuple[str, str]]) -> str | None:
    for key, value in items:
        if key == "hidden" or (key == "aria-hidden" and value.lower() == "true"):
            return "site_chrome"
    return None


def _looks_like_content(attrs: str) -> bool:
    """Body wrappers whose names contain a chrome word (``entry-content``, ``article-body``)."""
    return bool(_CONTENT_ATTRS.search(attrs))


# Compiled once (``xpath()`` with a string compiles it at every call: 3 us).
_LINKED_PARAGRAPHS = etree.XPath("//p[a]")
_OWN_LINKS = etree.XPath("./a | ./strong/a | ./em/a | ./b/a | ./a/strong")


def _inline_links(tree: Any) -> list[tuple[str, str]]:
    """Paragraphs that are nothing but one link: teasers for other stories."""
    removed = []
    for para in _LINKED_PARAGRAPHS(tree):
        text = squashed_text(para)
        words = len(_WORD.findall(text))
        if not 3 <= words <= 25:
            continue  # most are prose: its links are not looked up
        links = _OWN_LINKS(para)
        link_text = " ".join(squashed_text(a)
                             for a in para.iterdescendants("a"))  # ``.//a``'s, in order
        if links and link_text == text:
            _drop(para)
            removed.append(("inline_related_link", text))
    return removed


def _drop(node: Any) -> None:
    """Remove a node but keep its tail text (the text after it belongs to its parent)."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail and node.tail.strip():
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)

