"""Furniture words in many languages (``config/furniture_words.yaml``) and the passes that
read them: a short line made only of them ("Read also", "Advertentie", "Рэклама"), a row of
section names, a line that opens with a label made only of them ("Read also: ...",
"VÍDEO | ..."), and near a page's end a sentence thick with one language's furniture words
(a comment policy, a newsletter pitch, in a language no wording rule reads).

The lists are words, not phrases: a line is furniture when every word of it is a furniture
or function word of one language. Lines are split by ``words`` here, not by
``pipeline.text.fold``: fold's ``\\w+`` cuts a word of an Indic, Thai or Burmese script at
each vowel sign ("विज्ञापन" in four pieces), so the lists could not name it. Scripts that
print no spaces (Thai, Lao, Burmese, Khmer, Japanese) give a whole run as one word, so their
lists name whole labels."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Protocol

from pipeline.clean.reporting import SPARING, SPEECH
from pipeline.languages import SCRIPT_STOPS, WORD_MARKS
from pipeline.paths import project_dir, read_yaml

# The marks ``count_words`` keeps in a word (accents, Hebrew points, Arabic vowels, the Indic
# scripts), and those of the scripts printed without spaces, which it leaves out: Thai, Lao,
# Tibetan, Burmese, Khmer (their own stops, colons and signs of repetition apart).
_MARKS = WORD_MARKS + ("\u0e00-\u0e4e\u0e50-\u0e59\u0e80-\u0eff\u0f18-\u0fbc"
                       "\u1000-\u1049\u1050-\u109f\u1780-\u17d3\u17dd-\u17e9")
_WORD = re.compile(rf"\w[\w{_MARKS}]*")
# Zero-width (non-)joiners sit inside Persian and Sinhala words as the writer chose.
_JOINERS = re.compile("[\u200c\u200d]")
# Uzbek's oʻ and gʻ, printed with whichever apostrophe the site's keyboard has ("O‘qish",
# "bo'ling"): one letter of the word, spelt as the lists spell it. The apostrophe comes
# first in the pattern so that the engine scans for it alone (``words`` reads every line:
# a leading look-behind cost a quarter of its time).
_OKINA = re.compile("[‘’'`ʼ](?<=[og].)(?=\\w)")
# A sentence's end in the scripts of the lists (the danda, the Urdu, Arabic, Ethiopic and
# Burmese full stops and question marks) or a quotation: not a label.
SENTENCE_END = re.compile(rf"(?<!\.\.)[.!?。！？{SCRIPT_STOPS}]$|[“”\"«»]")
# A label and what it introduces: "Read also: ...", "VÍDEO | ...". The label is at most
# four words (a word of a spaceless script may be a whole label). Not after a dash: a
# subheading may be "Label — its topic".
# A colon between a clock's hours and minutes ("Close, 18:50 ...") is no label's.
LABELLED = re.compile(r"^([^:|：｜፦៖]{1,40}?)\s*(?:[|：｜፦៖]|:(?!\d\d))\s*(\S.*)$")
_LABEL_WORDS = 4
# What a label introduces is a headline: no full stop inside or at its end. "My view: the
# narrowing is real but fragile. ..." and "Members: China, Russia and seven other states."
# are the article's sentences.
_LABELLED_WORDS = 30
# A line of a language that is kin of a listed one: this short, and its words this long
# to be one letter off a listed word (shorter ones must match).
_LOOSE_WORDS = 3
_NEAR_LETTERS = 6
_FULL_STOPS = SCRIPT_STOPS.replace("؟", "").replace("፧", "")  # a headline may ask
STATEMENT = re.compile(rf"[.。{_FULL_STOPS}](?:\s+\S|\s*$)")
_CONFIG = project_dir("config")


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` as the lists name them (marks kept in a word)."""
    lower = _JOINERS.sub("", unicodedata.normalize("NFKC", text).lower())
    return _WORD.findall(_OKINA.sub("ʻ", lower))


