"""The passes plain text gets after the page model: the page's frame around the story.

A scraper's plain text keeps what HTML would tell by its markup: the rows of a menu, the
furniture run below the story's end, a link to another story between two paragraphs, a
consent banner or a channel pitch in a language no wording rule reads. These passes run
after the page model, whose features they must not change (the tail reads where the story
ends, which the model's own training rows would otherwise move with), and only on plain
text (``pipeline/clean/text.py`` calls them).
"""

from __future__ import annotations

from typing import Protocol

from pipeline.clean.captions import credit_lines
from pipeline.clean.consent import consent_lines
from pipeline.clean.furniture import Labelled
from pipeline.clean.header import header_lines
from pipeline.clean.inline import inline_links
from pipeline.clean.lexicon import furniture_sentences, kin_lines
from pipeline.clean.model_pass import cue_kind, structural_reason, text_model_agrees
from pipeline.clean.rows import label_below_story, label_rows
from pipeline.clean.tail import (
    label_tail,
    run_channel_pitches,
    run_interface_lines,
    run_sentences,
)


class Framed(Labelled, Protocol):
    """The text cleaner's state as these passes see it: its lines and their language."""

    @property
    def language(self) -> str | None: ...


def label_frame(state: Framed, *, model: bool) -> None:
    """Label the plain text's frame: rows, the lines below the story, kin languages'
    furniture words, inline links, consent banners, dense furniture sentences, the tail
    run, channel pitches and (``model``) the sentences the plain-text model agrees on."""
    label_rows(state)
    label_below_story(state)
    # Not on an English page: its headings can be a letter off another list's word.
    for i in kin_lines(state) if state.language != "en" else ():
        _label(state, i, cue_kind(state.p[i], "site_chrome"), "furniture_words_kin")
    # Before the inline links: a link under a picture's credit is read past it.
    for i in credit_lines(state):
        _label(state, i, "image_credit", "slash_credit")
    # Not on an English page either: English labels are the rules' (an English section
    # heading may read "Topic: a long headline-like line").
    for i in inline_links(state) if state.language != "en" else ():
        _label(state, i, "inline_related_link", "inline_label")
    for i in consent_lines(state):
        _label(state, i, "cookie_notice", "consent")
    for i in furniture_sentences(state):
        _label(state, i, cue_kind(state.p[i], "site_chrome"), "furniture_sentence")
    label_tail(state)
    for i in run_channel_pitches(state):
        _label(state, i, cue_kind(state.p[i], "newsletter_promo"), "channel_pitch")
    for i in run_interface_lines(state):
        _label(state, i, cue_kind(state.p[i], "comment_form"), "interface_loan")
    # The model's second opinion: not when training it (``model=False``).
    for i in text_model_agrees(state, run_sentences(state)) if model else ():
        _label(state, i, cue_kind(state.p[i], "site_chrome"), "run_sentence")
    # A sentence of the page's top that a pass above took (a consent banner, a tagline
    # the model read) ended the header there: read the header's lines again.
    header_lines(state)


def _label(state: Labelled, i: int, kind: str, why: str) -> None:
    state.labels[i], state.reasons[i] = kind, structural_reason(why)
