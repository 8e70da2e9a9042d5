"""Text-level cleaning: label every paragraph that is not the article, keep the rest.

Works on paragraphs (one per line of extracted or scraped text). Wording rules come from
``config/boilerplate.yaml``; the structural rules here need position and neighbours:
the title and what precedes it, repeated lines, captions above a credit, a lead repeated
by the next paragraph, a standfirst, datelines and bylines, tail blocks (related posts,
comment forms, bios) and headline-like links between paragraphs.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from pipeline.clean.below import label_below_story
from pipeline.clean.bios import label_bios
from pipeline.clean.captions import label_captions, label_lead_duplicates, label_standfirst_twice
from pipeline.clean.comments import label_comment_bodies
from pipeline.clean.contacts import label_contact_cards
from pipeline.clean.furniture import (
    CJK_NUMBERED,
    LINK_AFTER_LABEL,
    keep_closing_date,
    keep_timeline_dates,
    label_date_shapes,
    label_shapes,
    page_script,
)
from pipeline.clean.header import (
    DATE_ONLY,
    HEADING_WORDS,
    TERMINAL,
    byline_name,
    label_header,
    label_spaced_rows,
    next_free,
    parse_date,
    sentence,
    taken_up,
)
from pipeline.clean.inline import label_headline_links
from pipeline.clean.kickers import label_kickers, short_label
from pipeline.clean.lexicon import furniture_lines, spare_reported
from pipeline.clean.model_pass import (
    cue_kind,
    label_by_model,
    label_lines_by_text_model,
    structural_reason,
)
from pipeline.clean.plain import label_frame
from pipeline.clean.pullquotes import label_pull_quotes, spare_speakers
from pipeline.clean.rules import Rule, load_rules
from pipeline.clean.screen import first_rule, screened_rules
from pipeline.dates import is_date_line
from pipeline.languages import count_words, opens_lower, prose_language
from pipeline.text import fold

_TRUNCATED = re.compile(r"\bexcerpt\b|subscribe to (continue|keep) reading|"
                        r"(continue|keep) reading .*subscri|for subscribers only|"
                        r"to read (the|this) full (article|story)", re.I)
_SHORT = 20
_PITCH_WORDS = 45
_CONTACT_WORDS = 10  # a line under a press contact's heading: a name, a number, an address
_NOT_HEADLINES = frozenset(("site_chrome", "social_prompt", "reading_time", "cookie_notice",
                            "comment_form", "copyright"))
# A teaser in a box of other stories: a headline (no sentence end), a dash, then its
# one-line summary opening in capitals ("Output hits record — Glut keeps prices low.");
# prose goes on in lower case after a dash, and a lead's dateline is in capitals, often
# with its agency in brackets ("NEW DELHI, India (AP) — ...").
_TEASER = re.compile(r"^(?![A-Z .,'’-]+(?:\(|[—–]))[^.!?;—–()|]{20,140}[^.!?:;—–()|\s] [—–|] "
                     r"[A-Z][^—–]{10,120}$")
# A reader's comment under the comments' heading, however long: a name of a few words
# (initials allowed), a dash, the comment ("Juan R. — So the price goes up again?").
_COMMENT = re.compile(r"^[A-Z][\w.’'-]*( [A-Z][\w.’'-]*){0,2} [—–] \S")
# A heading's number ("3. ", "3) "), not a year or a figure.
_SECTION_NUMBER = re.compile(r"^(\d{1,2})[.)]\s+\S")
_STANDFIRST_WORDS = 30
# Clauses (a comma or semicolon inside): on a page without a strapline slot, a line under
# the headline written in clauses is the story's lead, not a strapline.
_CLAUSES = re.compile(r"[,;，；、]\s*\S")
# A Chinese section's number ("一、", "（二）"), or a document's ("公告2025年第2号",
# "〔2025〕12号"): a roundup's first item, a notice's number line, no standfirst.
_CJK_SECTION = re.compile(
    rf"{CJK_NUMBERED}|.*(第\s*\d+\s*[号號]|[〔［\[]\d{{4}}[〕］\]]\s*\d+\s*[号號])$")
# A line this short over two sentences ends a box of teasers: the story's section heading
# (on the tuning blind articles a teaser of seven words sat over prose too).
_BOX_END_HEADING_WORDS = 6
# In scraped text a headline-like line between paragraphs of at least this many words is a
# whole headline (a teaser); shorter, a subheading.
_WHOLE_HEADLINE = 7


@dataclass
class CleanText:
    """The outcome of cleaning one article's paragraphs."""

    paragraphs: list[str]
    removed: list[tuple[str, str]]
    title: str | None = None
    author: str | None = None
    author_signal: str | None = None
    published_at: datetime | None = None
    published_signal: str | None = None
    description: str | None = None
    truncated: bool = False
    labels: list[str | None] = field(default_factory=list)
    # Why each item of ``removed`` went: the rule's reason or the classifier's top features.
    reasons: list[str] = field(default_factory=list)
    # The first dateline as printed, for the extractor to read in the source's zone.
    dateline: str | None = None
    # ``fold`` of each of ``paragraphs`` (the cleaner has them; the hashes reuse them);
    # whoever replaces ``paragraphs`` replaces these too.
    folded: list[str] = field(default_factory=list)


