"""Rules are generic patterns: none quotes four or more consecutive words of the material
it is tested on (samples/ and tests/fixtures/), so passing the tests proves nothing about
wording it was copied from (issue 15)."""

from __future__ import annotations

import re
from functools import cache

import pytest
import yaml

from pipeline.clean import bios, header, model_pass, text
from pipeline.clean import html as html_rules
from pipeline.text import fold
from tests.conftest import FIXTURES, ROOT, SAMPLES

RUN = 4
_TEXT_FILES = (".txt", ".json", ".jsonl", ".html", ".yaml", ".xml", ".md", ".py", ".csv")
# Regex syntax that ends a literal run of words.
_SYNTAX = re.compile(r"\\[bBdDwWsS]|\\.|[()\[\]|?*+{}^$.]")


@cache
def corpus() -> str:
    """All text of samples/ and tests/fixtures/, folded, as one string."""
    parts = []
    for folder in (SAMPLES, FIXTURES):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in _TEXT_FILES:
                parts.append(fold(path.read_text(encoding="utf-8", errors="replace")))
    return " " + " \n ".join(parts) + " "


def literal_runs(pattern: str) -> list[list[str]]:
    """Runs of plain words in a regex (what it would quote verbatim)."""
    runs = []
    for piece in _SYNTAX.split(pattern):
        words = re.findall(r"\w+", piece) if re.fullmatch(r"[\w\s'’,-]*", piece) else []
        if len(words) >= RUN:
            runs.append([w.lower() for w in words])
    return runs


def quoted(pattern: str) -> list[str]:
    """The four-word windows of a pattern found in the tested material."""
    found = []
    for words in literal_runs(pattern):
        for i in range(len(words) - RUN + 1):
            window = " ".join(words[i:i + RUN])
            if f" {window} " in corpus():
                found.append(window)
    return found


def all_patterns() -> list[str]:
    config = ROOT / "config"
    rules = yaml.safe_load((config / "boilerplate.yaml").read_text(encoding="utf-8"))
    patterns = [p for r in rules["rules"] for p in r["patterns"]]
    verbs = yaml.safe_load((config / "headline_verbs.yaml").read_text(encoding="utf-8"))
    patterns.append(" ".join(str(v) for v in verbs["verbs"]))
    patterns += [p.pattern for _, p in html_rules._ATTR_KINDS]
    patterns += [html_rules._CONTENT_ATTRS.pattern]
    patterns += [p.pattern for _, p in model_pass._KIND_CUES]
    patterns += [text._TRUNCATED.pattern, bios._BIO.pattern, bios._ORG.pattern,
                 header._DATELINE_OPEN.pattern]
    return patterns


def test_literal_runs_are_found_in_a_pattern() -> None:
    assert literal_runs(r"\bthis site uses cookies to\b|x") == [
        ["this", "site", "uses", "cookies", "to"]]
    assert literal_runs(r"^(sign|join) up (for|to)$") == []


def test_the_check_catches_a_quoted_phrase() -> None:
    # A phrase that certainly occurs in the fixtures: the first body line of a seed.
    seed = next((SAMPLES / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    words = fold(seed).split()[:6]
    assert quoted(r"\b" + " ".join(words) + r"\b")


@pytest.mark.parametrize("pattern", all_patterns(), ids=lambda p: p[:40])
def test_no_rule_quotes_the_tested_material(pattern: str) -> None:
    assert not quoted(pattern), f"pattern quotes the fixtures: {quoted(pattern)}"
