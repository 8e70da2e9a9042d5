"""Boilerplate learned per source: paragraphs one source repeats across its articles."""

from __future__ import annotations

import hashlib

# A paragraph seen in this many distinct articles of one source is that source's furniture.
MIN_ARTICLES = 3


def paragraph_hash(folded: str) -> str:
    """Short stable hash of a folded paragraph."""
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest()