def clean_paragraphs(
    paragraphs: list[str], *, title: str | None = None, author: str | None = None,
    learned: frozenset[str] = frozenset(), link_shares: list[float] | None = None,
    model: bool = True, verbatim: frozenset[str] = frozenset(), from_page: bool = False,
    folded: list[str] | None = None, tail: bool = True, strapline: bool = True,
) -> CleanText:
    """Label and drop boilerplate paragraphs.

    Args:
        paragraphs: the text, one paragraph per item, in page order.
        title: the headline when metadata gave one; found in the text otherwise.
        author: the author when metadata gave one.
        learned: folded-text hashes this source repeats across articles.
        link_shares: per paragraph, the share of its words in link text (HTML input);
            None for plain text.
        model: let the learned classifier (and, on plain Russian or Chinese text, the
            shape signals) label what the rules left (off: wording rules only).
        verbatim: lines (spacing squashed) of the page's preformatted code blocks: kept
            whatever a pass says, since a code line is no sentence and trips rules made
            for furniture (a date in a log row, a ``<script>`` tag, a repeated ``]``).
        from_page: the text is trafilatura's text of a page although no link shares come
            with it (the safety net's): the classifier judges it at the page threshold.
        folded: ``fold`` of each paragraph, when the caller has it (``fold`` reads words
            only, so it is the fold of the paragraph with its spacing squashed too).
        tail: label plain text's furniture run below the story's end
            (``pipeline/clean/tail.py``). Off only where the page model's training rows
            are made: the tail pass runs after that model, whose features never see it.
        strapline: read any unpunctuated line under the headline as the article's
            strapline (its description, out of the text). Off for an old table-layout
            portal's page (``pipeline/clean/layout.py``): such a template has no strapline
            slot, and a line in clauses atop its story's cell is the story's lead (one
            phrase is still the strapline).

    Returns:
        Body paragraphs, removals with their kind, and what the text revealed
        (title, author, date, standfirst, truncation).
    """
    kept = [i for i, p in enumerate(paragraphs) if p and p.strip()]
    paras = [" ".join(paragraphs[i].split()) for i in kept]
    state = _State(paras, author=author,
                   folded=[folded[i] for i in kept] if folded is not None else None)
    scraped = link_shares is None and not from_page  # plain text (pipeline/clean/header.py)
    if link_shares is not None:
        state.links = [link_shares[i] for i in kept]
    if scraped:
        label_spaced_rows(state, [paragraphs[i] for i in kept])
    state.find_title(title)
    state.apply_rules(load_rules())
    spare_reported(state)
    state.label_dates_and_bylines()
    spare_speakers(state)
    state.label_repeats()
    if scraped and (name := label_header(state)) and state.author is None:
        state.author, state.author_signal = name, "byline"
    if scraped:
        label_standfirst_twice(state)
    label_captions(state)
    label_lead_duplicates(state)
    if scraped:  # plain text only: a page sets its pull-quotes apart (docs/quality.md, s. 22)
        label_pull_quotes(state)
    state.label_standfirst(strapline)
    if state.headline is not None:  # after the standfirst's pass (see the module)
        label_kickers(state, state.headline)
    state.label_sandwiches()
    state.label_tail_blocks(load_rules())
    label_bios(state, state.last_body())
    # A headline-like line between two paragraphs: in scraped text one of a heading's few
    # words (4-6) was a subheading (tuning blind articles: 8 body lines, no furniture).
    label_headline_links(state, state.numbered_sections(),
                         least=_WHOLE_HEADLINE if scraped else 4)
    state.label_furniture_lines()
    label_date_shapes(state)
    label_comment_bodies(state)
    state.label_learned(learned)
    if model:
        shares = [link_shares[i] for i in kept] if link_shares is not None else None
        label_by_model(state, shares, from_page=from_page)
        label_contact_cards(state)  # after the page model, trained without it
        label_below_story(state, shares)  # likewise (pipeline/clean/below.py)
    if scraped and tail:
        label_frame(state, model=model)  # after the page model (pipeline/clean/plain.py)
    if model and link_shares is None:
        # Plain Russian or Chinese text: furniture by shape (pipeline/clean/furniture.py),
        # like the classifier no wording rule (the model trains on rule labels only).
        label_shapes(state, page_script(paras))
        if not from_page:
            # Last: it takes only what every named pass left.
            label_lines_by_text_model(state)
    keep_timeline_dates(state)
    keep_closing_date(state)
    state.keep_verbatim(verbatim)
    return state.result()


