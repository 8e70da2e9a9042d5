"""Text folding shared by every hash and signature of article text.

Content hashes (exact duplicates), paragraph hashes (learned boilerplate), MinHash shingles
(near duplicates) and the cleaner's paragraph comparisons all fold text the same way, so
two texts that differ only in case, punctuation, spacing or Unicode presentation forms
compare equal everywhere. Changing ``fold`` changes every stored ``content_hash`` and
paragraph hash: tests/pipeline/test_text.py pins its output.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case words only (NFKC-normalised, joined by single spaces).

    Args:
        text: any text.

    Returns:
        The folded form used to hash and compare text.
    """
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).lower()))


def ascii_word_count(text: str, folded: str) -> int | None:
    """The ``\\w+`` runs of ``text`` read off ``folded`` (its ``fold``) when the text is
    ASCII: NFKC leaves ASCII as it is and ``lower`` keeps every word character one, so the
    fold holds those runs one space apart. None for other text (search it)."""
    if not text.isascii():
        return None
    return folded.count(" ") + 1 if folded else 0
