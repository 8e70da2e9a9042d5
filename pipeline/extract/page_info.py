"""The page metadata rcwire uses, read with trafilatura's own readers.

``trafilatura.metadata.extract_metadata`` also reads categories, tags and the licence,
which rcwire never stores: on real pages those two readers cost 4 ms of a 25 ms
extraction. ``page_info`` runs the same readers in the same order for the fields rcwire
keeps (title, author, description, site name, date), so their values are the same
(``tests/pipeline/extract/test_page_info.py`` compares them with ``extract_metadata``).
"""

from __future__ import annotations

import json
import logging
import re
from html import unescape
from typing import Any

from htmldate import find_date
from lxml.etree import XPath
from trafilatura.json_metadata import (
    JSON_UNICODE_REPLACE,
    extract_json,
    extract_json_parse_error,
)
from trafilatura.metadata import (
    JSON_MINIFY,
    META_URL,
    examine_meta,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import HTML_STRIP_TAGS, trim

from pipeline.extract.authors import extract_author

log = logging.getLogger(__name__)


def page_info(tree: Any, default_url: str, *, with_date: bool = True,
              marked: list[Any] | None = None) -> Any:
    """Title, author, description, site name and date of a parsed page.

    Args:
        tree: the page as trafilatura's ``load_html`` parsed it (not pruned).
        default_url: the URL the page came from.
        with_date: search the date with htmldate (off: ``date`` stays None; the
            extractor skips it when the page's metadata gave a date with an offset,
            which always wins over htmldate's).
        marked: ``authors.marked(tree)``, when the caller has it.

    Returns:
        A ``trafilatura.settings.Document`` with those fields (and ``url``) set.
    """
    info = examine_meta(tree)
    if info.author and " " not in info.author:
        info.author = None  # a single word is a handle or a site, not a byline
    try:
        info = meta_json(tree, info)
    except Exception as exc:  # trafilatura's JSON-LD reader has bugs of its own
        log.debug("JSON-LD metadata unreadable: %s", exc)
    info.title = info.title or extract_title(tree)
    info.author = info.author or extract_author(tree, marked)
    info.url = info.url or extract_url(tree, default_url)
    # Only the quick search: extract.py tries page metadata, the dateline and the feed first.
    if with_date:
        info.date = find_date(tree, url=info.url, extensive_search=False, original_date=True)
    info.sitename = info.sitename or extract_sitename(tree)
    if info.sitename:
        info.sitename = info.sitename.lstrip("@")
        if info.sitename and "." not in info.sitename and not info.sitename[0].isupper():
            info.sitename = info.sitename.title()
    elif info.url and (found := META_URL.match(info.url)):
        info.sitename = found[1]
    info.clean_and_trim()  # entities, spacing and length, as extract_metadata leaves them
    return info


# The scripts trafilatura's reader reads, compiled once (``xpath()`` with a string
# compiles it at every call).
_JSON_SCRIPTS = XPath('.//script[@type="application/ld+json" or '
                      '@type="application/settings+json"]')
# UTF-16 surrogates, which trafilatura's JSON reader drops one character at a time.
_SURROGATE = re.compile("[\ud800-\udfff]")
# The string branch of trafilatura's ``JSON_MINIFY`` (``("...")|\s``), as a split.
_JSON_STRING = re.compile(JSON_MINIFY.pattern.rsplit("|", 1)[0])


def meta_json(tree: Any, info: Any) -> Any:
    """``trafilatura.metadata.extract_meta_json`` (2.3.1), step for step, but with
    ``minify_json`` and ``normalize_json_text`` for its regex substitution and
    ``normalize_json`` on each whole JSON-LD script: the same text, without a Python call
    per JSON token and per character (0.3-0.6 ms a bigsite page)."""
    for elem in _JSON_SCRIPTS(tree):
        if not elem.text:
            continue
        element_text = normalize_json_text(minify_json(elem.text))
        try:
            schema = json.loads(element_text, strict=False)
            info = extract_json(schema, info)
        except json.JSONDecodeError:
            info = extract_json_parse_error(element_text, info)
    return info


def minify_json(text: str) -> str:
    r"""``JSON_MINIFY.sub(r"\1", text)``: whitespace outside JSON strings dropped. The
    substitution expands its template in Python for each string and each space; split on
    the strings instead, which the scan finds at the same places (it tries a string first
    at each position, and a lone space consumed is a position passed), and the spaces
    between them dropped with ``str.split`` (the same whitespace as ``\s``)."""
    parts = _JSON_STRING.split(text)
    parts[::2] = ["".join(between.split()) for between in parts[::2]]
    return "".join(parts)


def normalize_json_text(string: str) -> str:
    """``trafilatura.json_metadata.normalize_json`` with its per-character generator that
    drops surrogates (a Python step per character of a script's text) as one regex."""
    if "\\" in string:
        string = string.replace("\\n", "").replace("\\r", "").replace("\\t", "")
        string = JSON_UNICODE_REPLACE.sub(lambda match: chr(int(match[1], 16)), string)
        string = _SURROGATE.sub("", string)
        string = unescape(string)
    return str(trim(HTML_STRIP_TAGS.sub("", string)))
