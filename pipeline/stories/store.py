"""The story index in DuckDB: assign a load's new articles inside its transaction."""

from __future__ import annotations

from pipeline.settings import Settings
from pipeline.stories.match import Params


def params_from(settings: Settings) -> Params:
    """The matcher's parameters with the thresholds and periods of ``settings``."""
    return Params(threshold=settings.story_threshold,
                  reopen_threshold=settings.story_reopen_threshold,
                  quiet_days=settings.story_quiet_days,
                  retention_days=settings.story_retention_days)
