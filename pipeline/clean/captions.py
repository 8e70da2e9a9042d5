"""Picture captions in plain text: the line right above a photo credit.

A scraper saves a picture's caption and its credit as two lines ("Containers at the port
of Hamburg." then "Photo: Agency"); the rules know the credit by its wording, the caption
only by its place. Plain text and HTML alike (HTML captions mostly go with their
``figcaption`` in pipeline/clean/html.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.clean.furniture import Labelled
from pipeline.clean.header import HAN_UNSPACED, TERMINAL, dateline_open, sentence
from pipeline.clean.rules import undecorated
from pipeline.languages import SCRIPT_STOPS, WORD_MARKS, han_share, opens_lower

# A credit that carries a sentence of its own ("The ship passes the cape. Photo: X") holds
# its caption; so does a chart's or map's label.
# A closing quote may come before the full stop ("... «Pogranichny». Photo: ...").
# A word's marks count with it (a Tamil or Hindi word ends in a vowel sign), and so do the
# full stops of other scripts; a credit in brackets after a few words of caption holds its
# caption too ("Rouble and yuan notes (Illustration: X)"), in full-width brackets too
# ("口岸一角（X 摄）").
_CAPTIONED = re.compile(r"\b(?!(?:dr|mr|mrs|ms|st|jr|sr|prof|gen|lt|col|capt|sgt|rev|co|inc|ltd)\.)"
                        rf"\w[\w{WORD_MARKS}]+[»”\"’')]*[.!?{SCRIPT_STOPS}][”\"’')]*\s+\S"
                        r"|[。！？][」』”）)]*\s*\S"  # the same in scripts without spaces
                        r"|(?:\S+\s+\S+|\S{4,})\s*[(（][^()（）]{2,60}[)）]\s*$"
                        # Four words or more of caption before a slash credit, no label
                        # ("Tanker at anchor off the coast / ARCHIVE"; tuning set 288).
                        r"|^(?!(?:photos?|фото|foto|fotos|bild|picture|image|credit|кадр)\b)"
                        r"(?![^:：]*[:：])(?:[^\s/|]+\s+){4,}[/|]\s*[^\s/|]+(?:\s+[^\s/|]+){0,3}\s*$"
                        r"|^(chart|graphic|map|fig(ure|\.)|graph)\b", re.I)
# A line opening with quoted speech ("“We are ready,” he said") is the story's: a caption
# describes the picture. A name in quotes ("«Sakhalin-2» platform") has no punctuation of
# its own before the quote closes, nor a speaker after it: Russian, French and German put
# the comma or the dash after the closing mark («Мы готовы», — сказал он).
_SPEECH = re.compile(r"^\s*[“\"«„「『‘](?:[^”\"»“」』’]{8,}?[,.!?…，。！？][”\"»“」』’]"
                     r"|(?:[^”\"»“」』’\s]+\s+){2,}[^”\"»“」』’]*[”\"»“」』’]\s?(?:,|[—–]))")
# A player's line shows a running time ("02:48", "3 Min."): the prose above a video is
# more often the article's paragraph than a caption, so only a short line is taken. So
# does a video's own label ("Video: <name> reports from ..."; tuning set 272), and a
# still from a reader's video ("... видеодон кадр", "кадр из видео"; tuning set 281).
_PLAYER = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d+\s*(min|mins|minutes?|minuten)\b"
                     r"|^\W{0,2}\s*(video|watch|видео|відео|视频)\b"
                     r"|\b(видеодон|видеодан|бейнеден|videodan|видео)\s+(кадр|kadr)\b"
                     r"|\bкадр (из|с) видео", re.I)
# Above a bare credit on the tuning blind articles captions ran 8-20 words (one of 29) and
# the story's paragraphs the pass took 23-31 (session 30: 40 -> 22).
_CAPTION_WORDS = 22
# A caption says what the picture shows in a sentence or two: above a short credit on the
# tuning blind articles, no caption had three sentences and ten body paragraphs did.
_SENTENCE_ENDS = re.compile(r"[.!?…。！？](?=\s|$)")
_CAPTION_SENTENCES = 3
# Chinese: above a short credit on the tuning blind articles, captions ran 7-47 characters
# and body paragraphs 46-133; a line of more is the story's (tuning set 255).
_HAN_CAPTION_CHARS = 60
# The credit's label (a word or two and a colon) and the name after it.
_CREDIT_LABEL = r"(?:[^\W\d_][\w'’ʼ-]*\s?){1,2}\s?[:：]\s*"
_CREDIT_NAME = r"(?P<name>(?:[^\W\d_][\w'’ʼ.-]*\s+){0,3}[^\W\d_][\w'’ʼ.-]*)"
# A caption that ends in its credit in any language: after a sentence's end (or a dash or
# a bracket) a label of a word or two, the photographer's name and, after a slash, the
# agency, the archive or the outlet ("... at the border. Surat: A. Name / «Outlet»"); a
# name in capitals where the script has them, and the slash set apart ("Content-Type:
# application/json" is a code line).
_SLASH_CREDIT = re.compile(rf"(?:^|[.!?…。»”)]\s+|\s[—–-]\s|\(){_CREDIT_LABEL}"
                           rf"{_CREDIT_NAME}\s+/\s+[^/]{{2,50}}\)?\s*$")
# The same credit without an agency: after the caption's sentence (or a dash or a
# slash), the label and a name of one to four words, in quote marks when it is the
# outlet's ("... in Gagra. Photo: «Outlet»", "... from the river bank. Ảnh: Minh Thư").
# On the tuning material (blind articles, their body paragraphs, the labelled pages'
# paragraphs and the line batches' body lines) the form ended 133 captions and no body
# paragraph.
_NAME_CREDIT = re.compile(rf"(?:[.!?…。»”)]\s+|\s[—–/-]\s){_CREDIT_LABEL}[«„“\"]?"
                          rf"{_CREDIT_NAME}[»“”\"]?\s*$")
# The credit in brackets after the caption's sentence, a label and a name or an agency
# of a few words ("... on the Moon. (Picture: Agency)", in any language): 83 captions of
# the tuning blind articles and one body paragraph of the labelled pages, whose bracket
# held sentences (so none may end inside it).
_BRACKET_CREDIT = re.compile(rf"[.!?…。»”]\s+\({_CREDIT_LABEL}(?P<name>[^().!?]{{2,50}})\)\s*$")
_BRACKET_WORDS = 6
_ENDED = re.compile(r"[.!?…]\s*$")
_SERVICE = re.compile(r"\b(?:press|пресс|прес|archiv|arhiv|arkiv|arquiv|архив|архыв|supplied|"
                      r"handout)", re.I)
_CREDITED_WORDS = 45
# A standfirst printed twice around the picture: this many words or more, this near the
# headline.
_TWICE_WORDS = 10
_TWICE_LINES = 12
# At most this many lines apart (the second copy included).
_TWICE_GAP = 6
_PLAYER_CAPTION_WORDS = 15


def label_captions(state: Labelled) -> None:
    """Label the caption above each photo credit that follows a sentence of the story."""
    # Four credits or more: a story told in pictures, whose captions are its text.
    if state.labels.count("image_credit") >= 4:
        return
    for i, label in enumerate(state.labels):
        # A credit longer than a credit carries its caption: the line above is the article's.
        if label != "image_credit" or _CAPTIONED.search(state.p[i]) or state.words[i] > 10:
            continue
        # A camera icon before the credit ("📷 Photo: ...") is a channel's post sending its
        # picture: the text above is the post's.
        if undecorated(state.p[i]) is not None:
            continue
        # Under the story's last sentence a bare credit is its sign-off ("VNA/VNV"): a
        # picture's credit has the story going on below it.
        if not any(sentence(state, k) for k in range(i + 1, len(state.p))):
            continue
        most = _PLAYER_CAPTION_WORDS if _PLAYER.search(state.p[i]) else _CAPTION_WORDS
        j = i - 1
        # A caption sits right above its credit, sometimes printed twice.
        # A lead that opens with its dateline ("MINSK, 18 June (Agency) - ...") is where
        # the story starts, never a caption.
        while j >= 0 and (state.labels[j] == "duplicate_line"
                          or (state.free(j) and state.words[j] <= most
                              and not dateline_open(state.p[j])
                              and not _SPEECH.match(state.p[j])
                              and len(_SENTENCE_ENDS.findall(state.p[j]))
                              < _CAPTION_SENTENCES
                              and not (len(state.p[j]) > _HAN_CAPTION_CHARS
                                       and han_share(state.p[j]) >= HAN_UNSPACED))):
            state.labels[j] = "image_caption"
            if j > 0 and state.f[j - 1] == state.f[j]:
                j -= 1
                continue
            break


def credit_lines(state: Labelled) -> Iterator[int]:
    """Free lines of a caption's length that end in a credit, with a slash and an agency,
    a name alone or in brackets (plain text, after the page model:
    ``pipeline/clean/plain.py``)."""
    for i, text in enumerate(state.p):
        if not state.free(i) or state.words[i] > _CREDITED_WORDS:
            continue
        if (m := _SLASH_CREDIT.search(text) or _NAME_CREDIT.search(text)) is not None:
            # In lower case a credit names a press service or an archive ("Photo: press
            # service of the ministry", "Picture: supplied"), in the word most languages
            # share for them; other lower-case words after a label go on with the sentence
            # ("Reason: no second lane").
            if not opens_lower(m["name"]) or (_SERVICE.search(m["name"])
                                              and not _ENDED.search(text)):
                yield i
        elif (m := _BRACKET_CREDIT.search(text)) is not None and \
                len(m["name"].split()) <= _BRACKET_WORDS:
            yield i


def label_standfirst_twice(state: Labelled) -> None:
    """A standfirst printed twice near the headline with only the page's furniture between
    (the byline, the date, a share row, the picture): the first copy goes as the repeat,
    and a free line right above the second copy that ends no sentence goes as the
    picture's caption (plain text, after the header passes have read the byline and the
    rows; tuning sets: 31 such articles, 12 of them in sets 298-306). A paragraph the page
    prints more often is a test page's filler, and a sentence between the copies is the
    story's."""
    if state.title_at is None:
        return
    start = state.title_at + 1
    for i in range(start, min(len(state.p) - 2, start + _TWICE_LINES)):
        if not state.free(i) or state.words[i] < _TWICE_WORDS:
            continue
        j = next((k for k in range(i + 2, min(len(state.p), i + _TWICE_GAP + 1))
                  if state.f[k] == state.f[i]), None)
        # Counted only once a second copy is near (the page is read whole only then).
        if j is None or not state.free(j) or state.f.count(state.f[i]) != 2:
            continue
        loose = [k for k in range(i + 1, j) if state.free(k)]
        if any(k != j - 1 for k in loose) or (loose and (
                TERMINAL.search(state.p[j - 1]) or state.words[j - 1] > 2 * _CAPTION_WORDS)):
            continue
        state.labels[i] = "lead_duplicate"
        state.reasons[i] = ("structure lead_duplicate: a standfirst printed again below the "
                            "page's furniture")
        for k in loose:
            state.labels[k] = "image_caption"
            state.reasons[k] = ("structure image_caption: the picture's line between two "
                                "copies of the standfirst")
        return