@dataclass(frozen=True)
class FurnitureWords:
    """The vocabulary of page furniture and the function words a line of it may hold."""

    words: frozenset[str]
    function_words: frozenset[str]
    max_words: int
    # Per other language: its function words, and its furniture words with the shared ones.
    others: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    # Section names and every language's furniture words: a menu bar's items.
    sections: frozenset[str] = frozenset()
    # The platforms and loanwords every other language's list holds.
    shared: frozenset[str] = frozenset()

    def covers(self, folded: list[str]) -> bool:
        """Every word of a folded line (numbers aside) is furniture or a function word of
        one language, and one at least is furniture."""
        own_words = [w for w in folded if not w.isdigit()]
        if not self.listed.issuperset(own_words):
            return False  # a word no list holds is an own word of every language
        return any((own := {w for w in own_words if w not in function}) and own <= vocab
                   for function, vocab in ((self.function_words, self.words), *self.others))

    def covers_loosely(self, folded: list[str]) -> bool:
        """``covers`` for a language no list reads that is close kin of one that a list
        does (Asturian of Spanish, Friulian of Italian): its accents aside, and a word of
        six letters or more one letter off a listed one ("publicidá", "publicitât")."""
        own_words = [_plain(w) for w in folded if not w.isdigit()]
        for function, vocab, near in self._loose:
            own = [w for w in own_words if w not in function]
            if own and all(w in vocab or (len(w) >= _NEAR_LETTERS
                                          and not near.isdisjoint(_deletes(w)))
                           for w in own):
                return True
        return False

    @cached_property
    def _loose(self) -> tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...]:
        """Per other language: its function words and furniture words without accents,
        and the furniture words of five letters or more with each one letter dropped."""
        found = []
        # Not English's: an English heading one letter off its furniture words ("Joint
        # patrol") is no kin's furniture, and English's kin are not on the beat.
        for function, vocab in self.others:
            plain = frozenset(_plain(w) for w in vocab)
            near = frozenset(d for w in plain if len(w) >= _NEAR_LETTERS - 1
                             for d in (w, *_deletes(w)))
            found.append((frozenset(_plain(w) for w in function), plain, near))
        return tuple(found)

    @cached_property
    def listed(self) -> frozenset[str]:
        """Every list's words, function words too: a line with any other word is no
        language's furniture (``covers``'s first test)."""
        return self.words.union(self.function_words, *(w for pair in self.others for w in pair))

    @cached_property
    def english(self) -> frozenset[str]:
        """English's furniture and function words and the shared platforms and loanwords:
        what an English sentence may hold of any other list."""
        return self.shared | self.words | self.function_words

    def menu(self, folded: list[str]) -> bool:
        """Three to twelve section names or furniture words and nothing else: a menu bar."""
        return 3 <= len(folded) <= 12 and all(w in self.sections for w in folded)


def _plain(word: str) -> str:
    """A word without its accents (the combining marks NFD parts from Latin letters)."""
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(c)) if not word.isascii() else word


def _deletes(word: str) -> set[str]:
    """The word with one letter dropped, each way: two words share one when they are one
    letter apart (dropped, added or changed)."""
    return {word[:k] + word[k + 1:] for k in range(len(word))} | {word}


def _listed(values: list[object] | None) -> frozenset[str]:
    # Each entry as ``words`` splits a line, so an entry and a line's word compare alike.
    return frozenset(w for v in (values or []) for w in words(str(v)))


@cache
def furniture_words(path: Path = _CONFIG / "furniture_words.yaml") -> FurnitureWords:
    """Words that make up interface and furniture lines (``config/furniture_words.yaml``)."""
    raw = read_yaml(path)
    shared = _listed(raw.get("shared"))
    languages = (raw.get("other_languages") or {}).values()
    # A language's function word is never its furniture: a syllable of Tibetan, which the
    # splitter cuts at its marks, is a case ending in one word and a piece of "author" in
    # another.
    # ``interface``: the words a site's own notices use (commenting, logging in,
    # subscribing, consent, reprints), inflected as such sentences use them.
    others = tuple((function, (_listed(lang["words"]) - function) | (
                    _listed(lang.get("interface")) - function) | shared)
                   for lang in languages
                   for function in (_listed(lang["function_words"]),))
    english = _listed(raw["words"])
    sections = _listed(raw.get("sections")).union(
        *(_listed(lang.get("sections")) for lang in languages))
    return FurnitureWords(english, _listed(raw["function_words"]), int(raw["max_words"]),
                          others, sections | english | frozenset().union(*(v for _, v in others)),
                          shared)


class Lines(Protocol):
    """What the pass reads of the text cleaner's state (pipeline/clean/text.py)."""

    p: list[str]
    words: list[int]

    def free(self, i: int) -> bool: ...


