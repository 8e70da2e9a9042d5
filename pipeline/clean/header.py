"""The header of a plain-text article, as a scraper saves a page's visible text.

Between the headline and the first paragraph of prose a page prints its own name, menu
rows, the section, the byline (often a name on one line and the role on the next) and the
date; the headline comes back with the site's name after it (" | Site", " – Site"). A
scraper also keeps the wide gaps a page lays out between the items of a menu or a tag list
("Home   Archive   About"). None of this is worded like furniture, so the wording rules
and the classifier miss it; its place and shape give it away. So does the summary a page
prints above the story: above the byline, or above a lead that opens with its dateline
(a summary above the page's picture is left to the story since session 30: on the
tuning sets that pass took as many of the story's standfirsts as it took repeats, and a
standfirst printed twice is read by ``captions.label_standfirst_twice``). These passes
run on plain text only (``clean_paragraphs`` without link shares): trafilatura's text of
a page starts with the article, and a page's menus never reach it as spaced rows. The
forms of a name, a byline, a date line, a sentence and a section heading the cleaner's
other passes read live here too.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime
from itertools import islice

from pipeline.clean.furniture import CJK_NUMBERED, Labelled
from pipeline.languages import SCRIPT_STOPS, opens_lower

# Items of a laid-out row: separated by two or more spaces or a tab in the raw line.
_GAP = re.compile(r" {2,}|\t")
# Closing quotes and brackets may follow: „…“ »…« « … ».
TERMINAL = re.compile(rf"[.!?:;…。！？；：{SCRIPT_STOPS}]\s?[”“\"’‘'»«›‹)\]」』）]*$")
_NAME_TOKEN = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’.-]*|de|da|van|von|der|al|bin|el|la|le|of)$")
_BYLINE = (
    re.compile(r"^(?:by|written by|posted by|author:?)\s+(?P<name>[^|,(\d]{3,60}?)"
               r"(?:\s*(?:[|,(–—-].*)?)$", re.I),
    re.compile(r"^(?P<name>[A-Z][^|,(\d]{2,60}?)\s*\(\s*\d[\d,]*\s+(?:articles?|posts?|stories)\s*\)$"),
)
_AUTHORS = re.compile(r",\s*|\s+(?:and|&)\s+")
_PLACE = re.compile(r"\s+in\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*")
# Role words of a byline's second line ("Arctic correspondent", "Senior Fellow").
_ROLE = re.compile(
    r"\b(correspondent|reporter|editor|writer|columnist|fellow|analyst|contributor|"
    r"producer|researcher|journalist|photographer|critic|commentator|lecturer|professor|"
    r"scholar|bureau chief)s?\b", re.I)
# Labels that mark a page's header: the date, a byline, the reading time, share and comment
# counts, menu rows.
_HEADER_MARKS = frozenset(("dateline", "date_stub", "byline", "reading_time",
                           "social_prompt", "comment_form", "site_chrome"))
# A standfirst (dek) this long is prose even without a full stop.
_DEK_WORDS = 12
# Key points above the byline: at most this many, each this short (a standfirst alone may
# be longer).
_KEY_POINTS = 3
_KEY_POINT_WORDS = 30
# Labels of a picture's lines.
_PICTURE = frozenset(("image_credit", "image_caption"))
# Neighbours that make a name line the byline.
_BESIDE_BYLINE = frozenset(("dateline", "date_stub", "byline", "reading_time"))
# Header lines that open the story below them: those, or a byline a rule took.
_BYLINE_MARKS = _BESIDE_BYLINE | {"dateline_meta"}
# A figure and a unit cut short end a line with a full stop that ends no sentence
# ("Reading time: 4 min.").
_UNIT_END = re.compile(r"\d\s?[^\W\d_]{1,4}\.$")
# Sentence stops inside a line (a tagline's).
_STOPS = re.compile(rf"[.!?。！？{SCRIPT_STOPS}]+")
_SUFFIX = re.compile(r"\s[|–—·:-]\s*[^|–—·:]+$")
# A header line this short with no sentence end, above the first sentence, is the site's
# name, a section or a kicker ("THE STEPPE INSTITUTE", "Circuitboard").
_HEADER_WORDS = 5
_HEADER_LINES = 15
# Any line that is no sentence, up to this long, above the first sentence of a page whose
# header has a date, byline or menu line.
_HEADER_ROW_WORDS = 16
_DIGIT = re.compile(r"\d")
# A lead that opens with its dateline: the place in capitals and a dash ("WATERLOO —",
# "BEIJING/MOSCOW, March 14 (Agency) -"), or the place, the date and the agency in
# brackets ("Astana, 12 March (Agency) –"); in Latin or Cyrillic capitals.
_DATELINE_OPEN = re.compile(
    r"^(?:[A-ZА-ЯЁ][A-ZА-ЯЁ.'’-]+(?:[ /-][A-ZА-ЯЁ][A-ZА-ЯЁ.'’-]+){0,3}(?:,[^—–()]{2,30}?)?"
    r"(?:\s*\([^()]{2,30}\))?"
    r"|[A-ZА-ЯЁ][\w.'’-]+(?: [A-ZА-ЯЁ][\w.'’-]+){0,2},[^—–()]{2,30}?\s*\([^()]{2,30}\))"
    r"\s*(?:—|–|--?)\s+\S"
    # or a place in capitals and a colon ("KUALA LUMPUR: ..."), not a label ("UPDATE:").
    r"|^(?P<colon>(?!(?:UPDATE|UPDATED|BREAKING|EXCLUSIVE|WATCH|LISTEN|ANALYSIS|OPINION|LIVE|VIDEO|"
    r"PHOTOS?|READ|SEE|RELATED|ALSO|NOTE|EDITOR|CORRECTION|SUMMARY|TL;DR|ADVERTISEMENT|"
    r"SPONSORED|Q|A)\b)[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+[A-Z]")
# Most paragraphs a page prints above its datelined lead (a standfirst, a caption).
_ABOVE_LEAD = 2
# Share of a summary's content words (less the headline's) the lead and the paragraph
# after it tell again.
_RETOLD = 0.35
# A paragraph this much Han is written without spaces between words.
HAN_UNSPACED = 0.3
# Chinese outlines number their sections "一、" and "（二）".
_ITEM = re.compile(rf"^\s*([-–—•*·|]|\d+[.)]\s|{CJK_NUMBERED})")
_SENTENCE_WORDS = 6
# A section heading is this short; a teaser of another story is a whole headline.
HEADING_WORDS = 8

# Zone abbreviations of English-language pages with one meaning, in seconds east of UTC.
_ZONES = {name: hours * 3600 for name, hours in (
    ("GMT", 0), ("UTC", 0), ("BST", 1), ("CET", 1), ("CEST", 2), ("EET", 2), ("EEST", 3),
    ("MSK", 3), ("EST", -5), ("EDT", -4), ("CST", -6), ("CDT", -5), ("MST", -7),
    ("MDT", -6), ("PST", -8), ("PDT", -7), ("AKST", -9), ("AKDT", -8), ("JST", 9),
    ("KST", 9), ("HKT", 8), ("SGT", 8), ("AEST", 10), ("AEDT", 11))}
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
           "april|june|july|august|september|october|november|december")
# A date standing alone, with a weekday, a clock time or a label ("Published: Mon 13 Jan
# 2025, 7:30 PM"): the header's date line.
DATE_ONLY = re.compile(
    rf"^(?:(?:first published|published|posted|updated|last updated|modified)(?: on| at)?:?\s+)?"
    # A place before the date ("Madrid - Jul 22, 2025 - 05:30 CEST"), or the time
    # ("14:32, 21 January 2025").
    rf"(?:[a-z][\w.'’-]*(?: [a-z][\w.'’-]*){{0,2}}\s*[-–—|·,]\s*)?"
    rf"(?:\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?\s*[,|·–—-]?\s*)?"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:"
    rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}"
    rf")(?:(?:\s*[,|·–—-]\s*|\s+)(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}}(?:[+-]\d{{1,2}})?)?)?"
    rf"(?:\s*[|·•]?\s*updated\b.*)?$", re.I)


def label_spaced_rows(state: Labelled, raw: list[str]) -> None:
    """Rows of three or more short items set apart by wide gaps: a menu or a tag list.

    ``raw`` holds the paragraphs as given (gaps kept), one per item of ``state.p``.
    """
    for i, text in enumerate(raw):
        if not state.free(i):
            continue
        items = [t for t in _GAP.split(text.strip()) if t]
        # Digits mark a table row ("Coal   101m t   +20%"), a sentence end a paragraph.
        if len(items) >= 3 and all(len(t.split()) <= 3 and not TERMINAL.search(t)
                                   and not any(c.isdigit() for c in t) for t in items):
            _label(state, i, "site_chrome",
                   "a row of short items set apart by wide gaps (a menu or a tag list)")


def label_header(state: Labelled) -> str | None:
    """Label the header lines of a plain-text article; return the byline's name if one
    was found (the caller keeps the author the text revealed first)."""
    if state.title_at is None:
        return None
    _label_title_with_site(state)
    # The standfirst first: a summary above the byline would end the header (it is the
    # first paragraph of prose) before the byline's name and the site's rows are read.
    _label_above_byline(state)
    zone = range(state.title_at + 1, _header_end(state))
    author = None
    for i in zone:
        if not state.free(i):
            continue
        # One name or several ("Anna Lee, Bo Chen and Cai Wen").
        if not all(is_name(n) for n in _AUTHORS.split(state.p[i])):
            continue
        # Beside the date or the role it names the writer (beside a menu row it may be the
        # site's name: the short-line pass below takes that).
        if _next_to(state, i, _BYLINE_MARKS) or _role_at(state, i - 1) or _role_at(state, i + 1):
            _label(state, i, "byline", "a name line beside the date or the writer's role")
            author = author or state.p[i]
    for i in zone:
        if state.free(i) and _role_line(state.p[i], state.words[i]) and \
                _next_to(state, i, frozenset(("byline",))):
            _label(state, i, "byline", "the writer's role under the byline")
    header_lines(state, zone)
    _label_above_dateline(state)
    return author


def header_lines(state: Labelled, zone: range | None = None) -> None:
    """Short lines above the first sentence go when a header line (date, byline, menu,
    share or comment count) comes after them: the page's top, not a list of facts. Run
    again after a later pass took a sentence of the page's top (a consent banner over
    the byline), which ended the header early."""
    if zone is None:
        if state.title_at is None:
            return
        zone = range(state.title_at + 1, _header_end(state))
    marked = [i for i in zone if state.labels[i] in _HEADER_MARKS]
    below = _body_shapes(state, zone) if marked else set()
    for i in zone:
        if (sentence(state, i) and not _tagline(state.p[i])) or not marked:
            break
        text = state.p[i]
        if state.free(i) and i < marked[-1] and _tagline(text):
            _label(state, i, "site_chrome", "the site's motto above the byline")
            continue
        if not state.free(i) or (TERMINAL.search(text) and not _UNIT_END.search(text)) or \
                list_item(text) or _continued(state, i) or _shape(text) in below:
            continue
        if i < marked[-1] and state.words[i] <= _HEADER_WORDS and \
                not any(c.isdigit() for c in state.p[i]):
            _label(state, i, "site_chrome",
                   "a short line between the headline and the first sentence")
        elif state.words[i] <= _HEADER_ROW_WORDS or barred(text):
            # Below the last header mark too, and with figures: a breadcrumb, the
            # publisher's department, a weather or currency widget, like and reply counts.
            # An article opens with a sentence; a list or table ends the header.
            _label(state, i, "site_chrome",
                   "a line that is no sentence between the headline and the first sentence")


def _tagline(text: str) -> bool:
    """A site's motto of one-word sentences ("News. Markets. Russia."): no prose."""
    parts = [p.split() for p in _STOPS.split(text) if p.strip()]
    return len(parts) >= 3 and sum(len(p) <= 2 for p in parts) >= 2


