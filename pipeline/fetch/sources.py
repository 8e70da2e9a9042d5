"""Read and check the sources file (YAML list of feeds)."""

from __future__ import annotations

import ipaddress
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline.errors import RunError
from pipeline.paths import read_yaml
from pipeline.records import Source

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class _SourceModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    url: str
    tags: list[str] = Field(default_factory=list)
    language: str | None = None
    timezone: str | None = None

    @field_validator("name")
    @classmethod
    def _name_shape(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("must be lower-case letters, digits, '-' or '_' (max 64)")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone such as Europe/Moscow") from None
        return value

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value, re.IGNORECASE):
            raise ValueError("must be an absolute http:// or https:// URL")
        return value


class _SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[_SourceModel]


def load_sources(path: Path) -> list[Source]:
    """Read a sources file.

    Args:
        path: YAML file with a top-level ``sources:`` list.

    Returns:
        The sources, in file order.

    Raises:
        RunError: naming the file and what is wrong with it.
    """
    try:
        raw = read_yaml(path)
    except FileNotFoundError:
        raise RunError(f"sources file {path}: not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RunError(f"sources file {path}: cannot read ({exc})") from None
    except yaml.YAMLError as exc:
        raise RunError(f"sources file {path}: not valid YAML ({_one_line(str(exc))})") from None
    try:
        parsed = _SourcesFile.model_validate(raw)
    except ValidationError as exc:
        raise RunError(f"sources file {path}: {_describe(exc)}") from None
    _check_unique(path, parsed.sources)
    return [Source(s.name, s.url, tuple(s.tags), s.language, s.timezone)
            for s in parsed.sources]


def append_source(path: Path, source: Source) -> None:
    """Append one source to a sources file, keeping its comments and layout.

    The new lines copy the indentation of the list's entries; the file is read back before
    it replaces the old one, so a file this cannot extend is left untouched.

    Raises:
        RunError: the result would not be a valid sources file (e.g. a flow-style list).
    """
    old = path.read_text(encoding="utf-8") if path.exists() else "sources:\n"
    found = re.search(r"^([ \t]*)- +name:", old, re.MULTILINE)
    pad = found.group(1) if found else "  "
    # JSON strings and lists are valid YAML scalars and flow sequences, quoted safely.
    lines = [f"{pad}- name: {json.dumps(source.name)}", f"{pad}  url: {json.dumps(source.url)}"]
    if source.tags:
        lines.append(f"{pad}  tags: {json.dumps(list(source.tags))}")
    if source.language:
        lines.append(f"{pad}  language: {json.dumps(source.language)}")
    if source.timezone:
        lines.append(f"{pad}  timezone: {json.dumps(source.timezone)}")
    text = old + ("" if old.endswith("\n") else "\n") + "\n".join(lines) + "\n"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    try:
        read_back = load_sources(tmp)
    except RunError as exc:
        read_back, problem = [], str(exc).split(": ", 1)[-1]
    else:
        problem = "the new entry does not read back as the list's last"
    if not read_back or read_back[-1] != source:
        tmp.unlink(missing_ok=True)
        raise RunError(f"sources file {path}: cannot append to it ({problem}); add these "
                       "lines by hand:\n" + "\n".join(lines))
    tmp.replace(path)


def _check_unique(path: Path, sources: list[_SourceModel]) -> None:
    for attr in ("name", "url"):
        seen: set[str] = set()
        for src in sources:
            value = getattr(src, attr)
            if value in seen:
                raise RunError(f"sources file {path}: duplicate {attr} {value!r}")
            seen.add(value)


def _describe(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "top level"
        if err["type"] == "extra_forbidden":
            problems.append(f"{where}: unknown key")
        elif err["type"] == "model_type":
            problems.append(f"{where}: expected a mapping with a 'sources:' list")
        else:
            problems.append(f"{where}: {err['msg']}")
    return "; ".join(problems)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def require_contact(user_agent: str, sources: list[Source]) -> None:
    """Refuse the placeholder User-Agent when a run would reach other people's servers.

    Site operators block crawlers they cannot contact; a loopback-only run (the sample
    site, tests) reaches no one, so it may keep the placeholder.
    """
    if "contact-unset" not in user_agent:
        return
    remote = [s.url for s in sources if not _is_loopback(s.url)]
    if remote:
        raise RunError(
            "set RCWIRE_USER_AGENT to name this crawler and a contact (URL or e-mail) before "
            f"fetching {len(remote)} live feed(s), e.g. "
            "RCWIRE_USER_AGENT='rcwire/0.1 (+https://your.org/crawler; ops@your.org)'")


def _is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
