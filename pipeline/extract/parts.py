"""A story split into sibling containers: the parts trafilatura leaves out, put back.

Some CMSes close the body container before an ad slot or a box and open a second one
after it (``corpo-articolo`` then ``corpo-articolo box-extra``, ``article__body`` then
``article__body article__body--vervolg``, ``zhengwen`` twice). trafilatura reads the
first container its body paths find, and the other parts are lost (blind pages, tuning
sets 27 and 29). Joining the containers before extraction was tried and withdrawn: where
trafilatura had read the parts' parent, it then took the joined first part alone.

So the parts are read from the pruned tree before trafilatura consumes it, and after
extraction a part none of whose blocks came out is put back after the part before it
(or before the part after it), block by block; the cleaner judges its lines like any.
"""

from __future__ import annotations

from typing import Any

from pipeline.clean.nodetext import SENTENCE_END, squashed_text, text_of
from pipeline.languages import count_words
from pipeline.text import fold

_BLOCKS = ("p", "h2", "h3", "h4")
# A part is prose: this many words in its paragraphs, at least two of them sentences, and
# few of its words in links (a box of teasers links each item).
_PART_WORDS = 40
_PART_LINK_SHARE = 0.1
# More parts than this are the sections of a long post or a feed's entries, each of which
# trafilatura reads on its own (a Readability tuning page of 13 sections: a part left out
# there was an author's note, not the story). A story cut by three boxes has four parts
# (blind pages, tuning set37).
_MOST_PARTS = 4
# Containers a story's parts come in; parts of one story may mix them (an ``article``
# then ``section``s continuing it).
_WRAPPERS = ("div", "section", "article")

# Each part's blocks (text) and their folds, in page order.
Part = tuple[list[str], list[str]]


def _prose(node: Any) -> bool:
    paragraphs = [squashed_text(p) for p in node.iter("p")]
    words = sum(count_words(p) for p in paragraphs)
    # Links in its paragraphs only: a "read also" box inside a part is no teaser list.
    linked = sum(count_words(squashed_text(a)) for p in node.iter("p") for a in p.iter("a"))
    return words >= _PART_WORDS and linked <= _PART_LINK_SHARE * words and \
        sum(1 for p in paragraphs if SENTENCE_END.search(p)) >= 2


def story_parts(tree: Any) -> list[Part]:
    """The parts of the story when its container (or the wrapper holding it alone) has
    siblings sharing a class word with it that are prose; [] otherwise (most pages)."""
    # The text of each container's own paragraphs (characters: the container with the
    # most is the same by words), in one pass over the paragraphs.
    held: dict[Any, int] = {}
    for p in tree.iter("p"):
        up = p.getparent()
        if up is not None and up.tag in ("div", "section"):
            held[up] = held.get(up, 0) + len(text_of(p))
    best = max(held, key=held.__getitem__) if held else None
    nodes = _siblings(best) if best is not None else []
    if len(nodes) < 2 and best is not None and (wrapper := best.getparent()) is not None \
            and wrapper.tag in _WRAPPERS and _only_prose_of(wrapper, best):
        # The container alone in a wrapper of its own, and the wrappers are the parts
        # (``article.paywalled`` > chunk, then ``section.paywalled`` > chunk: blind pages,
        # tuning set37).
        nodes = _siblings(wrapper, mixed=True)
    if len(nodes) < 2 and best is not None:
        nodes = _cousins(best)
    if not 2 <= len(nodes) <= _MOST_PARTS:
        return []
    parts = []
    for node in nodes:
        blocks = [t for b in node.iter(*_BLOCKS) if (t := squashed_text(b))]
        parts.append((blocks, [fold(b) for b in blocks]))
    return parts


def _siblings(best: Any, mixed: bool = False) -> list[Any]:
    """``best`` and its siblings of its tag (``mixed``: of any container tag) sharing a
    class word with it that are prose, in page order; [] when ``best`` has no class."""
    parent = best.getparent()
    if parent is None or not best.get("class"):
        return []
    classes = set(best.get("class", "").split())
    same = _WRAPPERS if mixed else (best.tag,)
    return [n for n in parent if n is best or (
        n.tag in same and classes & set((n.get("class") or "").split()) and _prose(n))]


def _cousins(best: Any) -> list[Any]:
    """``best`` and its cousins (children of its parent's siblings) of its tag sharing a
    class word with it that are prose, in page order: the story's cells, one per row, of
    a layout table the layout pass turned into ``div``s. An old portal set an interview's
    second half in a ``td.bodytext`` of its own, below a photo's row and an ad's (blind
    pages, tuning set131)."""
    parent = best.getparent()
    grand = parent.getparent() if parent is not None else None
    if grand is None or not best.get("class"):
        return []
    classes = set(best.get("class", "").split())
    return [n for row in grand for n in row if n is best or (
        n.tag == best.tag and classes & set((n.get("class") or "").split()) and _prose(n))]


def _only_prose_of(wrapper: Any, inner: Any) -> bool:
    """Whether ``wrapper``'s paragraphs are all ``inner``'s."""
    return all(inner in p.iterancestors() for p in wrapper.iter("p"))


def restore_parts(lines: list[str], folds: list[str],
                  parts: list[Part]) -> tuple[list[str], list[str]]:
    """The lines with each part none of whose blocks came out put back next to a
    neighbouring part that did."""
    if not parts:
        return lines, folds
    at = {f: k for k, f in enumerate(folds) if f}
    placed = [[at[f] for f in part_folds if f in at] for _, part_folds in parts]
    inserts: list[tuple[int, Part]] = []
    for k, part in enumerate(parts):
        if placed[k] or not part[0]:
            continue
        before = next((max(placed[j]) + 1 for j in range(k - 1, -1, -1) if placed[j]), None)
        after = next((min(placed[j]) for j in range(k + 1, len(parts)) if placed[j]), None)
        where = before if before is not None else after
        if where is not None:
            inserts.append((where, part))
    for where, (blocks, block_folds) in sorted(inserts, key=lambda x: -x[0]):
        lines = lines[:where] + blocks + lines[where:]
        folds = folds[:where] + block_folds + folds[where:]
    return lines, folds