def furniture_lines(state: Lines) -> Iterator[tuple[int, str, str]]:
    """Free lines of furniture words: short lines made only of them ("Latest news",
    "Author profile"), rows of section names, and lines opening with such a label ("Read
    also: ..."). Yields the line's index, the kind it is when its wording names none, and
    the structural reason."""
    vocab = furniture_words()
    for i, text in enumerate(state.p):
        # List items and table rows are content trafilatura kept (a docs page's "- Links").
        if not state.free(i) or text[:1] in "-*|•":
            continue
        # The line's own words are counted: a Thai or Khmer label is one word here, and
        # several pieces to ``count_words``, which cuts those scripts at their vowel signs.
        if (state.words[i] <= 12 or len(text) <= 60) and not SENTENCE_END.search(text):
            line = words(text)
            if vocab.menu(line) or (len(line) <= vocab.max_words and vocab.covers(line)):
                yield i, "site_chrome", "furniture_words"
                continue
        if state.words[i] <= _LABELLED_WORDS and (m := LABELLED.match(text)) and \
                not STATEMENT.search(m.group(2)) and _furniture_label(vocab, m.group(1)):
            # Mostly a link printed between the story's paragraphs ("Read also: ..."):
            # furniture inside the story, which does not end it (pipeline/clean/tail.py).
            yield i, "inline_related_link", "furniture_label"


def kin_lines(state: Lines) -> Iterator[int]:
    """Free short lines of a listed language's furniture words as a kindred language
    spells them ("Publicidá", "Comparti esta noticia"). Plain text only, after the page
    model (pipeline/clean/text.py): a one-word heading of a page's own ("Response") can
    be a letter off some list's word, and HTML has its links and markup to tell."""
    vocab = furniture_words()
    for i, text in enumerate(state.p):
        if state.free(i) and text[:1] not in "-*|•" and len(text) <= 60 \
                and not SENTENCE_END.search(text):
            line = words(text)
            if len(line) <= _LOOSE_WORDS and vocab.covers_loosely(line):
                yield i


def _furniture_label(vocab: FurnitureWords, label: str) -> bool:
    line = words(label)
    return 0 < len(line) <= _LABEL_WORDS and vocab.covers(line)


# The wording rules' kinds a story's own sentence can trip when it reports on them.
_REPORTABLE = frozenset(("newsletter_promo", "paywall", "cookie_notice", "author_bio"))
# A sentence this long (words; Chinese two characters a word) is a story's, when it reports.
_REPORTED_WORDS = 12


class Labelled(Lines, Protocol):
    labels: list[str | None]
    reasons: list[str | None]


def spare_reported(state: Labelled) -> None:
    """Undo a wording rule's label (a pitch, paywall, consent or bio kind) on a sentence
    that reports what someone says, as a story on the media does: a page's own pitch
    quotes no one (blind pages, tuning set13 and set15: a mayor on her town's newsletter,
    an analyst on comment sections, a site announcing its paywall)."""
    for i, text in enumerate(state.p):
        if state.labels[i] in _REPORTABLE and state.words[i] >= _REPORTED_WORDS and \
                SPARING.search(text):
            state.labels[i] = state.reasons[i] = None


# A sentence of the page's frame in a listed language: in the page's last part, with at
# least this many different furniture words of one language making up this share of its
# words ("Log in to comment. Comments are moderated ...", a newsletter or app pitch, a
# cookie note). Tuning blind articles: the article's own sentences there had at most two,
# or a share under 0.16 ("... told listeners in an episode of his podcast ...").
_DENSE_HITS = 3
_DENSE_SHARE = 0.2
_OWN_HITS = 2
_PAGE_END = 0.6


def furniture_sentences(state: Lines) -> Iterator[int]:
    """Free lines of the page's last part whose words are thick with one language's
    furniture words."""
    # Not English: its rules and the classifier read it, and an English report on the
    # media ("Comments posted under the speech ... disable replies") is as thick with its
    # furniture words (five body lines of the tuning line batches).
    vocab = furniture_words()
    for i in range(int(len(state.p) * _PAGE_END), len(state.p)):
        if not state.free(i):
            continue
        if SPEECH.search(state.p[i]):
            continue  # the story reports what someone said
        line = [w for w in words(state.p[i]) if not w.isdigit()]
        least = max(_DENSE_HITS, _DENSE_SHARE * len(line))
        for _, listed in vocab.others:
            hits = set(line) & listed
            # Two of the language's own words at least: platforms and English loanwords
            # ("app", "menu", "update", Tagalog's "in") fill an English sentence about an
            # app as well.
            if len(hits) >= least and len(hits - vocab.english) >= _OWN_HITS:
                yield i
                break
