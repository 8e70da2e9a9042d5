"""Rows of a page flattened into one line: items set apart by a bar, a middle dot or a
dash ("About us | Contact | Privacy", "Gas deal stalls · Rouble slides · Port reopens"),
or numbered in a run ("1. Floods close the bypass 2. Derby ends level 3. Bread dearer");
and a counter: a word and a number alone on a line ("Comments 12").

A scraper that saves a page as text puts a footer's links, a ticker or a box of most-read
headlines on one line. Whatever the language, a story's paragraph is not built so: three
or more parts, each a few words long, none ending a sentence, each opening with a capital
where the script has capitals (a clause after a dash inside a sentence opens in lower
case: "The deal — signed in May — covers ..."). The line right above such a row, when it
is short and no sentence, is the box's heading ("Most read", in any wording).

Plain text only (HTML keeps a box's items apart, and its links tell them), after the page
model like the tail pass (``pipeline/clean/tail.py``), which such a row then starts.
"""

from __future__ import annotations

import re

from pipeline.clean.furniture import Labelled
from pipeline.clean.header import TERMINAL
from pipeline.clean.model_pass import cue_kind
from pipeline.clean.tail import run_lines, story_end
from pipeline.languages import CJK

_BARS = re.compile(r"\s+[|·•]\s+")
_DASHES = re.compile(r"\s+[—–]\s+")
# "1. ...", "2) ...": numbers in a run, each before a part.
_NUMBER = re.compile(r"(?:^|\s)([1-9])[.)]\s+")
_PARTS = 3
# A part is a link's text: a word or two of a menu, a headline of up to this many words.
_PART_WORDS = 16
# Inside a part: a sentence's end followed by more text, or a clause's comma at its end.
_INNER_STOP = re.compile(r"[.!?。！？]\s")
_CLAUSE_END = re.compile(r"[.!;:,]$")
# A heading over the row: this short.
_HEADING_WORDS = 6
# A word and a count, either way round ("Comments 12", "12 replies", "Reacties (3)"): a
# counter of the page's, in any language. Not a year ("2024 Olympics").
_COUNTER = re.compile(r"^(?:[^\W\d_][\w'’ʻ]*\s+\(?\d{1,3}\)?|\(?\d{1,3}\)?\s+[^\W\d_][\w'’ʻ]*)$")


def label_rows(state: Labelled) -> None:
    """Label the rows of short parts and the heading right above each."""
    rows = [_row(text) for text in state.p]
    for i, text in enumerate(state.p):
        if not state.free(i) or not rows[i]:
            continue
        # Rows of as many parts above or below: a table's.
        if any(0 <= j < len(rows) and rows[j] == rows[i] for j in (i - 1, i + 1)):
            continue
        kind = cue_kind(text, "site_chrome")
        state.labels[i] = kind
        state.reasons[i] = (f"structure {kind}: a row of three or more short parts set apart "
                            "by bars, dots, dashes or numbers (links flattened into a line)")
        above = i - 1
        if above >= 0 and state.free(above) and state.words[above] <= _HEADING_WORDS \
                and TERMINAL.search(state.p[above]) is None and not rows[above]:
            state.labels[above] = "related_posts"
            state.reasons[above] = ("structure related_posts: a short line that is no "
                                    "sentence right above a row of links (the box's heading)")


def _row(text: str) -> int:
    """The number of parts when ``text`` is a row, else 0."""
    if CJK.search(text):
        return _cjk_row(text)
    numbered = [m.group(1) for m in _NUMBER.finditer(text)][:_PARTS] == ["1", "2", "3"] \
        and _NUMBER.match(text) is not None
    if numbered:
        parts = [p.strip(" |·•—–") for p in _NUMBER.split(text)[2::2]]
    else:
        parts = _BARS.split(text)
        if len(parts) < _PARTS:
            parts = _DASHES.split(text)
    parts = [p for p in (p.strip() for p in parts) if p]
    if len(parts) < _PARTS or any(not 2 <= len(p.split()) <= _PART_WORDS
                                  or _INNER_STOP.search(p) for p in parts):
        return 0
    if any(_CLAUSE_END.search(p) for p in parts[:-1]):
        return 0
    cased = [p for p in parts if p[:1].upper() != p[:1].lower()]
    if any(not p[:1].isupper() for p in cased):
        return 0
    # Dashes part clauses of a sentence too: only where every part shows its capital.
    ok = numbered or _BARS.search(text) is not None or len(cased) == len(parts)
    return len(parts) if ok else 0


