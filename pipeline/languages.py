"""The language of an article's text, and whether it is what its source claims.

py3langid's model ships inside the package (nothing downloads). Its model splits written
Chinese into Mandarin (``zh``), Wu (``wuu``) and Cantonese (``yue``) classes, and on short
passages of standard written Chinese it can answer ``wuu`` (a one-sentence agency lead
does: tests/pipeline/extract/test_language.py; all 40 labelled Chinese pages of
tests/fixtures/ruzh come back ``zh``). News is not written in Wu, so every Chinese-script
label is reported as ``zh``; text with kana stays Japanese.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.text import ascii_word_count

_CHINESE_LABELS = frozenset({"zh", "wuu", "yue"})
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Characters a sample gives the classifier: enough to identify a language (same answers
# at 1,000 and 5,000 characters on the benchmark pages), a fifth of the cost.
_SAMPLE = 1000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (None when it is too short to tell)."""
    if len(text.strip()) < 20:
        return None
    from pipeline.language_id import classify  # py3langid's, its walk in numpy

    sample = text[:_SAMPLE]
    lang = str(classify(sample)[0])
    if lang in _CHINESE_LABELS or (lang == "ja" and not _KANA.search(sample)
                                   and han_share(sample) > 0.3):
        return "zh"
    return lang


# Georgian's Mkhedruli letters are lower case to Unicode, though running text never
# capitalises them (Mtavruli, the capitals, set headings in full): a line in it does not
# "open in lower case" as a line broken out of a sentence does.
_CASELESS = re.compile("[\u10d0-\u10ff\u2d00-\u2d2f]")


def opens_lower(text: str) -> bool:
    """``text`` opens with a lower-case letter of a script whose sentences open with a
    capital (a clause carried over from the line above)."""
    return text[:1].islower() and _CASELESS.match(text) is None


def english_line(text: str) -> bool:
    """The line is written in English (the classifier's word): the cleaner's passes for
    lines of any language leave it to English's own rules."""
    return detect_language(text) == "en"


# Languages whose spelling gives every noun a capital (German, Luxembourgish): in their text
# a line of capitalised words is a section heading as often as a person's name, and a
# paragraph repeating it keeps its capitals ("Höhere Kosten" over "Höhere Kosten sind ...").
_NOUN_CAPITALS = frozenset({"de", "lb"})
# English function words: in English news prose about a quarter of the words, in German,
# French or Dutch prose a few in a hundred ("in", "was", "an" are theirs too).
_ENGLISH = frozenset({
    "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by",
    "at", "from", "it", "are", "has", "have", "said", "its", "be", "this", "an", "which",
    "were", "will",
})
_ENGLISH_SHARE = 0.15
_ENGLISH_MIN = 30
_LATIN_WORD = re.compile(r"[a-z]+")


def prose_language(paragraphs: Sequence[str], min_words: int = 20,
                   counts: Sequence[int] | None = None) -> str | None:
    """The language of a page's paragraphs of prose (more than ``min_words`` words), or of
    all of them when none is that long: menus and bylines say little about it.
    ``counts``: ``count_words`` of each paragraph, when the caller has them."""
    if counts is None:
        counts = [count_words(p) for p in paragraphs]
    prose = [p for p, n in zip(paragraphs, counts, strict=True) if n > min_words]
    text = " ".join(prose or paragraphs)
    # English prose is told by its function words at a tenth of the classifier's cost (the
    # cleaner asks on every page): on the 252 labelled pages every page this calls English
    # the classifier calls English too (tests/pipeline/extract/test_language.py).
    words = _LATIN_WORD.findall(text[:_SAMPLE].lower())
    if len(words) >= _ENGLISH_MIN and \
            sum(w in _ENGLISH for w in words) >= _ENGLISH_SHARE * len(words):
        return "en"
    return detect_language(text)


def capitalises_nouns(language: str | None) -> bool:
    """True for a language (ISO 639-1 code) that writes every noun with a capital."""
    return language in _NOUN_CAPITALS


def han_share(text: str) -> float:
    """Share of Han characters among the letters of ``text``."""
    # Whole alphabetic words counted by length, only the others character by character:
    # the same count, without a Python step per character of the text.
    letters = sum(len(word) if word.isalpha() else sum(map(str.isalpha, word))
                  for word in text.split())
    return len(_HAN.findall(text)) / letters if letters else 0.0


def language_disagrees(detected: str | None, claimed: str | None) -> bool:
    """True when the source claims one language and the text is in another.

    An undetectable text disagrees with nothing (it is too short to say).
    """
    return bool(detected and claimed and detected != claimed.lower().split("-")[0])


# Full stops and question marks of scripts that do not end a sentence with the Latin ones:
# the danda of Devanagari and Bengali, the Urdu full stop, the Arabic question mark, the
# Ethiopic, Burmese, Armenian, Khmer and Tibetan stops; since session 24 the other
# sentence terminals Unicode lists for scripts of their own (its Sentence_Terminal
# property: Syriac, N'Ko, Canadian syllabics, Mongolian, Limbu, Tai Tham, Balinese,
# Lepcha, Ol Chiki, Lisu, Vai, Phags-pa, Saurashtra, Kayah Li, Javanese, Cham, Tai Viet,
# Meetei Mayek, Chakma and the Tibetan double shad), written from that table, none read
# off a page (Adlam's are marks that open a sentence, so not here).
SCRIPT_STOPS = "।॥۔؟።፧။։។།" + (
    "༎܀܁܂߹᙮᠃᠉᥄᥅᪨᪩᪪᪫᭚᭛᭞᭟᰻᰼᱾᱿꓿꘎꘏꡶꡷꣎꣏꤯꧈꧉꩝꩞꩟꫞꫟꫰꫱꯫"
    "\U00011141\U00011142\U00011143")

# A word with its combining marks: Python's ``\w`` leaves out the vowel signs and viramas
# of Indic scripts, the points of Hebrew and Arabic and the vowels of Thaana, so "पढ्न"
# would count as two words. Only scripts that put spaces between words: Thai, Lao, Khmer
# and Burmese print none, and their marks split a phrase into about as many pieces as it
# has words.
WORD_MARKS = "\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed" \
    "\u07a6-\u07b0\u0900-\u0963\u0966-\u0dff"
_WORD = re.compile(rf"\w[\w{WORD_MARKS}]*", re.UNICODE)
# Chinese and Japanese characters (kana and the ideographs).
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def count_words(text: str, plain: int | None = None, folded: str | None = None) -> int:
    """Words of ``text``, with Chinese (and Japanese) counted as two characters a word.

    Chinese has no spaces: ``\\w+`` would count a whole clause as one word. Segmenting it
    with jieba gives 1.98 characters per word on the ten Chinese stories of
    tests/fixtures/ruzh (1,359 characters in 686 words), so half the number of CJK
    characters estimates the segmented word count without shipping a segmenter and its
    dictionary. ``min_words`` and the cleaner's length limits then mean about the same
    amount of text in every language. ``plain``: the text's ``\\w+`` count, when the
    caller has it already; ``folded``: ``pipeline.text.fold`` of the text, when the caller
    has it: an ASCII text (no CJK) has its words read off it (``ascii_word_count``)
    instead of searched for again.
    """
    if folded is not None and (n := ascii_word_count(text, folded)) is not None:
        return n
    cjk = len(CJK.findall(text))
    if not cjk:  # nothing to blank out: the plain count (``plain``, when the caller has it)
        return len(_WORD.findall(text)) if plain is None else plain
    return (cjk + 1) // 2 + len(_WORD.findall(CJK.sub(" ", text)))
