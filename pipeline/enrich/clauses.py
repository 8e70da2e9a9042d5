"""Sentences, clauses and the cues around a name: the rules behind the relation score.

``pipeline.enrich.theme`` finds where each side is named; this module says, for one
sentence, which of those names are no party to a relation (a place in a list, a byline,
a side named as absent, a background clause) and whether a relation word ties the rest.
Rules are generic patterns over any language the lexicon covers: English and Russian
words (Russian by stems, as ``кита*``), Chinese by substrings (no spaces to split on).
Everything here runs only on sentences that name a side, so a long article with few
mentions costs little.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A sentence ends at . ! ? … before a capital, digit or quote (not before a lower-case
# word: "U.S. officials"), at Chinese 。！？； with or without a space, and at a blank line.
_SENTENCE = re.compile(
    r"\n\s*\n|([.!?…][\"”’»)]*)\s+(?=[^\sa-zа-яё])|([。！？；][”’」』）)]*)\s*")
# Clause boundaries: punctuation that separates clauses in the three scripts. Commas of a
# list split its items too; lists are found apart (``list_spans``).
_CLAUSE = re.compile(r"[,;:()\[\]—–]|\s--?\s|[，；：（）]")
_ITEM = r"[A-ZА-ЯЁ][\w'’.-]*(?:\s(?:of\s)?[A-ZА-ЯЁ][\w'’.-]*){0,2}"
_LIST = re.compile(rf"{_ITEM}(?:,\s{_ITEM})+(?:,?\s(?:and|or|и|или)\s{_ITEM})?")
_LIST_AND = re.compile(r"\s(?:and|or|и|или)\s")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# "From Moscow's parks to Beijing's hutongs and ..." opens a list of places or things, as
# do "От ... до ... и ..." and "从……到……再到……"; the list runs to the first clause break.
_ENUMERATION = re.compile(
    r"^(?:(?i:from)\s[^,;]+?\sto\s[^,;]+?\s(?:and|to)\s[^,;]*"
    r"|(?i:от)\s[^,;]+?\sдо\s[^,;]+?\sи\s[^,;]*"
    r"|从.+?[到至].+?再到[^，；。]*)")
# Between two names of one clause: each has a predicate of its own ("China restricted
# exports and Russian producers faced ...", "... while Russian bonds fell").
# Two patterns searched apart, not as one alternation: the search tried the anchored one
# at every position of the text between the names (1 ms a bigsite article; 0.5 apart).
# The anchored one needs a spaced "and" / "и", looked for first; the answer is the same.
_OWN_LIST = re.compile(r"(?i)^\S*(?:\s+\S+){2,}\s+(?:and|и)\s+(?:the\s+|its\s+)?\S*$")
_SPACED_AND = re.compile(r"(?i)\s(?:and|и)\s")
_OWN_CONTRAST = re.compile(r"(?i)\s(?:while|whereas|but|though|although|а|но|тогда как)\s"
                           r"|而|但")
_RELATIVE = re.compile(r"^\s*(?:which|who|that|котор\w*|где)\b", re.I)
# Words of look-around windows, in the languages with spaces; Chinese uses characters.
_BEFORE_WORDS = 3
_AFTER_WORDS = 8
_CJK_WINDOW = 10
_PREFIX = 3  # letters a stem is filed under (Terms.by_prefix)
_NEAR_ONLY = frozenset({"no", "not", "nor", "neither"})


@dataclass(frozen=True)
class Terms:
    """A word list matched cheaply: whole words, stems (``word*``), phrases and Chinese
    substrings, with no regex scanning every position."""

    words: frozenset[str]
    stems: tuple[str, ...]
    phrases: tuple[str, ...]
    chinese: tuple[str, ...] = ()  # tried only on text with Chinese characters
    # Stems by their first letters: a word is compared only with the stems it could start.
    by_prefix: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, terms: Iterable[str]) -> Terms:
        """Compile a YAML list."""
        words: set[str] = set()
        stems: list[str] = []
        phrases: list[str] = []
        chinese: list[str] = []
        for raw in terms:
            term = str(raw).lower()
            if CJK.search(term):
                chinese.append(term)
            elif " " in term or not term[:1].isalpha():
                phrases.append(term)
            elif term.endswith("*"):
                stems.append(term[:-1])
            else:
                words.add(term)
        by_prefix: dict[str, tuple[str, ...]] = {}
        for stem in stems:
            by_prefix[stem[:_PREFIX]] = (*by_prefix.get(stem[:_PREFIX], ()), stem)
        short = [s for s in stems if len(s) < _PREFIX]
        if short:
            raise ValueError(f"stems shorter than {_PREFIX} letters: {short}")
        return cls(frozenset(words), tuple(stems), tuple(phrases), tuple(chinese), by_prefix)

    def find(self, text: str, words: list[str] | None = None, chinese: bool = True,
             ) -> str | None:
        """The first term in ``text`` (lower-cased), or None; ``words``: its words;
        ``chinese`` False: the text has no Chinese characters (skips those terms)."""
        words = words if words is not None else _WORD.findall(text)
        if not self.words.isdisjoint(words) or (
                self.by_prefix and not self.by_prefix.keys().isdisjoint(
                    [w[:_PREFIX] for w in words])):
            for word in words:
                if word in self.words or word.startswith(self.by_prefix.get(word[:_PREFIX], ())):
                    return word
        for phrase in self.phrases:
            if phrase in text and _bounded(text, phrase):
                return phrase
        if chinese:
            for phrase in self.chinese:
                if phrase in text:
                    return phrase
        return None


def words(text: str) -> list[str]:
    """The words of ``text``, as ``Terms.find`` takes them."""
    return _WORD.findall(text)


def _bounded(text: str, phrase: str) -> bool:
    """``phrase`` occurs in ``text`` starting at a word boundary."""
    if not phrase[:1].isalnum():
        return True
    at = text.find(phrase)
    while at >= 0:
        if at == 0 or not text[at - 1].isalnum():
            return True
        at = text.find(phrase, at + 1)
    return False


@dataclass(frozen=True)
class Rules:
    """The cue lists of ``theme.yaml``, compiled."""

    any_rule: Terms  # absent_before, absent_after and background together: one look
    cues: Terms
    absent_before: Terms
    absent_after: Terms
    background: Terms
    past: Terms
    credits: re.Pattern[str]  # every credit pattern, as one alternation
    off_topic: Terms


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``."""
    at = 0
    for gap in _SENTENCE.finditer(text):
        end = gap.end(1) if gap.start(1) >= 0 else gap.end(2) if gap.start(2) >= 0 else gap.start()
        if end > at:
            yield at, end
        at = gap.end()
    if at < len(text):
        yield at, len(text)


