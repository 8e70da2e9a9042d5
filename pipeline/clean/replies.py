"""The replies under a thread's opening post or a question, told by the subject each reply
carries ("Re: <the thread's subject>") or by the page's schema.org microdata (a
question's ``suggestedAnswer`` and ``acceptedAnswer``, a post's ``comment``).

A forum's thread page (phpBB, vBulletin, SMF and their kin) and a question-and-answer page
show the opening post or the question as the page's text and the replies under it, each in
a container of the same template as the opening post. When the opening post is not the
page's largest block, trafilatura takes the container of them all, and the replies read
like the story (blind pages, tuning sets 105 and 107). The replies are readers' comments:
pruning drops them as such. A page whose headline itself reads "Re: ..." (a mailing-list
message) is the reply: the node holding the headline is never dropped.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from pipeline.clean.nodetext import text_of

# A reply's subject: "Re:", "RE[2]:", German "AW:", Russian "Ответ:", Chinese "回复:" (with
# the ASCII colon: the text nodes asked are those holding one).
_REPLY = re.compile(r"(?:re|aw|ответ|回复|回覆|答复)(?:\s*\[\d+\])?\s*[:：]\s*(\S.*)",
                    re.IGNORECASE | re.DOTALL)
# A text node that may open such a subject (leading white space allowed), asked first.
_OPENS = re.compile(r"\s*(?:re|aw|ответ|回复|回覆|答复)\s*(?:\[\d+\]\s*)?:", re.IGNORECASE)
# The opening post's subject, where the page shows it: a whole text node.
_SHOWN = etree.XPath("//body//text()[normalize-space(.) = $subject]")
# A subject is a line, not a paragraph that happens to open with "Re".
_SUBJECT_CHARS = 300
# Microdata of the replies themselves: a question's answers, a post's comments, as the
# item holding them names them. Asked of the attributes themselves: 0.2 ms a Readability
# page, where a test of every element's attributes took 1.6 ms (an item typed ``Answer``
# or ``Comment`` stands under its question or post with one of these names).
_MICRODATA = etree.XPath(
    "//@itemprop[.='suggestedAnswer' or .='acceptedAnswer' or .='comment']/..")


def reply_entries(tree: Any, colons: list[Any]) -> list[Any]:
    """The outermost containers of the page's replies: the elements its microdata marks
    as an answer or a comment, and each reply subject's container (``_containers``),
    when two or more replies carry a subject or the opening post's subject is shown.
    ``colons``: the text nodes of the page's body that hold a colon (``threads.colon_texts``,
    read once for both searches: an XPath asking every text node how it opens cost 7 ms
    a Readability page)."""
    found: list[Any] = [n for n in _MICRODATA(tree) if n.tag != "body"]
    subjects: list[tuple[Any, str]] = []
    for text in colons:
        if text.is_tail or len(text) > _SUBJECT_CHARS or _OPENS.match(text) is None:
            continue
        line = " ".join(text.split())
        node = text.getparent()
        if node is None:
            continue
        whole = " ".join(text_of(node).split())
        match = _REPLY.fullmatch(whole)
        if match is not None and whole == line:
            subjects.append((node, match.group(1)))
    if len(subjects) >= 2 or (subjects and _SHOWN(tree, subject=subjects[0][1])):
        found += _containers(tree, subjects)
    return [n for n in found if n is not None and
            not any(a in found for a in n.iterancestors())]


def _containers(tree: Any, subjects: list[tuple[Any, str]]) -> list[Any]:
    """For each reply's subject node, the largest ancestor holding no other reply's
    subject, no headline and not the opening post's subject; None when the subject is all
    there is of it (the subject line alone is no reply to drop). What bounds the climb is
    read once for the page: the ancestors two subjects share, and those of each headline
    and of each place the subject is shown (a tail's text stands in its element's parent)."""
    shared: dict[Any, int] = {}
    for node, _ in subjects:
        for a in node.iterancestors():
            shared[a] = shared.get(a, 0) + 1
    heads = {a for h in tree.iter("h1") for a in (h, *h.iterancestors())}
    shown: dict[str, set[Any]] = {}
    for _, subject in subjects:
        if subject not in shown:
            holders = [t.getparent().getparent() if t.is_tail else t.getparent()
                       for t in _SHOWN(tree, subject=subject)]
            shown[subject] = {a for h in holders if h is not None
                              for a in (h, *h.iterancestors())}
    out = []
    for node, subject in subjects:
        own = node
        while True:
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "html") or shared.get(parent, 0) > 1 \
                    or parent in heads or parent in shown[subject]:
                break
            node = parent
        out.append(node if node is not own else None)
    return out
