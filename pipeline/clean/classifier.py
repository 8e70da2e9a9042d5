"""The learned paragraph classifier: logistic regression over ``features.page_rows``.

Inference is plain numpy over the weights of two files written by
``scripts/train_cleaner.py`` from tuning material only: ``config/paragraph_model.npz``
judges the paragraphs of pages (the labelled paragraphs of tests/fixtures/paragraphs, as
HTML and as text), ``config/paragraph_model_text.npz`` plain text (the same, plus the blind
articles of the tuning sets, which exist only as text). The model says how likely a
paragraph is boilerplate and why: the features that pushed its score up most. The
thresholds inside the files were chosen on the tuning part so that body paragraphs are
almost never removed (see docs/quality.md).
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from pipeline.clean.features import DENSE, HASH_BITS, Page, page_rows
from pipeline.clean.rules import CONFIG
from pipeline.text import fold

MODEL = CONFIG / "paragraph_model.npz"
# Plain text gets a model of its own: the whole scraped articles written blind (thousands of
# furniture blocks from hundreds of templates) teach it wording the pages lack, but they have
# no markup, and trained into the page model they moved what it removes from real pages
# (scripts/train_cleaner.py, docs/quality.md).
TEXT_MODEL = CONFIG / "paragraph_model_text.npz"


@dataclass(frozen=True)
class Model:
    """Weights of the classifier and the thresholds it removes at: ``threshold`` for
    paragraphs of a page (link shares known), ``threshold_text`` for plain text."""

    dense_w: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    hash_w: np.ndarray
    bias: float
    threshold: float
    threshold_text: float

    def save(self, path: Path) -> None:
        """Write the model (uncompressed npz, so retraining compares byte for byte)."""
        np.savez(path, dense_w=self.dense_w, mean=self.mean, scale=self.scale,
                 hash_w=self.hash_w, bias=np.array([self.bias]),
                 threshold=np.array([self.threshold]),
                 threshold_text=np.array([self.threshold_text]), names=np.array(DENSE),
                 hash_bits=np.array([HASH_BITS]))


@cache
def load_model(path: Path = MODEL) -> Model | None:
    """The committed model, or None when its features no longer match the code."""
    if not path.exists():
        return None
    with np.load(path) as data:
        if tuple(str(n) for n in data["names"]) != DENSE or int(data["hash_bits"][0]) != \
                HASH_BITS:
            return None
        return Model(dense_w=data["dense_w"], mean=data["mean"], scale=data["scale"],
                     hash_w=data["hash_w"], bias=float(data["bias"][0]),
                     threshold=float(data["threshold"][0]),
                     threshold_text=float(data["threshold_text"][0]))


def scores(model: Model, dense: np.ndarray, buckets: list[list[int]],
           weights: list[list[float]]) -> np.ndarray:
    """Logit of "boilerplate" per row."""
    z = ((dense - model.mean) / model.scale) @ model.dense_w + model.bias
    for i, (idx, val) in enumerate(zip(buckets, weights, strict=True)):
        if idx:
            z[i] += float(np.dot(model.hash_w[idx], val))
    return np.asarray(z)


def load_text_model() -> Model | None:
    """The committed plain-text model (its ``threshold_text`` applies)."""
    return load_model(TEXT_MODEL)


@dataclass(frozen=True)
class Scored:
    """One page's feature rows and the boilerplate probability of each paragraph."""

    probs: list[float]
    dense: np.ndarray
    buckets: list[list[int]]
    weights: list[list[float]]


def score_page(page: Page, model: Model, wanted: Sequence[bool] | None = None) -> Scored:
    """Probability that each paragraph of the page is boilerplate (0.0 for a paragraph
    not ``wanted``: only its neighbours read its features)."""
    if not page.paragraphs:
        return Scored([], np.zeros((0, len(DENSE))), [], [])
    dense, buckets, weights = page_rows(page, wanted)
    probs = 1.0 / (1.0 + np.exp(-scores(model, dense, buckets, weights)))
    return Scored([float(p) if wanted is None or wanted[i] else 0.0
                   for i, p in enumerate(probs)], dense, buckets, weights)


def explain(model: Model, scored: Scored, i: int, text: str, top: int = 3) -> str:
    """The features that raised paragraph ``i``'s boilerplate score most, as text."""
    parts = ((scored.dense[i] - model.mean) / model.scale) * model.dense_w
    # Only what raised the score is printed, and it sorts before everything else (the
    # weights are finite): the rest is not named, nor the n-grams outside the paragraph's
    # buckets (weight 0). The order is the sort key's alone, whatever the order named.
    named = [(value, name) for value, name in zip(parts.tolist(), DENSE, strict=True)
             if value > 0]
    words = fold(text).split()
    grams = {*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))}
    mine = dict(zip(scored.buckets[i], scored.weights[i], strict=True))
    mask = (1 << HASH_BITS) - 1
    # ``bucket`` of each gram, the CRCs taken through C-level maps (``hashed_ngrams``).
    for gram, crc in zip(grams, map(zlib.crc32, map(str.encode, grams)), strict=True):
        weight = mine.get(crc & mask)
        if weight is not None and (value := float(model.hash_w[crc & mask]) * weight) > 0:
            named.append((value, f"'{gram}'"))
    best = sorted(named, key=lambda x: (-x[0], x[1]))[:top]
    return ", ".join(f"{name} +{value:.2f}" for value, name in best)
