"""Publication dates written the Russian and Chinese way, and local times made UTC.

Pages of Russian and Chinese outlets print dates as "9 апреля 2024 г., 14:30",
"сегодня в 10:05", "2024年4月9日 14:30", "4月9日" or "昨天 18:20", and their metadata often
carries a wall-clock time with no offset ("2024-04-09 14:30:00"). Such a time means the
outlet's local time. ``resolve`` turns it into UTC with the source's zone (configured, or
inferred from the site and the page's language) and never returns a future instant for a
time that had no offset: a year-less date is put in the latest year that is not in the
future, and an impossible one is refused rather than guessed.

dateparser (installed with htmldate) was measured against this parser on these forms
before writing it (benchmarks/ruzh_dates.py, docs/languages.md): given the language it
reads no year-less Chinese date ("4月9日"), without it "12月30日" becomes 2012-04-29, and it
returns "сегодня в 10:05" an hour after the fetch, in the future.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# A wall-clock time this far ahead of the fetch is still taken (clocks and feeds drift).
FUTURE_SLACK = timedelta(minutes=10)
# Date-only values stand for local noon: the middle of the day keeps the calendar date in
# UTC for every zone within 12 hours of it.
_NOON = time(12, 0)

# Russian month names by the letters every case form and abbreviation starts with ("мар"
# before "ма": March before May). One source for the dates here and the months an undated
# story names (pipeline.stories.features).
_RU_MONTHS = (("янв", 1), ("фев", 2), ("мар", 3), ("апр", 4), ("ма", 5), ("июн", 6),
              ("июл", 7), ("авг", 8), ("сен", 9), ("окт", 10), ("ноя", 11), ("дек", 12))
# A Russian month name in any case ("апреля", "мае"): the stem of the whole name, for text
# where no day number says a date follows (a story's "в апреле 2024"), where "сен" or
# "мар" would also take "сенат 2024" or "марш 2024".
RU_MONTH_NAME = (r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|"
                 r"декабр)\w*")
# After a day number ("9 апреля", "9 сент.", "9 сен") an abbreviation is a month too.
_RU_MONTH = r"(?P<mon>(?:янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек)\w*)\.?"
_CLOCK = r"(?P<h>[01]?\d|2[0-3])\s*[:：时點点]\s*(?P<m>[0-5]\d)(?:\s*[:：]\s*[0-5]\d)?分?"
# Words that may join a date and its time: "в", "г.", "года", ",", "-", "|", "•".
_JOIN = r"(?:\s*(?:г\.|года|год)?\s*[,|•·/–—-]?\s*(?:в\s+)?)"

_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
        # 2024年4月9日 14:30, 2024年04月09日14时30分
        ("zh_full", r"(?P<y>\d{4})\s*年\s*(?P<mo>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
                    rf"(?:\s*(?:星期.|周.)?\s*{_CLOCK})?"),
        # 4月9日 14:30 (no year)
        ("zh_noyear", rf"(?<![\d年])(?P<mo>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日"
                      rf"(?:\s*{_CLOCK})?"),
        # 2024-04-09 14:30, 2024/04/09, 2024.04.09 14:30, 2024-04-09T14:30
        ("iso", rf"(?<!\d)(?P<y>\d{{4}})[-/.](?P<mo>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d)"
                rf"(?:[T\s,]+{_CLOCK})?"),
        # 09.04.2024 14:30 (day first, as Russian sites print it)
        ("ru_numeric", rf"(?<!\d)(?P<d>\d{{1,2}})\.(?P<mo>\d{{1,2}})\.(?P<y>\d{{4}})(?!\d)"
                       rf"(?:{_JOIN}{_CLOCK})?"),
        # 9 апреля 2024 г., 14:30 / 9 апреля, 14:30 / 9 апреля
        ("ru_words", rf"(?<!\d)(?P<d>\d{{1,2}})\s+{_RU_MONTH}(?:\s+(?P<y>\d{{4}}))?"
                     rf"(?:{_JOIN}{_CLOCK})?"),
        # сегодня в 10:05 / вчера, 18:20 / позавчера / 今天 10:05 / 昨天 / 前天
        ("relative_day", rf"(?P<rel>сегодня|вчера|позавчера|今天|今日|昨天|昨日|前天)"
                         rf"(?:{_JOIN}{_CLOCK})?"),
        # 5 минут назад / 2 часа назад / 3小时前 / 15分钟前
        ("ago", r"(?P<n>\d{1,3})\s*(?P<unit>минут\w*|мин\.?|час\w*|分钟|小时|個小時|个小时)"
                r"\s*(?:назад|前)"),
    ))
# Time first, then the date ("14:30, 9 апреля 2024", "Обновлено: 10:05 09.04.2024").
_TIME_FIRST = re.compile(rf"^\s*(?:[^\W\d_]+\s*[:：]\s*)?{_CLOCK}\s*[,|•·/–—-]?\s*",
                         re.IGNORECASE)


@dataclass(frozen=True)
class LocalDate:
    """A date as printed: a wall-clock time (naive) unless the form was relative."""

    when: datetime
    form: str
    has_time: bool
    has_year: bool = True
    relative: bool = False


def find_local_date(text: str, now_local: datetime) -> LocalDate | None:
    """The first date in ``text`` in one of the Russian, Chinese or ISO forms.

    Args:
        text: a dateline, a metadata value or a short line of the page.
        now_local: the fetch instant as wall-clock time in the source's zone (naive);
            relative forms ("вчера", "3小时前") count from it.

    Returns:
        The date, naive local wall-clock time, or None when no form matches.
    """
    lead = _TIME_FIRST.match(text)
    rest = text[lead.end():] if lead else text
    for name, pattern in _FORMS:
        match = pattern.search(rest)
        if match is None:
            continue
        found = _build(name, match.groupdict(), now_local)
        if found is None:
            continue
        if lead and not found.has_time:
            clock = time(int(lead.group("h")), int(lead.group("m")))
            found = LocalDate(datetime.combine(found.when.date(), clock), name, True,
                              found.has_year, found.relative)
        return found
    return None


def _build(form: str, g: dict[str, str | None], now: datetime) -> LocalDate | None:
    hour, minute = g.get("h"), g.get("m")
    clock = time(int(hour), int(minute)) if hour and minute else None
    if form == "ago":
        unit = (g["unit"] or "").lower()
        minutes = int(g["n"] or 0) * (60 if unit.startswith(("час", "小", "個", "个")) else 1)
        return LocalDate(now - timedelta(minutes=minutes), form, True, has_year=False,
                         relative=True)
    if form == "relative_day":
        back = {"сегодня": 0, "今天": 0, "今日": 0, "вчера": 1, "昨天": 1, "昨日": 1,
                "позавчера": 2, "前天": 2}[(g["rel"] or "").lower()]
        day = now.date() - timedelta(days=back)
        # A bare "сегодня" is some time today, not later than now.
        when = datetime.combine(day, clock) if clock else min(datetime.combine(day, _NOON), now)
        return LocalDate(when, form, clock is not None, has_year=False, relative=True)
    month = (ru_month(g["mon"]) or 0) if g.get("mon") else int(g["mo"] or 0)
    written_year = g.get("y")
    year = int(written_year) if written_year else None
    try:
        day = date(year or now.year, month, int(g["d"] or 0))
    except ValueError:
        return None
    if year is None and datetime.combine(day, clock or time(0)) > now + FUTURE_SLACK:
        # "4月9日" read in March means last year's 9 April.
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            return None
    # A bare date is local noon, or now when that is still to come today.
    when = datetime.combine(day, clock) if clock else min(datetime.combine(day, _NOON), now)
    return LocalDate(when, form, clock is not None, has_year=year is not None)


def ru_month(word: str | None) -> int | None:
    """The number (1-12) of a Russian month name or abbreviation, else None."""
    low = (word or "").lower()
    return next((num for stem, num in _RU_MONTHS if low.startswith(stem)), None)


def zone_info(name: str | None) -> ZoneInfo | None:
    """The zone of an IANA name, or None for no name or an unknown one."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def resolve(when: datetime, zone: ZoneInfo | None, now: datetime) -> datetime | None:
    """An instant in UTC: aware values converted, naive ones read in ``zone`` (UTC when
    there is none).

    Returns None for a naive time that would lie in the future of ``now`` (the fetch):
    the page's own clock cannot be ahead of ours, so the zone or the date is wrong, and
    a wrong date is worse than none (the next signal is tried).
    """
    if when.tzinfo is not None:
        return when.astimezone(UTC)
    aware = when.replace(tzinfo=zone or UTC).astimezone(UTC)
    if aware > now.astimezone(UTC) + FUTURE_SLACK:
        return None
    return aware


