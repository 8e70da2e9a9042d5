"""Russian and Chinese sources: language and zone per source, local feed times (issue 17)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.errors import RunError
from pipeline.fetch.feeds import parse_feed
from pipeline.fetch.sources import load_sources
from pipeline.records import Source
from tests.conftest import ROOT


def test_curated_file_has_russian_and_chinese_sources_with_zones() -> None:
    sources = load_sources(ROOT / "config" / "sources.yaml")
    by_language = {lang: [s for s in sources if s.language == lang] for lang in ("ru", "zh")}
    assert len(by_language["ru"]) >= 7 and len(by_language["zh"]) >= 7
    assert all(s.timezone == "Europe/Moscow" for s in by_language["ru"])
    assert all(s.timezone for s in by_language["zh"])


def test_unknown_zone_is_refused_with_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - name: x\n    url: https://x.example/rss\n"
                    "    timezone: Europe/Atlantis\n", encoding="utf-8")
    with pytest.raises(RunError, match=r"sources\.yaml.*IANA time zone"):
        load_sources(path)


def rss(date: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t'
            f"</title><link>http://x.example/</link><item><title>a</title>"
            f"<link>http://x.example/a.html</link><pubDate>{date}</pubDate></item>"
            "</channel></rss>").encode()


@pytest.mark.parametrize(("date", "zone", "expected"), [
    # No offset: the source's local time.
    ("Tue, 09 Apr 2024 14:30:00", "Europe/Moscow", datetime(2024, 4, 9, 11, 30, tzinfo=UTC)),
    ("2024-04-09T14:30:00", "Asia/Shanghai", datetime(2024, 4, 9, 6, 30, tzinfo=UTC)),
    # An offset or zone name in the feed wins over the source's zone.
    ("Tue, 09 Apr 2024 14:30:00 +0300", "Asia/Shanghai",
     datetime(2024, 4, 9, 11, 30, tzinfo=UTC)),
    ("Tue, 09 Apr 2024 14:30:00 GMT", "Europe/Moscow", datetime(2024, 4, 9, 14, 30, tzinfo=UTC)),
    # No zone configured: an ISO time is UTC, as feedparser reads it; an RFC 822 one
    # without a zone stays unread, as before.
    ("2024-04-09T14:30:00", None, datetime(2024, 4, 9, 14, 30, tzinfo=UTC)),
    ("Tue, 09 Apr 2024 14:30:00", None, None),
])
def test_feed_times_without_offset_are_read_in_the_source_zone(
        date: str, zone: str | None, expected: datetime | None) -> None:
    source = Source("x", "http://x.example/rss", language="ru", timezone=zone)
    entries, _ = parse_feed(source, rss(date), source.url)
    assert entries[0].published_at == expected
