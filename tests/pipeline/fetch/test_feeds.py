from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.fetch.feeds import FeedParseError, parse_feed
from pipeline.records import Source

SRC = Source("t", "http://news.example/feeds/world.rss")

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World</title><link>http://news.example/</link>
<description>d</description>
<item><title>Absolute with tracking</title>
  <link>http://news.example/a/one.html?utm_source=rss&amp;utm_medium=feed&amp;id=7</link>
  <guid isPermaLink="false">one</guid><pubDate>Tue, 09 Apr 2024 10:00:00 +0300</pubDate></item>
<item><title>Relative</title><link>/a/two.html</link><guid>two</guid></item>
<item><title>No link</title></item>
<item><title>Script link</title><link>javascript:alert(1)</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://news.example/analysis/">
<title>Analysis</title><id>urn:x</id><updated>2024-04-09T10:00:00Z</updated>
<entry><title>Rel</title><id>urn:1</id><updated>2024-04-10T08:30:00Z</updated>
  <published>2024-04-10T06:00:00Z</published>
  <link rel="alternate" href="../b/three.html?fbclid=abc"/></entry>
<entry><title>Undated</title><id>urn:2</id><updated>2024-04-09T10:00:00Z</updated>
  <link rel="alternate" href="../b/four.html"/></entry>
</feed>"""


def test_rss_links_resolved_and_cleaned() -> None:
    entries, warnings = parse_feed(SRC, RSS, SRC.url)
    assert [e.url for e in entries] == [
        "http://news.example/a/one.html?id=7", "http://news.example/a/two.html"]
    assert entries[0].guid == "one"
    assert entries[0].published_at == datetime(2024, 4, 9, 7, 0, tzinfo=UTC)
    assert len(warnings) == 2


def test_atom_relative_to_xml_base() -> None:
    entries, _ = parse_feed(SRC, ATOM, "http://news.example/feeds/analysis.atom")
    assert [e.url for e in entries] == ["http://news.example/b/three.html",
                                        "http://news.example/b/four.html"]
    # <published> is the publication date; Atom's required <updated> never is.
    assert [e.published_at for e in entries] == [datetime(2024, 4, 10, 6, 0, tzinfo=UTC), None]


def test_rss_dc_date_is_a_publication_date() -> None:
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://news.example/"><title>T</title><link>http://news.example/</link>
<description>d</description></channel>
<item rdf:about="http://news.example/c/five.html"><title>Five</title>
<link>http://news.example/c/five.html</link><dc:date>2024-04-11T09:15:00Z</dc:date></item>
</rdf:RDF>"""
    entries, _ = parse_feed(SRC, rdf, SRC.url)
    assert [e.published_at for e in entries] == [datetime(2024, 4, 11, 9, 15, tzinfo=UTC)]


@pytest.mark.parametrize(("body", "why"), [
    (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken</ti", "malformed_feed"),
    # A web page is named as one, with the feeds it advertises (test_lifecycle.py).
    (b"<html><body><p>not a feed</p></body></html>", "html_page"),
    (b"<?xml version='1.0'?><catalog><book>not a feed</book></catalog>", "not_a_feed"),
    (b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>",
     "empty_feed"),
])
def test_unusable_documents(body: bytes, why: str) -> None:
    with pytest.raises(FeedParseError) as err:
        parse_feed(SRC, body, SRC.url)
    assert err.value.reason == why


def test_limit_keeps_newest_first_entries() -> None:
    entries, _ = parse_feed(SRC, RSS, SRC.url, limit=1)
    assert len(entries) == 1
