"""Synthetic stored articles for benchmarks/growth.py: corpus-like texts, signed fast.

Texts draw words with the frequencies of the labelled corpus (tests/fixtures/corpus) in
sentences and paragraphs; history texts are made of a pool of paragraphs whose shingle
hashes and MinHash values are computed once, so a million signatures take minutes (the
results equal ``pipeline.dedupe.signature.signature``; growth.py checks samples).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean.learned import paragraph_hash  # noqa: E402
from pipeline.dedupe import signature as sg  # noqa: E402
from pipeline.extract.article import article_id  # noqa: E402
from pipeline.records import Article  # noqa: E402
from pipeline.text import fold  # noqa: E402
from pipeline.urls import url_key  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "syndication" / "items.jsonl"
SOURCES = 50
PER_DAY = 1500
REMOVED = (("newsletter_promo", "Sign up for our morning briefing on Eurasia."),
           ("related_posts", "Read more: the week in Russia-China relations"))
AUTHORS = ("Anna Petrova", "Li Wei", "James Ortega", "Mei Chen", "Ivan Sokolov", None)


@cache
def vocabulary() -> tuple[np.ndarray, np.ndarray, list[str], list[int]]:
    """Words of the labelled corpus and their cumulative counts (as arrays and lists)."""
    counts: dict[str, int] = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        for word in re.findall(r"[A-Za-z]+", json.loads(line)["text"]):
            counts[word] = counts.get(word, 0) + 1
    words = sorted(counts)
    cum = np.cumsum([counts[w] for w in words])
    return np.array(words), cum, words, cum.tolist()


def draw(rnd: random.Random, n: int) -> list[str]:
    """``n`` words with the corpus's frequencies."""
    vocab, cum, words, cum_list = vocabulary()
    if n < 64:  # a generator costs more than a few picks
        return rnd.choices(words, cum_weights=cum_list, k=n)
    picks = np.random.default_rng(rnd.getrandbits(64)).random(n) * cum[-1]
    return list(vocab[np.searchsorted(cum, picks, side="right")].tolist())


def sentences(rnd: random.Random, words: list[str]) -> str:
    """Words as sentences of 8-24 words."""
    out, i = list(words), 0
    while i < len(out):
        out[i] = out[i][:1].upper() + out[i][1:]
        i += rnd.randint(8, 24)
        out[min(i, len(out)) - 1] += "."
    return " ".join(out)


def body(rnd: random.Random, n: int) -> list[str]:
    """``n`` words in paragraphs of 45-110 words (long enough to pass as prose)."""
    words, paras, pos = draw(rnd, n), [], 0
    while pos < n:
        size = rnd.randint(45, 110)
        size = n - pos if n - pos - size < 45 else size
        paras.append(sentences(rnd, words[pos:pos + size]))
        pos += size
    return paras


def synthetic(i: int, fetched: datetime, paragraphs: list[str] | None = None, *,
              source: int | None = None, url: str | None = None, guid: str | None = None,
              folded: list[str] | None = None) -> Article:
    """Article number ``i`` as a worker stages it, not yet signed."""
    rnd = random.Random(i)
    title = sentences(rnd, draw(rnd, rnd.randint(6, 12)))[:-1]
    paras = paragraphs if paragraphs is not None else body(rnd, rnd.randint(400, 800))
    folded = folded or [fold(p) for p in paras]
    s = i % SOURCES if source is None else source
    slug = "-".join(fold(title).split()[:5])
    url = url or f"https://www.outlet{s:02d}.example/{fetched:%Y/%m/%d}/{slug}-{i}"
    text = "\n\n".join(paras)
    return Article(
        article_id=article_id(url), url=url, canonical_url=url, source=f"outlet{s:02d}",
        source_domain=f"www.outlet{s:02d}.example",
        feed_url=f"https://www.outlet{s:02d}.example/rss", entry_key=url_key(url),
        guid=guid or f"urn:outlet{s:02d}:{i}", title=title, author=rnd.choice(AUTHORS),
        published_at=fetched - timedelta(minutes=rnd.randint(5, 360)),
        published_signal="meta", fetched_at=fetched, language="en",
        description=paras[0].split(". ")[0], text=text, word_count=len(text.split()),
        # content_hash(text) without folding the text again (checked on samples)
        content_hash=hashlib.sha256(" ".join(folded).encode("utf-8")).hexdigest(),
        removed=REMOVED, relevance_score=round(rnd.uniform(0.5, 1.0), 3),
        body_hashes=tuple(paragraph_hash(f) for f in folded))


