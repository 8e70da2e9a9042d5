"""Shape signals for Russian and Chinese plain text: page furniture with its markup gone.

A scraped page of a Russian or Chinese news site prints its menus, counters, share rows and
"more news" lists as bare lines. Wording rules (config/boilerplate.yaml) name the common
ones; these passes catch the rest by shape, and only on plain text (HTML input has markup
and link density for that) whose letters are mostly Cyrillic or Han, so English pages are
untouched:

* a line with no letters at all (view and comment counters, a bare time), and a date stamp
  with its source, view count and font-size links;
* a menu: three or more short items on one line, every Russian item capitalised (Russian
  prose does not capitalise every word), every Chinese item a few characters;
* the head run: short lines without sentence punctuation between the headline and the
  first paragraph of prose;
* the tail run: short lines without sentence punctuation after the last paragraph of prose.

Body text keeps its sentence punctuation, so a line that ends a sentence is never taken
by shape; it is left to the wording rules.

One shape here reads any language and HTML input too (``label_date_shapes``): a short
line with a year and a clock time, or a numeric date, and no sentence.
"""

from __future__ import annotations

import re
from typing import Protocol

from pipeline.dates import is_date_line
from pipeline.languages import SCRIPT_STOPS

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Closing quotes and brackets after a sentence's last mark ("…», «…».", "。”", "！）").
_CLOSERS = "\"'”’»)]）」』】›“‘«‹"
# A colon ends a line that introduces a quote or a list ("Он заявил:"), which is text too.
_SENTENCE_END = tuple(".!?…。！？；;:：" + SCRIPT_STOPS)
# Chinese wire stories close with "（完）" after the last sentence.
# The story's end mark: Chinese "(完)", a magazine's closing square or bullet ("... waiting.
# ■"; tuning set 310).
_END_MARK = re.compile(r"\s*(?:[(（]完[)）]|[■□◼◾▪∎♦◆●])$")
_SEPARATORS = re.compile(r"\s*[|·•/›»>]\s*|\s+")
_WIDE_SEPARATORS = re.compile(r"\s*[|·•/›»>]\s*|\s{2,}|\t")
# A menu item: one capitalised word (Cyrillic or Latin) or a few Han characters.
_RU_ITEM = re.compile(r"^[A-ZА-ЯЁ0-9][\w'’.+-]{0,24}$")
_ZH_ITEM = re.compile(r"^[\u3400-\u9fff\w]{1,6}$")
_DECIMAL = re.compile(r"\d[.,]\d")
# A list item: a dash, bullet or number opening the line.
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•·*]|\d{1,2}[.)]|[一二三四五六七八九十]+[、.])\s*\S")
# Prose: a paragraph this long is the article's (words as pipeline.languages counts them).
_PROSE_WORDS = 20
# Head and tail lines taken by shape are at most this long.
_HEAD_WORDS = 8
_TAIL_WORDS = 16
# In other scripts a closing sentence this long is the article's (a short last paragraph
# under its heading: "Höhere Kosten" over twenty words).
_LATIN_PROSE_WORDS = 8
_UNMARKED_PROSE_WORDS = 30
# More unpunctuated lines than this after the last paragraph are a list the article ends
# on (a tuning page's award nominees: 100 lines), not its frame; no blind article's tail
# had more.
_LATIN_TAIL_LINES = 10


class Labelled(Protocol):
    """The text cleaner's paragraphs and label slots, as its passes here and in
    ``model_pass`` see them."""

    p: list[str]
    words: list[int]
    f: list[str]
    labels: list[str | None]
    reasons: list[str | None]
    title: str | None
    title_at: int | None
    description: str | None
    author: str | None
    author_signal: str | None

    def free(self, i: int) -> bool: ...

    def first_body(self) -> int: ...

    @property
    def language(self) -> str | None: ...


# Any language: a year with a clock time, or a numeric date, on a short line that is no
# sentence ("Cyhoeddwyd: 18 Mehefin 2025, 7:00yb", "ວັນທີ: 18/05/2024 | ເວລາ: 08:30").
# Digits of any script ("۲۰۲۶"): the year's value is checked in code.
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_CLOCK = re.compile(r"(?<![\d:.])\d{1,2}\s?[:：]\s?\d\d(?![\d:])")
# Czech, Slovak and German print a space after each dot ("9. 2. 2025").
_NUMERIC_DATE = re.compile(r"(?<![\d.])\d{1,2}(?:[/-]|\.\s?)\d{1,2}(?:[/-]|\.\s?)(\d{4})(?!\d)")
_STAMP_WORDS = 10
_LETTERED = re.compile(r"\w*[^\W\d_]\w*")
_PROSE_END = re.compile(r"[^\W\d_]{3}[.!?。]\W*$")


