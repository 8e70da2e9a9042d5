"""How much an article is about the Russia–China *relation*: a score in [0, 1] and why.

Two names on one page are not a relation. A sentence counts when both sides take part
in it: a joint noun ("Sino-Russian", "中俄", "российско-китайский"), or both sides in one
clause (more with a relation word: signed, talks, supplies), less when they only share
a sentence. A name is no party when it is an item of a list of places, sits in a byline,
dateline or agency credit, is named as absent ("without China", "Russia was not
invited") or only in a background clause ("which left Russia in 2022"). The headline and
first paragraph weigh more; sport and entertainment vocabulary there lowers the score.
Terms, weights and cue words are data (``config/theme.yaml``); the clause rules are in
``pipeline.enrich.clauses``. ``ThemeScore.explain()`` says which sentence and cue decided,
and which names were discounted, for the stored record.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.clean.rules import CONFIG
from pipeline.enrich import clauses as cl
from pipeline.enrich.textscan import find_spans, first_terms, fold_case, term_starts
from pipeline.paths import read_yaml

_EXCERPT = 160  # characters of a sentence kept in the explanation
_CROWD = 2      # third countries in a sentence that make it a list of countries


@dataclass(frozen=True)
class Side:
    """One side's weighted terms, compiled for a single pass over a text.

    ``any_term`` matches every term at once (longest first); a match's weight is what
    the terms would score one by one on the matched words, so ``Vladimir Putin`` still
    counts for both ``vladimir putin`` and ``putin``. ``folded``: where matches can begin
    (``textscan.first_terms``), so the pattern is tried only there.
    """

    terms: tuple[tuple[re.Pattern[str], float], ...]
    any_term: re.Pattern[str] | None
    folded: tuple[str, ...] = ()
    # ``folded`` by script: a text without Cyrillic or Chinese skips those terms' finds.
    by_script: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    _weights: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def starts(self, folded: str, text: str, scripts: frozenset[str]) -> list[int] | None:
        """Where this side's terms of the given scripts begin (``textscan.term_starts``).
        A term spelt in letters only matches at a word's start ("xi" is in "taxi"), so
        other places are left out before the pattern is tried there."""
        found = term_starts(folded, text, [t for s in scripts - {"zh"}
                                           for t in self.by_script.get(s, ())])
        if found is None:
            return None
        found = [at for at in found if at == 0 or not text[at - 1].isalnum()]
        if "zh" in scripts and self.by_script.get("zh"):
            cjk = term_starts(folded, text, self.by_script["zh"]) or []
            found = sorted({*found, *cjk})
        return found

    def spans(self, text: str, starts: list[int] | None) -> list[tuple[int, int, str]]:
        """(start, end, matched) of this side's terms in ``text``."""
        return [] if self.any_term is None else find_spans(self.any_term, text, starts)

    def match_weight(self, matched: str) -> float:
        """The weight of one match (the sum over the terms it contains)."""
        known = self._weights.get(matched)
        if known is None:
            known = self._weights[matched] = sum(
                w * len(p.findall(matched)) for p, w in self.terms)
        return known


def _pattern(term: str) -> str:
    """The regex of one term: whole words, ``*`` for any ending, Chinese anywhere."""
    stem = term.endswith("*")
    core = re.escape(term.rstrip("*"))
    if cl.CJK.search(term):
        return core
    if stem:
        core += r"\w*"
    if term[:1].isalnum():
        core = rf"(?<!\w){core}"
    if stem or term.rstrip("*")[-1:].isalnum():
        core = rf"{core}(?!\w)"
    return core if any(c.isupper() for c in term) else f"(?i:{core})"


def _side(weighted: dict[str, float]) -> Side:
    terms = tuple((re.compile(_pattern(t)), w) for t, w in weighted.items())
    if not terms:
        return Side((), None)
    ordered = sorted(weighted, key=lambda t: len(t.rstrip("*")), reverse=True)
    folded = first_terms(fold_case(t.rstrip("*")) for t in weighted)
    by_script: dict[str, tuple[str, ...]] = {}
    for term in folded:
        by_script[_script(term)] = (*by_script.get(_script(term), ()), term)
    return Side(terms, re.compile("|".join(_pattern(t) for t in ordered)), folded, by_script)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _script(text: str) -> str:
    return "zh" if cl.CJK.search(text) else "ru" if _CYRILLIC.search(text) else "latin"


def _scripts(text: str) -> frozenset[str]:
    """The scripts ``text`` is written in, as far as the lexicon cares."""
    return frozenset(("latin", *(["ru"] if _CYRILLIC.search(text) else []),
                      *(["zh"] if cl.CJK.search(text) else [])))


