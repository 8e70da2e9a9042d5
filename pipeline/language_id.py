"""py3langid's ``classify`` with its byte walk done in numpy: the same answers, bit for bit.

py3langid reads a text's features by walking its tokenizer, a DFA over bytes, one byte at
a time in Python (``langid.visit_counts``): about 0.2 ms of the 0.33 ms it spends on the
1,000 characters ``languages.detect_language`` gives it, once or twice a page. That DFA is
an Aho-Corasick automaton over byte n-grams, and it forgets all but the last
``WINDOW`` bytes it read: from any two states, the same ``WINDOW`` bytes lead to the same
state (``tests/pipeline/extract/test_language_id.py`` proves it over the whole table of
the model uv.lock pins). So the state after each byte is the walk from the start state
over the ``WINDOW`` bytes that end there, for every position at once: ``WINDOW`` numpy
gathers instead of a Python step per byte. The features those states emit are counted in
a ``Counter`` in the order the walk meets them, as py3langid's own walk counts them, and
everything else is py3langid's code (``_encode``, ``_sparse_score``, ``_decide``,
``classify``), so the scores are the same floats.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

import numpy as np
from py3langid import langid

# Bytes after which the tokenizer's state no longer depends on what came before them.
WINDOW = 6


class _Identifier(langid.LanguageIdentifier):  # type: ignore[misc]
    """py3langid's identifier sharing the global one's model, with the walk in numpy."""

    __slots__ = ("_bases", "_moves", "_outputs")

    def _raw_score(self, text: bytes) -> Any:
        visits = self._visits(text)
        if visits is None:  # no feature at all: py3langid's own answer for that case
            return super()._raw_score(text)
        return self._sparse_score(visits, self.nb_ptc)

    def _visits(self, text: bytes) -> Counter[int] | None:
        """``langid.visit_counts`` of ``text``: the features met, counted in the order
        first met (``_sparse_score`` sums them in that order)."""
        data = np.frombuffer(text, dtype=np.uint8)
        n = len(data)
        states = np.zeros(n, dtype=np.intp)
        # The window's bytes oldest first; a position fewer than ``back`` bytes into the
        # text has no byte that far back (its walk starts at the text's start).
        for back in range(min(WINDOW, n) - 1, -1, -1):
            states[back:] = self._moves[self._bases[states[back:]] + data[:n - back]]
        found = self._outputs[states]
        found = found[found >= 0]
        return Counter(found.tolist()) if len(found) else None


@cache
def _identifier() -> Any:
    """The fast identifier over py3langid's global model (loaded on first use), or the
    global identifier itself when its tables are not the kind read here."""
    base = langid._get_identifier()
    try:
        moves = np.frombuffer(base.tk_nextmove, dtype=np.uint32)  # a view, not a copy
        if base.tk_nextmove.itemsize != 4:
            return base
    except (AttributeError, TypeError, ValueError):
        return base
    fast = object.__new__(_Identifier)
    for name in langid.LanguageIdentifier.__slots__:
        setattr(fast, name, getattr(base, name))
    fast._moves = moves
    fast._bases = np.asarray(base._rowbase, dtype=np.intp)
    fast._outputs = np.asarray(base.tk_output, dtype=np.intp)
    return fast


def classify(text: str) -> tuple[str, float]:
    """``py3langid.classify(text)``: the language code and its score."""
    return _identifier().classify(text)  # type: ignore[no-any-return]