def label_date_shapes(state: Labelled) -> None:
    """Label the free short lines shaped as a date stamp in any language (after the dated
    passes, which read the languages they know and take the page's date from them)."""
    for i, text in enumerate(state.p):
        # The dates' and times' digits are no words here: a stamp with its update time
        # ("21.10.2025, 14:30 Uhr · aktualisiert 22.10.2025, 09:05 Uhr") counts three. Not
        # in Chinese, whose long stamp rows the script's own shapes take as a dateline.
        if not state.free(i) or state.words[i] > 2 * _STAMP_WORDS or text[:1] in "-*|•" or \
                _PROSE_END.search(text) or len(_LETTERED.findall(text)) > _STAMP_WORDS or \
                (state.words[i] > _STAMP_WORDS and _HAN.search(text)):
            continue
        if (_CLOCK.search(text) and any(_year(m) for m in _FOUR_DIGITS.findall(text))) or \
                any(_year(m) for m in _NUMERIC_DATE.findall(text)):
            state.labels[i] = "date_stamp"
            state.reasons[i] = ("shape date_stamp: a short line with a year and a clock "
                                "time, or a numeric date, and no sentence")


def _year(digits: str) -> bool:
    # 25xx: the Thai era (2568 is 2025).
    return 1800 <= int(digits) < 2100 or 2500 <= int(digits) < 2600


def page_script(paras: list[str]) -> str | None:
    """'ru' or 'zh' when Cyrillic or Han letters make up most of the page, else None."""
    text = "".join(paras)
    cyr, han, lat = (len(p.findall(text)) for p in (_CYRILLIC, _HAN, _LATIN))
    letters = cyr + han + lat
    if not letters:
        return None
    if han / letters >= 0.3:
        return "zh"
    return "ru" if cyr / letters >= 0.5 else None


def ends_sentence(text: str) -> bool:
    """True when the line ends with sentence punctuation (closing quotes aside)."""
    text = _END_MARK.sub("", text.rstrip())
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def is_counter(text: str) -> bool:
    """A short line with no letters: counters, a bare time, a row of icons and numbers
    (not a table row: none opens with a bar or holds a decimal figure)."""
    return (len(text) <= 40 and not any(c.isalpha() for c in text)
            and not text.startswith("|") and _DECIMAL.search(text) is None)


def is_menu(text: str, script: str) -> bool:
    """Three or more short items on one line with no sentence punctuation (nor digits: a
    row of figures is a table's)."""
    if (ends_sentence(text) or len(text) > 120 or "," in text or "，" in text
            or any(c.isdigit() for c in text)):
        return False
    item = _ZH_ITEM if script == "zh" else _RU_ITEM
    # Items set apart by bars, dots or wide gaps may be phrases ("В мире | Наука и техника").
    parts = [t for t in _WIDE_SEPARATORS.split(text.strip()) if t]
    if 3 <= len(parts) <= 12 and all(len(t.split()) <= 3 and item.match(t.split()[0])
                                     for t in parts):
        return True
    items = [t for t in _SEPARATORS.split(text) if t]
    return 3 <= len(items) <= 12 and all(item.match(t) for t in items)


_WHY = {
    "counter": "a short line without letters (counters, a bare time)",
    "date": "a date stamp with its source and counters",
    "menu": "three or more short items on one line (a menu or share row)",
    "head": "a short line without sentence punctuation above the first paragraph",
    "tail": "a short line without sentence punctuation after the last paragraph",
    "link": "a headline-like line right under a \"see also\" label",
}
# Labels that announce a list of links: the headline-like lines under them are the links.
_LINK_LABELS = ("inline_related_link", "related_posts")
# Labels a box's items may already carry when the links pass comes to them.
_ITEM_LABELS = (*_LINK_LABELS, "classified_boilerplate", "learned_boilerplate")
# A label with a story after its colon ("More on this topic: Banks tighten checks",
# "Читайте также: ..."): the link is that line, so the line under it (a section heading
# of the article, often) is not.
# A bar, a pointing hand, an arrow or a closing lenticular bracket after the label does the
# colon's work ("延伸阅读 | ...", "ЧИТАЙТЕ ТАКЖЕ 👉 ...", "→ ...", "【相关】...").
LINK_AFTER_LABEL = re.compile(r"^[^:：|｜👉→➜►】]{0,40}[:：|｜👉→➜►】]\s*\S.{10,}")


def _label(state: Labelled, i: int, kind: str, why: str) -> None:
    state.labels[i] = kind
    state.reasons[i] = f"shape {kind}: {_WHY[why]}"