def local_now(zone: ZoneInfo | None, now: datetime) -> datetime:
    """``now`` as naive wall-clock time in ``zone`` (UTC when None)."""
    return now.astimezone(zone or UTC).replace(tzinfo=None)


def parse_local(text: str, zone: ZoneInfo | None, now: datetime) -> datetime | None:
    """A printed Russian/Chinese/ISO date as UTC (``find_local_date`` then ``resolve``)."""
    found = find_local_date(text, local_now(zone, now))
    return None if found is None else resolve(found.when, zone, now)


# The longest text ``is_date_line`` takes for a date stamp.
MAX_DATE_LINE = 90
# A row of a table or a log printed as text: three cells or more, one a bare number
# ("2020-08-01 18:00 │ 200 │ 4084"). A stamp with a rubric has words in its cells.
_CELL_RULE = re.compile(r"[│┃|\t]")
_BARE_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
# A date inside code: a quoted literal compared or cast ("> '2020-08-01'::timestamptz").
_CODE_DATE = re.compile(r"::\w|[<>=]\s*'\d")


def _data_row(text: str) -> bool:
    cells = _CELL_RULE.split(text)
    return len(cells) >= 3 and any(_BARE_NUMBER.fullmatch(c.strip()) for c in cells)


def is_date_line(text: str) -> bool:
    """A short line that is a date stamp, possibly with its source and rubric.

    "2024年04月09日 14:30 来源：新华网", "10:05, 9 апреля 2024 • Политика": a date form
    with at most a few words of metadata around it, not a sentence or a heading that
    mentions a day ("9 мая в Москве", "4月9日会谈要点").
    """
    if len(text) > MAX_DATE_LINE or text.rstrip().endswith(("。", ".", "!", "?", "！", "？")) \
            or _data_row(text) or _CODE_DATE.search(text):
        return False
    hit = next(((n, m) for n, p in _FORMS if (m := p.search(text)) is not None), None)
    if hit is None:
        return False
    name, match = hit
    before, after = text[:match.start()], text[match.end():]
    if _HAN_CHAR.match(after[:1]) or _HAN_CHAR.match(before[-1:]):
        return False  # the date is part of a phrase
    rest = _TIME_FIRST.sub("", f"{before} {after}".strip())
    # Labelled metadata ("来源：新华网", "Автор: ...") says what it is.
    rest = _LABELLED.sub(" ", rest)
    g = match.groupdict()
    if not (g.get("y") or g.get("h") or name in ("relative_day", "ago")):
        return not re.search(r"\w", rest)  # a bare "9 мая" only when alone
    words = re.findall(r"[^\W\d_]+", rest)
    han = sum(len(_HAN_CHAR.findall(w)) for w in words)
    # A full stamp (year and clock time) is not how a heading names a day, so it may carry
    # more metadata around it: an author and an account name beside it on blog platforms.
    full = bool(g.get("y") and g.get("h"))
    return (len([w for w in words if not _HAN_CHAR.search(w)]) <= (5 if full else 3)
            and han <= (16 if full else 8))


