"""The page metadata rcwire uses, read with trafilatura's own readers.

``trafilatura.metadata.extract_metadata`` also reads categories, tags and the licence,
which rcwire never stores: on real pages those two readers cost 4 ms of a 25 ms
extraction. ``page_info`` runs the same readers in the same order for the fields rcwire
keeps (title, author, description, site name, date), so their values are the same
(``tests/pipeline/extract/test_page_info.py`` compares them with ``extract_metadata``).
"""

from __future__ import annotations

import logging
from typing import Any

from htmldate import find_date
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)

from pipeline.extract.authors import extract_author

log = logging.getLogger(__name__)


def page_info(tree: Any, default_url: str, *, with_date: bool = True) -> Any:
    """Title, author, description, site name and date of a parsed page.

    Args:
        tree: the page as trafilatura's ``load_html`` parsed it (not pruned).
        default_url: the URL the page came from.
        with_date: search the date with htmldate (off: ``date`` stays None; the
            extractor skips it when the page's metadata gave a date with an offset,
            which always wins over htmldate's).

    Returns:
        A ``trafilatura.settings.Document`` with those fields (and ``url``) set.
    """
    info = examine_meta(tree)
    if info.author and " " not in info.author:
        info.author = None  # a single word is a handle or a site, not a byline
    try:
        info = extract_meta_json(tree, info)
    except Exception as exc:  # trafilatura's JSON-LD reader has bugs of its own
        log.debug("JSON-LD metadata unreadable: %s", exc)
    info.title = info.title or extract_title(tree)
    info.author = info.author or extract_author(tree)
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
