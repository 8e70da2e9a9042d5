"""trafilatura's ``bare_extraction`` for the options rcwire extracts with, on a tree it
may consume, with one step asked less often.

``bare_extraction`` copies a tree it is handed (0.3 ms a Readability page: the whole
page), so that the caller's stays as it was; ``extract_article`` never reads its pruned
tree again, so the copy is work thrown away. ``extract_body`` runs what ``bare_extraction``
(trafilatura 2.3.1) runs for these options, stage for stage, on the tree itself: the same
stages of ``trafilatura_sequence`` on a tree equal to the copy, the same size checks and
the same text. The options are built once and copied per page with its URL (building
them reads the configuration: 40 us).

The one difference is trafilatura's recall escalation (stage 4 of
``trafilatura_sequence``): when its extraction is under 3,000 characters and a fifth of
the page's text, it extracts again in recall mode and with justext, and takes a candidate
two or 1.5 times longer. That rescues a fragment (a live blog's 100-word intro, its posts
missed), but it also replaces a whole wire story of 400 words on a portal page, whose
stream of other stories' summaries outweighs it, by the story plus the stream: justext
keeps every paragraph of prose it sees. rcwire asks for the escalation only when the first
find is under ``FRAGMENT_CHARS`` (half of trafilatura's bound); above it the first find is
an article's length, and what the escalation adds is the page around it (docs/quality.md,
"Session 23: trafilatura's recall escalation on a portal page"). With
``fragment_chars=ESCALATION_MAX_LENGTH`` the result is ``bare_extraction``'s
(``tests/pipeline/extract/test_body.py``).
"""

from __future__ import annotations

import logging
from copy import copy
from typing import Any

from lxml.etree import strip_tags
from trafilatura.baseline import baseline, html2txt
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_JUSTEXT_RATIO,
    ESCALATION_MAX_LENGTH,
    ESCALATION_PAGE_SHARE,
    _extract_and_compare,
    _forum_thread_page,
    _prepare_tree,
    _recall_retry,
)
from trafilatura.external import justext_rescue
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.settings import Document, Extractor
from trafilatura.xml import xmltotxt
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

log = logging.getLogger(__name__)

# ``bare_extraction(tree, url=url, with_metadata=False, include_comments=False,
# include_tables=True, deduplicate=False)``'s options, less the URL.
_OPTIONS = Extractor(output_format="python", comments=False, tables=True, dedup=False)

# A first find of this many characters or more is not escalated: about 250 words of
# English, a news brief's length (trafilatura escalates under ESCALATION_MAX_LENGTH).
FRAGMENT_CHARS = ESCALATION_MAX_LENGTH // 2


def extract_body(tree: Any, url: str | None, *,
                 fragment_chars: int = FRAGMENT_CHARS, rescue: bool = True) -> Any:
    """``trafilatura.bare_extraction(tree, url=url, with_metadata=False,
    include_comments=False, include_tables=True, deduplicate=False)``, with ``tree``
    changed in place (pruned and cleaned by trafilatura): the caller must not read it
    again. The recall escalation runs only on a first find under ``fragment_chars``;
    without ``rescue`` neither it nor the baseline runs (the caller framed the story, and
    a short one is all there is: those would add the page around it).

    Returns:
        A ``trafilatura.settings.Document`` with ``text``, ``raw_text`` and ``body`` set,
        or None when trafilatura discards the page.
    """
    options = copy(_OPTIONS)
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    try:
        postbody, temp_text = _sequence(tree, options, url, fragment_chars, rescue)
        if options.max_tree_size:
            if len(postbody) > options.max_tree_size:
                strip_tags(postbody, "hi")
            if len(postbody) > options.max_tree_size:
                return None
        # With comments off their text is empty: bare_extraction's "and the comments are
        # under min_output_comm_size" holds whenever that minimum is above zero.
        if len(temp_text) < options.min_output_size and options.min_output_comm_size > 0:
            return None
    except (TypeError, ValueError):
        return None
    document = Document()
    document.text = xmltotxt(postbody, options.formatting)
    document.raw_text = document.text
    document.body = postbody
    return document


def _sequence(tree: Any, options: Extractor, url: str | None,
              fragment_chars: int, rescue: bool) -> tuple[Any, str]:
    """``trafilatura.core.trafilatura_sequence`` for rcwire's options (comments off, the
    balanced focus): the same stages in the same order, its comment capture and forum
    salvage left out (they need comments on), the escalation gated by ``fragment_chars``,
    the baseline and the escalation both by ``rescue``. Returns the body and its text."""
    is_forum = _forum_thread_page(tree)
    tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH)
    if not is_forum:
        tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)
    cleaned_tree, cleaned_tree_backup = _prepare_tree(tree, options, url)
    # 1-2: the main extractor, then the comparison with readability and justext.
    postbody, temp_text = _extract_and_compare(cleaned_tree, cleaned_tree_backup, tree, options)
    # 3: the baseline on the original tree, taken only when it adds text.
    if rescue and len(temp_text) < options.min_extracted_size:
        b_body, b_text, b_len = baseline(tree)
        if b_len > len(temp_text):
            postbody, temp_text = b_body, b_text
    # 4: the recall escalation, for a fragment only (see the module's docstring).
    if (rescue and 0 < len(temp_text) < min(fragment_chars, ESCALATION_MAX_LENGTH)
            and len(temp_text) < ESCALATION_PAGE_SHARE * len(html2txt(tree))):
        r_options = copy(options)
        r_options.focus = "recall"
        r_text = j_text = ""
        try:
            r_body, r_text = _recall_retry(tree, r_options, url)
        except Exception as err:  # trafilatura's own guard: a failed retry is no result
            log.warning("recall retry failed: %s %s", err, url)
        if not options.fast:
            try:
                j_body, j_text = justext_rescue(copy(tree), options)
            except Exception as err:  # as above
                log.warning("justext candidate failed: %s %s", err, url)
        len_text, r_len, j_len = len(temp_text), len(r_text), len(j_text)
        if j_len > r_len and j_len > ESCALATION_JUSTEXT_RATIO * len_text:
            postbody, temp_text = j_body, j_text
        elif r_len >= options.min_extracted_size and r_len > ESCALATION_ACCEPT_RATIO * len_text:
            postbody, temp_text = r_body, r_text
    return postbody, temp_text


def code_lines(doc: Any) -> frozenset[str]:
    """The lines (spacing squashed) of the extracted text's multi-line code blocks:
    trafilatura turns ``<pre>`` into ``<code>``, and those lines are content as printed."""
    found: set[str] = set()
    if doc is None or doc.body is None:
        return frozenset()
    for node in doc.body.iter("code"):
        text = "".join(node.itertext())
        if "\n" in text.strip():
            found.update(" ".join(line.split()) for line in text.split("\n") if line.strip())
    return frozenset(found)
