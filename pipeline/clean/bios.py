"""Bios at the end of an article: a sentence about the writer or the publisher.

A name line (or the byline's name) followed by a sentence that says who the person is
("... is a senior fellow", "She has covered ...") is the writer's card; "The Institute is
a ..." the publisher's. Found in the last third of the page only, and, without a name line
above, only after the last paragraph of the body.
"""

from __future__ import annotations

import re

from pipeline.clean.furniture import Labelled
from pipeline.clean.header import is_name
from pipeline.languages import capitalises_nouns
from pipeline.text import fold

_BIO = re.compile(
    r"\b(?:is|was)\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,4}(?:researcher|writer|journalist|"
    r"correspondent|editor|reporter|analyst|author|columnist|professor|fellow|scholar|"
    r"contributor|expert|director|producer|photographer|student|lecturer|counsel)\b|"
    r"\bis a (?:freshman|sophomore|junior|senior) (?:studying|majoring)\b|"
    r"\b(?:he|she|they) (?:wrote|writes|"
    r"has written|studied|taught|previously|covers|reports)\b|\bhas been (?:reporting|writing|"
    r"covering)\b", re.I)
_ORG = re.compile(r"^(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:center|centre|institute|agency|"
                  r"organi[sz]ation|think[- ]tank|media|outlet|platform|publication|network|"
                  r"foundation|news (?:site|service|portal)|website)\b", re.I)
# Other languages: below the story, a paragraph that opens with a name (titles allowed)
# and a verb saying what the person is or does ("Dr. Anna Roth leitet ...", "Marc Petit est
# ...", "Ana Ruiz es ...", "Luca Neri è ..."), session 14's tuning round.
_BIO_OTHER = re.compile(
    # An article or demonstrative opens a thing's name, not a person's ("Le Brent est ...").
    r"^(?!(?:Le|La|Les|L|Der|Die|Das|Den|Dem|Des|El|Los|Las|Lo|Il|Gli|Un|Une|Uno|Una|Ein|Eine|"
    r"De|Het|Een|The|Ce|Cette|Ces|Dieser|Diese|Dieses|Este|Esta|Questo|Questa)\b)"
    r"(?:(?:[Dd]r|[Pp]rof|Mag|Ing|[Dd]ott|Mgr)\.\s+)*[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)"
    r"{1,3},?\s+(?:ist|war|wurde|lebt|stammt|leitet|arbeitet|forscht|schreibt|berichtet|est|était|dirige|travaille|"
    r"enseigne|écrit|es|fue|trabaja|escribe|è|era|lavora|insegna|scrive|é|foi|trabalha|jest|był|była|werkt|"
    r"schrijft)\s")
# ... and a role soon after the verb: a name and a verb alone may open a sentence of the
# story ("Für Wladimir Putin ist ..."). Stems, so that every gender and case counts.
_ROLE_OTHER = re.compile(
    r"\b(?:forsch|wissenschaftl|mitarbeiter|journalist|korrespondent|redakt|rédact|redatt|"
    r"autor|auteur|autore|professor|professeu|profesor|dozent|docente|analy|analista|leite|"
    r"leitet|direct|direkt|dirett|dirig|politolog|politólog|politikwissenschaft|chercheu|"
    r"correspond|corrispond|investigador|pesquisador|periodista|jornalista|giornalista|"
    r"ricercat|consiglier|doktorand|doctorant|doutorand|dottorand|expert|espert|fellow|"
    r"ökonom|économiste|economista|historiker|historien|historiador|storico|editor|"
    r"éditeur|reporter|reporte|chef|head|senior|leiter)", re.I)
_NAME_WORD = re.compile(r"\w[\w'’-]*")
_ABOUT = re.compile(r"^(?:About|ABOUT)\s+")
# The same heading in the beat's other languages (no rule takes it: "Über Grenzen" may be
# a story's subheading), with the name after it: taken with the card under it only.
_ABOUT_OTHER = re.compile(
    r"^(?:(?:Über|ÜBER) (?!(?:uns|mich|den|die|das|dem|der|diese[mnrs]?)\b)|"
    r"(?:À|A) propos (?:de |d'|d’|du |des )|Acerca de |Sobre |Informazioni su |Chi è |"
    r"Over |O firmie |O společnosti |"
    r"О (?:компании|группе|корпорации|холдинге|фонде|центре|институте) [«\"]?|关于|關於)"
    r"(?P<name>[^\W\d_][^.!?。！？，,：:；;]{1,60})$")