def dateline_open(text: str) -> bool:
    """``text`` opens with a wire or newspaper dateline (``_DATELINE_OPEN``)."""
    return _DATELINE_OPEN.match(text) is not None


def _label_above_byline(state: Labelled) -> None:
    """Prose right above the page's first byline, date or reading time: the standfirst,
    or up to three key points (pages print the summary between the headline and the
    byline; the story starts below the date). Today's date in the site's top bar is no
    such mark, a short line with a date is one whatever a rule called it, and the
    byline's name and role lines may stand between the summary and the date."""
    assert state.title_at is not None
    start = state.title_at + 1
    run: list[int] = []
    for i in range(start, min(len(state.p), start + _HEADER_LINES)):
        if _dated(state, i) and (run or not _top_bar(state, i)):
            break  # below the first mark the body may start
        # A dek of a dozen words or more needs no full stop to be prose.
        prose = sentence(state, i) or (state.free(i) and state.words[i] >= _DEK_WORDS
                                       and not barred(state.p[i]))
        if prose:
            run.append(i)
    if not run or len(run) > _KEY_POINTS or any(state.words[i] > _KEY_POINT_WORDS and
                                                 len(run) > 1 for i in run):
        return
    last = run[-1]
    # The lead pass takes a summary the lead repeats word for word.
    repeated = any(state.f[j].startswith(state.f[i]) for i in run
                   for j in range(last + 1, len(state.p)))
    if any(_continued(state, i) for i in run) or repeated or not _mark_below(state, last):
        return
    for i in run:
        _label(state, i, "subtitle", "a summary above the byline and date")
    state.description = state.description or state.p[run[0]]


