"""Build staged runs from Article records, then decide and load them with the real stages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pipeline.extract.article import article_id, content_hash
from pipeline.records import (
    Article,
    FeedResult,
    FeedStatus,
    FeedTask,
    Outcome,
    OutcomeKind,
    Source,
)
from pipeline.run.decide import decide
from pipeline.run.local import load_run
from pipeline.runfolder import run_dir, write_feed_output, write_plan
from pipeline.settings import Settings
from pipeline.store import db
from pipeline.urls import url_key


def article(url: str, paragraphs: list[str], *, title: str = "A headline on Moscow and Beijing",
            source: str = "a", published: str | None = "2024-04-09", guid: str | None = None,
            language: str = "en") -> Article:
    """An on-theme article record as the worker would stage it."""
    text = "\n\n".join(paragraphs)
    return Article(
        article_id=article_id(url), url=url, canonical_url=url, source=source,
        source_domain=url.split("/")[2], feed_url=f"https://{source}.example/feed",
        entry_key=url_key(url), guid=guid, title=title, author=None,
        published_at=datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None,
        published_signal="meta", fetched_at=datetime.now(UTC), language=language,
        description=None, text=text, word_count=len(text.split()),
        content_hash=content_hash(text), relevance_score=1.0,
    )


def stage(settings: Settings, run_id: str, articles: list[Article]) -> Any:
    """Write the run folder as the per-feed workers would; returns the folder."""
    folder = run_dir(settings.runs_dir, run_id)
    by_source: dict[str, list[Article]] = {}
    for art in articles:
        by_source.setdefault(art.source, []).append(art)
    write_plan(folder, run_id, [FeedTask(Source(s, f"https://{s}.example/feed"))
                                for s in by_source], [])
    for src, arts in by_source.items():
        result = FeedResult(src, f"https://{src}.example/feed", FeedStatus.OK,
                            datetime.now(UTC), 200, entries=len(arts), new_entries=len(arts))
        outcomes = [Outcome(a.url, a.source, a.feed_url, a.entry_key, OutcomeKind.LOADED,
                            article_id=a.article_id) for a in arts]
        write_feed_output(folder, result, outcomes, arts)
    return folder


def run_articles(settings: Settings, run_id: str, articles: list[Article],
                 *, checks: bool = False) -> dict[str, int]:
    """Stage, decide and load; with ``checks`` also the post-load suites and alerts."""
    folder = stage(settings, run_id, articles)
    with db.opened(settings.db) as con:
        db.migrate(con)
        counts = decide(folder, con, settings)
    if checks:
        load_run(folder, settings)
    else:
        from pipeline.store.load import load

        with db.opened(settings.db) as con:
            load(folder, con)
    return counts
