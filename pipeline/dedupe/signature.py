"""Text signatures for near-duplicate detection: MinHash over shingles, LSH band keys.

A signature is 128 MinHash values (uint32) of the text's shingles, after case, punctuation
and spacing are folded, so re-templated copies (other quotes, dashes, paragraph breaks,
full-width or ASCII punctuation) hash alike. Shingles depend on the script: 4-word
shingles for text written with spaces (English, Russian), 5-character shingles for
Chinese, which has no spaces (a "word" between punctuation marks would be a whole
clause, and one edited character would change all of it). Five characters carry about
what four English words do; the per-language thresholds were measured on the labelled
copies of tests/fixtures/ruzh/ (docs/languages.md). Band keys (32 bands of 4 rows) are
what the database joins on to find candidates; the signatures then estimate Jaccard
similarity and containment exactly enough to decide. 42 bands of 3 rows make a pair with
Jaccard 0.45 (a half-length excerpt) a candidate 98% of the time, and a pair at 0.1
about 4%. Changing these constants changes
every band key: stored keys would have to be recomputed from ``article_signatures``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

import numpy as np

from pipeline.languages import han_share
from pipeline.text import fold

NUM_PERM = 128
BANDS = 42
ROWS = 3
SHINGLE = 4
CHAR_SHINGLE = 5
# Texts at least this Chinese (Han share of letters) are shingled by characters.
HAN_TEXT = 0.3
# One fixed seed: signatures stored years ago must stay comparable with new ones.
SEED = 20240409
_PRIME = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64((1 << 32) - 1)
_SHIFT = np.uint64(61)


@dataclass(frozen=True)
class Signature:
    """MinHash values and the number of distinct shingles they summarise."""

    values: np.ndarray
    shingles: int

    def to_bytes(self) -> bytes:
        """Compact form stored in DuckDB (512 bytes)."""
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes, shingles: int) -> Signature:
        """Inverse of ``to_bytes``."""
        return cls(np.frombuffer(blob, dtype="<u4"), shingles)

    def band_keys(self) -> list[int]:
        """One signed 64-bit key per band; equal keys make two texts candidates."""
        cached: list[int] | None = self.__dict__.get("_keys_cache")
        if cached is None:
            cached = self._band_keys()
            object.__setattr__(self, "_keys_cache", cached)  # frozen: computed once
        return cached

    def _band_keys(self) -> list[int]:
        keys = []
        for band in range(BANDS):
            chunk = self.values[band * ROWS:(band + 1) * ROWS].astype("<u4").tobytes()
            digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return keys


def shingles(text: str) -> set[bytes]:
    """The shingle set of a text: characters for Chinese, words for the rest."""
    folded = fold(text)
    if han_share(folded) >= HAN_TEXT:
        chars = folded.replace(" ", "")
        return {chars[i:i + CHAR_SHINGLE].encode("utf-8")
                for i in range(max(1, len(chars) - CHAR_SHINGLE + 1))}
    tokens = folded.split()
    if len(tokens) <= SHINGLE:
        return {" ".join(tokens).encode("utf-8")}  # one shingle: the whole (short) text
    # Consecutive tokens zipped, not sliced per position: same shingles, a third faster.
    runs = zip(*(tokens[k:] for k in range(SHINGLE)), strict=False)  # shorter tails
    return {gram.encode("utf-8") for gram in map(" ".join, runs)}


def signature(text: str) -> Signature:
    """The signature of a clean article text."""
    grams = shingles(text)
    # Each shingle's value is the first 4 bytes of its SHA-1, little-endian: the digests
    # are joined and read as uint32 (every fifth is a digest's first), not converted one
    # by one in Python.
    digests = b"".join([h.digest() for h in map(hashlib.sha1, grams)])
    hashed = np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint64).reshape(-1, 1)
    a, b = _permutations()
    # Universal hashing (a*x + b mod a Mersenne prime), one row per permutation; uint64
    # wrap-around is part of the hash family, as in the classic MinHash construction.
    permuted = hashed * a
    permuted += b
    _mod_prime(permuted)
    permuted &= _MAX32
    return Signature(permuted.min(axis=0).astype(np.uint32), len(grams))


def _mod_prime(values: np.ndarray) -> None:
    """``values % _PRIME`` in place, without numpy's slow 64-bit division: with
    v = hi * 2**61 + lo and 2**61 = 1 (mod 2**61 - 1), v = hi + lo (mod p), and
    hi + lo <= 7 + p, so one subtraction of p at most completes the reduction."""
    high = values >> _SHIFT
    values &= _PRIME
    values += high
    np.subtract(values, _PRIME, out=values, where=values >= _PRIME)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(SEED)
    a = rng.randint(1, int(_PRIME), NUM_PERM, dtype=np.uint64)
    b = rng.randint(0, int(_PRIME), NUM_PERM, dtype=np.uint64)
    return a, b


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a.values == b.values)) / NUM_PERM


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller text's shingles found in the larger one.

    From J = |A∩B| / |A∪B| and the set sizes: |A∩B| = J(|A|+|B|) / (1+J).
    """
    j = jaccard(a, b)
    small = min(a.shingles, b.shingles)
    if small == 0:
        return 0.0
    return min(1.0, j * (a.shingles + b.shingles) / ((1 + j) * small))