_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
_LABELLED = re.compile(r"(?:来源|作者|编辑|责任编辑|记者|发布时间|发表于|时间|"
                       r"Источник|Автор|Обновлено|Опубликовано)\s*[:：]?\s*\S*", re.IGNORECASE)


# Country-code domains whose national media print local times in one zone.
_ZONE_BY_SUFFIX = (
    (".ru", "Europe/Moscow"), (".su", "Europe/Moscow"), (".xn--p1ai", "Europe/Moscow"),
    (".рф", "Europe/Moscow"), (".cn", "Asia/Shanghai"), (".hk", "Asia/Hong_Kong"),
    (".mo", "Asia/Macau"), (".tw", "Asia/Taipei"),
)
# National media writing in the language print the capital's time (Russia spans eleven
# zones, but federal outlets date in Moscow time; China has one zone).
_ZONE_BY_LANGUAGE = {"ru": "Europe/Moscow", "zh": "Asia/Shanghai"}


def page_zone(configured: str | None, domain: str, language: str | None,
              ) -> tuple[ZoneInfo | None, str | None, str | None]:
    """The zone in which a page's offset-less times are read.

    Args:
        configured: the source's ``timezone`` from the sources file, if any.
        domain: the page's host.
        language: the detected language of the page's text.

    Returns:
        ``(zone, name, origin)``: origin is ``"source"`` for a configured zone,
        ``"inferred"`` for one taken from the site's country domain or, on a generic
        domain, from the page's language; all None when nothing applies (UTC is used).
    """
    zone = zone_info(configured)
    if zone is not None and configured:
        return zone, configured, "source"
    host = domain.lower().rstrip(".")
    for suffix, name in _ZONE_BY_SUFFIX:
        if host.endswith(suffix):
            return ZoneInfo(name), name, "inferred"
    name_for_language = _ZONE_BY_LANGUAGE.get((language or "").split("-")[0])
    if name_for_language:
        return ZoneInfo(name_for_language), name_for_language, "inferred"
    return None, None, None