def label_shapes(state: Labelled, script: str | None) -> None:
    """Label counters, menus and the head and tail runs of a Russian or Chinese page, and
    the head and tail runs of other plain text."""
    if script is None:
        _label_runs(state, latin=True)
        return
    _restore_sentence_title(state)
    for i, text in enumerate(state.p):
        if not state.free(i):
            continue
        if is_counter(text):
            _label(state, i, "counter", "counter")
        elif is_date_line(text):
            # A stamp with its source, views and font links, too long for the dateline pass.
            _label(state, i, "dateline", "date")
        elif is_menu(text, script):
            _label(state, i, "site_chrome", "menu")
    _label_links(state)
    _label_runs(state, latin=False)


# Furniture printed between a story's paragraphs (a caption, an ad slot, a read-also
# link): it does not part two of them, nor is it the frame below the story. Read here and
# by ``pipeline/clean/tail.py``.
STORY_FURNITURE = frozenset(("image_credit", "image_caption", "ad_label", "inline_related_link"))
# With a pull-quote, which repeats the story.
_INSIDE_STORY = STORY_FURNITURE | {"lead_duplicate"}


def _last_short_prose(state: Labelled, last: int) -> int:
    """Where the story ends when its paragraphs are shorter than ``_PROSE_WORDS``: a wire
    story in Erzya or Kalmyk (Cyrillic, read like Russian) writes paragraphs of 12-19
    words, and would end at its last long one, its subheadings below in the tail. From
    ``last``, the story goes on through sentences of its usual length (0.6 of the median
    of its sentences above ``_LATIN_PROSE_WORDS`` words, never below that) while no more
    than two other lines stand between them (furniture that sits inside a story aside):
    three in a row are the page's frame."""
    ended = sorted(state.words[i] for i in range(len(state.p))
                   if state.free(i) and state.words[i] > _LATIN_PROSE_WORDS
                   and ends_sentence(state.p[i]))
    if not ended:
        return last
    least = max(_LATIN_PROSE_WORDS, int(0.6 * ended[len(ended) // 2]))
    gap = 0
    for i in range(last + 1, len(state.p)):
        if state.free(i) and state.words[i] > least and ends_sentence(state.p[i]):
            last, gap = i, 0
        elif state.labels[i] not in _INSIDE_STORY:
            gap += 1
            if gap > 2:
                break
    return last


def _label_runs(state: Labelled, *, latin: bool) -> None:
    """Short lines without sentence punctuation between the headline and the first
    paragraph of prose, and after the last one: the page's frame (bylines, menus, tags,
    related headlines, footers). In other scripts than Russian and Chinese only the tail
    (session 13, whole blind articles in German, English, French ...: 36 more furniture
    blocks of 12,320, two more body lines lost, both a price table's), and there a line
    that opens with a bracket or a dash (a currency note, a sign-off), a salutation ("Dear
    reader,"), a list's opening line, a line of figures or one without letters stays, and
    a run of more than ten such lines is the article's list; above the first paragraph
    ``header.py`` waits for a date or byline (a list of facts under a headline is the
    article's). On the held-back real pages as text it is nearly even (tuning part: five
    more furniture paragraphs, six more body ones lost; validation: three and five)."""
    least = _LATIN_PROSE_WORDS if latin else _PROSE_WORDS
    # A paragraph this long is prose whatever its end: Thai marks no sentence's end.
    prose = [i for i in range(len(state.p))
             if state.free(i) and ((state.words[i] > least and ends_sentence(state.p[i]))
                                   or state.words[i] > _UNMARKED_PROSE_WORDS)]
    if not prose:
        return
    last = prose[-1]
    if not latin:
        last = _last_short_prose(state, last)
    listed = _text_lists(state)
    if not latin:
        start = (state.title_at if state.title_at is not None else -1) + 1
        for i in range(start, prose[0]):
            if (state.free(i) and state.words[i] <= _HEAD_WORDS
                    and not ends_sentence(state.p[i]) and not listed[i]
                    and not _NUMBERED_HEADING.match(state.p[i])):
                _label(state, i, "site_chrome", "head")
    tail = []
    for i in range(last + 1, len(state.p)):
        if latin and state.free(i) and state.p[i].rstrip().endswith((":", "：")):
            break  # the article's own list follows (its items are short and unpunctuated)
        if (state.free(i) and state.words[i] <= _TAIL_WORDS and not ends_sentence(state.p[i])
                and not listed[i] and not (_kept_in_latin(state.p[i]) if latin
                                           else state.p[i].lstrip().startswith(("(", "（")))):
            tail.append(i)
    if latin and len(tail) > _LATIN_TAIL_LINES:
        return  # a list closing the article (nominees, results), not a page's furniture
    for i in tail:
        _label(state, i, "page_tail", "tail")


# A section heading numbered the Chinese way ("一、", "（二）"): the article's own outline;
# no menu or byline is numbered so (every such line of the tuning material is body).
CJK_NUMBERED = r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]"
_NUMBERED_HEADING = re.compile(rf"\s*(?:{CJK_NUMBERED})")


# A sentence closed inside quotes or brackets ("... gespielt.«").
_QUOTED_END = re.compile(r"[.!?…]\s?[”“\"’‘'»«›‹)\]]+$")


def _kept_in_latin(text: str) -> bool:
    t = text.strip()
    return (t.startswith(("(", "—", "–", "…", "_", "*", "-")) or t.endswith(",")
            or _QUOTED_END.search(t) is not None
            or sum(any(c.isdigit() for c in w) for w in t.split()) >= 2
            or not any(c.isalpha() for c in t))


def _text_lists(state: Labelled) -> list[bool]:
    """Lines of a list the text introduced with a colon ("Стороны договорились о:" and its
    dashed items): text, however short and unpunctuated its items are."""
    listed = [False] * len(state.p)
    for i in range(1, len(state.p)):
        opened = state.free(i - 1) and state.p[i - 1].rstrip().endswith((":", "："))
        listed[i] = opened or (listed[i - 1] and _LIST_ITEM.match(state.p[i]) is not None)
    return listed


def _label_links(state: Labelled) -> None:
    """Up to three short unpunctuated lines under a "see also" or "related" label."""
    made: set[int] = set()  # the items this pass took are no labels of their own
    for i, label in enumerate(state.labels):
        if label not in _LINK_LABELS or LINK_AFTER_LABEL.match(state.p[i]) or i in made:
            continue
        for j in range(i + 1, min(i + 4, len(state.p))):
            # The box's items are printed together: past other furniture under its first
            # line (an ad label) a short line is the story's heading again (tuning set 287).
            if not state.free(j):
                if j > i + 1 and state.labels[j] not in _ITEM_LABELS:
                    break
                continue
            if state.words[j] > 16 or ends_sentence(state.p[j]):
                break
            _label(state, j, str(label), "link")
            made.add(j)


def _restore_sentence_title(state: Labelled) -> None:
    """A first line ending in a full-width full stop is a sentence, not a Chinese headline.

    The title finder only refuses an ASCII full stop; its choice stays as the rules saw it
    (the classifier was trained on that), and the line goes back to the body here.
    """
    at = state.title_at
    if at is not None and state.labels[at] == "title" and state.p[at].rstrip().endswith("。"):
        state.labels[at] = None


# A timeline's entry reads as a sentence of some length under its date.
_ENTRY_WORDS = 6


def keep_timeline_dates(state: Labelled) -> None:
    """Give back the dates standing alone that head a timeline's entries in the story: two
    or more, each between two paragraphs every pass kept, the one under it a sentence.
    Run last: a date over a reader's comment or a teaser stays taken, since its comment or
    teaser went (blind pages, tuning sets 121 and 125: "24 января", "May 2024" over each
    step of a story's chronology were stamps standing alone)."""
    # A date a rule took as a stamp ("31. Juli 2014" as a German agency's dateline) heads
    # an entry alike (blind pages, tuning set127).
    heads = [i for i, label in enumerate(state.labels)
             if (label == "date_stub" or (label == "dateline_meta" and state.words[i] <= 4
                                          and any(c.isdecimal() for c in state.p[i])))
             and state.free(i - 1) and state.free(i + 1)
             and state.words[i + 1] >= _ENTRY_WORDS and ends_sentence(state.p[i + 1])]
    if len(heads) < 2:
        return
    for i in heads:
        state.labels[i] = state.reasons[i] = None


# A Chinese document's closing: its issuer (an office, a customs house, a university)
# and the date in full under it.
_CJK_FULL_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_ISSUER = re.compile(r"[\u4e00-\u9fff](局|署|海关|海關|委员会|委員會|办公室|辦公室|政府|部|厅"
                     r"|廳|处|處|中心|公司|大学|大學|学院|學院|站|馆|館|会|會|院|所|办|辦|社)$")


def keep_closing_date(state: Labelled) -> None:
    """Give back the date that closes a notice under its issuer's name ("满洲里海关" over
    "2025年5月20日"): the text's last free lines, the issuer's a short line naming an
    office, the date in full. The notice's own signature, not a page's stamp (blind
    pages, tuning set153: a customs notice's and a port's closing dates)."""
    free = [i for i in range(len(state.p)) if state.free(i) or state.labels[i] == "date_stub"]
    if len(free) < 2:
        return
    issuer, date = free[-2], free[-1]
    if state.labels[date] == "date_stub" and state.free(issuer) and date == issuer + 1 \
            and _CJK_FULL_DATE.fullmatch(state.p[date].strip()) \
            and state.words[issuer] <= 12 and _ISSUER.search(state.p[issuer].strip()):
        state.labels[date] = state.reasons[date] = None
