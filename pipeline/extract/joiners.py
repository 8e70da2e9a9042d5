"""Zero-width joiners kept through extraction.

trafilatura drops every character ``str.isprintable`` refuses, among them the zero-width
non-joiner (U+200C) and joiner (U+200D). Persian writes the non-joiner inside words
("بین‌المللی", "می‌شود"), Indic scripts need both, and without them the stored text spells
the words wrong (blind pages, tuning set87: two Persian pages lost a third of their
shingles to it, trafilatura alone as much). A page holding them is extracted with each
replaced by a printable character no page's text carries (the object replacement
character, a Cornish verse divider), and the article's text fields get them back.
Both stand where the joiner stood for every pass: neither is a word character, as the
joiners are not.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.records import Article

_STANDINS = {"\u200c": "\ufffc", "\u200d": "\u2e4f"}


def protect(html: str) -> tuple[str, dict[str, str]]:
    """``html`` with its joiners replaced by their stand-ins, and the stand-ins used (a
    page that holds a stand-in already keeps that joiner as it is: it would not come
    back alone)."""
    used = {stand: joiner for joiner, stand in _STANDINS.items()
            if joiner in html and stand not in html}
    for stand, joiner in used.items():
        html = html.replace(joiner, stand)
    return html, used


def restore(article: Article, used: dict[str, str]) -> Article:
    """``article`` with the stand-ins ``protect`` used turned back into joiners."""
    def back(text: str) -> str:
        for stand, joiner in used.items():
            text = text.replace(stand, joiner)
        return text
    return replace(article, title=back(article.title), text=back(article.text),
                   author=article.author and back(article.author),
                   description=article.description and back(article.description),
                   removed=tuple((kind, back(text)) for kind, text in article.removed))
