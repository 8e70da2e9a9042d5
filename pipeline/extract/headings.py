"""Section headings trafilatura drops between two paragraphs it keeps.

On some templates trafilatura's extraction keeps a story's paragraphs and leaves out the
``<h2>``/``<h3>`` between them (blind pages, tuning sets: a German daily's and a Chinese
portal's subheadings, where the same markup inside ``<article>`` keeps them). A heading
whose neighbours (the paragraph before it and the one after it in the page) come out as
two consecutive lines of the text sat inside the story: it is put back between them, and
the cleaner judges it like any line.
"""

from __future__ import annotations

from typing import Any

from pipeline.text import fold

_HEADINGS = ("h2", "h3", "h4")
# A heading is a few words; a longer block in a heading tag is a teaser or a standfirst.
_MAX_WORDS = 16


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


def _neighbour(node: Any, forward: bool) -> Any:
    """The nearest ``p`` sibling before or after ``node`` with text, skipping empty ones."""
    siblings = node.itersiblings(preceding=not forward)
    for sib in siblings:
        if not isinstance(sib.tag, str):
            continue
        if sib.tag != "p":
            return None
        if _text(sib):
            return sib
    return None


def heading_slots(tree: Any) -> list[tuple[str, str, str]]:
    """(fold of the paragraph above, heading text, fold of the paragraph below) for each
    heading set between two paragraphs of one container; read before trafilatura
    consumes the tree."""
    slots = []
    for node in tree.iter(*_HEADINGS):
        text = _text(node)
        if not text or len(text.split()) > _MAX_WORDS:
            continue
        above, below = _neighbour(node, False), _neighbour(node, True)
        if above is None or below is None:
            continue
        slots.append((fold(_text(above)), text, fold(_text(below))))
    return slots


def restore_headings(lines: list[str], folds: list[str],
                     slots: list[tuple[str, str, str]]) -> tuple[list[str], list[str]]:
    """The lines with each missing heading put back between its two neighbours."""
    if not slots:
        return lines, folds
    at = {(a, b): text for a, text, b in slots if a and b}
    out, out_folds = [], []
    for k, (line, folded) in enumerate(zip(lines, folds, strict=True)):
        out.append(line)
        out_folds.append(folded)
        if k + 1 < len(lines) and (text := at.get((folded, folds[k + 1]))) is not None:
            out.append(text)
            out_folds.append(fold(text))
    return out, out_folds