# A paragraph the next one repeats word for word is a teaser of it from this many words.
_LEAD_WORDS = 4
_LEAD_GAP = 6


def label_lead_duplicates(state: Labelled) -> None:
    """A paragraph the next one opens with word for word (a teaser of it), and a short
    summary above the lead that the lead then says again in more words."""
    following = None  # the next free paragraph after i, scanning backwards
    for i in range(len(state.p) - 1, -1, -1):
        if not state.free(i):
            continue
        j = following
        # Whole words, and more than a heading's few: "Isolation" above "Isolation
        # is ..." is a section heading, "- ArrayBuffer" above "- ArrayBufferView" a list.
        if (j is not None and state.words[i] >= _LEAD_WORDS
                and state.f[j].startswith(state.f[i] + " ")):
            state.labels[i] = "lead_duplicate"
        elif state.words[i] > _LEAD_GAP:  # a date or count between: still the lead's
            following = i
    top = state.first_body()
    for i in range((state.title_at or -1) + 1, min(top + 1, len(state.p))):
        j = next((k for k in range(i + 1, len(state.p)) if state.free(k)), None)
        if not state.free(i) or j is None or not 8 <= state.words[i] <= 60:
            continue
        mine = set(state.f[i].split())
        shared = len(mine & set(state.f[j].split()))
        if state.words[j] > state.words[i] and shared >= 0.7 * len(mine):
            state.labels[i] = "lead_duplicate"
