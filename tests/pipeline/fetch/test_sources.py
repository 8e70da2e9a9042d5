from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import RunError
from pipeline.fetch.sources import load_sources


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_sources_in_order(tmp_path: Path) -> None:
    path = write(tmp_path, """
sources:
  - name: sample-wire
    url: http://127.0.0.1:8765/feed.xml
  - name: tass
    url: https://tass.com/rss/v2.xml
    tags: [russia, wire]
    language: en
""")
    sources = load_sources(path)
    assert [s.name for s in sources] == ["sample-wire", "tass"]
    assert sources[1].tags == ("russia", "wire")
    assert sources[1].language == "en"


@pytest.mark.parametrize(("text", "problem"), [
    ("sources:\n  - name: a\n    url: http://x/f\n    colour: red\n",
     "sources.0.colour: unknown key"),
    ("sources:\n  - name: a\n", "sources.0.url: Field required"),
    ("sources:\n  - name: a\n    url: ftp://x/f\n", "absolute http:// or https:// URL"),
    ("sources:\n  - name: A B\n    url: http://x/f\n", "sources.0.name"),
    ("feeds: []\n", "feeds: unknown key"),
    ("- a\n- b\n", "expected a mapping"),
    ("sources: [\n", "not valid YAML"),
    ("sources:\n  - {name: a, url: 'http://x/1'}\n  - {name: a, url: 'http://x/2'}\n",
     "duplicate name 'a'"),
])
def test_bad_file_names_the_file_and_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RunError) as err:
        load_sources(path)
    message = str(err.value)
    assert str(path) in message
    assert problem in message
    assert "\n" not in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RunError, match="not found"):
        load_sources(tmp_path / "nope.yaml")