def _dated(state: Labelled, i: int) -> bool:
    """A byline, date or reading time, or a short line holding a date whatever a rule
    called it ("PUBLISHED : 20 Jun 2025 at 04:30"); not a picture's caption or credit,
    whose date is the photograph's ("Delegates at the summit, 4 July 2024")."""
    return state.labels[i] in _BYLINE_MARKS or (
        state.words[i] <= _HEADER_ROW_WORDS and state.labels[i] not in _PICTURE
        and parse_date(state.p[i]) is not None)


def _top_bar(state: Labelled, i: int) -> bool:
    """A date over the site's name and menus (short lines, no sentence): today's date in
    the page's top bar, not the story's (the story's header is further down)."""
    return sum(state.labels[j] == "site_chrome" or (
        state.free(j) and state.words[j] <= _HEADER_WORDS and not TERMINAL.search(state.p[j]))
        for j in range(i + 1, min(i + 4, len(state.p)))) >= 2


def _mark_below(state: Labelled, last: int) -> bool:
    """A byline, date or reading time within two lines under ``last``; a byline's name and
    role lines are passed over (no pass has read them yet: the header is read below the
    standfirst)."""
    seen = 0
    for j in range(last + 1, len(state.p)):
        if _dated(state, j):
            return True
        if state.free(j) and (is_name(state.p[j]) or _role_line(state.p[j], state.words[j])):
            continue
        seen += 1
        if seen == 2:
            return False
    return False


