"""External tools some tests need (chromium, docker compose): skipped on a developer's
machine without them, a failure in CI, where the tests must run to mean anything."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """``CI`` is set to a true value, as GitHub Actions, GitLab and ``.ci/run`` set it."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def tool_missing(message: str) -> NoReturn:
    """Skip the calling test because a tool is missing, or fail it when ``CI=true``."""
    if in_ci():
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)
