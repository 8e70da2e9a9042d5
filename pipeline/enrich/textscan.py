"""Finding lexicon terms fast: a regex tried only where ``str.find`` sees a term.

Python's engine tries a case-insensitive alternation at every position of a text (it has
no literal prefix to skip ahead with). A term can only match where its case-folded form
occurs in the case-folded text, so trying the pattern at those places alone finds the same
non-overlapping matches as ``finditer``, for a fraction of the work (entity counts and
theme scores were a fifth of a run's CPU before).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def fold_case(text: str) -> str:
    """``text`` lower-cased, with the letters Python's case-insensitive matching treats as
    one (dotless i and i, long s and s, final and medial sigma ...) made one: wherever a
    term matches ``text``, its folded form occurs at the same index of the result, unless
    lower-casing changed the length (see ``term_starts``)."""
    lowered = text.lower()
    # ``translate`` looks every character up in a dict; most texts hold none of them.
    return lowered.translate(_SAME_IGNORING_CASE) if _FOLDABLE.search(lowered) else lowered


# The groups of lower-case letters CPython's ``re`` matches as one when ignoring case (its
# ``re/_casefix.py``), each mapped to its first letter; tests/pipeline/enrich/test_textscan.py
# checks every letter of the lexicons against the engine itself.
_SAME_IGNORING_CASE = {other: group[0] for group in (
    (0x69, 0x131), (0x73, 0x17F), (0xB5, 0x3BC), (0x345, 0x3B9, 0x1FBE), (0x390, 0x1FD3),
    (0x3B0, 0x1FE3), (0x3B2, 0x3D0), (0x3B5, 0x3F5), (0x3B8, 0x3D1), (0x3BA, 0x3F0),
    (0x3C0, 0x3D6), (0x3C1, 0x3F1), (0x3C2, 0x3C3), (0x3C6, 0x3D5), (0x432, 0x1C80),
    (0x434, 0x1C81), (0x43E, 0x1C82), (0x441, 0x1C83), (0x442, 0x1C84, 0x1C85),
    (0x44A, 0x1C86), (0x463, 0x1C87), (0x1C88, 0xA64B), (0x1E61, 0x1E9B), (0xFB05, 0xFB06),
) for other in group[1:]}


_FOLDABLE = re.compile("[" + "".join(map(chr, _SAME_IGNORING_CASE)) + "]")


def first_terms(terms: Iterable[str]) -> tuple[str, ...]:
    """The (folded) terms that no other term begins: a term that starts with another
    begins only where that one does, so finding the shorter one is enough."""
    ordered = sorted(set(terms), key=len)
    kept: list[str] = []
    for term in ordered:
        if not any(term.startswith(shorter) for shorter in kept):
            kept.append(term)
    return tuple(kept)


def term_starts(folded: str, text: str, terms: Iterable[str]) -> list[int] | None:
    """Sorted positions where any of the (folded) ``terms`` begins in ``folded``, the
    ``fold_case`` of ``text``; None when lower-casing changed the length (a dotted capital
    I becomes two characters), so that positions in the two differ."""
    if len(folded) != len(text):
        return None
    starts = set()
    for term in terms:
        at = folded.find(term)
        while at >= 0:
            starts.add(at)
            at = folded.find(term, at + 1)
    return sorted(starts)


def find_all(pattern: re.Pattern[str], text: str, starts: Iterable[int] | None,
             offset: int = 0) -> list[str]:
    """``pattern.findall(text)`` (for a pattern without groups), trying the pattern only at
    ``starts``, positions in a larger text that ``text`` begins at ``offset`` of; every
    match must begin at one of them. ``starts`` None: the regex scans the whole text."""
    if starts is None:
        return pattern.findall(text)
    shifted = [start - offset for start in starts] if offset else starts
    return [matched for _, _, matched in find_spans(pattern, text, shifted)]


def find_spans(pattern: re.Pattern[str], text: str, starts: Iterable[int] | None,
               ) -> list[tuple[int, int, str]]:
    """(start, end, matched) of ``pattern``'s non-overlapping matches in ``text``, tried
    only at ``starts`` like ``find_all``; None: the regex scans the whole text."""
    if starts is None:
        return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    found: list[tuple[int, int, str]] = []
    end = 0
    for at in starts:
        if at >= end and (match := pattern.match(text, at)) is not None:
            found.append((at, match.end(), match.group()))
            end = match.end()
    return found
