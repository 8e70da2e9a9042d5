"""The tail of a plain-text article: what a scraper saves after the story ends.

After the article's last sentence a page prints its furniture in a run: share rows, tags,
the writer's card, comment counts, teasers of other stories under a heading of any
wording ("Ready for more?", "Hot topics"), the footer. The wording rules and the
classifier take the lines they recognise; the ones worded like nothing they know sit among
them. Once a recognised furniture line has followed the story's last sentence, a line
that is no sentence (no sentence end, or a question of a few words) is taken with the run:
a story does not resume after its share row. The last sentence is the last one with two
sentences of the story above it, so a pitch or a policy printed alone among the furniture
does not end the story (``story_end``). Lines of a list or a table stay (an article may
end on one) unless they are two or more headlines in the run, and so does anything before
the first furniture line after the last sentence. Runs after the page model, which is
trained without this pass. Plain text only, like ``pipeline/clean/header.py``:
trafilatura's text of a page ends with the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.clean.furniture import STORY_FURNITURE, Labelled
from pipeline.clean.header import HEADING_WORDS, TERMINAL, list_item, next_free, sentence
from pipeline.clean.model_pass import cue_kind
from pipeline.languages import english_line, opens_lower

# Longer lines are prose whatever their end: a teaser headline or a tag row is shorter.
_MAX_WORDS = 16
# A list item this long is a headline, not a point of the story's own list.
_TEASER_ITEM_WORDS = 5
# A question this short is a prompt ("What do you think?"), not the article's.
_PROMPT_WORDS = 5
# Labels that do not start the furniture run: the headline (plain text may not have one
# above the body), a line printed twice, a pull-quote or summary repeating the story (a
# sentence between a pull-quote and an ad label was read as alone in the furniture).
_NOT_FURNITURE = frozenset(("title", "duplicate_line", "lead_duplicate"))
# At most this many sentences of the page's furniture below the story's end (a newsletter
# pitch, a comment policy, an app pitch).
_LONE_SENTENCES = 3
_LONE_RUN_SENTENCES = 6
# Lines of furniture that ends a page between the story's last sentence and a block of
# the page's sentences (one can be a share prompt printed inside the story).
_BLOCK_FURNITURE = 2
# A sentence alone in the furniture run up to this long is the page's (longer: a story's).
_RUN_SENTENCE_WORDS = 60
# A pitch printed between a story's last two paragraphs: its kinds (a pitch in a language
# the rules do not read is named by its cue, site chrome by default) and least words.
_PITCH_KINDS = frozenset(("newsletter_promo", "social_prompt", "site_chrome", "ad_label"))
_PITCH_WORDS = 8
_LIST_MARKS = re.compile(r"[,#/|·•]")
# Messengers, video platforms and news feeds a site is followed on, as written in Latin
# script and in the scripts that spell them (a brand written like a common word, "line" or
# "signal", only as the brand writes it).
_CHANNELS = re.compile(
    r"(?i:telegram|whatsapp|viber|youtube|tiktok|google news|kakaotalk|zalo|instagram"
    r"|телеграм|тэлеграм|ватсап|вотсап|вайбер|ютуб|дзен|вконтакте|тикток"
    r"|تيليغرام|تلغرام|تلگرام|ټلګرام|واتساب|واتس اب|يوتيوب|یوتیوب|טלגרם|וואטסאפ"
    r"|ტელეგრამ|տելեգրամ|टेलीग्राम|टेलिग्राम|व्हाट्सऐप|টেলিগ্রাম|হোয়াটসঅ্যাপ"
    r"|டெலிகிராம்|வாட்ஸ்அப்|เทเลแกรม|ไลน์|テレグラム|텔레그램|카카오톡|微信公众号|公众号|视频号)"
    r"|(?-i:\bLINE\b|\bVK\b)")
_CHANNEL_PITCH_WORDS = 40
# The site's interface as most languages borrow its words, in Latin and Cyrillic letters:
# a word's start (case endings follow: "сайтехь", "moderaciyadan").
_INTERFACE_LOANS = re.compile(
    r"(?i)(?:коммент|комент|комэнт|koment|komment|coment|comment|модерат|moderat"
    r"|регистр|registr|rexistr|сайт|\bsite\b|login|логин|авториз|autoriz|authori"
    r"|e-?mail|имейл|подписк|abonn|abone|newsletter|ньюслет)")
# Quoted or reported speech: the story's, not the site's.
QUOTED = re.compile(r"[“”„«»「」\"]")
# Furniture printed between a story's paragraphs: it does not part two of them.
_IN_STORY = _NOT_FURNITURE | STORY_FURNITURE | {"duplicate_title"}


def run_lines(state: Labelled, last: int) -> Iterator[int]:
    """The free lines below the article's last sentence ``last`` once a furniture line has
    followed it: the furniture run. Lazy, so a caller may label each line it is given."""
    run = False
    for i in range(last + 1, len(state.p)):
        label = state.labels[i]
        if label is not None:
            run = run or label not in _NOT_FURNITURE
        elif run:
            yield i


def label_tail(state: Labelled) -> None:
    """Label the lines after the article's last sentence that follow a furniture line
    there."""
    last = story_end(state)
    if last is None:
        return
    for i in run_lines(state, last):
        if _heads_section(state, i) or _heads_after_pitch(state, i, last) or \
                _listed_under_pitch(state, i, last) or not (
                _tail_line(state.p[i], state.words[i]) or _teaser_item(state, i)
                or _listed_question(state, i)):
            continue
        kind = cue_kind(state.p[i], "related_posts")
        state.labels[i] = kind
        state.reasons[i] = (f"structure {kind}: a line that is no sentence in the furniture "
                            "after the article's last sentence")
    # Once the run is labelled: a heading ending in a colon over one of its blocks.
    for i in [i for i in run_lines(state, last) if _block_heading(state, i)]:
        state.labels[i] = state.labels[i + 1]
        state.reasons[i] = (f"structure {state.labels[i]}: a heading ending in a colon over "
                            "a block of the furniture after the article's last sentence")


def run_sentences(state: Labelled) -> list[int]:
    """Sentences alone in the furniture run after the article's last sentence, with a
    furniture line right above and right below: a newsletter pitch, a comment policy, a
    consent note worded like nothing the rules know. The caller asks the plain-text model
    too (``model_pass.text_model_agrees``): on the tuning blind articles the shape alone
    took 86 furniture lines and the closing paragraph of a research note under a heading
    of furniture words ("Our view"). Not a question (an interviewer's, as
    ``label_sandwiches`` spares it), nor the page's last line: a sentence there with
    nothing below may be the story's, printed after a box (the blind line batches put
    twelve body lines with furniture words there that the first version took). Nor a
    sentence under a pitch printed between the story's paragraphs (with the story's last
    sentence or a free line above the pitch): the story goes on under it."""
    last = story_end(state)
    if last is None:
        return []
    return [i for i in run_lines(state, last)
            if state.words[i] <= _RUN_SENTENCE_WORDS and sentence(state, i)
            and _furniture(state, i - 1) and i + 1 < len(state.p) and _furniture(state, i + 1)
            and not _one_comment(state, i) and not state.p[i].endswith("?")
            and not _under_pitch(state, i, last)]


def run_channel_pitches(state: Labelled) -> list[int]:
    """Lines in the furniture run after the article's last sentence that name a messenger,
    a video platform or a news feed the site can be followed on (Telegram, WhatsApp, LINE,
    WeChat's official accounts, Google News...), in any language or script: a channel
    pitch. The story's own mention of a channel is above its last sentence, or quotes or
    reports ("... wrote on his Telegram channel"), or runs longer. Not an English line:
    English's rules read its pitches, and a story's English line put below the end in the
    blind line batches ("... newsletters circulating on Telegram ...") was the story's."""
    return _run_naming(state, _CHANNELS)


def run_interface_lines(state: Labelled) -> list[int]:
    """Lines in the furniture run that name the site's interface by a word most languages
    borrow (comments, moderation, registration, log-in, the site, e-mail, a newsletter,
    a subscription): a comment policy or a sign-up note in a language no list reads
    ("Комментари язйан сайтехь регистраци ян еза"). Two such words, or one in a line with
    furniture right above and below it (one alone took a story's line about a site put at
    a page's end in two blind line batches). Spared like a channel pitch."""
    return [i for i in _run_naming(state, _INTERFACE_LOANS)
            if len({m.casefold() for m in _INTERFACE_LOANS.findall(state.p[i])}) >= 2
            or (_furniture(state, i - 1) and i + 1 < len(state.p) and _furniture(state, i + 1))]


def _run_naming(state: Labelled, names: re.Pattern[str]) -> list[int]:
    last = story_end(state)
    if last is None:
        return []
    return [i for i in run_lines(state, last)
            if state.words[i] <= _CHANNEL_PITCH_WORDS and names.search(state.p[i])
            and not QUOTED.search(state.p[i]) and not english_line(state.p[i])
            # A heading over two of the story's paragraphs names a channel the story is
            # about (tuning set 312: "A Telegram channel and its 40,000 subscribers").
            and not _heads_section(state, i)]


def _under_pitch(state: Labelled, i: int, last: int) -> bool:
    """Line ``i`` goes on with the story under a pitch printed between its paragraphs (the
    story's last sentence or a free line above the pitch): right under it, or under a
    heading that asks right under it (tuning set 287: "What next?"; a heading that does
    not ask may be the tag row over a correction note, tuning set 288)."""
    j = i - 1
    if j > 0 and state.free(j) and _asking_heading(state, j):
        j -= 1
    return j > 0 and (j - 1 == last or state.free(j - 1)) and _pitch(state, j)


def _heads_after_pitch(state: Labelled, i: int, last: int) -> bool:
    """Free line ``i`` is the story's heading that asks, over a sentence that goes on with
    the story under a pitch printed between its paragraphs (``_under_pitch``)."""
    return _asking_heading(state, i) and i + 1 < len(state.p) and state.free(i + 1) \
        and sentence(state, i + 1) and _under_pitch(state, i + 1, last)


def _listed_under_pitch(state: Labelled, i: int, last: int) -> bool:
    """Line ``i`` is an item of the story's list, whose lead-in sentence ends in a colon
    and goes on with the story under a pitch (``_under_pitch``; tuning set 298: a grains
    brief's "... cited by market participants:" and its points under an inbox pitch)."""
    j = i
    while j > 0 and state.free(j) and list_item(state.p[j]):
        j -= 1
    return j < i and sentence(state, j) and state.p[j].endswith((":", "：")) \
        and _under_pitch(state, j, last)


def _pitch(state: Labelled, i: int) -> bool:
    """Line ``i`` is a pitch for the site's channel or newsletter worded as a sentence, which
    pages print between a story's paragraphs (the next line goes on with the story): a
    line of some words, no list of tags or links."""
    return state.labels[i] in _PITCH_KINDS and state.words[i] >= _PITCH_WORDS and \
        len(_LIST_MARKS.findall(state.p[i])) < 3


def _one_comment(state: Labelled, i: int) -> bool:
    """Line ``i`` sits alone between a comment heading and a comment control ("Comments",
    "...", "Reply"): one comment is no thread, and pipeline/clean/comments.py leaves it
    (the line may be the article's closing paragraph under a comment link)."""
    return state.labels[i - 1] == "comment_form" and heading(state, i - 1) and \
        i + 1 < len(state.p) and heading(state, i + 1)


def _furniture(state: Labelled, i: int) -> bool:
    return state.labels[i] is not None and state.labels[i] not in _NOT_FURNITURE


def _teaser_item(state: Labelled, i: int) -> bool:
    """An item of a list of headlines in the furniture run ("1. Talks stall on the gas
    price", "2. ..."): two or more such items in a row, each a headline's length."""
    def headline(j: int) -> bool:
        return 0 <= j < len(state.p) and list_item(state.p[j]) and \
            _TEASER_ITEM_WORDS <= state.words[j] <= _MAX_WORDS and \
            TERMINAL.search(state.p[j]) is None and not _LABELLED_ROW.match(state.p[j])
    return headline(i) and (headline(i - 1) or headline(i + 1))


# A table's row of a label and its value ("| Venue | Hall 2 |"): a fact box's, no
# headline (blind pages, tuning set155: a museum's opening hours under its story).
_LABELLED_ROW = re.compile(r"\|\s*[^|\d]{1,12}?\s*\|[^|]+\|\s*$")


def _listed_question(state: Labelled, i: int) -> bool:
    """A headline that asks ("Who gains from the new corridor?") in a list of other
    stories: a line of a headline's length ending in a question mark, right under or over
    a line the tail took as a teaser (a closing question of the story is its last
    sentence, above the run), or right under or over another such question: two in a
    row are a list."""
    def asks(j: int) -> bool:
        text = state.p[j]
        return text.endswith(("?", "？")) and state.words[j] <= _MAX_WORDS \
            and not opens_lower(text)
    near = [j for j in (i - 1, i + 1) if 0 <= j < len(state.p)]
    return asks(i) and any(state.labels[j] == "related_posts" or (state.free(j) and asks(j))
                           for j in near)


def _tail_line(text: str, words: int) -> bool:
    # A line broken out of a sentence (lower case first, a comma last) is prose.
    if words > _MAX_WORDS or list_item(text) or opens_lower(text) or text.endswith(","):
        return False
    if text.endswith("?"):
        return words <= _PROMPT_WORDS
    return TERMINAL.search(text) is None


def story_end(state: Labelled) -> int | None:
    """The article's last sentence: the last one that continues the story, with two
    sentences right above it (past pictures, ads and inline links, and headings of a few
    words). A sentence alone among the page's furniture (a newsletter pitch, a comment
    policy, a cookie note in a language no rule reads, under the tags, the teasers or the
    comment form) does not end the story, and the furniture run can start above it; nor
    does a short block of them clustered under a share row and the tags
    (``_above_block``). Without such a sentence, the last sentence of all (or the one
    above such a block)."""
    ends = [i for i in range(len(state.p)) if sentence(state, i)]
    if not ends:
        return None
    end = ends[-1]
    # Only a few sentences below it: a page whose text goes on for many more sentences
    # in short sections (a chronicle, a reference page with its notes) is all text.
    # Twice as many when every one below stands alone under furniture: a page's notes,
    # pitches and policies, each printed in a box of its own.
    lone = True
    for k in range(len(ends) - 1, -1, -1):
        if k <= len(ends) - 2 - (_LONE_RUN_SENTENCES if lone else _LONE_SENTENCES):
            break
        # Two sentences of the story above it: two furniture sentences can meet (a
        # comment policy over an app pitch), three seldom do.
        above = _previous_sentence(state, ends[k])
        lone = lone and above is None
        if above is not None and _previous_sentence(state, above) is not None:
            # Moved up past sentences only over furniture that ends a page (not a picture
            # or a line the classifier guessed): a story's own closing list can part them.
            if k == len(ends) - 1 or any(_ends_page(state, j)
                                         for j in range(ends[k] + 1, ends[k + 1])):
                end = ends[k]
            break
    return _above_block(state, end)


def _above_block(state: Labelled, end: int) -> int:
    """``end``, or the story's last sentence above it when ``end`` closes a short block of
    sentences printed under furniture that ends a page (a share row, the tags): the
    page's own notes, policy and pitches clustered below the story, where each has one or
    two of the others above it. The story's sentence has two more above it, and two lines
    of such furniture or more lie between it and ``end``."""
    count, furniture = 1, 0
    for j in range(end - 1, -1, -1):
        if sentence(state, j):
            up = _previous_sentence(state, j)
            if furniture >= _BLOCK_FURNITURE and up is not None \
                    and _previous_sentence(state, up) is not None:
                return j
            count += 1
            if count > _LONE_SENTENCES + 1:
                return end
        elif state.free(j):
            if not (heading(state, j) or _box_label(state, j)):
                return end
        elif state.labels[j] in _NOT_FURNITURE:
            return end
        elif _ends_page(state, j):
            furniture += 1
    return end


def _box_label(state: Labelled, i: int, most: int = _PROMPT_WORDS) -> bool:
    """Line ``i`` is a box's label: a few words ending in a colon ("More on this:")."""
    return state.words[i] <= most and state.p[i].endswith((":", "："))


def _block_heading(state: Labelled, i: int) -> bool:
    """Line ``i`` is a box's label of a heading's length over furniture: in the run it
    heads the block below ("More on this topic:" over its teasers), where a colon
    elsewhere opens a quote or the story's own list."""
    return (_box_label(state, i, HEADING_WORDS) and i + 1 < len(state.p)
            and state.labels[i + 1] not in (None, *_NOT_FURNITURE))


def _heads_section(state: Labelled, i: int) -> bool:
    """Line ``i`` is a heading over two sentences or paragraphs too long for a teaser
    (Thai prose has no sentence marks), or over a table of labelled rows (a fact box): a
    section of the story, not a teaser, even below where the story's end was read (a box
    between its paragraphs can move it up)."""
    if i + 1 < len(state.p) and state.free(i + 1) and _LABELLED_ROW.match(state.p[i + 1]):
        return True
    below = next_free(state, i + 1)
    return len(below) == 2 and all(sentence(state, j) or state.words[j] > _MAX_WORDS
                                   for j in below)


def _previous_sentence(state: Labelled, i: int) -> int | None:
    """The sentence right above line ``i`` (past a heading of a few words, one that asks
    too: "And what does Berlin say?"), or None."""
    up = above(state, i)
    if up is not None and (heading(state, up) or _asking_heading(state, up)) and \
            not sentence(state, up):
        up = above(state, up)
    return up if up is not None and sentence(state, up) else None


def _asking_heading(state: Labelled, i: int) -> bool:
    """Line ``i`` is a subheading that asks: a heading's length, a question mark last."""
    return state.words[i] <= HEADING_WORDS and state.p[i].endswith(("?", "？"))


def above(state: Labelled, i: int) -> int | None:
    """The nearest unlabelled line above line ``i``, past the furniture printed inside a
    story; None when other furniture comes first (tags, a share row, a comment form)."""
    for j in range(i - 1, -1, -1):
        if state.free(j):
            return j
        if state.labels[j] not in _IN_STORY:
            return None
    return None


def heading(state: Labelled, i: int) -> bool:
    """Line ``i`` is a heading: a few words with no sentence end."""
    return state.words[i] <= HEADING_WORDS and TERMINAL.search(state.p[i]) is None


def _ends_page(state: Labelled, i: int) -> bool:
    """Line ``i`` is furniture that ends a page: labelled, not printed inside a story, and
    not the classifier's guess."""
    label, reason = state.labels[i], state.reasons[i] or ""
    return label is not None and label not in _IN_STORY and not reason.startswith("classifier")
