"""Feed life-cycle rules, JSON Feed parsing, feed discovery in a page, appending a source:
pure functions, no network."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.errors import RunError
from pipeline.fetch.discover import advertised_feeds, common_paths, looks_like_html
from pipeline.fetch.feeds import FeedParseError, parse_document
from pipeline.fetch.lifecycle import current_urls, retire_reason
from pipeline.fetch.sources import append_source, load_sources
from pipeline.records import Source

SRC = Source("desk", "https://news.example/feed.json")


@pytest.mark.parametrize(("status", "before", "threshold", "retired"), [
    (410, 0, 10, "gone_410"),
    (404, 0, 10, None),
    (404, 8, 10, None),
    (404, 9, 10, "not_found_404"),
    (404, 0, 1, "not_found_404"),
    (500, 50, 10, None),
    (None, 50, 10, None),
])
def test_410_retires_at_once_404_only_after_the_threshold(
        status: int | None, before: int, threshold: int, retired: str | None) -> None:
    reason = retire_reason(status, before, threshold)
    assert (reason.split(":")[0] if reason else None) == retired


@pytest.mark.parametrize(("moves", "expected"), [
    ([("A", "B")], {"A": "B"}),
    ([("A", "B"), ("B", "C")], {"A": "C", "B": "C"}),
    ([("A", "B"), ("B", "A")], {"B": "A"}),
    ([("A", "B"), ("B", "C"), ("C", "A")], {"B": "A", "C": "A"}),
    ([("A", "A")], {}),
])
def test_moves_chain_to_the_current_address(moves: list[tuple[str, str]],
                                            expected: dict[str, str]) -> None:
    assert current_urls(moves) == expected


def json_feed(items: list[object], version: str = "1.1", **top: object) -> bytes:
    return json.dumps({"version": f"https://jsonfeed.org/version/{version}", "title": "Wire",
                       **top, "items": items}).encode()


def test_json_feed_items_become_entries_like_rss() -> None:
    body = json_feed([
        {"id": "a1", "url": "/world/a1", "title": " Talks  in Harbin ",
         "summary": "Short.", "content_html": "<script>x</script>",
         "date_published": "2026-11-30T08:15:00+03:00", "date_modified": "2030-01-01T00:00Z"},
        {"id": 7, "external_url": "https://other.example/b", "title": "Linked",
         "content_text": "Body text."},
    ], language="ru")
    parsed = parse_document(SRC, body, SRC.url, "application/feed+json")
    first, second = parsed.entries
    assert (first.url, first.guid, first.title, first.summary) == (
        "https://news.example/world/a1", "a1", "Talks in Harbin", "Short.")
    # date_published, in UTC; date_modified says nothing about publication
    assert first.published_at == datetime(2026, 11, 30, 5, 15, tzinfo=UTC)
    assert (second.url, second.guid, second.summary, second.published_at) == (
        "https://other.example/b", "7", "Body text.", None)
    assert parsed.language == "ru" and parsed.title == "Wire"
    assert parsed.warnings == []


def test_json_feed_1_0_and_no_content_type_are_read_too() -> None:
    body = json_feed([{"id": "1", "url": "https://news.example/x", "title": "X"}], "1")
    assert [e.url for e in parse_document(SRC, b"\n  " + body, SRC.url).entries] == [
        "https://news.example/x"]


def test_rss_mislabelled_as_json_is_still_read_as_rss() -> None:
    rss = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title><item>"
           b"<title>T</title><link>https://news.example/t</link></item></channel></rss>")
    assert [e.url for e in parse_document(SRC, rss, SRC.url, "application/json").entries] == [
        "https://news.example/t"]


def test_json_feed_bad_items_get_one_warning_each_and_lose_nothing_else() -> None:
    body = json_feed([
        "not an object", {"id": "no-link", "title": "No link"},
        {"id": "js", "url": "javascript:alert(1)", "title": "Script"},
        {"id": "ok", "url": "https://news.example/ok", "title": "Fine",
         "date_published": "yesterday"},
    ])
    parsed = parse_document(SRC, body, SRC.url, "application/feed+json")
    assert [(e.url, e.published_at) for e in parsed.entries] == [
        ("https://news.example/ok", None)]
    assert len(parsed.warnings) == 3
    assert parsed.refused == [("javascript:alert(1)", "bad_scheme")]


@pytest.mark.parametrize(("body", "ctype", "reason"), [
    (b"[" * 200_000, "application/json", "malformed_feed"),  # past the recursion limit
    (b"{" + b"1" * 5000, "application/feed+json", "malformed_feed"),
    (b'{"version": "1.1", "items": []}', "application/json", "not_a_feed"),
    (json_feed([]), "application/feed+json", "empty_feed"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": "x"}', "", "empty_feed"),
])
def test_hostile_or_empty_json_fails_with_a_named_reason(body: bytes, ctype: str,
                                                          reason: str) -> None:
    with pytest.raises(FeedParseError) as err:
        parse_document(SRC, body, SRC.url, ctype)
    assert err.value.reason == reason


PAGE = b"""<!DOCTYPE html><html><head><base href="https://news.example/en/">
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title="All" href="rss/all.xml">
<link rel="Alternate" type="application/atom+xml; charset=utf-8" href="/atom.xml"/>
<link rel="alternate" type="application/feed+json" href="https://news.example/feed.json">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">
<link rel="alternate" hreflang="fr" href="https://news.example/fr/">
<link rel="alternate" type="application/rss+xml" href="javascript:void(0)">
<link rel="alternate" type="application/rss+xml" href="rss/all.xml">
</head><body><a href="/rss.xml">RSS</a></body></html>"""


def test_a_page_names_the_feeds_it_advertises_in_page_order() -> None:
    assert advertised_feeds(PAGE, "https://news.example/") == [
        ("https://news.example/en/rss/all.xml", "rss"),
        ("https://news.example/atom.xml", "atom"),
        ("https://news.example/feed.json", "json"),
    ]


def test_an_html_page_given_as_a_feed_fails_as_html_page_naming_its_feeds() -> None:
    with pytest.raises(FeedParseError) as err:
        parse_document(SRC, PAGE, "https://news.example/", "text/html; charset=utf-8")
    assert err.value.reason == "html_page"
    assert "advertises https://news.example/en/rss/all.xml (rss)" in err.value.detail
    assert len(err.value.feeds) == 3


@pytest.mark.parametrize(("body", "ctype", "html"), [
    (b"<html><body>x", "", True),
    (b"\xef\xbb\xbf  <!DOCTYPE HTML><p>", "application/octet-stream", True),
    (b"<p>x</p>", "application/xhtml+xml", True),
    (b"<?xml version='1.0'?><rss/>", "text/xml", False),
])
def test_html_is_recognised_by_type_or_by_its_opening(body: bytes, ctype: str,
                                                      html: bool) -> None:
    assert looks_like_html(body, ctype) is html


def test_common_paths_beside_the_page_then_at_the_root() -> None:
    paths = common_paths("https://news.example/blog/index.html?x=1")
    assert paths[0] == "https://news.example/blog/feed"
    assert "https://news.example/rss.xml" in paths and "https://news.example/atom.xml" in paths
    assert common_paths("https://news.example")[0] == "https://news.example/feed"


def test_append_keeps_comments_and_indentation(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("# curated by the desk\nsources:\n    # wires\n    - name: one\n"
                    "      url: https://one.example/rss\n", encoding="utf-8")
    new = Source("two", "https://two.example/feed?a=1&b=2#x", ("wire", "ru"), "en")
    append_source(path, new)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# curated by the desk\nsources:\n    # wires\n")
    assert "\n    - name: \"two\"\n" in text
    assert load_sources(path)[-1] == new


def test_append_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    append_source(path, Source("one", "https://one.example/rss"))
    assert load_sources(path) == [Source("one", "https://one.example/rss")]


def test_append_leaves_a_file_it_cannot_extend_untouched(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("sources: [{name: one, url: 'https://one.example/rss'}]\n",
                    encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(RunError, match="add these lines by hand"):
        append_source(path, Source("two", "https://two.example/rss"))
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]