_ABOUT_WORDS = 7
# A bio is a sentence or two, longer than this.
_BIO_WORDS = 12
_EN = frozenset({"en", None})  # English, or too short to tell: the English wording applies
# Any language: a word of a name, and a name of Han or kana characters (written without
# spaces) with what may follow it in a bio ("林某，...", "佐藤某（...").
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Articles of the beat's Latin-script languages that no first name spells ("Les", "Des"
# and "Den" are first names, "de", "van" and "da" particles of surnames: not here). Not
# English "The" either: a publication's card at the end opens with its masthead's name
# ("The Lantern has no owner ...": tuning blind articles, set 276).
_ARTICLES = frozenset(("der", "die", "das", "dem", "ein", "eine", "einen", "einem",
                       "einer", "le", "la", "los", "las", "el", "il", "gli", "het", "een",
                       "um", "uma", "una", "uno"))
_HAN_NAME = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{2,4}")
# A Chinese or Japanese line ending with a full stop (closing quotes after it) is a
# sentence, never a byline: a one-line quote near the top ("“……。”蒋某说。") gave its
# speaker's name, and the story's paragraph opening with it went as the writer's card
# (blind pages, tuning set123).
_HAN_SENTENCE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff][”」』）)\"']*[。！？][”」』）)\"']*$")
_AFTER_HAN_NAME = "，,（( \u3000是"
# A header line that can carry the writer's name: this short (a byline, a credit row), or
# up to twice as long split by bars or dots (the byline with its dates and update times).
_HEADER_WORDS = 12
_HEADER_ROW = re.compile(r"\s[|·•]\s")
# A byline's name opens at one of its first words ("By", "Text and photos:" before it).
_NAME_AT = 4


