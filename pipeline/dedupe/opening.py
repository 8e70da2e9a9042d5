"""How a clean text begins, for the excerpt layer (``layers``): its folded tokens and the
keys of its first 20, 25, 32, ... tokens. Made in the extraction workers, beside the
MinHash signature, so the single decide step only compares them."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from pipeline.text import fold

# Opening lengths (folded tokens) whose keys are compared for excerpts; each step is about
# 1.25 times the one before, so a teaser that is wholly the opening of a text shares a
# step covering at least 0.78 of its tokens. Stored keys depend on these: changing them
# means recomputing ``article_openings``.
OPENING_LADDER = (20, 25, 32, 40, 50, 63, 80, 100, 125, 160, 200, 250, 320, 400)
# Share of the shorter text's tokens the shared opening must cover to make an excerpt.
EXCERPT_COVERAGE = 0.75
# An excerpt is at most this share of the longer text; copies of about the same length
# that open alike are left to the near layer (re-templated or lightly edited copies).
EXCERPT_MAX_SHARE = 0.7
# A last paragraph this short is a link line ("Read the full story at ..."), not text.
_LINK_LINE_TOKENS = 15
# Chinese is written without spaces: each character is a token.
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class Opening:
    """How a text begins: its token count and the keys of its first n tokens, n on
    ``OPENING_LADDER`` (none for a text shorter than the first step)."""

    tokens: int
    ladder: tuple[int, ...]

    @property
    def key(self) -> int | None:
        """The first-step key that stored openings are joined on."""
        return self.ladder[0] if self.ladder else None


def opening(text: str) -> Opening:
    """The opening of a clean text, a trailing link line left out."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) > 1 and len(_TOKEN.findall(fold(paragraphs[-1]))) <= _LINK_LINE_TOKENS:
        paragraphs = paragraphs[:-1]
    tokens = _TOKEN.findall(fold(" ".join(paragraphs)))
    return Opening(len(tokens), tuple(_key(tokens[:n]) for n in OPENING_LADDER
                                      if n <= len(tokens)))


def opening_of(row: dict[str, Any]) -> Opening:
    """A staged row's opening: the one its extraction worker made, else made now from
    its text (rows staged without one: quarantine releases, older run folders)."""
    if row.get("opening_tokens") is not None:
        return Opening(int(row["opening_tokens"]), tuple(row.get("opening_ladder") or ()))
    return opening(row["text"])


def _key(tokens: list[str]) -> int:
    digest = hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def excerpt_coverage(a: Opening, b: Opening) -> float:
    """Share of the shorter text's tokens that open both texts alike (0: none, or the two
    are of about the same length)."""
    shared = 0
    for x, y in zip(a.ladder, b.ladder, strict=False):
        if x != y:
            break
        shared += 1
    shorter, longer = sorted((a.tokens, b.tokens))
    if not shared or shorter > EXCERPT_MAX_SHARE * longer:
        return 0.0
    return min(1.0, OPENING_LADDER[shared - 1] / shorter)