def _label_above_dateline(state: Labelled) -> None:
    """Prose between the headline and a lead that opens with its dateline ("OSLO —"): the
    lead is where a wire or newspaper story starts, so what is printed above it is a
    standfirst (the lead in other words) or a picture's caption."""
    assert state.title_at is not None
    start = state.title_at + 1
    opens = ((i, m) for i in range(start, min(len(state.p), start + _HEADER_LINES))
             if state.free(i) and (m := _DATELINE_OPEN.match(state.p[i])))
    lead, match = next(opens, (None, None))
    if lead is None or match is None:
        return
    # A word in capitals and a colon may head an item of a round-up ("RUSSIA: ..."): above
    # it only a summary the lead tells again goes, not the round-up's introduction.
    colon = match.group("colon") is not None
    # A summary printed twice keeps one copy (the other went as a repeat: tuning set 254).
    repeated = {state.f[k] for k in range(start, lead)
                if state.labels[k] in ("lead_duplicate", "duplicate_line")}
    above = [i for i in range(start, lead)
             if state.free(i) and state.words[i] >= _SENTENCE_WORDS
             and state.f[i] not in repeated]
    if len(above) > _ABOVE_LEAD:
        return  # paragraphs of the article before a dateline further down (a live page)
    told = [lead, *next_free(state, lead + 1, 1)]
    for i in above:
        if _retold(state, i, told):
            _label(state, i, "lead_duplicate", "a summary above the datelined lead")
        elif not colon:
            _label(state, i, "image_caption",
                   "prose above the datelined lead (a caption or a note)")


