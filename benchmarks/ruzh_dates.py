"""dateparser against pipeline.dates on the Russian and Chinese date forms (issue 17).

Each case: the printed form, the fetch instant, the source's zone and the UTC instant a
reader of the page would give. Prints one row per case and the totals; docs/languages.md
keeps the result. Run: .venv/bin/python benchmarks/ruzh_dates.py
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import dateparser

from pipeline.dates import parse_local

MSK, BJS = ZoneInfo("Europe/Moscow"), ZoneInfo("Asia/Shanghai")
# Fetched 10 April 2024 at 06:00 UTC: 09:00 in Moscow, 14:00 in Beijing.
NOW = datetime(2024, 4, 10, 6, 0, tzinfo=UTC)
CASES: list[tuple[str, ZoneInfo, datetime | None]] = [
    ("9 апреля 2024 г., 14:30", MSK, datetime(2024, 4, 9, 11, 30, tzinfo=UTC)),
    ("9 апреля 2024 года в 14:30", MSK, datetime(2024, 4, 9, 11, 30, tzinfo=UTC)),
    ("09.04.2024 14:30", MSK, datetime(2024, 4, 9, 11, 30, tzinfo=UTC)),
    ("14:30, 9 апреля 2024", MSK, datetime(2024, 4, 9, 11, 30, tzinfo=UTC)),
    ("вчера, 18:20", MSK, datetime(2024, 4, 9, 15, 20, tzinfo=UTC)),
    ("сегодня в 08:05", MSK, datetime(2024, 4, 10, 5, 5, tzinfo=UTC)),
    ("сегодня в 10:05", MSK, None),  # an hour after the fetch: impossible
    ("5 минут назад", MSK, datetime(2024, 4, 10, 5, 55, tzinfo=UTC)),
    ("2024年4月9日 14:30", BJS, datetime(2024, 4, 9, 6, 30, tzinfo=UTC)),
    ("2024年04月09日14时30分", BJS, datetime(2024, 4, 9, 6, 30, tzinfo=UTC)),
    ("2024-04-09 14:30", BJS, datetime(2024, 4, 9, 6, 30, tzinfo=UTC)),
    ("4月9日 14:30", BJS, datetime(2024, 4, 9, 6, 30, tzinfo=UTC)),
    ("4月9日", BJS, datetime(2024, 4, 9, 4, 0, tzinfo=UTC)),   # a date: local noon
    ("12月30日", BJS, datetime(2023, 12, 30, 4, 0, tzinfo=UTC)),  # last December
    ("昨天 18:20", BJS, datetime(2024, 4, 9, 10, 20, tzinfo=UTC)),
    ("3小时前", BJS, datetime(2024, 4, 10, 3, 0, tzinfo=UTC)),
]


def _dateparser(text: str, zone: ZoneInfo) -> datetime | None:
    # Given its best chance: the page's language and Russian day-first order.
    languages = ["ru"] if zone is MSK else ["zh"]
    found = dateparser.parse(text, languages=languages, settings={
        "DATE_ORDER": "DMY" if zone is MSK else "YMD",
        "TIMEZONE": zone.key, "TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True,
        "RELATIVE_BASE": NOW.astimezone(zone).replace(tzinfo=None),
        "PREFER_DATES_FROM": "past"})
    return None if found is None else found.astimezone(UTC)


def _same(got: datetime | None, want: datetime | None, zone: ZoneInfo, text: str) -> bool:
    if want is None or got is None:
        return got is None and want is None
    if ":" not in text and "前" not in text and "назад" not in text:
        # A date-only answer is right when it names the right local day, at any hour.
        return got.astimezone(zone).date() == want.astimezone(zone).date()
    return got == want


def main() -> None:
    """Print the comparison."""
    ok = {"dateparser": 0, "rcwire": 0}
    print(f"{'form':28} {'expected':22} {'dateparser':22} {'rcwire':22}")
    for text, zone, want in CASES:
        theirs, ours = _dateparser(text, zone), parse_local(text, zone, NOW)
        ok["dateparser"] += _same(theirs, want, zone, text)
        ok["rcwire"] += _same(ours, want, zone, text)
        print(f"{text:28} {_fmt(want):22} {_fmt(theirs):22} {_fmt(ours):22}")
    print(f"right: dateparser {ok['dateparser']}/{len(CASES)}, rcwire {ok['rcwire']}/{len(CASES)}")


def _fmt(when: datetime | None) -> str:
    return "-" if when is None else when.strftime("%Y-%m-%d %H:%M")


if __name__ == "__main__":
    main()
