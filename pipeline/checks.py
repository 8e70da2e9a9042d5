"""Start-up checks: a bad setting or path stops a command at once, in one line.

Every ``rcwire`` command and every Airflow task starts here. A value that cannot work
(``RCWIRE_RELEVANCE_THRESHOLD=high``, a language name instead of a code, a data folder that
cannot be written, a staging store that does not answer, an ``--out`` into a missing
folder) becomes a ``ConfigError`` naming the variable or path and what to change - before
a run fetches anything, and without the traceback pydantic or the file system would
print. A run that fails this way cannot be resumed into working, so its alert says what
to fix instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.errors import RunError

# Language codes look like ISO 639 ("en", "zh", "yue"); the detector's list decides.
_CODE = re.compile(r"^[a-z]{2,3}$")
_EXAMPLE_LANGUAGES = "en, ru, zh"


class ConfigError(RunError):
    """A setting or path that cannot work; the message names it and the fix."""


def describe_validation(exc: Any, model: type[Any]) -> str:
    """One line for a pydantic ``ValidationError`` of a ``BaseSettings`` model.

    Args:
        exc: the ``ValidationError``.
        model: the settings class (for the env prefix, defaults and descriptions).
    """
    errors = exc.errors()
    first = errors[0]
    field = str(first["loc"][0]) if first.get("loc") else "?"
    prefix = str(model.model_config.get("env_prefix") or "")
    var = f"{prefix}{field}".upper()
    info = model.model_fields.get(field)
    default = None if info is None else info.get_default(call_default_factory=True)
    shown = first.get("input")
    fix = f"set it like the default ({_plain(default)}) or unset it" if default is not None \
        else "unset it or give a valid value"
    what = f" ({info.description})" if info is not None and info.description else ""
    more = f" [and {len(errors) - 1} more]" if len(errors) > 1 else ""
    return (f"{var}={_plain(shown)} is not valid: {_sentence(first['msg'])}; "
            f"{fix}{what}{more}")


def load_settings(model: type[Any]) -> Any:
    """``model()`` from the environment, a ``ConfigError`` for a value it rejects."""
    from pydantic import ValidationError

    try:
        return model()
    except ValidationError as exc:
        raise ConfigError(describe_validation(exc, model)) from None


def check_settings(settings: Any) -> None:
    """Values that parse but cannot work: thresholds out of range, unknown languages."""
    if not 0.0 <= settings.relevance_threshold <= 1.0:
        raise ConfigError(
            f"RCWIRE_RELEVANCE_THRESHOLD={settings.relevance_threshold} is out of range: "
            "the theme score runs from 0 to 1; set it like the default (0.45)")
    check_languages(settings.languages)


def check_languages(codes: Iterable[str]) -> None:
    """Every entry of ``RCWIRE_LANGUAGES`` is a code the language detector can return."""
    codes = list(codes)
    if not codes:
        raise ConfigError(f"RCWIRE_LANGUAGES is empty: nothing would be kept; give codes "
                          f"such as {_EXAMPLE_LANGUAGES}")
    for code in codes:
        if not _CODE.match(code) or (code != "en" and not known_language(code)):
            raise ConfigError(
                f"RCWIRE_LANGUAGES: {code!r} is not a language code the detector returns, so "
                f"no article would match it; use ISO 639-1 codes, comma-separated, such as "
                f"{_EXAMPLE_LANGUAGES}")


# The classes of the py3langid model that uv.lock pins (a test compares them with the
# model). Every command checks the settings, and loading the model to list them cost
# 0.4 s of CPU in the run's process, which never detects a language itself; a code
# missing here is still looked up in the model.
_MODEL_CODES = (
    "ace af am an ar ary arz as az ba bcl be bg bn br bs ca crh cs cy da de dz el en "
    "eo es et eu ext fa fi fo fr fuv fy ga gcf gcr gd gl gom grc gu gug guw ha hbo he "
    "hi hr ht hu hy id ig is it ja jv ka kab kik kk km kn ko ku ky la lb lg lij ln lo "
    "lt ltg lv mg mk ml mn mr ms mt my ne nl nn no nso oc om or pa pcm pl ps pt qu ro "
    "ru rw sa sdh se si sk sl sn so sq sr st sv sw ta te tg th tk tl tr tt ug uk ur "
    "uz uzs vec vi vo wa wuu xh yo yue zh zu zxx"
)
MODEL_LANGUAGES = frozenset(_MODEL_CODES.split())


def known_language(code: str) -> bool:
    """Whether py3langid can return ``code`` (its model is loaded only for a code that
    is not among the pinned model's classes)."""
    return code in MODEL_LANGUAGES or code in known_languages()


@cache
def known_languages() -> frozenset[str]:
    """Codes py3langid can return (loads its model: about a second, once)."""
    from py3langid import langid

    langid.classify("warm")  # builds the module's identifier on first use
    return frozenset(str(c) for c in langid.IDENTIFIER.nb_classes)


def check_writable_dir(path: Path, name: str, value: Path | None = None) -> None:
    """``path`` is (or can be made) a folder this process can write.

    Args:
        path: the folder.
        name: the variable or option that set it, for the message.
        value: what that variable holds, when not ``path`` itself (a file inside it).
    """
    label = f"{name}={value or path}"
    fix = f"set {name} to a {'file in a ' if value else ''}folder you can write"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ConfigError(f"{label}: {path} is a file, not a folder; {fix}") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{label}: cannot create the folder {path} ({_reason(exc)}); "
                          f"{fix}") from None
    _probe(path, label, fix)