class _State:
    """Paragraphs with one label slot each; every pass fills empty slots only."""

    def __init__(self, paras: list[str], author: str | None,
                 folded: list[str] | None = None) -> None:
        self.p = paras
        self.f = folded if folded is not None else [fold(x) for x in paras]
        # Chinese counts two characters a word (pipeline.languages.count_words).
        self.words = [count_words(x, folded=f) for x, f in zip(paras, self.f, strict=True)]
        self.labels: list[str | None] = [None] * len(paras)
        self.reasons: list[str | None] = [None] * len(paras)
        self.title_at: int | None = None
        # The page's title folded, when it was given (``label_kickers``).
        self.headline: str | None = None
        self.title: str | None = None
        self.author = author
        self.author_signal = "metadata" if author else None
        self.published: datetime | None = None
        self.published_signal: str | None = None
        self.description: str | None = None
        self.dateline: str | None = None
        # Per paragraph, its words' share in link text (None: plain text).
        self.links: list[float] | None = None

    # --- helpers ----------------------------------------------------------------------
    def free(self, i: int) -> bool:
        return 0 <= i < len(self.p) and self.labels[i] is None

    def first_body(self) -> int:
        start = (self.title_at or -1) + 1
        for i in range(start, len(self.p)):
            if self.free(i) and self.words[i] > _SHORT:
                return i
        return len(self.p)

    def last_body(self) -> int:
        for i in range(len(self.p) - 1, -1, -1):
            if self.free(i) and self.words[i] > _SHORT:
                return i
        return -1

    # --- passes -----------------------------------------------------------------------
    def find_title(self, title: str | None) -> None:
        if title:
            self.title = " ".join(title.split())
            target = fold(title)
            for i, f in enumerate(self.f):
                if f == target:
                    self.labels[i] = "duplicate_title"
            self.headline = target
            return
        screened = screened_rules(load_rules())
        for i in range(min(6, len(self.p))):
            # A line ending in a full stop (Latin or CJK) is a sentence, not a headline; a
            # menu row or a line a site-furniture rule takes ("Skip to main content") is the
            # site's (calls to act and credits read like some headlines: not those).
            n, text = self.words[i], self.p[i]
            if not (self.free(i) and 3 <= n <= 30 and not text.endswith((".", "。"))):
                continue
            rule = first_rule(screened, text, n, 0.0)
            if rule is None or rule.kind not in _NOT_HEADLINES:
                self.title_at, self.title = i, self.p[i]
                self.labels[i] = "title"
                break
        if self.title_at is None:
            return
        for i in range(self.title_at):
            # A sentence of four words or more is the article's, even above its headline.
            if short_label(self.p[i], self.words[i], 6):
                self.labels[i] = "site_chrome"
        for i in range(self.title_at + 1, len(self.p)):
            if self.f[i] == self.f[self.title_at]:
                self.labels[i] = "duplicate_title"

    def apply_rules(self, rules: tuple[Rule, ...]) -> None:
        last = max(1, len(self.p) - 1)
        screened = screened_rules(rules)
        for i, text in enumerate(self.p):
            if not self.free(i) or self.words[i] >= len(screened.by_words):
                continue  # taken already, or longer than any rule admits
            # One scan for every rule's literal filter (``Screened``).
            rule = first_rule(screened, text, self.words[i], i / last)
            if rule is not None:
                self.labels[i] = rule.kind
                self.reasons[i] = f"rule {rule.kind}: {rule.reason}"

    def label_dates_and_bylines(self) -> None:
        top = self.first_body()
        for i, text in enumerate(self.p):
            # A rule took the byline ("By Ann Lee, Staff Reporter"): its name is the author
            # all the same.
            if self.labels[i] == "byline" and self.author is None and i < top and \
                    (name := byline_name(text)):
                self.author, self.author_signal = name, "byline"
            if self.labels[i] == "byline" and i > top and text.isupper() and \
                    self.free(i - 1) and TERMINAL.search(self.p[i - 1]) and \
                    self.free(i + 1) and self.words[i + 1] > _SHORT:
                # Capitals between two paragraphs of the story: a wire story's subheading
                # ("PORTS, RAIL"), not a name and role (blind pages, tuning set3).
                self.labels[i] = self.reasons[i] = None
            if not self.free(i) or self.words[i] > 12 or self._fact_row(i):
                continue
            if DATE_ONLY.match(text) or is_date_line(text):
                self.labels[i] = "dateline" if i < top else "date_stub"
                if i < top and self.dateline is None:
                    self.dateline = text
                when = parse_date(text)
                if i < top and when is not None and self.published is None:
                    self.published, self.published_signal = when, "dateline"
                continue
            name = byline_name(text)
            if name and i < top + 2:
                self.labels[i] = "byline"
                if self.author is None:
                    self.author, self.author_signal = name, "byline"

    def _fact_row(self, i: int) -> bool:
        """A list's item beside an item that is no date: a fact box's row ("- Signed:
        16 July 2001, Moscow"), not a stamp (blind pages, tuning set123)."""
        return self.p[i].startswith("- ") and any(
            self.p[k].startswith("- ") and not DATE_ONLY.match(self.p[k])
            and not is_date_line(self.p[k]) for k in (i - 1, i + 1) if 0 <= k < len(self.p))

    def label_repeats(self) -> None:
        for i in range(1, len(self.p)):
            if self.f[i] and self.f[i] == self.f[i - 1] and self.free(i):
                prev = self.labels[i - 1]
                # The first copy stays when it is free: a line printed twice in a row is
                # a caption or heading the page showed twice, said once.
                self.labels[i] = prev if prev not in (None, "title") else "duplicate_line"

    def label_standfirst(self, strapline: bool = True) -> None:
        start = (self.title_at if self.title_at is not None else -1) + 1
        for i in range(start, min(start + 3, len(self.p))):
            if not self.free(i):
                continue
            # A line the next paragraph continues in lower case is the lead broken by
            # markup, not a standfirst (tuning part); nor is a list's first item (set95).
            nxt = self.p[i + 1] if i + 1 < len(self.p) else ""
            if (4 <= self.words[i] <= _STANDFIRST_WORDS and not TERMINAL.search(self.p[i])
                    and not opens_lower(nxt) and not self.p[i][:2] == nxt[:2] == "- "
                    and not _CJK_SECTION.match(self.p[i])
                    and (strapline or not _CLAUSES.search(self.p[i]))):
                self.labels[i] = "subtitle"
                self.description = self.p[i]
            return

    def label_sandwiches(self) -> None:
        """Short lines between two lines of one promo kind belong to that promo."""
        marked = [i for i, x in enumerate(self.labels) if x in ("newsletter_promo", "paywall")]
        for a, b in itertools.pairwise(marked):
            if 1 < b - a <= 6 and self.labels[a] == self.labels[b]:
                # One line alone between the two is the box's pitch, however long.
                most = _PITCH_WORDS if b - a == 2 else _SHORT
                # A paragraph of prose between them parts two pitches printed apart in the
                # story (tuning set 294): the short lines beside it are the story's.
                if any(self.free(k) and self.words[k] > most for k in range(a + 1, b)):
                    continue
                for i in range(a + 1, b):
                    # A question of a few words is an interviewer's, not a promo's; a
                    # heading over two sentences heads the story's section (tuning set 286).
                    if self.labels[i] in (None, "site_chrome") and self.words[i] <= most \
                            and not (self.words[i] >= 5 and self.p[i].endswith("?")) \
                            and not self._opens(i):
                        self.labels[i] = self.labels[a]

    def label_tail_blocks(self, rules: tuple[Rule, ...]) -> None:
        tail_kinds = {r.kind for r in rules if r.block == "tail"}
        sections = self.numbered_sections()
        for i, label in enumerate(self.labels):
            # A label with its story after the colon ("More on this: X") is a link, not
            # a box's heading: the lines under it are not its items.
            if label not in tail_kinds or LINK_AFTER_LABEL.match(self.p[i]):
                continue
            # The block ends at a paragraph of prose, or the next heading of a numbered
            # article.
            items = _COMMENT if label == "comment_form" else _TEASER
            end = next((j for j in range(i + 1, len(self.p))
                        if (self.words[j] > _SHORT and not items.match(self.p[j]))
                        or j in sections), len(self.p))
            if label == "footnote" and self.free(end):
                # Endnotes close an article: a notes heading with the article's prose after
                # its block heads the article's own points ("Notes:" over a short list).
                if self.words[i] <= 4:
                    self.labels[i] = self.reasons[i] = None
                continue
            if end < len(self.p) and (self._heads(end - 1, end) or self._opens(end - 1)):
                end -= 1  # the article's section heading over the prose that ends the block
            if self.links is not None and label == "related_posts" and \
                    not any(self.links[j] > 0 for j in range(i + 1, end)):
                # A page's box of stories links them: under a label with no link left
                # (pruning took it), the story's heading and list (blind pages, set5).
                continue
            for j in range(i + 1, end):
                if label == "press_contact":  # a press office's lines: names, numbers
                    if self.words[j] > _CONTACT_WORDS:
                        break
                    self.labels[j] = self.labels[j] or label
                    continue
                # A table row is content trafilatura kept, not a list of links.
                if (self.free(j) and label in ("related_posts", "footnote")
                        and not self.p[j].startswith("|")):
                    self.labels[j] = label

    def _opens(self, i: int) -> bool:
        """Line ``i`` is shorter than a teaser's headline and two sentences follow it: a
        section heading of the story the box was printed in (its words need not come
        back in the prose: "Kremlin's bet" over a paragraph on strategy)."""
        below = next_free(self, i + 1)
        # A question as short heads a section too ("And the jobs?"; tuning sets 262, 266,
        # 268): a teaser's headline is longer.
        question = self.p[i].endswith(("?", "？"))
        return self.free(i) and self.words[i] <= _BOX_END_HEADING_WORDS \
            and (question or not TERMINAL.search(self.p[i])) and len(below) == 2 \
            and all(sentence(self, j) for j in below)

    def _heads(self, i: int, prose: int) -> bool:
        """Line ``i`` is a section heading of the prose at ``prose``: a few words with no
        sentence end that the paragraph under it (or the next) takes up."""
        if not self.free(i) or self.words[i] > HEADING_WORDS or TERMINAL.search(self.p[i]):
            return False
        return taken_up(self, i, next_free(self, prose))

    @cached_property
    def language(self) -> str | None:  # asked only when a pass needs it: detected lazily
        return prose_language(self.p, _SHORT, self.words)  # the words counted once

    def numbered_sections(self) -> set[int]:
        """Headings of a numbered article ("3. The cloud ..."): a line opening with a number
        whose neighbour in the count opens a line further away, prose in between. A list
        of other stories numbers consecutive lines."""
        numbers = {i: int(m.group(1)) for i, text in enumerate(self.p)
                   if (m := _SECTION_NUMBER.match(text))}
        return {i for i, n in numbers.items()
                if any(abs(j - i) > 1 and abs(m - n) == 1 and (j < i) == (m < n)
                       for j, m in numbers.items())}

    def label_furniture_lines(self) -> None:
        """Lines of furniture words in any listed language (pipeline/clean/lexicon.py)."""
        for i, kind, why in furniture_lines(self):
            self.labels[i], self.reasons[i] = cue_kind(self.p[i], kind), structural_reason(why)

    def label_learned(self, learned: frozenset[str]) -> None:
        if not learned:
            return
        from pipeline.clean.learned import paragraph_hash

        for i in range(len(self.p)):
            if self.free(i) and paragraph_hash(self.f[i]) in learned:
                self.labels[i] = "learned_boilerplate"

    def keep_verbatim(self, verbatim: frozenset[str]) -> None:
        if not verbatim:
            return
        for i, text in enumerate(self.p):
            if text in verbatim and self.labels[i] not in ("title", "duplicate_title"):
                self.labels[i], self.reasons[i] = None, None

    def result(self) -> CleanText:
        body = [p for p, lab in zip(self.p, self.labels, strict=True) if lab is None]
        folded = [f for f, lab in zip(self.f, self.labels, strict=True) if lab is None]
        gone = [i for i, lab in enumerate(self.labels) if lab is not None and lab != "title"]
        removed = [(str(self.labels[i]), self.p[i]) for i in gone]
        reasons = [self.reasons[i] or structural_reason(str(self.labels[i])) for i in gone]
        truncated = any(is_truncation_notice(k, t) for k, t in removed)
        return CleanText(
            paragraphs=body, removed=removed, title=self.title, author=self.author,
            author_signal=self.author_signal, published_at=self.published,
            published_signal=self.published_signal, description=self.description,
            truncated=truncated, labels=list(self.labels), reasons=reasons,
            dateline=self.dateline, folded=folded,
        )


def is_truncation_notice(kind: str, text: str) -> bool:
    """A removed promo or paywall line saying the text is only part of the article."""
    return kind in ("newsletter_promo", "paywall") and bool(_TRUNCATED.search(text))
