"""py3langid's classifier with its byte walk in numpy (``pipeline/language_id.py``): the
window it rests on holds for the model uv.lock pins, and the answers are py3langid's."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import py3langid
from py3langid import langid

from pipeline.language_id import WINDOW, _identifier, classify

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_the_tokenizer_forgets_all_but_the_window() -> None:
    """For every byte ``a`` and every ``WINDOW`` bytes ``u`` after it, the walk from the
    start over ``a u`` ends where the walk over ``u`` does: the state after a byte is the
    walk over the ``WINDOW`` bytes ending there. Followed for all of them at once as pairs
    of states (those that met stay together), until none is left apart."""
    base = langid._get_identifier()
    moves = np.frombuffer(base.tk_nextmove, dtype=np.uint32)
    bases = np.asarray(base._rowbase, dtype=np.int64)
    every = np.arange(256, dtype=np.int64)
    left = moves[bases[0] + every].astype(np.int64)
    right = np.zeros(256, dtype=np.int64)
    for _ in range(WINDOW):
        apart = left != right
        pairs = np.unique(np.stack([left[apart], right[apart]], axis=1), axis=0)
        left = moves[(bases[pairs[:, 0]][:, None] + every).ravel()].astype(np.int64)
        right = moves[(bases[pairs[:, 1]][:, None] + every).ravel()].astype(np.int64)
    assert (left == right).all()


def _texts() -> list[str]:
    found = [path.read_bytes().decode("utf-8", "replace")[:1000]
             for path in sorted((FIXTURES / "ruzh" / "pages").glob("*.html"))]
    found += [path.read_text(encoding="utf-8")[:1000]
              for path in sorted((FIXTURES / "paragraphs" / "blind_articles").glob("*/*.txt"))[::4]]
    draw = random.Random(15)
    ranges = [(32, 126), (0x400, 0x4FF), (0x4E00, 0x9FFF), (0x80, 0x2FFF), (0x1F600, 0x1F64F)]
    for _ in range(100):
        found.append("".join(chr(draw.randint(*draw.choice(ranges)))
                             for _ in range(draw.randint(1, 300))))
    return [*found, "", "a", "UPPER CASE HEADLINE", "\ud800 a lone surrogate", "x" * 3000]


def test_the_walk_counts_what_py3langid_counts_in_its_order() -> None:
    fast = _identifier()
    assert type(fast).__name__ == "_Identifier"  # the tables are the kind read here
    for text in _texts():
        data = fast._encode(text)
        theirs = langid.visit_counts(fast.tk_nextmove, fast._rowbase, fast.tk_output, data)
        mine = fast._visits(data)
        assert (list(mine.items()) if mine else None) == \
            (list(theirs.items()) if theirs else None)


def test_the_answers_are_py3langid_s() -> None:
    for text in _texts():
        assert classify(text) == py3langid.classify(text), text[:80]
