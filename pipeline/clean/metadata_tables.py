"""A table of the page's record data over the story, each label beside its value and
ending in a colon ("Issued by: | Ministry ... | Date: | 2024-10-23"): a government portal's
disclosure box (索引号, 发布机构, 成文日期), a repository's record. Its rows have no
sentence and no story's heading: flattened by trafilatura, they came out as table rows
at the top of the text (blind pages, tuning set65).

Only above the story's first paragraph: a story's own table of figures keeps its place,
whatever its cells end with."""

from __future__ import annotations

from typing import Any

from pipeline.clean.nodetext import BLOCKS, CELLS, own_rows, text_of
from pipeline.languages import count_words

# A label: a few words ending in a colon (Chinese counted two characters a word).
_COLONS = (":", "：")
_LABEL_WORDS = 4
_LABEL_CHARS = 30
# A paragraph this long opens the story: a table below it is the story's.
_STORY_PARAGRAPH_WORDS = 20
# Rows of labels and values: at least this many.
_ROWS = 2


def record_tables(tree: Any) -> list[Any]:
    """The tables above the story's first paragraph whose rows are all label and value
    pairs (see the module)."""
    found = []
    for node in tree.iter("p", "table"):
        if node.tag == "p":
            if count_words(text_of(node)) >= _STORY_PARAGRAPH_WORDS:
                break
        elif _is_record(node):
            found.append(node)
    return found


def _is_record(table: Any) -> bool:
    rows = own_rows(table)
    if len(rows) < _ROWS:
        return False
    for row in rows:
        cells = [c for c in row if c.tag in CELLS]
        if not cells or len(cells) % 2 or any(
                next(c.iterdescendants(*BLOCKS), None) is not None for c in cells):
            return False
        if not all(_is_label(text_of(c)) for c in cells[::2]):
            return False
    return True


def _is_label(text: str) -> bool:
    text = text.strip()
    return text.endswith(_COLONS) and count_words(text) <= _LABEL_WORDS and \
        len("".join(text.split())) <= _LABEL_CHARS
