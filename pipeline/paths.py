"""Where the project's data folders (sql/, config/, expectations/, samples/) are found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


def project_dir(name: str) -> Path:
    """``name`` beside the package in a checkout, or ``_name`` inside it in a wheel."""
    checkout = _HERE.parent / name
    return checkout if checkout.is_dir() else _HERE / f"_{name}"


def read_yaml(path: Path) -> Any:
    """A YAML file's data, read with libyaml's safe loader where PyYAML was built with it.

    The same data as ``yaml.safe_load`` (checked on every file in config/), six times
    faster: the pure-Python loader took 90 ms for config/ in each process that reads it
    (the run's, the zygote's) and 45 ms for a sources file of 500 feeds. Errors are
    ``yaml.YAMLError`` with the same line and column.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