@dataclass(frozen=True)
class Lexicon:
    """Compiled ``theme.yaml``."""

    russia: Side
    china: Side
    bilateral: Side
    crowd: Side
    rules: cl.Rules
    relation: dict[str, float]
    title_boost: float
    lead_boost: float
    scale: float
    off_topic_factor: float


@dataclass(frozen=True)
class Evidence:
    """One sentence's part in the score, or one name that was discounted."""

    where: str               # title | lead | body
    what: str                # joint | same_clause | same_sentence | head_only | a discount
    weight: float
    terms: tuple[str, ...]
    cue: str | None
    sentence: str


@dataclass(frozen=True)
class ThemeScore:
    """The score and the evidence behind it."""

    score: float
    russia: float
    china: float
    bilateral: float
    relations: tuple[Evidence, ...] = ()
    discounted: tuple[Evidence, ...] = ()
    off_topic: str | None = None

    def explain(self) -> str:
        """The decision's reasons as compact JSON, stored with the article: the sentences
        that tie the two sides (best first) and the names that did not count, and why."""
        def row(e: Evidence) -> dict[str, Any]:
            out: dict[str, Any] = {"where": e.where, "what": e.what,
                                   "terms": list(e.terms), "sentence": e.sentence}
            if e.cue:
                out["cue"] = e.cue
            if e.weight:
                out["weight"] = round(e.weight, 2)
            return out
        payload: dict[str, Any] = {
            "score": self.score,
            "relations": [row(e) for e in self.relations[:3]],
            "discounted": [row(e) for e in self.discounted[:4]],
        }
        if self.off_topic:
            payload["off_topic"] = self.off_topic
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


@cache
def load_lexicon(path: Path = CONFIG / "theme.yaml") -> Lexicon:
    """Read and compile the theme file."""
    raw = read_yaml(path)

    def weighted(key: str) -> Side:
        return _side({str(t): float(w) for t, w in (raw.get(key) or {}).items()})

    def terms(key: str) -> cl.Terms:
        return cl.Terms.of(map(str, raw.get(key) or ()))

    rules = cl.Rules(
        any_rule=cl.Terms.of(str(t) for key in ("absent_before", "absent_after", "background")
                             for t in raw.get(key) or ()),
        cues=terms("cues"), absent_before=terms("absent_before"),
        absent_after=terms("absent_after"), background=terms("background"),
        past=terms("past"), off_topic=terms("off_topic"),
        credits=re.compile("|".join(f"(?:{_scoped(str(p))})" for p in raw.get("credits") or ())
                           or "(?!)"))
    return Lexicon(
        russia=weighted("russia"), china=weighted("china"), bilateral=weighted("bilateral"),
        crowd=_side(dict.fromkeys(map(str, raw.get("crowd") or ()), 1.0)), rules=rules,
        relation={str(k): float(v) for k, v in (raw.get("relation") or {}).items()},
        title_boost=float(raw.get("title_boost", 2.0)),
        lead_boost=float(raw.get("lead_boost", 1.5)), scale=float(raw.get("scale", 1.1)),
        off_topic_factor=float(raw.get("off_topic_factor", 0.45)),
    )


def _scoped(pattern: str) -> str:
    """A pattern's leading inline flags (``(?i)``) scoped to it, so patterns can be joined."""
    found = re.match(r"\(\?([aiLmsux]+)\)", pattern)
    return f"(?{found.group(1)}:{pattern[found.end():]})" if found else pattern


@dataclass
class _Mention:
    side: str                # r | c | j (joint)
    start: int
    end: int
    term: str
    weight: float
    why: str | None = None   # the discount: place_list | byline | absent | background
    cue: str | None = None   # the words that gave the discount away


