"""``page_info`` reads what ``trafilatura.metadata.extract_metadata`` reads, for the fields
rcwire keeps, on real pages and on the sample site."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from pipeline.extract.page_info import page_info
from tests.conftest import ROOT

FIELDS = ("title", "author", "description", "sitename", "date", "url")
REAL = sorted((ROOT / "tests/fixtures/news_subset/html").glob("*.html.gz"))
SAMPLE = sorted((ROOT / "samples/site").rglob("*.html"))


def read(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", "replace")


@pytest.mark.parametrize("path", REAL + SAMPLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_fields_as_trafilatura(path: Path) -> None:
    html = read(path)
    url = f"https://news.example/{path.parent.name}/{path.stem}"
    ours = page_info(load_html(html), url)
    theirs = extract_metadata(load_html(html), default_url=url,
                              date_config={"extensive_search": False, "original_date": True})
    assert {f: getattr(ours, f) for f in FIELDS} == {f: getattr(theirs, f) for f in FIELDS}


def test_pages_are_covered() -> None:
    assert len(REAL) == 16 and len(SAMPLE) >= 20