def clause_starts(sentence: str) -> list[int]:
    """Offsets in ``sentence`` where each clause begins (the first is 0)."""
    return [0] + [m.end() for m in _CLAUSE.finditer(sentence)]


def clause_of(starts: list[int], at: int) -> int:
    """Index of the clause holding offset ``at``."""
    return bisect_right(starts, at) - 1


def credit_end(sentence: str, rules: Rules) -> int:
    """How much of the sentence's start is a byline, dateline or agency credit (0: none)."""
    found = rules.credits.match(sentence)
    return found.end() if found else 0


def list_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence that enumerate three or more names (places, countries)."""
    spans = [m.span() for m in _ENUMERATION.finditer(sentence)]
    if sentence.count(",") < 1:
        return spans
    for m in _LIST.finditer(sentence):
        items = m.group().count(",") + (1 if _LIST_AND.search(m.group()) else 0) + 1
        if items >= 3:
            spans.append(m.span())
    return spans


def in_cjk_list(sentence: str, start: int, end: int) -> bool:
    """A Chinese name set off by the enumeration comma 、 is an item of a list."""
    return sentence[start - 1:start] == "、" or sentence[end:end + 1] == "、"


def absent(sentence: str, start: int, end: int, rules: Rules) -> str | None:
    """The cue naming the side at ``start:end`` as missing ("without China", "Russia was
    not invited", "俄罗斯未获邀请"), or None."""
    if CJK.match(sentence[start:end]):
        ahead = re.split(r"[。；;]", sentence[end:end + _CJK_WINDOW], maxsplit=1)[0]
        return (rules.absent_before.find(sentence[max(0, start - 4):start])
                or rules.absent_after.find(ahead))
    before = _WORD.findall(sentence[max(0, start - 60):start].lower())[-(_BEFORE_WORDS + 1):]
    found = rules.absent_before.find(" ".join(before), before)
    # A bare "no" or "nor" negates only the word it stands before ("no Russian
    # delegation"); "there is no doubt that Russia ..." names Russia as a party.
    if found and (found not in _NEAR_ONLY or found in before[-2:]):
        return found
    tail = re.split(r"[;.!?]", sentence[end:end + 120], maxsplit=1)[0].lower()
    after = _WORD.findall(tail)[:_AFTER_WORDS]
    return rules.absent_after.find(" ".join(after), after)


def background_at(sentence: str, start: int, end: int, rules: Rules) -> str | None:
    """A background cue just before the name ("left Russia", "born in Moscow", "worked
    for a Russian ...") with a past marker in the sentence, or the name is "X-born"."""
    if sentence[end:end + 5].lower() == "-born":
        return "-born"
    if CJK.match(sentence[start:end]):
        before = sentence[max(0, start - 6):start]
        verb = rules.background.find(before)
    else:
        words = _WORD.findall(sentence[max(0, start - 60):start].lower())[-(_BEFORE_WORDS + 1):]
        verb = rules.background.find(" ".join(words), words)
    if verb and (verb in ("born", "出生") or has_past(sentence, rules)):
        return verb
    return None


def background_clause(clause: str, rules: Rules) -> str | None:
    """The cue that makes a whole clause background: an exit verb and a past marker."""
    lowered = clause.lower()
    verb = rules.background.find(lowered)
    return verb if verb and has_past(lowered, rules) else None


def has_past(text: str, rules: Rules) -> bool:
    """A year or a past-time word in ``text``."""
    return bool(_YEAR.search(text)) or rules.past.find(text.lower()) is not None


def own_predicates(between: str) -> bool:
    """The text between two names of one clause gives each its own predicate."""
    return bool(_OWN_CONTRAST.search(between)
                or (_SPACED_AND.search(between) and _OWN_LIST.match(between)))


def is_relative(clause: str) -> bool:
    """The clause is a relative one (", which left ..."), about the name before it."""
    return bool(_RELATIVE.match(clause))