def score_article(title: str, text: str, lexicon: Lexicon | None = None) -> ThemeScore:
    """Score an article.

    Args:
        title: the headline.
        text: the clean body (paragraphs separated by blank lines).
        lexicon: defaults to ``config/theme.yaml``.

    Returns:
        The relevance score in [0, 1], the weighted names per side that count, and the
        evidence (relation sentences, discounted names) behind it.
    """
    lex = lexicon or load_lexicon()
    title = title.strip()
    lead, _, _ = text.partition("\n\n")
    full = f"{title}\n\n{text}" if title else text
    lead_end = (len(title) + 2 if title else 0) + len(lead)
    folded = fold_case(full)
    scripts = _scripts(full)
    mentions = _mentions(full, folded, scripts, lex)
    crowd = [start for start, _, _ in lex.crowd.spans(
        full, lex.crowd.starts(folded, full, scripts))]
    relations: list[Evidence] = []
    discounted: list[Evidence] = []
    head = {"r": 0.0, "c": 0.0}
    sides = {"r": 0.0, "c": 0.0, "j": 0.0}
    starts = [m.start for m in mentions]
    zh = "zh" in scripts
    for begin, end in cl.sentences(full):
        lo, hi = bisect_left(starts, begin), bisect_left(starts, end)
        if lo == hi:
            continue
        where = "title" if title and end <= len(title) else "lead" if begin < lead_end else "body"
        boost = {"title": lex.title_boost, "lead": lex.lead_boost}.get(where, 1.0)
        kinds = {m.side for m in mentions[lo:hi]}
        if where == "body" and "j" not in kinds and len(kinds) < 2:
            # One side alone in a body sentence ties nothing: not worth the clause rules.
            for m in mentions[lo:hi]:
                sides[m.side] += m.weight
            continue
        sentence = full[begin:end]
        found = [_Mention(m.side, m.start - begin, m.end - begin, m.term, m.weight)
                 for m in mentions[lo:hi]]
        crowded = bisect_left(crowd, end) - bisect_left(crowd, begin) >= _CROWD
        best = _sentence(sentence, found, zh, crowded, lex)
        for m in found:
            if m.why:
                discounted.append(Evidence(where, m.why, 0.0, (m.term,), m.cue,
                                           sentence[:_EXCERPT]))
            else:
                sides[m.side] += boost * m.weight
                if where != "body" and m.side in head:
                    head[m.side] = max(head[m.side], m.weight)
        if best is not None:
            relations.append(Evidence(where, best.what, best.weight * boost, best.terms,
                                      best.cue, sentence[:_EXCERPT]))
    total = sum(e.weight for e in relations)
    if not any(e.where != "body" for e in relations) and head["r"] and head["c"]:
        weight = lex.relation["head_only"] * min(head["r"], head["c"], 1.0) * lex.lead_boost
        relations.append(Evidence("lead", "head_only", weight, (), None, ""))
        total += weight
    score = 1.0 - math.exp(-((total / lex.scale) ** 2))
    off = lex.rules.off_topic.find(f"{title} {lead}".lower())
    if off:
        score *= lex.off_topic_factor
    relations.sort(key=lambda e: -e.weight)
    return ThemeScore(round(score, 4), round(sides["r"], 2), round(sides["c"], 2),
                      round(sides["j"], 2), tuple(relations), tuple(discounted), off)


def _sentence(sentence: str, found: list[_Mention], zh: bool, crowded: bool, lex: Lexicon,
              ) -> _Best | None:
    """Discount the names of one sentence, then find its strongest relation."""
    lowered = sentence.lower()
    words = cl.words(lowered)
    _discount(sentence, lowered, words, zh, found, lex)
    if len({m.side for m in found if m.why in (None, "place_list")}) < 2 and not any(
            m.side == "j" and not m.why for m in found):
        return None
    return _relation(sentence, lowered, words, zh, found, lex, crowded)


def _mentions(text: str, folded: str, scripts: frozenset[str], lex: Lexicon,
              ) -> list[_Mention]:
    """Every name of either side or a joint noun, in text order (``folded``: the text's
    ``fold_case``); a side's name inside a joint noun ("Russian" in "Sino-Russian") is
    the joint noun's."""
    joint = [_Mention("j", s, e, t, lex.bilateral.match_weight(t)) for s, e, t in
             lex.bilateral.spans(text, lex.bilateral.starts(folded, text, scripts))]
    taken = [(m.start, m.end) for m in joint]
    found = list(joint)
    for key, side in (("r", lex.russia), ("c", lex.china)):
        for s, e, t in side.spans(text, side.starts(folded, text, scripts)):
            if not any(s < te and ts < e for ts, te in taken):
                found.append(_Mention(key, s, e, t, min(side.match_weight(t), 1.0)))
    found.sort(key=lambda m: m.start)
    return found


def _discount(sentence: str, lowered: str, words: list[str], zh: bool,
              found: list[_Mention], lex: Lexicon) -> None:
    """Mark the names of one sentence that are no party to a relation, with the reason
    (``lowered``: the sentence lower-cased, ``words`` its words, ``zh`` it may hold
    Chinese)."""
    rules = lex.rules
    credit = cl.credit_end(sentence, rules)
    lists = cl.list_spans(sentence)
    # Most sentences hold no absence or background word at all: one look at the
    # sentence's words spares the look-around windows of every name (CPU budget).
    absence = background = None
    if rules.any_rule.find(lowered, words, zh):
        absence = rules.absent_before.find(lowered, words, zh) or rules.absent_after.find(
            lowered, words, zh)
        background = rules.background.find(lowered, words, zh)
    for m in found:
        if m.start < credit:
            m.why = "byline"
        elif any(a <= m.start < b for a, b in lists) or cl.in_cjk_list(sentence, m.start,
                                                                        m.end):
            m.why = "place_list"
        elif absence and (cue := cl.absent(sentence, m.start, m.end, rules)):
            m.why, m.cue = "absent", cue
        elif background and m.side != "j" and (
                cue := cl.background_at(sentence, m.start, m.end, rules)):
            m.why, m.cue = "background", cue
    if background:
        _background_clauses(sentence, found, rules)


