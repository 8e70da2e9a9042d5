"""Russian and Chinese pages in their legacy charsets, declared or not (issue 17)."""

from __future__ import annotations

import html

import pytest

from pipeline.fetch.decode import decode_html

RU = ("<p>Министр иностранных дел России провёл переговоры в Пекине. Стороны обсудили "
      "«Силу Сибири — 2», расчёты в юанях и подготовку визита на высшем уровне.</p>")
ZH = ("<p>俄罗斯外长在北京同中国外长举行会谈，双方就双边关系、能源合作和国际问题交换意见。"
      "中方表示，愿同俄方加强战略协作。</p>")
# A character outside GB2312 (in GBK): sites that declare gb2312 write GBK.
ZH_GBK_ONLY = "<p>双方还谈到了镕基金和璟园项目的进展。</p>"


def page(body: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>t</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(("text", "encoding", "declared", "header"), [
    (RU, "utf-8", "utf-8", ""),
    (RU, "utf-8", None, ""),
    (RU, "windows-1251", "windows-1251", ""),
    (RU, "windows-1251", None, ""),
    (RU, "windows-1251", None, "text/html; charset=windows-1251"),
    (RU, "koi8-r", "koi8-r", ""),
    (RU, "koi8-r", None, ""),
    (ZH, "utf-8", None, ""),
    (ZH, "gbk", "gbk", ""),
    (ZH, "gbk", None, ""),
    (ZH + ZH_GBK_ONLY, "gbk", "gb2312", ""),
    (ZH + ZH_GBK_ONLY, "gbk", None, "text/html; charset=GB2312"),
    (ZH, "gb18030", "gb18030", ""),
    (ZH, "gb18030", None, ""),
])
def test_legacy_charset_decodes_to_the_original_text(text: str, encoding: str,
                                                     declared: str | None, header: str) -> None:
    original = page(text, declared)
    got, _charset = decode_html(original.encode(encoding, "xmlcharrefreplace"), header)
    # KOI8-R lacks «» and —: the page writes them as references, which mean the same.
    assert html.unescape(got) == original


@pytest.mark.parametrize("encoding", ["windows-1251", "koi8-r", "gbk"])
def test_a_wrong_utf8_label_does_not_win_over_the_bytes(encoding: str) -> None:
    body = RU if encoding != "gbk" else ZH
    original = page(body, None)
    got, _ = decode_html(original.encode(encoding, "xmlcharrefreplace"),
                         "text/html; charset=utf-8")
    assert html.unescape(got) == original


def test_short_windows_1251_and_koi8_r_are_told_apart() -> None:
    text = "<p>Переговоры в Пекине</p>"
    assert decode_html(text.encode("cp1251"))[1] == "cp1251"
    assert decode_html(text.encode("koi8-r"))[1] == "koi8_r"


def test_english_windows_1252_page_is_still_windows_1252() -> None:
    original = page("<p>Café déjà vu – naïve résumé, “quoted”.</p>", None)
    got, charset = decode_html(original.encode("cp1252"))
    assert (got, charset) == (original, "cp1252")
