"""Reporting words ("said", "according to", сказал, 表示): one list for the four passes
that read them, each taking its subset (the letters beside each word).

- ``a``, ``ATTRIBUTED``: appended to each pattern of a rule marked ``spare_attributed``:
  a line that attributes what it says ("..., the ministry said") reports on cookies,
  copyright or subscriptions; the page's own notice attributes nothing.
- ``r``, ``RULE_GUARD``: spelled out where a pattern of the rule file writes
  ``{REPORTED}`` after its ``^`` (the languages session 15 added, Czech to Korean): an
  app named in a story about it is not the page's pitch for it.
- ``s``, ``SPEECH``: a sentence that reports speech is the story's, not the page model's
  to take from plain text (a Portuguese body line with a year and a share went at p=0.87
  by its place and its figures), nor the furniture-sentence pass's (a Vietnamese line
  that a department "said" a thousand firms had signed up for its bulletin; tuning
  batch 78).
- ``p``, ``SPARING``: undoes a pitch, paywall, consent or bio rule's label on a long
  sentence that reports what someone says (``lexicon.spare_reported``): a story on the
  media quotes an editor on her newsletter ("..., sagt Bürgermeisterin X"), an analyst
  on comment sections ("有业内人士指出 ..."), a site announcing its paywall ("... 宣布 ...").

The subsets differ where a word is also the page's: "added" ("newly added entities, in
our tracker") reads as speech only for ``s``; Chinese 表示 spares a rule's label only
when no consent note's 即表示 or 您 is beside it ("继续浏览即表示您同意"); German
"berichtet" is in none (a writer's card: "berichtet seit 2016 über Russland"). ``a`` and
``r`` spell Russian forms one by one, ``s`` and ``p`` with an ending class.
"""

from __future__ import annotations

import re

# Words of scripts that put spaces between words, searched between word boundaries.
_BOUNDED: tuple[tuple[str, str], ...] = (
    # English
    ("said", "asp"), ("says", "asp"), ("told", "asp"), ("according", "a"),
    ("according to", "sp"), ("added", "s"),
    # Spanish and Portuguese
    ("dijo", "asp"), ("afirmó", "asp"), ("según", "ap"), ("declaró", "sp"),
    ("indicó", "s"), ("señaló", "sp"), ("añadió", "s"), ("afirma", "p"), ("asegura", "p"),
    ("disse", "asp"), ("afirmou", "asp"), ("segundo", "ap"), ("declarou", "sp"),
    # French
    ("déclaré", "a"), ("selon", "ap"), ("a déclaré", "sp"), ("a dit", "sp"),
    ("a affirmé", "sp"), ("a indiqué", "sp"), ("a précisé", "sp"), ("a souligné", "sp"),
    ("a ajouté", "s"), ("affirme", "p"), ("estime", "p"),
    # Italian
    ("ha detto", "asp"), ("secondo", "ap"), ("ha dichiarato", "sp"), ("ha spiegato", "s"),
    ("ha aggiunto", "s"), ("afferma", "p"),
    # German and Dutch
    ("sagte", "asp"), ("laut", "a"), ("erklärte", "sp"), ("betonte", "sp"), ("sagt", "p"),
    ("sagen", "p"), ("erklärt", "p"), ("betont", "p"), ("zegt", "p"), ("volgens", "p"),
    ("sagten", "sp"), ("kritisierte[n]?", "p"), ("warnte[n]?", "p"), ("forderte[n]?", "p"),
    # Russian and Ukrainian
    ("сказал", "a"), ("сказала", "ar"), ("сообщил", "a"), ("сообщила", "a"),
    ("заявил", "a"), ("заявила", "ar"), ("по словам", "ap"), ("по данным", "a"),
    ("сказал[аи]?", "sp"), ("заявил[аи]?", "sp"), ("отметил[аи]?", "sp"),
    ("сообщил[аи]?", "sp"), ("добавил[аи]?", "s"), ("подчеркнул[аи]?", "sp"),
    ("говорит", "p"), ("говорят", "p"), ("считает", "p"), ("рассказал[аи]?", "p"),
    ("сказав", "rs"), ("заявив", "rs"), ("повідомив", "r"), ("повідомила", "r"),
    ("каже", "p"), ("розповів", "p"), ("розповіла", "p"),
    # Polish, Czech and Slovak
    ("powiedział[a]?", "sp"), ("mówi", "p"), ("twierdzi", "p"), ("według", "p"),
    ("uvedl", "r"), ("uvedla", "r"), ("uvedli", "r"), ("řekl", "r"), ("řekla", "r"),
    ("uviedol", "r"), ("uviedla", "r"), ("povedal", "r"), ("povedala", "r"),
    # Turkish, Kazakh, Vietnamese and Indonesian
    ("dedi", "r"), ("söyledi", "rs"), ("açıkladı", "rs"), ("belirtti", "r"),
    ("деді", "rs"), ("мәлімдеді", "rs"), ("cho biết", "s"), ("cho hay", "s"),
    ("mengatakan", "s"), ("menurut", "s"),
    # Nordic, Finnish, Romanian and Hungarian
    ("sade", "r"), ("sagde", "r"), ("uppger", "r"), ("opplyser", "r"), ("oplyser", "r"),
    ("sanoi", "r"), ("kertoi", "r"), ("mukaan", "r"), ("a declarat", "r"), ("a spus", "r"),
    ("potrivit", "r"), ("közölte", "r"), ("mondta", "r"), ("szerint", "r"),
    # Balkan and Baltic
    ("каза", "r"), ("заяви", "r"), ("рекао", "r"), ("рекла", "r"), ("изјавио", "r"),
    ("изјавила", "r"), ("izjavio", "r"), ("izjavila", "r"), ("rekao", "r"), ("rekla", "r"),
    ("teigė", "r"), ("sakė", "r"),
)
# Words of scripts without spaces between words (and a Korean phrase), searched anywhere.
_UNBOUNDED: tuple[tuple[str, str], ...] = (
    ("と述べた", "r"), ("と話した", "r"), ("によると", "r"), ("밝혔다", "r"), ("말했다", "r"),
    ("에 따르면", "r"), ("表示", "s"), ("กล่าวว่า", "s"), ("ระบุว่า", "s"), ("เปิดเผยว่า", "s"),
    ("指出", "p"), ("强调", "p"), ("強調", "p"), ("宣布", "p"), ("认为", "p"), ("認為", "p"),
    ("(?<![即就则則])表示(?![您你])", "p"),
)


def _of(words: tuple[tuple[str, str], ...], use: str) -> str:
    return "|".join(word for word, uses in words if use in uses)


ATTRIBUTED = rf"(?!.*\b({_of(_BOUNDED, 'a')})\b)"
RULE_GUARD = rf"(?!.*(\b({_of(_BOUNDED, 'r')})\b|{_of(_UNBOUNDED, 'r')}))"
SPEECH = re.compile(rf"(?i:\b(?:{_of(_BOUNDED, 's')})\b)|{_of(_UNBOUNDED, 's')}")
SPARING = re.compile(rf"(?i:\b(?:{_of(_BOUNDED, 'p')})\b)|{_of(_UNBOUNDED, 'p')}")