def signed(art: Article, sig: sg.Signature | None = None) -> Article:
    """The article with its signature (made by ``signature()`` unless given)."""
    sig = sig or sg.signature(art.text)
    return replace(art, minhash=sig.to_bytes(), shingles=sig.shingles)


def shingles(tokens: list[str]) -> set[str]:
    """The 4-word shingles of ``signature()`` (of a text of 4 words or more)."""
    return {" ".join(tokens[k:k + sg.SHINGLE]) for k in range(len(tokens) - sg.SHINGLE + 1)}


def gram_hashes(grams: set[str]) -> np.ndarray:
    """The hashes ``signature()`` gives shingles."""
    digests = b"".join([hashlib.sha1(g.encode("utf-8")).digest()[:4] for g in grams])
    return np.frombuffer(digests, dtype="<u4").astype(np.uint64)


def min_hash(hashes: np.ndarray) -> np.ndarray:
    """``signature()``'s MinHash values of a set of shingle hashes (mod 2**61-1 by shifts)."""
    a, b = sg._permutations()
    x = hashes.reshape(-1, 1) * a
    x += b
    x = (x & sg._PRIME) + (x >> np.uint64(61))
    x[x >= sg._PRIME] -= sg._PRIME
    return (x & sg._MAX32).min(axis=0).astype(np.uint32)


@cache
def paragraph_pool(size: int) -> tuple[list[str], list[str], list[np.ndarray], np.ndarray]:
    """Paragraphs history texts are made of: text, folded text, shingle hashes, MinHash."""
    rnd = random.Random(-1)
    texts = [sentences(rnd, draw(rnd, rnd.randint(45, 110))) for _ in range(size)]
    folded = [fold(t) for t in texts]
    hashes = [gram_hashes(shingles(f.split())) for f in folded]
    return texts, folded, hashes, np.array([min_hash(h) for h in hashes])


def pooled(i: int, fetched: datetime, pool: int) -> Article:
    """A stored article: pool paragraphs, each opened by 3 words of its own (so every text
    and paragraph is unique), signed from the pool's precomputed shingles."""
    rnd = random.Random(i)
    texts, folded, hashes, mins = paragraph_pool(pool)
    picks, words, want = [], 0, rnd.randint(400, 800)
    while words < want:
        picks.append(rnd.randrange(pool))
        words += len(hashes[picks[-1]]) + 6
    drawn = draw(rnd, 3 * len(picks))
    leads = [drawn[k:k + 3] for k in range(0, len(drawn), 3)]
    paras = [sentences(rnd, lead)[:-1] + " " + texts[k] for lead, k in zip(leads, picks,
                                                                          strict=True)]
    folds = [" ".join(lead).lower() + " " + folded[k] for lead, k in zip(leads, picks,
                                                                         strict=True)]
    art = synthetic(i, fetched, paras, folded=folds)
    tokens, starts = " ".join(folds).split(), np.cumsum([0] + [len(f.split()) for f in folds])
    # Shingles touching a paragraph's own words are new; the rest are the pool's.
    fresh = gram_hashes({g for k in starts[:-1] for g in shingles(tokens[max(0, k - 3):k + 6])})
    every = np.concatenate([hashes[k] for k in picks] + [fresh])
    if np.unique(every).size != every.size:  # a shingle twice: count them the slow way
        return signed(art)
    values = np.minimum.reduce([mins[k] for k in picks] + [min_hash(fresh)])
    return signed(art, sg.Signature(values, int(every.size)))