def _retold(state: Labelled, i: int, below: list[int]) -> bool:
    """Most of paragraph ``i``'s content words come back in the paragraphs ``below``."""
    # Stems: a summary retells in other forms ("Russia ... losing" over "Russian ... lost").
    # The headline's words are every paragraph's topic: they say nothing of a retelling.
    topic = stems(state.f[state.title_at]) if state.title_at is not None else set()
    mine = stems(state.f[i]) - topic
    told = stems(" ".join(state.f[j] for j in below))
    return bool(mine) and len(mine & told) >= _RETOLD * len(mine)


def next_free(state: Labelled, start: int, count: int = 2) -> list[int]:
    """The first ``count`` paragraphs no pass has labelled, from ``start`` on."""
    return list(islice((j for j in range(start, len(state.p)) if state.free(j)), count))


def previous_free(state: Labelled, i: int) -> int | None:
    """The nearest paragraph above ``i`` no pass has labelled, or None."""
    return next((j for j in range(i - 1, -1, -1) if state.free(j)), None)


def taken_up(state: Labelled, i: int, below: list[int]) -> bool:
    """The paragraphs ``below`` take up line ``i``'s words (their stems): the line heads
    their section ("Union warns on jobs" over "The union ... warned")."""
    return bool(stems(state.f[i]) & stems(" ".join(state.f[j] for j in below)))


def stems(folded: str) -> set[str]:
    """The first four letters of each word of more than three (no digits): "warns" and
    "warned" are one stem (a heading and the paragraph under it share them)."""
    return {w[:4] for w in folded.split() if len(w) > 3 and not any(c.isdigit() for c in w)}


def _continued(state: Labelled, i: int) -> bool:
    """A line broken out of a sentence: it opens in lower case, ends in a comma, or the
    next line carries on in lower case."""
    nxt = state.p[i + 1] if i + 1 < len(state.p) else ""
    return opens_lower(state.p[i]) or state.p[i].endswith(",") or opens_lower(nxt)


def _shape(text: str) -> str:
    return _DIGIT.sub("0", text)


def _body_shapes(state: Labelled, zone: range) -> set[str]:
    """Shapes (digits as 0) of the free lines below the header: a line above the first
    sentence shaped like one of them is the body's own ("09:42 BST" over each entry of a
    live page)."""
    return {_shape(state.p[i]) for i in range(zone.stop, len(state.p))
            if state.free(i) and state.words[i] <= _HEADER_ROW_WORDS}


def _label_title_with_site(state: Labelled) -> None:
    """The headline again with the site's name after a separator."""
    assert state.title_at is not None
    head = state.f[state.title_at]
    for i in range(state.title_at + 1, len(state.p)):
        extra = state.f[i][len(head) + 1:].split()
        if state.free(i) and state.f[i].startswith(head + " ") and len(extra) <= 5 and \
                _SUFFIX.search(state.p[i]):
            _label(state, i, "duplicate_title", "the headline again with the site's name")


