"""Readers' comments in plain text: the comment between its writer's line and the reply
button under it.

A scraped comment thread prints each comment as three lines: the writer and the time
("Anna K. says: 3 June 2025 at 21:14", in any language), the comment, and a reply button.
The rules know the first and the last by their wording; the comment itself is prose like
the article's. Only after the story (the last two fifths of the page) and only once the
page has shown two comment lines before it.
"""

from __future__ import annotations

from pipeline.clean.furniture import Labelled

# A reader's comment runs to a paragraph or two; anything longer is the article's.
_COMMENT_WORDS = 200


def label_comment_bodies(state: Labelled) -> None:
    """Label each free paragraph that sits between a comment line and a labelled line."""
    start = max(1, len(state.p) * 3 // 5)
    seen = state.labels[:start].count("comment_form")
    for i in range(start, len(state.p) - 1):
        if (seen >= 2 and state.free(i) and state.labels[i - 1] == "comment_form"
                and state.labels[i + 1] is not None and state.words[i] <= _COMMENT_WORDS):
            state.labels[i] = "comment_form"
        seen += state.labels[i] == "comment_form"
