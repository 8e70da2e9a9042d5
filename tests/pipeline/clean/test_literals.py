"""``literals``: the strings a rule's searches need, and the filter that skips a search
when a paragraph holds none of them, must never change a rule's answer."""

from __future__ import annotations

import re

import pytest

from pipeline.clean.literals import Needs, lowered, needs_of, required
from pipeline.clean.rules import has_script, load_rules
from tests.support.paragraphs import paragraph_texts


@pytest.mark.parametrize(("pattern", "flags", "need"), [
    ("newsletter", re.I, {"newsletter"}),
    ("Sign UP", 0, {"sign up"}),  # lower case, whatever the pattern's case
    ("(subscribe|register) now", re.I, {"subscribe", "register"}),
    # The parser takes the "s" out: "ign up" is weaker than " now".
    ("(subscribe|sign up) now", re.I, {" now"}),
    ("(a|bb) on", re.I, None),  # " on" is too common to filter by
    ("\\b(?:(?:cookie policy)|(?:all rights reserved))", re.I,
     {"cookie policy", "all rights reserved"}),
    ("(?:photo)?credit", re.I, {"credit"}),  # the optional group needs nothing
    ("(photo)*x", re.I, None), ("(photo)+x", re.I, {"photo"}),
    ("(?=.*\\bcookies\\b)we", re.I, {"cookies"}),  # a lookahead's text is in the text
    ("(?!.*said)follow", re.I, {"follow"}),  # a negative one is not
    ("(?-i:(?=[A-Z]))(join|watch)\\b", re.I, {"join", "watch"}),
    ("\\d+ min", re.I, {" min"}), ("[a-z]+@[a-z]+\\.(com|org)", re.I, {"com", "org"}),
    ("\\d+ ?% of", re.I, None),
    ("[a-z]+@example\\.com", re.I, {"@example.com"}),
    ("подпишитесь", re.I, None),  # non-ASCII letters are left out
    ("©\\s*copyright", re.I, {"copyright"}),
    ("(?:a|b|c)", re.I, None), ("x|(?:yes|no)", re.I, None),
])
def test_required_strings(pattern: str, flags: int, need: set[str] | None) -> None:
    assert required(pattern, flags) == (None if need is None else frozenset(need))


def test_a_pattern_without_needs_is_always_searched() -> None:
    assert needs_of([re.compile("newsletter", re.I), re.compile("\\d+ ?% of")]) is None
    found = needs_of([None, re.compile("newsletter", re.I), re.compile("inbox", re.I)])
    assert isinstance(found, Needs) and found.strings == {"newsletter", "inbox"}
    assert found.may_match("sign up for our newsletter") and not found.may_match("news")
    # A string holding another adds nothing; the rest are found by one search.
    both = needs_of([re.compile("(members|member|rely on|rely|about)\\b", re.I)])
    assert both is not None and both.strings == {"member", "rely", "about"}
    assert [both.may_match(t) for t in ("a memberships", "abou", "reliable", "rely")] == \
        [True, False, False, True]


@pytest.mark.parametrize("text", [
    "Subſcribe to our newsletter",  # long s: re.IGNORECASE takes it for "s"
    "SUBSCRİBE TO OUR NEWSLETTER", "Newsletter for ıstanbul readers",
])
def test_characters_lower_does_not_fold_are_never_filtered(text: str) -> None:
    assert lowered(text) is None
    assert re.search("subscribe|newsletter|istanbul", text, re.I) is not None


def test_the_filter_gives_the_rules_answer() -> None:
    rules = load_rules()
    assert sum(n is not None for r in rules for n in r.needs) >= 30  # filters exist
    assert sum(n is not None for r in rules for n in r.anchored_needs) >= 30
    texts = [t for t in paragraph_texts() if len(t.split()) <= 60][1::3]  # a third keeps it short
    fired = 0
    for text in texts:
        script, lower = has_script(text), lowered(text)
        for rule in rules:
            # At the end of the page every rule applies (position rules included).
            want = rule.matches(text, 0, 1.0, script=script)
            assert rule.matches(text, 0, 1.0, script=script, lower=lower) == want, \
                (rule.kind, text)
            fired += want
    assert fired > 100  # the rules do match on these paragraphs
