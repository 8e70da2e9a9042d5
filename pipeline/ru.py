"""Russian case endings: the one rule set by which a lexicon term matches its declined forms.

Russian declines names and nouns: "Путин", "Путина", "Путину", "Путиным"; "Кремль",
"Кремля"; "Россия", "России". A Cyrillic term's last word, less a final vowel or soft sign,
takes one of ``ENDINGS`` (nouns, surnames, adjectives). Measured against pymorphy3 and the
Snowball stemmer in docs/languages.md (benchmarks/ruzh_entities.py): the same forms of the
lexicon's names found, with no dictionary to ship. Entity counts
(``pipeline.enrich.entities``) and story keys (``pipeline.stories.features``) both match
declined names by these rules.
"""

from __future__ import annotations

import re

ENDINGS = ("ами|ями|ого|его|ому|ему|ыми|ими|ом|ем|ём|ой|ей|ою|ею|ам|ям|ах|ях|ов|ев|ым|им|"
           "ых|их|ую|юю|ая|яя|ое|ее|ые|ие|ий|ый|а|я|у|ю|е|ы|и|ь|й")
_CYRILLIC_WORD = re.compile(r"[а-яё]{3,}$", re.IGNORECASE)


def inflects(term: str) -> bool:
    """A Cyrillic term whose last word declines (not an acronym such as ШОС, not "Си")."""
    last = term.split()[-1]
    return bool(_CYRILLIC_WORD.match(last)) and not last.isupper()


def stem(term: str) -> str:
    """The part of a term every case form starts with: a declining term less its final
    vowel or soft sign ("Россия" -> "Росси"), any other term whole."""
    if not inflects(term):
        return term
    return term[:-1] if term[-1].lower() in "аяоеьйиы" else term


def declined(term: str) -> str:
    """A regex body for the case forms of a declining term: its stem and one ending.

    The letter cut from the term is always an ending of its own term, so neuter "зерно"
    keeps its "о" (not in ``ENDINGS``: "Белоусово" is a village, not a form of Белоусов).
    A stem of two letters never stands alone: cut from "соя", "со" is a preposition.
    (Longer bare stems stay, as before: "Арктик" of "Арктик СПГ 2" names the Arctic.)"""
    base = stem(term)
    cut = term[len(base):]
    endings = f"{ENDINGS}|{re.escape(cut)}" if cut else ENDINGS
    optional = "" if cut and len(base) < 3 else "?"
    return f"{re.escape(base)}(?:{endings}){optional}"
