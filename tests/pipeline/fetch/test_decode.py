from __future__ import annotations

import pytest

from pipeline.fetch.decode import DecodeError, decode_html

TEXT = "Lavrov’s visit — “a new era” in Sino-Russian ties, says Xi. Café crème."


def test_cp1252_without_charset() -> None:
    body = f"<html><body><p>{TEXT}</p></body></html>".encode("cp1252")
    text, charset = decode_html(body, "text/html")
    assert TEXT in text and charset == "cp1252"


def test_utf8_mislabelled_as_latin1() -> None:
    body = f"<p>{TEXT}</p>".encode()
    text, charset = decode_html(body, "text/html; charset=iso-8859-1")
    assert TEXT in text and charset == "utf-8"


def test_meta_charset_used() -> None:
    body = ('<meta charset="koi8-r"><p>Москва и Пекин</p>').encode("koi8_r")
    text, _ = decode_html(body)
    assert "Москва и Пекин" in text


def test_latin1_label_means_windows_1252() -> None:
    body = f"<p>{TEXT}</p>".encode("cp1252")
    text, charset = decode_html(body, "text/html; charset=ISO-8859-1")
    assert TEXT in text and charset == "cp1252"


def test_invalid_utf8_is_refused_not_mojibake() -> None:
    good = f"<p>{TEXT}</p>".encode()
    body = good + bytes(range(0x80, 0xFF)) * 4
    with pytest.raises(DecodeError):
        decode_html(body, "text/html; charset=utf-8")


def test_one_stray_byte_is_repaired() -> None:
    body = (f"<p>{TEXT}</p>" * 50).encode() + b"\xff"
    text, charset = decode_html(body, "text/html; charset=utf-8")
    assert charset == "utf-8" and text.endswith("\ufffd")
