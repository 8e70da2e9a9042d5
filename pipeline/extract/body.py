"""trafilatura's ``bare_extraction`` for the options rcwire extracts with, on a tree it
may consume.

``bare_extraction`` copies a tree it is handed (0.3 ms a Readability page: the whole
page), so that the caller's stays as it was; ``extract_article`` never reads its pruned
tree again, so the copy is work thrown away. ``extract_body`` runs what ``bare_extraction``
(trafilatura 2.3.1) runs for these options, step for step, on the tree itself: the same
``trafilatura_sequence`` on a tree equal to the copy, the same size checks and the same
text. The options are built once and copied per page with its URL (building them reads
the configuration: 40 us). ``tests/pipeline/extract/test_body.py`` compares both on real
pages.
"""

from __future__ import annotations

from copy import copy
from typing import Any

from lxml.etree import strip_tags
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import Document, Extractor
from trafilatura.xml import xmltotxt

# ``bare_extraction(tree, url=url, with_metadata=False, include_comments=False,
# include_tables=True, deduplicate=False)``'s options, less the URL.
_OPTIONS = Extractor(output_format="python", comments=False, tables=True, dedup=False)


def extract_body(tree: Any, url: str | None) -> Any:
    """``trafilatura.bare_extraction(tree, url=url, with_metadata=False,
    include_comments=False, include_tables=True, deduplicate=False)``, with ``tree``
    changed in place (pruned and cleaned by trafilatura): the caller must not read it
    again.

    Returns:
        A ``trafilatura.settings.Document`` with ``text``, ``raw_text`` and ``body`` set,
        or None when trafilatura discards the page.
    """
    options = copy(_OPTIONS)
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    try:
        postbody, temp_text, _, temp_comments = trafilatura_sequence(tree, options, url)
        if options.max_tree_size:
            if len(postbody) > options.max_tree_size:
                strip_tags(postbody, "hi")
            if len(postbody) > options.max_tree_size:
                return None
        if len(temp_text) < options.min_output_size and \
                len(temp_comments) < options.min_output_comm_size:
            return None
    except (TypeError, ValueError):
        return None
    document = Document()
    document.text = xmltotxt(postbody, options.formatting)
    document.raw_text = document.text
    document.body = postbody
    return document
