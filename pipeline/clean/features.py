"""Paragraph features for the learned cleaner: signals that carry across sites.

One row per paragraph of a page, in two parts:

- dense features (``DENSE``): position, length, punctuation and casing, second-person and
  imperative wording, calls to action, handles/e-mails/URLs, similarity to the headline,
  repetition within the page and across the source's pages, link-text share (HTML only),
  and the same few signals of the neighbouring paragraphs, including whether the rules
  already labelled them;
- hashed word n-grams (unigrams and bigrams of the folded text, ``HASH_BITS`` buckets).

Hashing uses ``zlib.crc32`` (stable across processes, unlike ``hash``), so a model trained
once scores the same everywhere. Nothing here knows a site, a phrase or a language beyond a
few function words of second person and calls to action.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from pipeline.clean.lexicon import furniture_words
from pipeline.clean.literals import lowered
from pipeline.clean.nodetext import text_of
from pipeline.languages import CJK, SCRIPT_STOPS
from pipeline.text import fold

HASH_BITS = 14
HASH_SIZE = 1 << HASH_BITS
# Long paragraphs contribute at most this many n-grams: their length is a feature of its own.
_MAX_NGRAMS = 40
# German closes a quote with “ or « („…“, »…«), single ones with ‘ or ‹ (English never
# ends a paragraph on these: the committed model is unchanged by them).
_TERMINAL_CHARS = frozenset(".!?…。！？»”\"')]“«‘›‹" + SCRIPT_STOPS)
_HEAD = 400
# Link text (without spaces) from which a Chinese or Japanese one is found again unspaced.
_GLUED_CHARS = 6
# Blocks inside a link that the extraction prints as lines of their own.
_LINKED_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6")
_SENTENCE = re.compile(rf"[.!?。！？{SCRIPT_STOPS}](?:\s|$)")
_HANDLE = re.compile(r"(?<![\w.])@\w{2,}")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_URL = re.compile(r"https?://|www\.|\b\w+\.(?:com|org|net|ru|cn|io)\b", re.I)
# A string every match of ``_URL`` holds, in lower case (``_may_be_url``).
_URL_CORES = ("://", "www.", ".com", ".org", ".net", ".ru", ".cn", ".io")
# Runs of digits, letters, capitals of the Latin and Cyrillic alphabets (scripts without
# case have none) and punctuation: a class's characters are counted as its runs' lengths.
_LETTERS = re.compile(r"[^\W\d_]+")
_UPPERS = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ]+")
_DIGITS = re.compile(r"\d+")
_PUNCTS = re.compile(r"[^\w\s]+")
_SEPARATORS = re.compile(r"[|•·»/]")
_YOU = frozenset([
    "you", "your", "yours", "you're", "youre", "you'll", "yourself", "вы", "вас", "ваш", "ваша",
    "ваши", "вам", "ты", "тебя", "您", "你"
])
# Words that open calls to action in many templates; the n-grams learn the rest.
_CTA = frozenset([
    "sign", "subscribe", "click", "tap", "follow", "share", "read", "download", "join", "get",
    "watch", "listen", "register", "log", "login", "donate", "support", "contact", "send", "email",
    "print", "comment", "reply", "save", "see", "like", "tweet", "learn", "discover", "explore",
    "try", "upgrade", "buy", "continue", "подпишитесь", "подписывайтесь", "читайте", "смотрите",
    "поделиться"
])
_PROMO = frozenset([
    "newsletter", "newsletters", "subscribe", "subscription", "inbox", "cookie", "cookies",
    "advertisement", "sponsored", "podcast", "app", "premium", "members", "membership", "account",
    "donate", "trial", "unlimited", "offer"
])
# A token of code, a command or a path: page furniture is words, these are body (listings).
_CODE = re.compile(r"[{};=<>$\\]|\w\(|\w_\w|\w/\w|^--?\w")
# A character every match of ``_CODE`` holds.
_CODE_CHARS = re.compile(r"[{};=<>$\\(_/-]")
_DATE = re.compile(r"\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b")
# A name of two to four capitalised words, then a verb that describes a person's work: the
# shape of an author card ("Jane Roe is a ...", "Jane Roe covers ...").
_NAME_ROLE = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,3},? (?:is|was|covers|writes|reports|"
                        r"has|joined|teaches|edits|hosts|leads)\b")


# The languages whose verbs the call-to-action list and the name-and-role opening hold (None:
# too short to tell). Elsewhere those are other words (German "See" is a lake, French
# "comment" asks how) and count for nothing; the promo words (newsletter, app, cookie) and
# the n-grams are loanwords and names in every language and always count.
_LISTED = frozenset({None, "en", "ru", "zh"})


@dataclass(frozen=True)
class Page:
    """What the features need about one page besides its paragraphs."""

    paragraphs: Sequence[str]
    title: str | None = None
    link_shares: Sequence[float] | None = None  # None: plain text, no markup
    rule_labelled: Sequence[bool] | None = None
    seen_elsewhere: Sequence[bool] | None = None
    folded: Sequence[str] | None = None  # ``fold`` of each paragraph, when the caller has it
    # The language of the page's prose (``pipeline.languages.prose_language``); None: unknown,
    # the word lists count (training passes none: the model learns them on English pages).
    language: str | None = None


# Labels that echo the story rather than frame it: a pull-quote or summary repeating its
# sentences is no furniture beside the paragraph it stands next to (a story sentence between
# a pull-quote and an ad label read as sandwiched in the frame).
_ECHOES = frozenset(("lead_duplicate",))


def framed(labels: Sequence[str | None]) -> list[bool]:
    """Which paragraphs the rules and passes took as the page's frame, as the classifier's
    ``rule_labelled`` reads them (the story's own echoes excepted)."""
    return [lab is not None and lab not in _ECHOES for lab in labels]


_OWN = ("rel_pos", "from_start", "from_end", "first", "last", "log_words", "log_chars",
        "words_le3", "words_le8", "words_gt25", "terminal", "sentences", "digit_share",
        "upper_share", "titlecase_share", "all_caps", "punct_share", "separators",
        "ends_colon", "you_share", "cta_start", "cta_share", "promo_words", "handle",
        "email", "url", "copyright", "date_like", "quote_marks", "title_overlap",
        "is_title", "page_repeats", "seen_elsewhere", "html", "link_share", "all_link",
        "all_furniture", "name_role", "question", "exclaim", "code_like")
_NEIGHBOUR = ("log_words", "link_share", "terminal", "rule_labelled")
# Signals of the run a paragraph sits in (``run_features``): teaser lists, galleries and
# link blocks are runs of alike items, however long each item is.
_RUN = ("marker", "counter", "marker_run", "link_run", "labelled_near", "short_near",
        "in_run")
DENSE: tuple[str, ...] = (
    *_OWN, *(f"prev_{n}" for n in _NEIGHBOUR), *(f"next_{n}" for n in _NEIGHBOUR),
    *_RUN, "bias_text")
# A list item's opening: a bullet, a number, or a slide counter ("3/12", "3 of 12").
_MARKER = re.compile(r"^(?:([-•*·–—▪►])\s|(\d{1,3}\s?(?:/|of)\s?\d{1,3})\b|\d{1,2}[.)]\s)")
# A slide counter at the opening ("3/12", "- 3 of 12"); not a fraction ("1/4 cup": the
# total of a counter has two digits or the "of" form) nor a date ("12/05/2024").
_COUNTER = re.compile(r"^\W{0,2}(\d{1,3}) ?(?:/ ?(\d{2,3})|of (\d{1,3}))\b(?![/.,:]?\d)")
# A run of alike items this long is a list; a linked line is one mostly made of link text.
_RUN_MIN = 3
_LINKY = 0.5


def page_rows(page: Page, wanted: Sequence[bool] | None = None,
              ) -> tuple[np.ndarray, list[list[int]], list[list[float]]]:
    """Features of every paragraph of one page.

    Args:
        page: the paragraphs and what is known about them.
        wanted: the paragraphs whose features are needed (None: all); the others get a
            zero row and no n-grams, and only the few values their neighbours read.

    Returns:
        The dense matrix (paragraphs x ``len(DENSE)``) and, per paragraph, the hashed
        n-gram buckets with their weights.
    """
    paras = list(page.paragraphs)
    folded = list(page.folded) if page.folded is not None else [fold(p) for p in paras]
    counts = Counter(folded)
    title = fold(page.title or "")
    title_words = set(title.split())
    full = [wanted is None or bool(wanted[i]) for i in range(len(paras))]
    # Each paragraph's values as plain lists in ``_OWN`` order (a dict per paragraph and a
    # lookup per value cost a fifth of the rows' time): ``_context``'s three for every
    # paragraph, the rest only for the wanted ones.
    context = [_context(paras[i], len(folded[i].split()), _link(page, i))
               for i in range(len(paras))]
    labelled = page.rule_labelled
    runs = run_features(paras, page.link_shares, page.rule_labelled, full)
    bias = 1.0 if page.link_shares is None else 0.0
    zero = [0.0] * len(DENSE)
    dense = []
    for i in range(len(paras)):
        if not full[i]:
            dense.append(zero)
            continue
        prev = context[i - 1] if i > 0 else None
        nxt = context[i + 1] if i + 1 < len(paras) else None
        dense.append([*_own(paras[i], folded[i], i, len(paras), page, title, title_words,
                            counts, context[i]),
                      *_neighbour(prev, labelled[i - 1] if labelled and prev else False),
                      *_neighbour(nxt, labelled[i + 1] if labelled and nxt else False),
                      *runs[i], bias])
    rows = np.array(dense, dtype=np.float64).reshape(len(paras), len(DENSE))
    grams = [hashed_ngrams(f) if full[i] else ([], []) for i, f in enumerate(folded)]
    return rows, [g[0] for g in grams], [g[1] for g in grams]


def _own(text: str, folded: str, i: int, n: int, page: Page, title: str,
         title_words: set[str], counts: Counter[str],
         context: tuple[float, float, float]) -> list[float]:
    """The ``_OWN`` values of one paragraph, in that order (``context``: its
    ``_context``)."""
    words = folded.split()
    # The casing and code signals read the opening words only, like the n-grams.
    raw_words = text.split(maxsplit=_MAX_NGRAMS)[:_MAX_NGRAMS]
    # Shares and patterns are read on both ends of a long paragraph: the same signal for a
    # fraction of the regex work (furniture is short; prose reads alike at both ends).
    head = text if len(text) <= _HEAD else f"{text[:_HEAD // 2]} {text[-_HEAD // 2:]}"
    nw = max(1, len(words))
    # Characters counted as the lengths of their runs: the same counts from a list of a
    # few runs instead of one string per character.
    letters = sum(map(len, _LETTERS.findall(head)))
    uppers = sum(map(len, _UPPERS.findall(head)))
    digits = sum(map(len, _DIGITS.findall(head)))
    # Every match of these holds an "@", every date-like one a digit, every URL one of
    # ``_URL_CORES`` (``_may_be_url``) and every code token one of ``_CODE_CHARS``: the
    # searches that cannot match are skipped (the same values; 40 words a paragraph, 40
    # paragraphs a page).
    at = "@" in head
    log_words, terminal, link = context
    listed = page.language in _LISTED
    unique = set(words)
    overlap = len(unique & title_words) / max(1, len(unique | title_words))
    return [
        i / max(1, n - 1), min(1.0, i / 10), min(1.0, (n - 1 - i) / 10),  # rel_pos ...
        float(i == 0), float(i == n - 1), log_words,
        math.log1p(len(text)) / 8, float(len(words) <= 3), float(len(words) <= 8),
        float(len(words) > 25), terminal,
        min(1.0, len(_SENTENCE.findall(text)) / 4) if len(text) <= _HEAD else 1.0,
        digits / max(1, len(head)),  # digit_share
        uppers / max(1, letters),  # upper_share
        sum(1 for w in raw_words if w[:1].isupper()) / max(1, len(raw_words)),
        float(letters > 3 and uppers == letters),  # all_caps
        sum(map(len, _PUNCTS.findall(head))) / max(1, len(head)),  # punct_share
        min(1.0, len(_SEPARATORS.findall(head)) / 3),
        float(text.rstrip().endswith(":")),  # ends_colon
        min(1.0, 4 * sum(1 for w in words if w in _YOU) / nw),  # you_share
        float(listed and bool(words) and words[0] in _CTA),  # cta_start
        listed * min(1.0, 4 * sum(1 for w in words if w in _CTA) / nw),  # cta_share
        min(1.0, sum(1 for w in words if w in _PROMO) / 2),  # promo_words
        float(at and bool(_HANDLE.search(head))), float(at and bool(_EMAIL.search(head))),
        float(_may_be_url(head) and bool(_URL.search(head))),  # url
        float("©" in text or "copyright" in words),
        float(digits > 0 and bool(_DATE.search(head))),  # date_like
        float(any(q in text for q in "“”\"«»„")),  # quote_marks
        overlap, float(bool(title) and folded == title),  # title_overlap, is_title
        min(1.0, (counts[folded] - 1) / 2) if folded else 0.0,  # page_repeats
        float(bool(page.seen_elsewhere and page.seen_elsewhere[i])),
        float(page.link_shares is not None), link, float(link >= 0.95),  # html ... all_link
        _furniture(words), float(listed and bool(_NAME_ROLE.match(text))),  # name_role
        float(text.rstrip().endswith("?")), float("!" in head),  # question, exclaim
        min(1.0, 3 * sum(1 for w in raw_words if _CODE.search(w))
            / max(1, len(raw_words))) if _CODE_CHARS.search(text) else 0.0,  # code_like
    ]


def _may_be_url(text: str) -> bool:
    """False only when ``_URL`` cannot match: no string of ``_URL_CORES`` in the text
    lower-cased, and no character the engine's case-insensitive matching takes for an
    ASCII letter that ``lower`` leaves apart (``literals.lowered``)."""
    lower = lowered(text)
    return lower is None or any(core in lower for core in _URL_CORES)


def _marker(text: str) -> str:
    """The kind of list opening of a paragraph ("-", "n" numbered or counted, "|" a table
    row) or ""."""
    if text.startswith("|"):
        return "|"
    found = _MARKER.match(text)
    if found is None:
        return ""
    return "-" if found.group(1) else "n"


def run_features(paras: Sequence[str], shares: Sequence[float] | None,
                 labelled: Sequence[bool] | None, wanted: Sequence[bool],
                 ) -> list[list[float]]:
    """Per paragraph, the ``_RUN`` values: its list marker, a slide counter, the length of
    the run of items with the same marker, the share of linked lines and of lines the rules
    labelled among the two paragraphs either side, the share of short unended lines there,
    and whether it sits in a teaser run (``in_teaser_run``); empty for a paragraph not
    ``wanted``."""
    n = len(paras)
    marks = [_marker(p) for p in paras]
    run = _run_lengths(marks)
    linky = [bool(shares is not None and shares[i] >= _LINKY) for i in range(n)]
    short = [len(p) <= 120 and len(p.split()) <= 12 and p.rstrip()[-1:] not in _TERMINAL_CHARS
             for p in paras]
    teaser = in_teaser_run(paras, shares, marks, run)
    counters = slide_counters(paras)
    out: list[list[float]] = []
    for i in range(n):
        if not wanted[i]:
            out.append([])
            continue
        near = [j for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < n]
        k = max(1, len(near))
        out.append([
            float(bool(marks[i])), float(counters[i]),
            min(1.0, math.log1p(run[i]) / 3),
            sum(linky[j] for j in near) / k,
            sum(bool(labelled and labelled[j]) for j in near) / k,
            sum(short[j] for j in near) / k, float(teaser[i])])
    return out


def slide_counters(paras: Sequence[str]) -> list[bool]:
    """Paragraphs that open with a slide counter of a gallery: "N/T" or "N of T" with N at
    most T, and a neighbour opening with a counter of the same T (one "9/11 changed ..."
    is a sentence; "4/20 ...", "5/20 ..." is a gallery)."""
    totals: list[str | None] = []
    for text in paras:
        found = _COUNTER.match(text)
        total = found and (found.group(2) or found.group(3))
        ok = bool(found and total and int(found.group(1)) <= int(total))
        totals.append(str(total) if ok else None)
    n = len(paras)
    return [t is not None and any(0 <= j < n and totals[j] == t for j in (i - 1, i + 1))
            for i, t in enumerate(totals)]


def _run_lengths(marks: Sequence[str]) -> list[int]:
    """Length of the run of equal non-empty markers each paragraph belongs to (0: none)."""
    out = [0] * len(marks)
    start = 0
    for i in range(1, len(marks) + 1):
        if i == len(marks) or marks[i] != marks[start]:
            if marks[start]:
                out[start:i] = [i - start] * (i - start)
            start = i
    return out


def in_teaser_run(paras: Sequence[str], shares: Sequence[float] | None,
                  marks: Sequence[str] | None = None, run: Sequence[int] | None = None,
                  ) -> list[bool]:
    """Paragraphs that sit in a run of alike list items (``_RUN_MIN`` or more with the same
    bullet, number or counter; table rows aside) or between linked lines (HTML): the
    classifier may judge these however long they are (a teaser's summary is a sentence)."""
    marks = marks if marks is not None else [_marker(p) for p in paras]
    run = run if run is not None else _run_lengths(marks)
    n = len(paras)
    linky = [bool(shares is not None and shares[i] >= _LINKY) for i in range(n)]
    out = []
    for i in range(n):
        listed = marks[i] in ("-", "n") and run[i] >= _RUN_MIN
        prev = i > 0 and linky[i - 1]
        nxt = i + 1 < n and linky[i + 1]
        out.append(listed or (prev and nxt)
                   or (prev and i > 2 and linky[i - 3]) or (nxt and i + 3 < n and linky[i + 3]))
    return out


def _furniture(words: list[str]) -> float:
    """Whether all of a paragraph's own words (not function words or numbers) are words of
    page furniture (``config/furniture_words.yaml``). A share would be too strong a signal:
    "Comments from Astana" is a subheading."""
    vocab = furniture_words()
    own = [w for w in words[:_MAX_NGRAMS] if w not in vocab.function_words and not w.isdigit()]
    hits = sum(1 for w in own if w in vocab.words)
    return float(bool(own) and hits == len(own))


def _context(text: str, words: int, link: float) -> tuple[float, float, float]:
    """The features of a paragraph that its neighbours read (``_NEIGHBOUR``): log_words,
    terminal and link_share."""
    return (math.log1p(words) / 5, float(text.rstrip()[-1:] in _TERMINAL_CHARS), link)


def _link(page: Page, i: int) -> float:
    return page.link_shares[i] if page.link_shares is not None else 0.0


def _neighbour(values: tuple[float, float, float] | None, labelled: bool) -> list[float]:
    if values is None:
        return [0.0, 0.0, 1.0, 1.0]  # the page edge reads like a labelled, ended line
    return [values[0], values[2], values[1], float(labelled)]


def hashed_ngrams(folded: str) -> tuple[list[int], list[float]]:
    """Buckets of the word unigrams and bigrams of one folded paragraph, each weighted so
    a paragraph's n-gram vector has unit length (long prose does not outvote short lines)."""
    words = folded.split()[:_MAX_NGRAMS]
    grams = [*words, *map(" ".join, itertools.pairwise(words))]
    if not grams:
        return [], []
    # ``bucket`` of each gram, its CRC taken through C-level maps rather than a Python
    # call per gram (100 grams a paragraph, 40 paragraphs a page): the same buckets.
    mask = HASH_SIZE - 1
    buckets = Counter([crc & mask for crc in map(zlib.crc32, map(str.encode, grams))])
    norm = math.sqrt(sum(v * v for v in buckets.values()))
    keys = sorted(buckets)
    return keys, [buckets[k] / norm for k in keys]


def bucket(gram: str) -> int:
    """The hash bucket of one n-gram."""
    return zlib.crc32(gram.encode("utf-8")) & (HASH_SIZE - 1)


def anchor_counts(tree: Any) -> Counter[str]:
    """Folded texts of the page's links, with how often each occurs."""
    found: Counter[str] = Counter()
    for node in tree.iter("a"):
        text = fold(text_of(node))
        if text:
            found[text] += 1
            # A card's link wraps its headline's paragraph beside a picture and a count
            # ("<a><img><span>6 photos</span><p>headline</p></a>"): the extraction prints
            # that paragraph as a line of its own, all of it link text.
            for block in node.iter(_LINKED_BLOCKS):
                if (inner := fold(text_of(block))) and inner != text:
                    found[inner] += 1
    return found


def link_shares(paragraphs: Sequence[str], anchors: Counter[str],
                folded: Sequence[str] | None = None) -> list[float]:
    """Share of each paragraph's words that sit inside link text on the page.

    The extracted text has lost its markup, so a paragraph's links are found again by
    their text: every link text that occurs in the paragraph counts once. ``folded``:
    ``fold`` of each paragraph, when the caller has it.
    """
    by_first: dict[str, list[str]] = {}
    for text in anchors:
        by_first.setdefault(text.split(" ", 1)[0], []).append(text)
    # Chinese and Japanese link texts run into their neighbours without a space (a list
    # item's date glued to its headline): found again as characters. Only headline-long
    # ones: a menu's two-character words occur in any story sentence.
    glued = [t for t in anchors if len(t) - t.count(" ") >= _GLUED_CHARS and CJK.search(t)]
    shares = []
    for k, para in enumerate(paragraphs):
        text = folded[k] if folded is not None else fold(para)
        words = text.split()
        if not words:
            shares.append(0.0)
            continue
        padded = f" {text} "
        covered = 0
        # Only the words some link text opens with (a set intersection in C, not a lookup
        # per word): the same link texts, counted once each.
        for first in by_first.keys() & words:
            for link in by_first[first]:
                if f" {link} " in padded:
                    covered += link.count(" ") + 1
        share = covered / len(words)
        if share < 1.0 and glued and CJK.search(text):
            chars = len(text) - text.count(" ")
            share = max(share, sum(len(t) - t.count(" ") for t in glued if t in text) / chars)
        shares.append(min(1.0, share))
    return shares
