"""A contact card under a press release or a research news item: a run of short lines,
a name, an office, a street, a postcode and town, a telephone number, an address for
mail or the web, with no sentence among them. Its heading ("Press contact:") is what the
``press_contact`` rule reads; when the page set the heading apart (bold in a table cell)
and it did not reach the text, the lines stood alone (blind pages, tuning set73: a press
portal's and a university's contacts below the story).

Told by its shape, not its words: at least three such lines in a row in the text's last
half, one of them a telephone number and another a postcode with a town, a street with
its number, an address for mail or the web, or a second number (a university's card of
two contacts, their addresses pruned as lone links). A story's list is marked as one (``- ``)
or holds sentences; a story gives a number inside a sentence ("Witnesses should call
... on 0123 45 67"). Runs after the page model, which is trained without this pass.
"""

from __future__ import annotations

import re

from pipeline.clean.furniture import Labelled
from pipeline.clean.nodetext import SENTENCE_END

# A card's line: this many words at most, and no sentence's end.
_LINE_WORDS = 8
_LEAST_LINES = 3
# A telephone or fax number, alone or after its label (Latin, Cyrillic, Chinese); not
# a date or a span of years.
_PHONE = re.compile(
    r"^((tel(efon|ephone)?|phone|fon|fax|mobil(e|telefon)?|handy|mob|[tfm]|тел(ефон)?|"
    r"факс|моб|电话|電話|传真|傳真)\.?\s*[:.]?\s*)?"
    r"(?!\d{1,2}[./]\d{1,2}[./]\d{2,4}$|\d{4}\s?[/–-]\s?\d{2,4}$)"
    r"\+?\(?\d[\d\s/().–-]{5,}\d$", re.I)
# A postcode and a town (German, Austrian, Swiss, French, Russian ...; a letter prefix
# as in "D-12345"; British postcodes at the end), a street with its house number, an
# address for mail or the web.
_PLACE = re.compile(
    r"^([A-Z]{1,2}-)?\d{4,6} [^\W\d_]|"
    r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$|"
    r"^[^\W\d_][\w.' -]+ \d{1,4}[a-z]?(,|$)|"
    r"^\d{1,5}[a-z]? [^\W\d_][\w.' -]+$|"
    r"\S+@\S+\.\w{2,}|^(www\.|https?://)\S+$", re.I)
_REASON = ("shape press_contact: short lines with a telephone number and a postal, mail or "
           "web address, no sentence among them, in the text's last half")


def label_contact_cards(state: Labelled) -> None:
    """Label the free lines of each contact card (see the module). Lines a rule or the
    model labelled already (the e-mail line) belong to the run: they do not count
    towards its length, and their addresses do towards its shape."""
    n = len(state.p)
    i = n // 2
    while i < n:
        run = []
        j = i
        while j < n and (not state.free(j) or _card_line(state.p[j], state.words[j])):
            if state.free(j):
                run.append(j)
            j += 1
        if len(run) >= _LEAST_LINES and _is_card([state.p[k] for k in range(i, j)]):
            for k in run:
                state.labels[k] = "press_contact"
                state.reasons[k] = _REASON
        i = j + 1


def _card_line(text: str, words: int) -> bool:
    return words <= _LINE_WORDS and text[:2] not in ("- ", "* ", "• ") and \
        not SENTENCE_END.search(text)


def _is_card(lines: list[str]) -> bool:
    phones = [k for k, line in enumerate(lines) if _PHONE.search(line)]
    return len(phones) >= 2 or (bool(phones) and any(
        k not in phones and _PLACE.search(line) for k, line in enumerate(lines)))
