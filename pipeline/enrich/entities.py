"""People, institutions, themes and places of the beat, counted in every stored article.

The lexicon is data (``config/entities.yaml``). Counts are made by the extraction worker
that makes the article (``records.Article.mentions``) and written when it is loaded, inside
the load transaction, so ``article_entities`` never lags behind ``articles``;
``pipeline.store.entities`` writes them (counting rows staged without them, and recounting
every stored article after the lexicon changes). No Arrow here: the workers import this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline import ru
from pipeline.clean.rules import CONFIG
from pipeline.enrich.textscan import find_all, first_terms, fold_case, term_starts
from pipeline.errors import RunError
from pipeline.paths import read_yaml

KINDS = ("person", "institution", "theme", "place")
_KEYS = {"name", "kind", "patterns", "regex"}
# Scripts written without spaces between words: a term in them matches anywhere.
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


@dataclass(frozen=True)
class Entity:
    """One lexicon entry, its patterns compiled into one alternation."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    # (case-folded term, its regex), longest first, and the entry's own regexes.
    terms: tuple[tuple[str, str], ...] = ()
    regexes: tuple[str, ...] = ()
    starters: tuple[str, ...] = ()  # where matches can begin (textscan.first_terms)
    declines: tuple[str, ...] = ()  # the terms Russian declines (ru), case-folded

    def count(self, text: str, folded: str | None = None) -> int:
        """Non-overlapping matches of ``pattern`` in ``text`` (``folded``:
        ``fold_case(text)``, if known)."""
        folded = fold_case(text) if folded is None else folded
        pattern = self.pattern_for(folded)
        if pattern is None:
            return 0
        # Free regexes can begin anywhere: those entities are scanned whole.
        starts = None if self.regexes else term_starts(folded, text, self.starters)
        return len(find_all(pattern, text, starts))

    def pattern_for(self, folded: str) -> re.Pattern[str] | None:
        """``pattern`` cut down to the terms that occur in a text whose ``fold_case`` is
        ``folded`` (None: nothing can match). Same matches: an absent term matches
        nothing. Python's engine tries every alternative at every position, so a scan
        with the two terms present is many times cheaper than one with all twenty."""
        parts = [rx for term, rx in self.terms if term in folded]
        if not parts and not self.regexes:
            return None
        return _compiled("|".join(parts + list(self.regexes)))


@lru_cache(maxsize=4096)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


@dataclass(frozen=True)
class Mention:
    """How often one article names one entity."""

    entity: str
    kind: str
    mentions: int
    in_title: bool


@cache
def load_entities(path: Path = CONFIG / "entities.yaml") -> tuple[Entity, ...]:
    """Read and compile the lexicon.

    Args:
        path: the YAML file (default ``config/entities.yaml``).

    Returns:
        The entities in file order.

    Raises:
        RunError: the file is malformed (the message names the file and the entry).
    """
    try:
        raw = read_yaml(path) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RunError(f"{path}: cannot read the entity lexicon ({exc})") from None
    entries = raw.get("entities") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        raise RunError(f"{path}: expected a non-empty list under 'entities'")
    entities = tuple(_entity(path, entry) for entry in entries)
    names = [e.name for e in entities]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise RunError(f"{path}: entity names must be unique ({', '.join(repeated)})")
    return entities


def _entity(path: Path, entry: Any) -> Entity:
    if not isinstance(entry, dict) or not entry.get("name"):
        raise RunError(f"{path}: every entity needs a name ({entry!r})")
    name = str(entry["name"])
    unknown = set(entry) - _KEYS
    if unknown:
        raise RunError(f"{path}: entity {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
    if entry.get("kind") not in KINDS:
        raise RunError(f"{path}: entity {name!r}: kind must be one of {', '.join(KINDS)}")
    terms = [str(t) for t in entry.get("patterns") or ()]
    regexes = [str(r) for r in entry.get("regex") or ()]
    if not terms and not regexes:
        raise RunError(f"{path}: entity {name!r} has no patterns")
    try:
        ordered = sorted(terms, key=len, reverse=True)
        # Where a match can begin: the term, or for an inflected Russian word its stem.
        return Entity(name=name, kind=str(entry["kind"]), pattern=_compile(terms, regexes),
                      terms=tuple((fold_case(ru.stem(t)), _term(t)) for t in ordered),
                      starters=first_terms(fold_case(ru.stem(t)) for t in terms),
                      declines=tuple(fold_case(t) for t in ordered if ru.inflects(t)),
                      regexes=tuple(_regex(r) for r in regexes))
    except re.error as exc:
        raise RunError(f"{path}: entity {name!r}: bad regex ({exc})") from None


def _compile(terms: list[str], regexes: list[str]) -> re.Pattern[str]:
    # Longest first: at a given position the alternation takes the first alternative that
    # matches, so "xi jinping" must be tried before "xi" to count as one mention.
    parts = [_term(t) for t in sorted(terms, key=len, reverse=True)]
    parts += [_regex(r) for r in regexes]
    return re.compile("|".join(parts))


def _regex(regex: str) -> str:
    return rf"(?i:(?<!\w)(?:{regex})(?!\w))"


def _term(term: str) -> str:
    left = "" if _NO_SPACES.match(term[0]) or not term[0].isalnum() else r"(?<!\w)"
    right = "" if _NO_SPACES.match(term[-1]) or not term[-1].isalnum() else r"(?!\w)"
    body = f"{left}{re.escape(term)}{right}"
    if ru.inflects(term):  # Russian declines names: "Путин", "Путина", "Путиным"
        body = f"{left}{ru.declined(term)}{right}"
    # Capitals mean an acronym or a name that must keep its case (SCO, not "sco" in Moscow).
    # The lookarounds sit inside the case-insensitive group: same matches, and Python's
    # engine scans ~2x faster when the group comes first.
    return body if any(c.isupper() for c in term) else f"(?i:{body})"


def count_mentions(title: str, text: str, entities: Iterable[Entity] | None = None,
                   ) -> list[Mention]:
    """The entities an article names.

    Args:
        title: the headline (sets ``in_title``).
        text: the clean body (``mentions`` counts matches here).
        entities: the lexicon (default ``config/entities.yaml``).

    Returns:
        One ``Mention`` per entity named in the body or the headline, in lexicon order.
    """
    found = []
    text, title = text or "", title or ""
    folded, folded_title = fold_case(text), fold_case(title)
    for entity in load_entities() if entities is None else entities:
        mentions = entity.count(text, folded)
        in_title = (pattern := entity.pattern_for(folded_title)) is not None and \
            pattern.search(title) is not None
        if mentions or in_title:
            found.append(Mention(entity.name, entity.kind, mentions, in_title))
    return found
