"""Bytes to text for HTML pages: the right charset, or a clear failure, never mojibake."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Share of undecodable bytes we repair with U+FFFD before calling a page broken.
_MAX_BAD_SHARE = 0.001


class DecodeError(Exception):
    """The bytes cannot be turned into trustworthy text."""


def decode_html(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode an HTML body.

    Args:
        body: raw bytes.
        content_type: the Content-Type header, possibly with ``charset=``.

    Returns:
        The text and the charset that produced it.

    Raises:
        DecodeError: when no charset yields clean text.
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(name, errors="replace"), name
    if _is_utf8(body):
        # Valid UTF-8 with non-ASCII bytes is almost never anything else, whatever the label.
        return body.decode("utf-8"), "utf-8"
    declared = _declared(body, content_type)
    if declared and declared not in ("utf-8", "ascii"):
        try:
            return body.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    return _salvage(body)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared(body: bytes, content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    raw = match.group(1) if match else None
    if raw is None:
        meta = _META_CHARSET.search(body[:8192])
        raw = meta.group(1).decode("ascii", "ignore") if meta else None
    if not raw:
        return None
    try:
        name = codecs.lookup(raw).name
    except LookupError:
        return None
    # Browsers treat these labels as windows-1252 (WHATWG Encoding Standard).
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _salvage(body: bytes) -> tuple[str, str]:
    if _UTF8_MULTIBYTE.search(body):
        bad = len(body) - len(body.decode("utf-8", errors="ignore").encode("utf-8"))
        if bad <= max(1, len(body) * _MAX_BAD_SHARE):
            return body.decode("utf-8", errors="replace"), "utf-8"
        raise DecodeError(f"invalid UTF-8: {bad} undecodable bytes")
    try:
        return body.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise DecodeError(f"no charset decodes the page cleanly ({exc.reason})") from None
