"""Pull-quotes: a quote the article prints in full elsewhere, set apart as a display
line.

A page lifts a quote out of the story and prints it again between paragraphs, in large
type; a scraper saves it as a paragraph of its own. It is found by what it is, in any
language: a line in quote marks, a sentence or a long clause, whose words occur in order
and whole inside a longer paragraph of the same text (before or after it).

Only a quoted line is read so: an unquoted sentence found again in a longer paragraph is
as often the body's (a test page's repeated filler, a line the story sums up again later;
tuning pages), and a quote with an ellipsis at its edge is an excerpt the story cites.
An unquoted display line counts when it sits next to the paragraph that prints its words
inside quote marks (the box drops the marks the story has).
Plain text only (``text.clean_paragraphs``): a page prints its pull-quotes in containers
of their own, which pruning and trafilatura leave out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from pipeline.clean.furniture import Labelled
from pipeline.clean.header import HAN_UNSPACED
from pipeline.languages import SCRIPT_STOPS, han_share
from pipeline.text import fold

# A pull-quote has at least this many words (two Chinese characters a word) and at most
# this many: a quoted phrase of three words is a heading's or the story's. From four words
# a quoted whole sentence counts (its closing mark inside the quotes: on the tuning
# material five such lines of four or five words, all pull-quotes).
_WORDS = (4, 60)
# In quote marks (Swedish and Finnish open with ”, Danish with »), with nothing but a
# full stop after the closing one; no ellipsis at either edge (an excerpt: "... the
# rest" or "the start ...").
_QUOTED = re.compile(r"^[\"“‘«„‹「『”»’](?!\s*(?:…|\.\.\.)).*(?<!…)(?<!\.\.\.)"
                     r"[\"”’»‹›“」』«][.。]?$")
# A quoted line that does not end like a sentence (in any script's full stop) is a
# pull-quote from this many words: a section heading may quote a phrase of the story
# ("'Nobody tells us anything'").
_SENTENCE_END = re.compile(rf"[.!?。！？{SCRIPT_STOPS}][\"”’»‹›“」』]")
_CLAUSE_WORDS = 8
# Below that, a quoted line still counts when the longer paragraph prints its words as
# one sentence of a longer quote: after the paragraph's start or a sentence's end, up to a
# full stop or the quote's closing mark ("«A. B C D E», said X"), or after an opening
# quote mark up to a full stop inside it ("«B C D E. F»"); tuning sets 237-238: five such
# lines, all pull-quotes. A whole short quote inside a sentence ('They say: "B C D E".')
# is what a section heading quotes, and a four-word line can be a heading quoting a
# quote's last sentence ("'We need to listen'" over the section after it; tuning page).
_SENTENCE_WORDS = 5
_AFTER_SENTENCE = r"(?:^|[.!?。！？…]\s)\s*"
_FULL_STOP = rf"[.!?。！？{SCRIPT_STOPS}]"
_QUOTE_OPEN = r"[\"“‘«„‹「『]\s*"
_QUOTE_CLOSE = r",?[\"”’»›」』]"
_MARKS = "\"“‘«„‹「『”»’›」"
_SEPARATOR = "\x00"  # between paragraphs in the joined text; no fold holds it
# An unquoted display line is a sentence of this many words or more, ending in a full
# stop, that the longer paragraph prints after an opening quote mark (tuning set 254).
_UNQUOTED_WORDS = 8
# ... right next to it: a line far from the quote is the story's own (a subheading or a
# lead the quote later repeats; a tuning news page).
_UNQUOTED_NEAR = 2
_ENDS_SENTENCE = re.compile(rf"{_FULL_STOP}$")
# A Chinese quote runs clause after clause ("“A，B。”"): a display line may lift its last
# clauses, from a clause stop inside the quote up to its closing mark (tuning set 299).
_HAN_QUOTE_TAIL = "[“「『][^”」』]*[，；：。！？]"
# A display box may sign its quote: the quote in marks, then the speaker's name and role
# with no verb ("«A B C ...» Name Surname, coach", also after a dash), or open it with a
# dash as Nordic and Slavic pages quote ("– A B C ..."). Either counts from a clause's
# length, its quoted words found whole in a longer paragraph (tuning sets 261, 262, 266,
# 268 and two older sets: seven such boxes, the quote trimmed at its end or signed). The
# name may follow a short title ("Sen.", "Dr."; tuning set 310).
_SIGNED = re.compile(r"^[\"“‘«„‹「『](?P<quote>(?:[^\"“”‘’«»„‹›「」『』]|’(?=\w)){10,})"
                     r"[\"”’»›」』“]"
                     r"[.。]?\s+([—–-]\s*)?(?P<name>(?:(?-i:[A-Z])[a-z]{1,4}\.\s+)?"
                     r"(?-i:[A-ZА-ЯЁÀ-ÞĀ-Ž])[^.!?。！？:;]{2,80})$")
_DASHED = re.compile(r"^[–—]\s+(?P<quote>\S.*)$")
_SIGNATURE_WORDS = 8


def label_pull_quotes(state: Labelled) -> None:
    """Label free display lines that repeat a sentence of a longer free paragraph."""
    quoted = {i for i in range(len(state.p)) if _QUOTED.match(state.p[i])}
    signed = {i: q for i in range(len(state.p))
              if state.free(i) and (q := _signed_quote(state.p[i])) is not None}
    candidates = [i for i in range(len(state.p))
                  if state.free(i) and _WORDS[0] <= state.words[i] <= _WORDS[1]
                  and state.f[i] and (i in quoted or i in signed or (
                      state.words[i] >= _UNQUOTED_WORDS
                      and _ENDS_SENTENCE.search(state.p[i])))]
    if not candidates:
        return
    # Every paragraph padded with spaces, so that a match is of whole words; one joined
    # string, searched in C, rather than each candidate against each paragraph.
    joined = _SEPARATOR.join(f" {f} " for f in state.f)
    starts = []
    at = 0
    for f in state.f:
        starts.append(at)
        at += len(f) + 3
    # In page order, quoted and unquoted alike: a line labelled is no longer free for the
    # candidates after it.
    for i in candidates:
        if i in signed:
            found = _signed_found(state, i, signed[i], joined, starts)
        elif i in quoted:
            found = _quote_found(state, i, joined, starts)
        else:
            # Only the paragraphs next to it can hold its quote: no search of the page.
            found = any(_quote_beside(state, i, j)
                        for j in range(max(0, i - _UNQUOTED_NEAR),
                                       min(len(state.p), i + _UNQUOTED_NEAR + 1)))
        if found:
            state.labels[i] = "lead_duplicate"
            state.reasons[i] = ("structure lead_duplicate: a pull-quote, a sentence the "
                                "article prints in full")


def _quote_found(state: Labelled, i: int, joined: str, starts: list[int]) -> bool:
    """A longer free paragraph prints the quoted line ``i`` in full."""
    return any(j != i and state.free(j) and state.words[j] > state.words[i]
               and (state.words[i] >= _CLAUSE_WORDS or _SENTENCE_END.search(state.p[i])
                    or (state.words[i] >= _SENTENCE_WORDS
                        and _whole_sentence_of(state.p[i], state.p[j])))
               for j in _holders(state.f[i], joined, starts))


def _signed_quote(line: str) -> str | None:
    """The folded quote of a signed or dash-opened display line, when it is a clause long
    and its signature a name's few words; None for any other line."""
    m = _SIGNED.match(line)
    if m is not None and len(m["name"].split()) > _SIGNATURE_WORDS:
        return None
    m = m or _DASHED.match(line)
    if m is None or (m.re is _DASHED and _ENDS_SENTENCE.search(line)):
        return None  # a dashed line that ends a sentence is a quote of the story's own
    quote = fold(m["quote"])
    return quote if len(quote.split()) >= _CLAUSE_WORDS else None


