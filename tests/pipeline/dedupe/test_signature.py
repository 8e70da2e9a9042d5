"""The signature's fast paths give what the definitions give: stored signatures and band
keys stay comparable with new ones."""

from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest

from pipeline.dedupe.signature import HAN_TEXT, SHINGLE, _permutations, shingles, signature
from pipeline.languages import han_share
from pipeline.text import fold

_PRIME = np.uint64((1 << 61) - 1)


def reference_shingles(text: str) -> set[bytes]:
    folded = fold(text)
    if han_share(folded) >= HAN_TEXT:
        chars = folded.replace(" ", "")
        return {chars[i:i + 5].encode("utf-8") for i in range(max(1, len(chars) - 4))}
    tokens = folded.split()
    return {" ".join(tokens[i:i + SHINGLE]).encode("utf-8")
            for i in range(max(1, len(tokens) - SHINGLE + 1))}


def reference_values(text: str) -> np.ndarray:
    grams = reference_shingles(text)
    hashed = np.fromiter(
        (int.from_bytes(hashlib.sha1(g).digest()[:4], "little") for g in grams),
        dtype=np.uint64, count=len(grams)).reshape(-1, 1)
    a, b = _permutations()
    return (((hashed * a + b) % _PRIME) & np.uint64((1 << 32) - 1)).min(axis=0)


def texts() -> list[str]:
    rng = random.Random(7)
    vocabulary = ["Moscow", "Beijing", "trade", "2024", "ж", "中国", "和", "—", "x_1", "½"]
    found = ["", " ", "one", "one two", "one two three four", "one two three four five",
             "中国和俄罗斯签署了贸易协定", "Россия и Китай подписали соглашение."]
    found += [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 300)))
              for _ in range(60)]
    return found


@pytest.mark.parametrize("text", texts())
def test_signature_as_defined(text: str) -> None:
    assert shingles(text) == reference_shingles(text)
    got = signature(text)
    assert got.shingles == len(reference_shingles(text))
    assert got.values.tolist() == reference_values(text).tolist()