def _header_end(state: Labelled) -> int:
    """Where the header ends: at the first free paragraph of more than 20 words (no row
    cut by bars) that the lead does not repeat a few lines down (a standfirst printed
    above the byline is still header), at a list item or table row (content), or after
    ``_HEADER_LINES`` lines."""
    start = (state.title_at if state.title_at is not None else -1) + 1
    for i in range(start, min(len(state.p), start + _HEADER_LINES)):
        if _ITEM.match(state.p[i]) or (state.free(i) and state.words[i] > 20 and
                                       not barred(state.p[i]) and not any(
                state.f[j].startswith(state.f[i]) for j in range(i + 1, min(i + 9, len(state.p))))):
            return i
    return min(len(state.p), start + _HEADER_LINES)


def barred(text: str) -> bool:
    """A row cut by two bars or more ("WTI $78 ▼ | Brent $82 ▲ | Gas $2.6"): a ticker or a
    menu, however long; prose has no such bars."""
    return text.count(" | ") >= 2


def list_item(text: str) -> bool:
    """A list item or a table row ("- Coal", "2) Gas", "| 2024 | 3.1 |"): content."""
    return _ITEM.match(text) is not None


def sentence(state: Labelled, i: int) -> bool:
    """An unlabelled paragraph of six words or more ending like a sentence."""
    return state.free(i) and state.words[i] >= _SENTENCE_WORDS and \
        bool(TERMINAL.search(state.p[i]))


def _role_line(text: str, words: int) -> bool:
    return words <= 6 and bool(_ROLE.search(text)) and not TERMINAL.search(text)


def _role_at(state: Labelled, i: int) -> bool:
    return 0 <= i < len(state.p) and state.free(i) and _role_line(state.p[i], state.words[i])


def _next_to(state: Labelled, i: int, kinds: frozenset[str]) -> bool:
    return any(0 <= j < len(state.p) and state.labels[j] in kinds for j in (i - 1, i + 1))


def _label(state: Labelled, i: int, kind: str, why: str) -> None:
    state.labels[i] = kind
    state.reasons[i] = f"structure {kind}: {why}"


def is_name(text: str) -> bool:
    tokens = text.split()
    return (2 <= len(tokens) <= 5 and all(_NAME_TOKEN.match(t) for t in tokens)
            and not TERMINAL.search(text) and not any(c.isdigit() for c in text))


def byline_name(text: str) -> str | None:
    for pattern in _BYLINE:
        match = pattern.match(text)
        if match:
            name = match.group("name").strip(" .")
            # "By Ann Lee and Bo Chen", "By Ann Lee in Oslo and Bo Chen in Riga": each a
            # name once its place is dropped.
            name = _PLACE.sub("", name)
            names = _AUTHORS.split(name)
            if all(is_name(n) or (2 <= len(n.split()) <= 4 and n[:1].isupper()) for n in names):
                return name
    return None


def parse_date(text: str) -> datetime | None:
    """The moment a date line gives, in UTC (a time without a zone is taken as UTC).

    Common zone abbreviations of English pages ("4:47 p.m. EDT", "06.00 BST") count with
    their offset; one dateutil does not know ("ET", which is EST or EDT) is read as UTC
    without the warning dateutil would print for every such line.
    """
    from dateutil import parser

    if not re.search(r"\d{1,2}\D+\d{4}|\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", parser.UnknownTimezoneWarning)
            when = parser.parse(text.split("|")[0], fuzzy=True, tzinfos=_ZONES)
    except (ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        utc: datetime = when.astimezone(UTC)
    except ValueError:
        # The fuzzy parse read a date's "-25" as a UTC offset of -25 hours ("2025-09-24 ·
        # Updated: 2025-09-25, 09:10"): no moment the line can be trusted for.
        return None
    return utc
