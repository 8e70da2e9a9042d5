"""Consent banners in any language: a line naming cookies in the language's own word.

The wording rules read consent banners in the languages they list, and one rule takes a
line naming "cookies" in Latin letters near a page's end. Many languages have a word of
their own ("sīkdatnes", "evästeet", "çerezler", "クッキー", "คุกกี้", "ქუქი-ფაილები"),
and a scraper saves the banner at the top of the page as often as at the end. This pass
takes a short line naming cookies by any of those words in the page's first quarter or
its last 40 % (a story about cookies tells it in its middle), unless it quotes someone,
gives a figure or a date, or is English (the blind line batches' body lines about cookie
rules put at a page's top or end had one of those).
Plain text only, after the page model (``pipeline/clean/text.py``): HTML has its own
banner markup, and the model's training rows are made without this pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.clean.furniture import Labelled
from pipeline.clean.tail import QUOTED
from pipeline.languages import english_line

# The word for cookies, at a word's start (a Latvian, Finnish or Turkish word takes its
# case ending after it), in the scripts that spell it.
_COOKIES = re.compile(
    r"(?<![\w-])(?i:cookie|kuki|koekie|sīkdatn|evästee|eväste|küpsis|slapuk|sütik|süti|"
    r"çerez|piškot|kolačić|ciasteczk|vafrakök|informasjonskaps|kakor\b|cwci|biskot|"
    r"vidakuzi|кук[иі]|колачић|колачињ|бисквитк|күүки)"
    r"|עוגיות|קוקיז|كوكيز|ملفات تعريف الارتباط|کوکی|कुकी|কুকি|குக்கீ|కుకీ|ಕುಕೀ|കുക്കി|"
    r"ਕੂਕੀ|કૂકી|කුකී|คุกกี้|ຄຸກກີ|ខូគី|ကွတ်ကီး|クッキー|쿠키|ქუქი|քուքի|ኩኪ")
# What a story about cookies holds and a banner does not: a figure or a date (or a quote).
_DIGIT = re.compile(r"\d")
# A word or three in quote marks is a loanword ("cookies") or a button's name ("I agree",
# « Gestion des cookies »): no speech.
_QUOTED_WORD = re.compile(r"[“„«\"]\s?[^\W\d_][\w-]*(?:\s[\w-]+){0,2}\s?[”“»\"]")
_MAX_WORDS = 45
_TOP = 0.25
_END = 0.6


def consent_lines(state: Labelled) -> Iterator[int]:
    """Free lines of the page's first quarter or last 40 % that name cookies."""
    n = len(state.p)
    for i, text in enumerate(state.p):
        if _TOP * n <= i < _END * n or not state.free(i) or state.words[i] > _MAX_WORDS:
            continue
        if _COOKIES.search(text) and not QUOTED.search(_QUOTED_WORD.sub("", text)) \
                and not _DIGIT.search(text) \
                and not english_line(text):
            yield i
