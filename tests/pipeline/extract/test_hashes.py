"""The article's hashes, made from the cleaner's folded paragraphs, equal the hashes of
the stored text folded whole (``content_hash``, ``paragraph_hash``)."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.clean.learned import paragraph_hash
from pipeline.extract.article import content_hash, extract_article
from pipeline.records import FeedEntry, Page
from pipeline.text import fold

# Greek words ending in a capital sigma (lower() writes a final sigma by context), a
# paragraph opening with a combining accent (NFKC composes it with what comes before),
# full-width letters and a ligature (NFKC rewrites them), a paragraph of punctuation only.
PARAGRAPHS = [
    "ΟΔΥΣΣΕΥΣ ΚΑΙ ΠΗΝΕΛΟΠΗ ΣΤΟ ΝΗΣΙ ΤΗΣ ΙΘΑΚΗΣ, a long first paragraph of the story "
    "with enough words in it to count as the article's body text for the cleaner.",
    "\u0301Accents first: the second paragraph opens with a combining mark and goes on "
    "for a while about the talks between the two delegations in the capital.",
    "Ｆｕｌｌ-width Ｌｅｔｔｅｒｓ and the ﬁ ligature appear in this third paragraph, "
    "which also runs long enough to be kept as part of the article text.",
    "— — —",
    "The last paragraph closes the article with one more sentence about the meeting and "
    "what both sides said they would do next month in their statements to the press.",
]


def test_hashes_equal_the_text_folded_whole() -> None:
    html = ("<html><head><title>Talks</title></head><body><article><h1>Talks</h1>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>")
    url = "https://news.example/a/1"
    page = Page(FeedEntry("s", "https://news.example/rss", url, url), url, 200, "text/html",
                html, datetime(2026, 12, 1, tzinfo=UTC))
    article = extract_article(page)
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) >= 4 and "— — —" in paragraphs  # every case reached the hashes
    assert article.content_hash == content_hash(article.text)
    assert article.body_hashes == tuple(paragraph_hash(fold(p)) for p in paragraphs)
