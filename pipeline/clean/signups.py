"""A sign-up box by its shape: the form that asks for an e-mail address, with the short
texts around it (a label, the newsletter's name, its pitch, the consent line). Its class
words may say nothing (utility classes such as ``rounded-xl bg-sky-50 p-6``): the form
goes by its tag, and its heading and pitch stayed behind (blind pages, tuning set57)."""

from __future__ import annotations

from typing import Any

from pipeline.clean.nodetext import text_of
from pipeline.languages import count_words

# A box holds at most this many words with its form: a pitch and a consent line, not a
# story's section.
_BOX_WORDS = 80
# Containers a box never reaches: the page's and the story's frames.
_FRAMES = frozenset(("html", "body", "main", "article"))


def signup_boxes(tree: Any) -> list[Any]:
    """The outermost container around each e-mail sign-up form that holds no more than
    ``_BOX_WORDS`` words and no headline (the form alone when its parent holds more)."""
    boxes: list[Any] = []
    for form in tree.iter("form"):
        # A comment form asks for an address too, beside its text box; a log-in form
        # for a password.
        if not any(_asks_for_mail(field) for field in form.iter("input")) or \
                next(form.iter("textarea"), None) is not None or \
                any(field.get("type") == "password" for field in form.iter("input")):
            continue
        box = form
        for parent in form.iterancestors():
            if parent.tag in _FRAMES or next(parent.iter("h1"), None) is not None or \
                    count_words(text_of(parent)) > _BOX_WORDS:
                break
            box = parent
        if box is not form and not any(box is b for b in boxes):
            boxes.append(box)
    return boxes


def _asks_for_mail(field: Any) -> bool:
    return field.get("type") == "email" or "mail" in (field.get("name") or "").lower()
