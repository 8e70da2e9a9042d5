"""Where the project's data folders (sql/, config/, expectations/, samples/) are found."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def project_dir(name: str) -> Path:
    """``name`` beside the package in a checkout, or ``_name`` inside it in a wheel."""
    checkout = _HERE.parent / name
    return checkout if checkout.is_dir() else _HERE / f"_{name}"
