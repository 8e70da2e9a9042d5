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
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from pipeline.rules import CONFIG

_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")
# Hits in a sentence naming this many third countries are a list, not a relationship.
_CROWD = 2
_CROWD_FACTOR = 0.35
_OFF_TOPIC_FACTOR = 0.45
_MIN_BALANCE = 0.12


@dataclass(frozen=True)
class Lexicon:
    """Compiled ``theme.yaml``."""

    russia: tuple[tuple[re.Pattern[str], float], ...]
    china: tuple[tuple[re.Pattern[str], float], ...]
    bilateral: tuple[tuple[re.Pattern[str], float], ...]
    crowd: tuple[re.Pattern[str], ...]
    off_topic: tuple[re.Pattern[str], ...]
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

    def weighted(key: str) -> tuple[tuple[re.Pattern[str], float], ...]:
        return tuple((_term(str(t)), float(w)) for t, w in (raw.get(key) or {}).items())

    return Lexicon(
        russia=weighted("russia"), china=weighted("china"), bilateral=weighted("bilateral"),
        crowd=tuple(_term(str(t)) for t in raw.get("crowd") or ()),
        off_topic=tuple(_term(str(t)) for t in raw.get("off_topic") or ()),
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
    if any(p.search(head) for p in lex.off_topic):
        score *= _OFF_TOPIC_FACTOR
    return ThemeScore(round(score, 4), round(russia, 2), round(china, 2), round(both, 2))


def _present(hits: float, scale: float) -> float:
    """0 for no hits, rising steeply past ``scale`` hits: one passing mention is not enough."""
    return 1.0 - math.exp(-((hits / scale) ** 2))


def _hits(text: str, lex: Lexicon) -> tuple[float, float, float]:
    russia = china = both = 0.0
    for sentence in _SENTENCE.split(text):
        r = _weight(sentence, lex.russia)
        c = _weight(sentence, lex.china)
        b = _weight(sentence, lex.bilateral)
        if r and c and sum(1 for p in lex.crowd if p.search(sentence)) >= _CROWD:
            r, c = r * _CROWD_FACTOR, c * _CROWD_FACTOR
        russia, china, both = russia + r, china + c, both + b
    return russia, china, both


def _weight(sentence: str, terms: tuple[tuple[re.Pattern[str], float], ...]) -> float:
    return sum(w * len(p.findall(sentence)) for p, w in terms)
