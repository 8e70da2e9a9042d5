"""How much an article is about Russia–China relations: a score in [0, 1].

Both sides must be present, and present together: a Russia-only or China-only story scores
low however long it is. Terms and weights are data (``config/theme.yaml``). Hits in the
headline and lead count more; hits in a sentence that lists many other countries count
less (UN votes, rankings); sport and entertainment vocabulary in the headline or lead
lowers the score.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from pipeline.clean.rules import CONFIG
from pipeline.enrich.textscan import find_all, first_terms, fold_case, term_starts

_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")
# Hits in a sentence naming this many third countries are a list, not a relationship.
_CROWD = 2
_CROWD_FACTOR = 0.35
_OFF_TOPIC_FACTOR = 0.45
_MIN_BALANCE = 0.12


@dataclass(frozen=True)
class Side:
    """One side's weighted terms, compiled for a single pass over a sentence.

    ``any_term`` matches every term at once (longest first); a match's weight is what
    the terms would score one by one on the matched words, so ``Vladimir Putin`` still
    counts for both ``vladimir putin`` and ``putin``. One scan per sentence instead of
    one per term: scoring was a quarter of extraction time with a pattern per term.
    """

    terms: tuple[tuple[re.Pattern[str], float], ...]
    any_term: re.Pattern[str] | None
    folded: tuple[str, ...] = ()  # where matches can begin (textscan.first_terms)
    _weights: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    _terms_in: dict[str, frozenset[int]] = field(default_factory=dict, compare=False,
                                                 repr=False)

    def found(self, sentence: str, starts: list[int] | None = None, offset: int = 0,
              ) -> list[str]:
        """This side's terms in ``sentence``, as matched; ``starts``: where in the whole
        text (``sentence`` begins at ``offset`` of it) a term of this side begins."""
        return [] if self.any_term is None else find_all(self.any_term, sentence, starts,
                                                          offset)

    def weight(self, found: list[str]) -> float:
        """Weighted hits of the matches ``found`` in a sentence."""
        return sum(self._match_weight(m) for m in found)

    def distinct(self, found: list[str]) -> int:
        """How many different terms of this side the matches ``found`` name."""
        names: set[int] = set()
        for matched in set(found):
            names.update(self._which(matched))
        return len(names)

    def _match_weight(self, matched: str) -> float:
        known = self._weights.get(matched)
        if known is None:
            known = self._weights[matched] = sum(
                w * len(p.findall(matched)) for p, w in self.terms)
        return known

    def _which(self, matched: str) -> frozenset[int]:
        known = self._terms_in.get(matched)
        if known is None:
            known = self._terms_in[matched] = frozenset(
                i for i, (p, _) in enumerate(self.terms) if p.search(matched))
        return known


def _side(weighted: dict[str, float]) -> Side:
    terms = tuple((_term(t), w) for t, w in weighted.items())
    if not terms:
        return Side((), None)
    alternatives = "|".join(
        re.escape(t) if any(c.isupper() for c in t) else f"(?i:{re.escape(t)})"
        for t in sorted(weighted, key=len, reverse=True))
    return Side(terms, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"),
                first_terms(fold_case(t) for t in weighted))


@dataclass(frozen=True)
class Lexicon:
    """Compiled ``theme.yaml``."""

    russia: Side
    china: Side
    bilateral: Side
    crowd: Side
    off_topic: tuple[tuple[str, re.Pattern[str]], ...]  # (folded term, its pattern)
    title_boost: float
    scale: float


@dataclass(frozen=True)
class ThemeScore:
    """The score and the evidence behind it."""

    score: float
    russia: float
    china: float
    bilateral: float


def _term(term: str) -> re.Pattern[str]:
    flags = 0 if any(c.isupper() for c in term) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", flags)


@cache
def load_lexicon(path: Path = CONFIG / "theme.yaml") -> Lexicon:
    """Read and compile the theme file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))

    def weighted(key: str) -> Side:
        return _side({str(t): float(w) for t, w in (raw.get(key) or {}).items()})

    return Lexicon(
        russia=weighted("russia"), china=weighted("china"), bilateral=weighted("bilateral"),
        crowd=_side(dict.fromkeys(map(str, raw.get("crowd") or ()), 1.0)),
        off_topic=tuple((fold_case(str(t)), _term(str(t))) for t in raw.get("off_topic") or ()),
        title_boost=float(raw.get("title_boost", 2.0)), scale=float(raw.get("scale", 3.0)),
    )


def score_article(title: str, text: str, lexicon: Lexicon | None = None) -> ThemeScore:
    """Score an article.

    Args:
        title: the headline.
        text: the clean body (paragraphs separated by blank lines).
        lexicon: defaults to ``config/theme.yaml``.

    Returns:
        The relevance score in [0, 1] with the weighted hits per side.
    """
    lex = lexicon or load_lexicon()
    lead, _, rest = text.partition("\n\n")
    head = f"{title}. {lead}"
    r1, c1, b1 = _hits(head, lex)
    r2, c2, b2 = _hits(rest, lex)
    russia = lex.title_boost * r1 + r2
    china = lex.title_boost * c1 + c2
    both = lex.title_boost * b1 + b2
    score = math.sqrt(_present(russia + both, lex.scale) * _present(china + both, lex.scale))
    balance = min(russia, china) / max(russia, china, 1e-9)
    if both == 0 and balance < _MIN_BALANCE:
        score *= balance / _MIN_BALANCE
    folded_head = fold_case(head)
    # A term absent from the folded headline cannot match it (pipeline.enrich.textscan).
    if any(p.search(head) for term, p in lex.off_topic
           if term in folded_head or len(folded_head) != len(head)):
        score *= _OFF_TOPIC_FACTOR
    return ThemeScore(round(score, 4), round(russia, 2), round(china, 2), round(both, 2))


def _present(hits: float, scale: float) -> float:
    """0 for no hits, rising steeply past ``scale`` hits: one passing mention is not enough."""
    return 1.0 - math.exp(-((hits / scale) ** 2))


def _hits(text: str, lex: Lexicon) -> tuple[float, float, float]:
    sides = (lex.russia, lex.china, lex.bilateral, lex.crowd)
    folded = fold_case(text)
    # Where each side's terms begin, found once for the text (pipeline.enrich.textscan).
    starts = [term_starts(folded, text, side.folded) for side in sides]
    russia = china = both = 0.0
    for offset, sentence in _sentences(text):
        end = offset + len(sentence)
        window = [None if at is None else at[bisect_left(at, offset):bisect_left(at, end)]
                  for at in starts]
        r, c, b = (side.weight(side.found(sentence, at, offset))
                   for side, at in zip(sides[:3], window, strict=False))
        if r and c and lex.crowd.distinct(
                lex.crowd.found(sentence, window[3], offset)) >= _CROWD:
            r, c = r * _CROWD_FACTOR, c * _CROWD_FACTOR
        russia, china, both = russia + r, china + c, both + b
    return russia, china, both


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    """``_SENTENCE.split(text)``, each piece with its offset in ``text``."""
    at = 0
    for gap in _SENTENCE.finditer(text):
        yield at, text[at:gap.start()]
        at = gap.end()
    yield at, text[at:]