def _background_clauses(sentence: str, found: list[_Mention], rules: cl.Rules) -> None:
    """Names of one side alone in a background clause ("..., which it left in 2022";
    "; the brewer sold its Russian business in 2023") are no party either."""
    starts = cl.clause_starts(sentence)
    by_clause: dict[int, list[_Mention]] = {}
    for m in found:
        if not m.why:
            by_clause.setdefault(cl.clause_of(starts, m.start), []).append(m)
    bounds = [*starts[1:], len(sentence)]
    for index in range(len(starts)):
        inside = by_clause.get(index, [])
        if not inside and index - 1 not in by_clause:
            continue
        clause = sentence[starts[index]:bounds[index]]
        cue = cl.background_clause(clause, rules)
        if len({m.side for m in inside}) > 1 or not cue:
            continue
        for m in inside:
            m.why, m.cue = "background", cue
        if cl.is_relative(clause) and index:
            # The relative clause is about the name just before it.
            for m in by_clause.get(index - 1, []):
                if starts[index] - m.end < 30:
                    m.why, m.cue = "background", cue


@dataclass(frozen=True)
class _Best:
    what: str
    weight: float
    terms: tuple[str, ...]
    cue: str | None


def _relation(sentence: str, lowered: str, words: list[str], zh: bool,
              found: list[_Mention], lex: Lexicon, crowded: bool) -> _Best | None:
    """The strongest tie between the two sides within one sentence, if any."""
    rel = lex.relation
    valid = [m for m in found if not m.why]
    listed = [m for m in found if m.why == "place_list"]
    best: _Best | None = None
    for m in valid:
        if m.side == "j":
            weight = rel["joint"] * min(1.0, m.weight / 2.0)
            if best is None or weight > best.weight:
                best = _Best("joint", weight, (m.term,), None)
    cue = _Cues(sentence, lowered, words, zh, lex.rules.cues)
    pair = _pair(sentence, valid, rel, cue)
    if pair is None and listed:
        pair = _pair(sentence, valid + listed, rel, cue)
        if pair is not None:
            pair = _Best(f"{pair.what}_in_list", pair.weight * rel["list_factor"], pair.terms,
                         pair.cue)
    if pair is not None and crowded:
        pair = _Best(f"{pair.what}_among_others", pair.weight * rel["crowd_factor"],
                     pair.terms, pair.cue)
    if pair is not None and (best is None or pair.weight > best.weight):
        best = pair
    return best


class _Cues:
    """Relation words of one sentence and of each of its clauses, looked up once."""

    def __init__(self, sentence: str, lowered: str, words: list[str], zh: bool,
                 cues: cl.Terms) -> None:
        self.starts = cl.clause_starts(sentence)
        self.bounds = [*self.starts[1:], len(sentence)]
        self.lowered, self.words, self.zh, self.cues = lowered, words, zh, cues
        self.found: dict[int, str | None] = {}

    def at(self, clause: int) -> str | None:
        """The cue of a clause (-1: of the whole sentence)."""
        if -1 not in self.found:
            self.found[-1] = self.cues.find(self.lowered, self.words, self.zh)
        if self.found[-1] is None:  # no cue in the sentence, none in any clause
            return None
        if clause not in self.found:
            text = self.lowered[self.starts[clause]:self.bounds[clause]]
            self.found[clause] = self.cues.find(text, None, self.zh)
        return self.found[clause]


def _pair(sentence: str, names: list[_Mention], rel: dict[str, float], cues: _Cues,
          ) -> _Best | None:
    """The best Russia–China pair of names in the sentence, by clause and cue."""
    russia = [m for m in names if m.side == "r"]
    china = [m for m in names if m.side == "c"]
    if not russia or not china:
        return None
    best: _Best | None = None
    for r in russia:
        for c in china:
            strength = min(r.weight, c.weight)
            a, b = cl.clause_of(cues.starts, r.start), cl.clause_of(cues.starts, c.start)
            first, second = (r, c) if r.start < c.start else (c, r)
            if a == b and not cl.own_predicates(sentence[first.end:second.start]):
                cue, what = cues.at(a), "same_clause"
            else:
                cue, what = cues.at(-1), "same_sentence"
            weight = rel[f"{what}_cue" if cue else what] * strength
            if best is None or weight > best.weight:
                best = _Best(what, weight, (r.term, c.term), cue)
    return best