def _signed_found(state: Labelled, i: int, quote: str, joined: str,
                  starts: list[int]) -> bool:
    """Another free paragraph, longer than the quote, prints the quote's words whole."""
    return any(j != i and state.free(j) and state.f[j] != quote
               and len(state.f[j]) > len(quote)
               for j in _holders(quote, joined, starts))


def _holders(folded: str, joined: str, starts: list[int]) -> Iterator[int]:
    """The paragraphs of the joined page text holding ``folded`` as whole words, in page
    order (one search in C over the page, not one per paragraph)."""
    needle = f" {folded} "
    pos = joined.find(needle)
    while pos != -1:
        yield bisect_right(starts, pos) - 1  # the paragraph holding offset pos
        pos = joined.find(needle, pos + 1)


def _quote_beside(state: Labelled, i: int, j: int) -> bool:
    """Paragraph ``j``, longer and free, holds the unquoted line ``i``'s words (whole) after
    a quote mark."""
    return (j != i and state.free(j) and state.words[j] > state.words[i]
            and state.f[j] != state.f[i] and f" {state.f[i]} " in f" {state.f[j]} "
            and _quoted_in(state.p[i], state.p[j]))


def _whole_sentence_of(quote: str, paragraph: str) -> bool:
    """Whether ``paragraph`` prints the quoted line's words as a sentence of a longer quote."""
    inner = quote.strip().rstrip(".。").strip(_MARKS).strip()
    if not inner:
        return False
    words = re.escape(inner)
    return (re.search(f"{_AFTER_SENTENCE}{words}(?:{_FULL_STOP}|{_QUOTE_CLOSE})", paragraph)
            is not None
            or re.search(f"{_QUOTE_OPEN}{words}{_FULL_STOP}", paragraph) is not None)


def _quoted_in(line: str, paragraph: str) -> bool:
    """Whether ``paragraph`` prints the unquoted line's words right after a quote mark, up
    to a full stop or the closing mark (the display box dropped the marks)."""
    words = re.escape(line.strip().rstrip(".。!?！？").strip())
    if words and han_share(line) >= HAN_UNSPACED and re.search(
            f"{_HAN_QUOTE_TAIL}{words}[。！？]?[”」』]", paragraph) is not None:
        return True
    return bool(words) and re.search(
        f"{_QUOTE_OPEN}{words}(?:{_FULL_STOP}|{_QUOTE_CLOSE})", paragraph) is not None


def spare_speakers(state: Labelled) -> None:
    """Give back a name line that a byline rule took right under a quote printed as a
    line of its own ("„We are small ...“" over "Anna Keller, innkeeper"): the quote's
    speaker, which a page sets under its quote box (blind pages, tuning set157). A
    pull-quote the story prints again went with its box, speaker and all; a byline under
    the headline is over no quote."""
    for i in range(1, len(state.p)):
        if state.labels[i] == "byline" and state.free(i - 1) and \
                _QUOTED.match(state.p[i - 1]) and state.words[i] <= 8:
            state.labels[i] = state.reasons[i] = None