def label_bios(state: Labelled, end: int) -> None:
    """Label author and publisher bios; ``end`` is the last paragraph of the body."""
    _label_named_bios(state)
    for i in range(1, len(state.p)):
        # An author card: the name just above a role line a rule called a bio.
        if (state.labels[i] == "author_bio" and state.free(i - 1)
                and is_name(state.p[i - 1])):
            state.labels[i - 1] = "byline"
    _label_about_cards(state)
    if state.language not in _EN:
        end = _label_closing_bios(state, end)
    for i in range(max(1, len(state.p) * 2 // 3), len(state.p)):
        if not state.free(i) or state.words[i] <= _BIO_WORDS:
            continue
        names = _name_lines_before(state, i)
        if not names and (i < end or not (state.author
                                          and fold(state.author) in state.f[i][:120])):
            continue
        name = state.p[names[0]] if names else state.author or ""
        # A heading over a paragraph repeating its last word is a section: the name opens
        # it unless an (English) bio phrase follows; German capitals prove no name.
        lang, text = state.language, state.p[i]
        if not ((lang in _EN and (_BIO.search(text) or _ORG.search(text))) or (
                (not names or not capitalises_nouns(lang))
                and _mentions(text, name) and _opens_with(text, name))):
            continue
        kind = "publisher_bio" if _ORG.search(state.p[i]) else "author_bio"
        for j in [*names, i]:
            state.labels[j] = kind
        if kind == "author_bio" and names and state.author is None:
            state.author, state.author_signal = state.p[names[0]], "bio"


def _label_about_cards(state: Labelled) -> None:
    """The paragraphs under an "About <name>" heading a rule labelled (a press release's
    end) that open with that name: the issuer's card ("Acme Rail JSC is a ..."). In the
    other languages the heading ("Über Acme Rail", "关于北星航运") is taken with them,
    when the paragraph under it opens with the name."""
    for i in range(1, len(state.p)):
        head = state.p[i - 1]
        if state.labels[i - 1] == "publisher_bio" and _ABOUT.match(head):
            name = _ABOUT.sub("", head)
        elif (state.free(i - 1) and state.words[i - 1] <= _ABOUT_WORDS
              and (found := _ABOUT_OTHER.match(head)) is not None
              and (found["name"][0].isupper() or _HAN_NAME.match(found["name"]))
              and state.free(i) and _opens_with(state.p[i], found["name"])):
            name = found["name"]
            state.labels[i - 1] = "publisher_bio"
            state.reasons[i - 1] = ("structure publisher_bio: an \"About\" heading over the "
                                    "card of the body that issued the text")
        else:
            continue
        j = i
        while j < len(state.p) and state.free(j) and _opens_with(state.p[j], name):
            state.labels[j] = "publisher_bio"
            j += 1


def _label_closing_bios(state: Labelled, end: int) -> int:
    """Label the bios (``_BIO_OTHER``) that close the page's long paragraphs, in the last
    third; return the last long paragraph left, the body's end."""
    def last_before(k: int) -> int:
        return next((j for j in range(k - 1, -1, -1)
                     if state.free(j) and state.words[j] > _BIO_WORDS), -1)

    at = last_before(len(state.p))
    while (at >= len(state.p) * 2 // 3 and _BIO_OTHER.match(state.p[at])
           and _ROLE_OTHER.search(state.p[at][:160])):
        state.labels[at] = "author_bio"
        at = last_before(at)
    return min(end, at)


def _name_lines_before(state: Labelled, i: int) -> list[int]:
    found: list[int] = []
    j = i - 1
    while j >= 0 and state.labels[j] in (None, "duplicate_line") and is_name(state.p[j]):
        found.insert(0, j)
        j -= 1
    return found


def _mentions(text: str, name: str) -> bool:
    # Capitals as written: a bio names "Smith"; a section headed "Web Standards" goes on
    # about "web standards".
    parts = [t for t in _NAME_WORD.findall(name) if len(t) > 2]
    return bool(parts) and parts[-1] in _NAME_WORD.findall(text)


def _opens_with(text: str, name: str) -> bool:
    first = fold(name).split()[:1]
    # A Han name is written into its sentence without a space ("北星航运集团成立于 ...").
    return bool(first) and (first[0] in fold(text).split()[:3] or (
        _HAN_NAME.match(first[0]) is not None and fold(text).startswith(first[0])))


# A speaker's label opening a line of an interview ("Hollstein: ..."): up to three words.
_TURN = re.compile(r"^([^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,2}):\s")


def _no_bylines(state: Labelled) -> set[int]:
    """Lines that give no writer's name however short: an interview's turns (a label
    opening three or more lines, one of them longer than a header line) and the items of
    a list. A short answer ("Hollstein: Bei den meisten schon.") gave its speaker's name
    as the writer's, and the last long answer went as the writer's bio (blind pages,
    tuning set129); a list of sanctioned firms gave a firm's, and the closing paragraph
    saying it did not reply went (set131)."""
    by_label: dict[str, list[int]] = {}
    items = {i for i, text in enumerate(state.p) if text.startswith("- ")}
    for i, text in enumerate(state.p):
        if (m := _TURN.match(text)) is not None:
            by_label.setdefault(m.group(1), []).append(i)
    return {i for found in by_label.values() if len(found) >= 3 and
            any(state.words[i] > _HEADER_WORDS for i in found) for i in found} | \
        {i for i in items if i - 1 in items or i + 1 in items}


def _label_named_bios(state: Labelled) -> None:
    """Any language: a paragraph in the last third that opens with a name printed in a
    short line above the story ("Avtor: Matej Kranjc" over
    "Matej Kranjc je novinar ..."): the writer's card, whatever words say who they are."""
    first = state.first_body()
    # Any short line above the story or in the page's first third (a byline can follow
    # the standfirst), labelled or not (the classifier, which takes a byline the header
    # passes left, comes later).
    unnamed = _no_bylines(state)
    lines = [j for j in range(max(first, len(state.p) // 3))
             if state.labels[j] not in ("title", "duplicate_title") and j not in unnamed
             and (state.words[j] <= _HEADER_WORDS
                  or (state.words[j] <= 2 * _HEADER_WORDS and _HEADER_ROW.search(state.p[j])))
             and not _HAN_SENTENCE.search(state.p[j])]
    names = [(j, name) for j in lines for name in _header_names(state.p[j])]
    if not names:
        return
    han = any(len(name) == 1 for _, name in names)  # a Han name opens a text without pairs
    # Each name once, its words casefolded once: the header lines give dozens (repeated
    # ones too), and every long paragraph below the story is held against them all.
    distinct = {name: tuple(w.casefold() for w in name) for _, name in names}
    start = max(first + 1, len(state.p) * 2 // 3)
    # A name the story itself mentions is its subject, or the site's ("KRT News tried to
    # reach the ministry"), not its writer's.
    # The headline too: a place or a body it names is the story's ("Westminster Hall: MPs
    # debate ...", the sitting's row naming the hall, the closing paragraph opening with it).
    story = [state.p[j] for j in range(first, start) if state.free(j) and j not in lines]
    if state.title_at is not None:
        story.append(state.p[state.title_at])
    mentioned: dict[tuple[str, ...], bool] = {}  # asked only of a name that opens a card

    def in_story(name: tuple[str, ...]) -> bool:
        if name not in mentioned:
            mentioned[name] = any(_names(text, name, distinct[name]) for text in story)
        return mentioned[name]

    for i in range(start, len(state.p)):
        if not state.free(i) or state.words[i] <= _BIO_WORDS:
            continue
        # A list's item is no writer's card: an endnote opening with a source's name
        # ("- Data of the customs office ...": blind pages, tuning set107).
        if state.p[i].startswith("- "):
            continue
        # The name opening at the first or second word ("Mae Rhodri ap Dafydd yn ...").
        # The pairs of opening words that can spell a name are the paragraph's, whatever
        # the name: found once, not once for every name of the header lines.
        text = state.p[i]
        pairs = _folded_pairs(_WORD.findall(text[:120])[:5], starts=2)
        if not pairs and not han:
            continue  # no two opening words can spell a name, and no Han name to look for
        spelled = {name: _opens_with_name(text, pairs, name, folded)
                   for name, folded in distinct.items()}
        found = [(j, spelled[name]) for j, name in names
                 if spelled[name] and not in_story(name)]
        if not found:
            continue
        # With the name line printed over it, as the writer's card has it.
        for j in [*_name_lines_before(state, i), i]:
            state.labels[j] = "author_bio"
            state.reasons[j] = ("structure author_bio: a paragraph at the end that opens "
                                "with the name of the byline above the story")
        # The line above the story that printed the name is the byline.
        for j, _ in found:
            if state.free(j):
                state.labels[j] = "byline"
        if state.author is None:
            state.author, state.author_signal = found[0][1], "bio"


def _header_names(line: str) -> list[tuple[str, ...]]:
    """The names a byline-like line may hold: two words among its first ones that can be
    a name's first and last (``_name_pairs``), or a run of Han or kana characters."""
    found: list[tuple[str, ...]] = [(m,) for m in _HAN_NAME.findall(line)]
    return found + _name_pairs(_WORD.findall(line)[:_NAME_AT + 2], starts=_NAME_AT)


def _name_pairs(words: list[str], starts: int | None = None) -> list[tuple[str, str]]:
    """Adjacent words capitalised where the script has capitals, a short particle between
    them allowed ("Rhodri ap Dafydd", "Ciarán Ó Murchú", "Marlize de Villiers" give the
    first and the last); with ``starts``, only names opening at one of the first words.
    A name does not open with an article: a German subheading's capitalised pair ("Der
    Antrag") is no byline, nor the story's closing paragraph that opens with it a bio."""
    def named(w: str) -> bool:
        return len(w) > 1 and (w[0].isupper() or w.lower() == w.upper())

    found: list[tuple[str, str]] = []
    for k, a in enumerate(words[:starts]):
        if not named(a) or a.lower() in _ARTICLES:
            continue
        for b in words[k + 1:k + 4]:
            if named(b):
                found.append((a, b))
                break
            if not (len(b) <= 3 and (b.islower() or len(b) == 1)):
                break
    return found


# A pair of words that may spell a name, and the two casefolded (``_folded_pairs``).
Pair = tuple[str, str, str, str]


def _folded_pairs(words: list[str], starts: int | None = None) -> list[Pair]:
    """``_name_pairs``, each with its words casefolded (compared with many names)."""
    return [(a, b, a.casefold(), b.casefold()) for a, b in _name_pairs(words, starts)]


def _names(text: str, name: tuple[str, ...], folded: tuple[str, ...]) -> bool:
    """``text`` holds ``name`` (inflected or not; ``folded``: its words casefolded)."""
    if len(name) == 1:
        return name[0] in text
    return _spelled(_folded_pairs(_WORD.findall(text)), folded) is not None


def _opens_with_name(text: str, pairs: list[Pair], name: tuple[str, ...],
                     folded: tuple[str, ...]) -> str | None:
    """How ``text`` spells ``name`` (``folded``: its words casefolded) with one of
    ``pairs`` (``_folded_pairs`` of its first five words, opening at the first or
    second), or None."""
    if len(name) == 1:
        ok = text.startswith(name[0]) and text[len(name[0]):][:1] in _AFTER_HAN_NAME
        return name[0] if ok else None
    return _spelled(pairs, folded)


def _spelled(pairs: list[Pair], folded: tuple[str, ...]) -> str | None:
    # Inflection allowed ("Του Δημήτρη" above "Ο Δημήτρης"): the text's own form returned.
    for x, y, a, b in pairs:
        if _same_word(a, folded[0]) and _same_word(b, folded[1]):
            return f"{x} {y}"
    return None


def _same_word(a: str, b: str) -> bool:
    """One word, inflected or not (both casefolded): all but the last two letters of the
    shorter shared, capitals aside ("KADRI LEPIK" over "Kadri Lepik ..."); or one is the
    other with a letter or two glued before it, as a caseless script prints "by"
    ("በሰላማዊት")."""
    # Two words whose first two letters differ share fewer than two: only the second
    # test can hold (most pairs of a paragraph and a header line's name end here).
    if a[:2] == b[:2]:
        shared = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                      min(len(a), len(b)))
        if shared >= max(2, min(len(a), len(b)) - 2):
            return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)  # as a stable sort by length
    return (len(short) >= 4 and len(long) - len(short) <= 2 and long.endswith(short)
            and short.lower() == short.upper())