def check_output(out: Path, option: str, *, create: bool = False) -> Path:
    """The file an ``--out`` option names can be written; returns it.

    Args:
        out: the file to write.
        option: the option's name (``--out``), for the message.
        create: create a missing folder (for a default path under the data folder);
            a folder the user named must exist.
    """
    if out.is_dir():
        raise ConfigError(f"{option} {out} is a folder; give a file name inside it")
    folder = out.parent
    if create:
        check_writable_dir(folder, option, out)
        return out
    if not folder.exists():
        raise ConfigError(f"{option} {out}: folder {folder} does not exist; create it "
                          f"(mkdir -p {folder}) or write somewhere else")
    if not folder.is_dir():
        raise ConfigError(f"{option} {out}: {folder} is not a folder; write somewhere else")
    _probe(folder, f"{option} {out}", "write somewhere else or fix the folder's permissions")
    return out


def check_run_paths(settings: Any) -> None:
    """The folders a run writes: ``RCWIRE_DATA_DIR`` and the database's folder."""
    check_writable_dir(settings.data_dir, "RCWIRE_DATA_DIR")
    check_writable_dir(settings.db.parent, "RCWIRE_DB", settings.db)
    check_staging(settings)


def check_staging(settings: Any) -> None:
    """``RCWIRE_STAGING_URL``, if set, names a store this process can write, now: one
    small object written and deleted within seconds (a wrong bucket, endpoint or key
    stops the command here, not a worker halfway through a run)."""
    url = getattr(settings, "staging_url", "")
    if not url:
        return
    from pipeline.remote import StagingError, probe

    try:
        probe(url, getattr(settings, "staging_endpoint", ""))
    except StagingError as exc:
        raise ConfigError(str(exc)) from None


def _probe(folder: Path, label: str, fix: str) -> None:
    # os.access says yes to root whatever the mode, and knows nothing of read-only mounts:
    # only writing a file tells.
    probe = folder / f".rcwire-write-check-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"{label}: cannot write in {folder} ({_reason(exc)}); {fix}") \
            from None


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)


def _plain(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value) or "empty"
    return str(value)


def _sentence(msg: str) -> str:
    return msg[:1].lower() + msg[1:]
