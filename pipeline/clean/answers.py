"""``literals.required``'s answers, kept on disk between processes.

Every process that cleans reads the rules' 3,700 patterns for the strings they need
(``literals.required``, Python's regular-expression parser over 750 KB of patterns):
1.2 s of CPU at each start of a run's zygote, an Airflow task or a CLI call, the same
answers each time. They are written once to ``$XDG_CACHE_HOME/rcwire`` (``~/.cache/rcwire``
without it) and read back in 3 ms.

The file's name holds a digest of ``literals.py`` and the Python version (whose parser
``required`` reads), each answer's key a digest of the pattern, its flags and the
``latin`` switch: an edited rule is a new key, an edited ``literals.py`` a new file.
The file is only a shortcut: one missing, unreadable, unwritable or malformed is
ignored, and the answers are worked out as before. A new file is written whole under a
temporary name and renamed, so a reader never sees half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

Answer = frozenset[str] | None


def cache_dir() -> Path | None:
    """Where the answers are kept: ``$XDG_CACHE_HOME/rcwire`` or ``~/.cache/rcwire``;
    None for a process with neither (no home directory): nothing is kept."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / "rcwire"


class Answers:
    """The answers of one version of ``required``, read from and added to one file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._known: dict[str, list[str] | None] = {}
        self._added = 0
        if path is None:
            return
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and all(
                    v is None or (isinstance(v, list) and all(isinstance(s, str) for s in v))
                    for v in data.values()):
                self._known = data

    def get(self, pattern: str, flags: int, latin: bool,
            work_out: Callable[[], Answer]) -> Answer:
        """The answer for the pattern, from the file or ``work_out()``."""
        key = hashlib.blake2b(f"{int(latin)}:{flags}:{pattern}".encode(),
                              digest_size=12).hexdigest()
        if key in self._known:
            known = self._known[key]
            return None if known is None else frozenset(known)
        found = work_out()
        self._known[key] = None if found is None else sorted(found)
        self._added += 1
        return found

    def keep(self) -> None:
        """Write the answers if any were worked out since the file was read."""
        if not self._added or self.path is None:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=".answers-")
            tmp = Path(name)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(self._known, out, ensure_ascii=False, sort_keys=True)
                tmp.replace(self.path)
                self._added = 0
            finally:
                tmp.unlink(missing_ok=True)


def for_module(source: Path) -> Answers:
    """The answers of the ``required`` that ``source`` (literals.py) defines."""
    digest = hashlib.blake2b(source.read_bytes(), digest_size=8)
    digest.update(sys.version.encode())
    folder = cache_dir()
    return Answers(folder and folder / f"required-{digest.hexdigest()}.json")
