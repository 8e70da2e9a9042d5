"""``literals.required``'s answers kept on disk: read back as worked out, and a file that
is missing, malformed or cannot be written changes nothing but the time."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.clean import answers, literals
from pipeline.clean.answers import Answers
from pipeline.clean.rules import load_rules

PATTERNS = [(r"\b(subscribe|sign up) to our (newsletter|briefing)", re.I, False),
            (r"(?:подпишитесь|подписаться) на (наш )?канал", re.I, True),
            (r"^\W*(read more|see also)\b", 0, False),
            (r".", 0, False)]


def work_out(pattern: str, flags: int, latin: bool) -> answers.Answer:
    return literals._sequence(literals._parser.parse(pattern, flags), latin)


def test_answers_are_read_back_as_they_were_worked_out(tmp_path: Path) -> None:
    path = tmp_path / "rcwire" / "required-x.json"
    first = Answers(path)
    got = [first.get(p, f, lat, lambda p=p, f=f, lat=lat: work_out(p, f, lat))
           for p, f, lat in PATTERNS]
    assert got[0] and got[1] and got[2]
    assert got[-1] is None  # a pattern with no required string
    first.keep()
    calls = []
    again = Answers(path)
    read = [again.get(p, f, lat, lambda: calls.append(1) or None) for p, f, lat in PATTERNS]
    assert read == got and not calls


@pytest.mark.parametrize("content", ["{not json", '["a list"]', '{"k": 3}', ""])
def test_a_malformed_file_is_ignored(tmp_path: Path, content: str) -> None:
    path = tmp_path / "required-x.json"
    path.write_text(content, encoding="utf-8")
    pattern, flags, latin = PATTERNS[0]
    assert Answers(path).get(pattern, flags, latin,
                             lambda: work_out(pattern, flags, latin)) == \
        work_out(pattern, flags, latin)


def test_an_unwritable_place_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    kept = Answers(blocker / "rcwire" / "required-x.json")  # under a file: cannot exist
    pattern, flags, latin = PATTERNS[2]
    kept.get(pattern, flags, latin, lambda: work_out(pattern, flags, latin))
    kept.keep()  # no error
    assert not (blocker / "rcwire").exists()


def test_no_home_keeps_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    kept = answers.for_module(Path(literals.__file__))
    assert kept.path is None
    pattern, flags, latin = PATTERNS[0]
    assert kept.get(pattern, flags, latin, lambda: work_out(pattern, flags, latin))
    kept.keep()


def test_rules_read_from_the_file_get_the_filters_worked_out_afresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    sequence = literals._sequence
    parsed: list[str] = []

    def counted(items: object, latin: bool) -> answers.Answer:
        parsed.append("")
        return sequence(items, latin)

    monkeypatch.setattr(literals, "_sequence", counted)

    def fresh_rules() -> tuple[list[object], int]:
        parsed.clear()
        monkeypatch.setattr(literals, "_ANSWERS", None)
        load_rules.cache_clear()
        try:
            rules = load_rules()
        finally:
            load_rules.cache_clear()
        filters = [sorted(n.strings) if n else None for r in rules
                   for n in (*r.needs, *r.anchored_needs)]
        return filters, len(parsed)

    worked_out, first = fresh_rules()
    [path] = (tmp_path / "rcwire").glob("required-*.json")
    assert len(json.loads(path.read_text(encoding="utf-8"))) > 1000
    read, second = fresh_rules()
    assert read == worked_out
    assert first > 1000 and second == 0  # worked out by the first, all read by the second
    assert sum(f is not None for f in read) > 500