# Chinese and Japanese rows: items parted by a bar with no spaces round it ("｜"), or
# numbered 1, 2, 3 after a box's label ("热榜：1 ... 2 ... 3 ...", "1位 ... 2位 ..."); an
# item is a headline's length in characters and holds no sentence's end.
_CJK_BARS = re.compile(r"\s*[｜|]\s*")
_CJK_NUMBER = re.compile(r"(?:^|(?<=[\s：:]))([1-9])(?:位|\s)\s*")
_CJK_PART_CHARS = (4, 40)
_CJK_STOP = re.compile(r"[。！？!?]")


def _cjk_row(text: str) -> int:
    numbers = _CJK_NUMBER.findall(text)
    if numbers[:_PARTS] == ["1", "2", "3"]:
        parts = _CJK_NUMBER.split(text)[2::2]
    else:
        parts = _CJK_BARS.split(text)
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) < _PARTS or any(not _CJK_PART_CHARS[0] <= len(p) <= _CJK_PART_CHARS[1]
                                  or _CJK_STOP.search(p) for p in parts):
        return 0
    return len(parts)


# The site's name: a line of the page's head that a pass took as the site's, a word or a
# few, each with a capital ("Harbour Courier", "NORDPOST24"). A lone word needs the look of
# a name a menu item lacks: all capitals or a digit in it.
_NAME_WORDS = 4
# What a pass calls such a line (the classifier's guess included: a name is no sentence).
_SITE_LABELS = frozenset(("site_chrome", "classified_boilerplate"))
_NAME_LETTERS = 5
# A sentence below the story that names the site: this long at most (a policy, a pitch,
# a copyright note), in the page's last part.
_SITE_LINE_WORDS = 60
_PAGE_END = 0.6


def label_below_story(state: Labelled) -> None:
    """Below the story's last sentence (pipeline/clean/tail.py), once a furniture line has
    followed it, in the page's last part: counters ("Comments 12", in any language) and
    the sentences that name the site (its name printed as a line of the page's head and
    nowhere in the story: its pitch, its comment policy, its copyright note). Above that
    a word and a number can be the story's ("Step 1", "Table 2"), and a credit or a last
    sentence right below it may name the site ("... — with a report from the Courier")."""
    end = story_end(state)
    if end is None:
        return
    first = state.first_body()
    heads = {_squash(state.p[j]) for j in range(first)
             if state.labels[j] in _SITE_LABELS and _site_name(state.p[j])}
    named = _named(heads)
    if named is not None:
        # A name the story itself prints is its subject or source ("... told the Courier").
        story = " ".join(_squash(state.p[j]) for j in range(first, end + 1) if state.free(j))
        named = _named({n for n in heads if not re.search(_whole(n), story)})
    for i in run_lines(state, end):
        if i < len(state.p) * _PAGE_END:
            continue
        if _COUNTER.match(state.p[i]):
            state.labels[i] = kind = cue_kind(state.p[i], "comment_form")
            state.reasons[i] = f"structure {kind}: a word and a count below the story"
        elif named is not None and state.words[i] <= _SITE_LINE_WORDS \
                and named.search(_squash(state.p[i])):
            state.labels[i] = kind = cue_kind(state.p[i], "site_chrome")
            state.reasons[i] = (f"structure {kind}: a line below the story that names the "
                                "site, whose name heads the page and is not in the story")


def _named(names: set[str]) -> re.Pattern[str] | None:
    """One search for any of the site's names as whole words, or None without a name."""
    if not names:
        return None
    return re.compile("|".join(_whole(n) for n in sorted(names)))


def _whole(name: str) -> str:
    return rf"(?<!\w){re.escape(name)}(?!\w)"


def _site_name(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= _NAME_WORDS or not all(w[:1].isupper() for w in words):
        return False
    if len(words) > 1:
        return True
    word = words[0]
    return len(word) >= _NAME_LETTERS and (word.isupper() or any(c.isdigit() for c in word))


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()
