"""Bytes to text for HTML pages: the right charset, or a clear failure, never mojibake."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_HIGH_BYTES = bytes(range(0x80, 0x100))
# Share of undecodable bytes we repair with U+FFFD before calling a page broken.
_MAX_BAD_SHARE = 0.001
# What bytes 0x80-0xBF (UTF-8 continuation bytes) look like when read as windows-1252
# (or latin-1, for the five bytes windows-1252 leaves undefined).
_CONT = "".join(sorted(set(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore"))
                       | {chr(c) for c in range(0x80, 0xC0)}))
_C = f"[{re.escape(_CONT)}]"
# A UTF-8 sequence that was decoded as windows-1252: "Ã©" for "é", "â€™" for "’".
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_C}|[\u00e0-\u00ef]{_C}{{2}}|[\u00f0-\u00f4]{_C}{{3}}")
# Cheap first pass (one character class is scanned far faster than the alternation).
_MOJIBAKE_START = re.compile(f"[\u00c2-\u00f4]{_C}")
# Fewer such sequences than this may be genuine text ("é»" in French) and are left alone.
_MIN_MOJIBAKE = 2


class DecodeError(Exception):
    """The bytes cannot be turned into trustworthy text."""


def decode_html(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode an HTML body.

    Args:
        body: raw bytes.
        content_type: the Content-Type header, possibly with ``charset=``.

    Returns:
        The text and the charset that produced it. Text that an earlier hop decoded with
        the wrong charset and re-encoded ("double-encoded" UTF-8) is repaired.

    Raises:
        DecodeError: when no charset yields clean text.
    """
    text, charset = _decode(body, content_type)
    return repair_mojibake(text), charset


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as windows-1252, sequence by sequence, where that gives UTF-8."""
    found = _MOJIBAKE_START.finditer(text)
    if sum(1 for _, _ in zip(range(_MIN_MOJIBAKE), found, strict=False)) < _MIN_MOJIBAKE:
        return text
    return _MOJIBAKE.sub(_fix_sequence, text)


def _fix_sequence(match: re.Match[str]) -> str:
    raw = b"".join(_as_byte(c) for c in match.group(0))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def _as_byte(char: str) -> bytes:
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:
        return char.encode("latin-1")


def _decode(body: bytes, content_type: str) -> tuple[str, str]:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(name, errors="replace"), name
    if is_utf8(body):
        # Valid UTF-8 with non-ASCII bytes is almost never anything else, whatever the label.
        return body.decode("utf-8"), "utf-8"
    declared = _declared(body, content_type)
    if declared and declared not in ("utf-8", "ascii"):
        try:
            return body.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    return _salvage(body)


def is_utf8(body: bytes) -> bool:
    """Whether the bytes are valid UTF-8."""
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
    # Browsers treat these labels as windows-1252, and GB2312/GBK labels as GB18030, the
    # superset Chinese sites actually write under them (WHATWG Encoding Standard).
    if name in ("gb2312", "gbk"):
        return "gb18030"
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _salvage(body: bytes) -> tuple[str, str]:
    """Bytes that are not valid UTF-8 and carry no usable label: damaged UTF-8 (most of
    the non-ASCII bytes form UTF-8 sequences) or windows-1252, else a failure."""
    valid = len(body.decode("utf-8", errors="ignore").encode("utf-8"))
    ascii_bytes = len(body.translate(None, _HIGH_BYTES))
    bad = len(body) - valid
    if valid - ascii_bytes >= bad:
        if bad <= max(1, len(body) * _MAX_BAD_SHARE):
            return body.decode("utf-8", errors="replace"), "utf-8"
        raise DecodeError(f"invalid UTF-8: {bad} undecodable bytes")
    guessed = _guess_legacy(body)
    if guessed is not None:
        return guessed
    try:
        return body.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise DecodeError(f"no charset decodes the page cleanly ({exc.reason})") from None


# Cyrillic letters as windows-1251 and KOI8-R place them: lower case (most letters of any
# Russian text) is 0xE0-0xFF in windows-1251 and 0xC0-0xDF in KOI8-R, upper case the other
# way round.
_HIGH_UPPER = bytes(range(0xC0, 0xE0))
_HIGH_LOWER = bytes(range(0xE0, 0x100))
# Share of the non-ASCII characters that must be common CJK ideographs and CJK
# punctuation for a GB18030 reading to be believed.
_MIN_CJK_SHARE = 0.9
_MIN_CYRILLIC_SHARE = 0.6
_MIN_LETTER_SHARE = 0.8
_LETTER_RUN = re.compile(rb"[\xc0-\xff]{3,}")


def _guess_legacy(body: bytes) -> tuple[str, str] | None:
    """Undeclared legacy Chinese or Russian pages: GB18030 when the bytes decode strictly to
    Chinese text, else windows-1251 or KOI8-R by where the letter bytes fall (lower
    case dominates running text); None when neither reading looks like text."""
    sample = body[:200_000]
    try:
        text = sample.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    high = [c for c in text if ord(c) > 0x7F]
    if high and sum(1 for c in high if _is_cjk(c)) >= _MIN_CJK_SHARE * len(high):
        return body.decode("gb18030", errors="replace"), "gb18030"
    upper = len(sample) - len(sample.translate(None, _HIGH_UPPER))
    lower = len(sample) - len(sample.translate(None, _HIGH_LOWER))
    # Cyrillic words are runs of letter bytes; accented Latin letters stand alone among
    # ASCII ones ("Café déjà vu" in windows-1252).
    in_words = sum(len(m) for m in _LETTER_RUN.findall(sample))
    letters = upper + lower
    non_ascii = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    # Letters are most of the high bytes (the rest: quotes, dashes, Ё), and most letters
    # stand in words.
    if (not letters or letters < _MIN_LETTER_SHARE * non_ascii
            or in_words < _MIN_CYRILLIC_SHARE * letters):
        return None
    name = "cp1251" if lower >= upper else "koi8_r"
    return body.decode(name, errors="replace"), name


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF
            or 0x3400 <= code <= 0x4DBF or char in "“”‘’—…·")
