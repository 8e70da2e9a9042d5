"""What an article offers for story matching: keys drawn from its headline and lead.

Every key is a short string with a one-letter family prefix, so one posting list serves
all families:

- ``e:`` canonical entities of ``config/entities.yaml`` (the same across scripts: the
  lexicon maps Лавров, 拉夫罗夫 and Lavrov to one name);
- ``w:`` content words of the headline and lead (stemmed by cutting, Chinese as character
  pairs), tagged with their script so words only ever compare within one;
- ``n:`` numbers (``8.1``, ``240``, ``2036``), written the same in most languages;
- ``q:`` three-word pieces of quoted speech.

Numbers and quotes are the strong cues: two reports of one event repeat its figures and
its quotes; two events rarely share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path

import yaml

from pipeline import ru
from pipeline.clean.rules import CONFIG
from pipeline.dates import RU_MONTH_NAME, ru_month
from pipeline.enrich.entities import count_mentions, load_entities
from pipeline.enrich.textscan import fold_case
from pipeline.errors import RunError
from pipeline.paths import read_yaml

LEAD_WORDS = 100
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# A number: digits with thousands separators or a decimal part; a comma followed by three
# digits groups thousands (1,800), any other comma is a decimal point (8,1 in Russian).
_NUMBER = re.compile(r"(?<![0-9A-Za-z\u0400-\u04ff.,])\d+(?:[.,]\d+)*")
_QUOTE = re.compile(r"[“«「\"]([^”»」\"]{8,400})[”»」\"]")
_SUFFIXES = ("ing", "ed", "es", "s")
# English month names by their first three letters; Russian ones are pipeline.dates'.
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
              "dec")
_MONTH_WORD = rf"(?:{'|'.join(_EN_MONTHS)})[a-z]*\.?|{RU_MONTH_NAME}"
# "April 2024", "апреля 2024" or "2024年4月".
_MONTH_YEAR = re.compile(rf"(?i)(?<!\w)({_MONTH_WORD})\s+((?:19|20)\d\d)(?!\d)"
                         r"|((?:19|20)\d\d)年(\d{1,2})月")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class Features:
    """One article as the matcher sees it."""

    article_id: str
    source: str
    language: str
    title: str
    day: datetime  # publication time, or the fetch time when undated
    dated: bool
    keys: frozenset[str]
    head: frozenset[str] = frozenset()  # the keys found in the headline
    # When the reported event happened: the publication day, or for an undated article the
    # month or year its lead names (``dates_named``); None when nothing says.
    span: tuple[datetime, datetime] | None = None


@cache
def stopwords(path: Path = CONFIG / "stories.yaml") -> frozenset[str]:
    """Every language's stop words of ``config/stories.yaml``, case-folded, as one set."""
    try:
        raw = read_yaml(path) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RunError(f"{path}: cannot read the story stop words ({exc})") from None
    lists = raw.get("stopwords") if isinstance(raw, dict) else None
    if not isinstance(lists, dict):
        raise RunError(f"{path}: expected lists of words under 'stopwords'")
    return frozenset(fold_case(str(w)) for words in lists.values() for w in words or ())


def lead_of(text: str, limit: int = LEAD_WORDS) -> str:
    """The first ``limit`` words of a body: where a report says who, what, where and when."""
    words = (text or "").split()
    return " ".join(words[:limit])


def features(article_id: str, source: str, language: str | None, title: str, text: str,
             day: datetime, dated: bool) -> Features:
    """The keys of an article's headline and lead.

    Args:
        article_id: the article's id.
        source: its source (feed name).
        language: its language code, if known.
        title: the headline.
        text: the clean body (only its lead is used).
        day: publication time, or the fetch time when undated.
        dated: whether ``day`` is a publication time.

    Returns:
        The article's ``Features``.
    """
    lead = lead_of(text)
    span = (day, day) if dated else dates_named(f"{title}\n{lead}", day)
    year = span[1].year if span else day.year
    mentions = count_mentions(title, lead)
    keys = {f"e:{m.entity}" for m in mentions} | _keys(f"{title}\n{lead}", year)
    head = {f"e:{m.entity}" for m in mentions if m.in_title} | _keys(title, year)
    return Features(article_id, source, (language or "").lower(), title, day, dated,
                    frozenset(keys | head), frozenset(head), span)


def _keys(text: str, year: int) -> set[str]:
    inflected = {f"e:{name}" for name in inflected_entities(text)}
    return inflected | words(text) | numbers(text, year) | quotes(text)


def dates_named(text: str, fetched: datetime) -> tuple[datetime, datetime] | None:
    """The latest month (or, failing that, year) an undated text names, as a span of days:
    an analysis published without a date usually says when its events took place
    ("in early April 2024"). Years after the fetch time are forecasts and are skipped."""
    months = []
    for match in _MONTH_YEAR.finditer(text):
        name, year = (match.group(1), match.group(2)) if match.group(1) else \
            (match.group(4), match.group(3))
        month = _month_number(name)
        if month and 1990 <= int(year) <= fetched.year:
            months.append((int(year), month))
    if months:
        year, month = max(months)
        start = datetime(year, month, 1, tzinfo=UTC)
        end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC) - timedelta(seconds=1)
        return start, end
    years = [int(y) for y in _YEAR.findall(text) if 1990 <= int(y) <= fetched.year]
    if years:
        return (datetime(max(years), 1, 1, tzinfo=UTC),
                datetime(max(years), 12, 31, 23, 59, 59, tzinfo=UTC))
    return None


def _month_number(name: str) -> int | None:
    if name.isdigit():
        return int(name) if 1 <= int(name) <= 12 else None
    folded = fold_case(name)
    if folded[:3] in _EN_MONTHS:
        return _EN_MONTHS.index(folded[:3]) + 1
    return ru_month(folded)


def words(text: str) -> set[str]:
    """``w:`` keys: stemmed content words (Latin or Cyrillic) and Chinese character pairs."""
    found: set[str] = set()
    for match in _WORD.finditer(fold_case(text)):
        key = _word_key(match.group())
        if key is not None:
            found.add(key)
    stop = _left_out()
    for run in _HAN.findall(text):
        found |= {"w:" + run[i:i + 2] for i in range(len(run) - 1)
                  if run[i] not in stop and run[i + 1] not in stop}
    return found


@lru_cache(maxsize=1 << 16)
def _word_key(folded: str) -> str | None:
    """The ``w:`` key of one case-folded word, None for a stop word or a short one."""
    word = folded.strip("'’-").removesuffix("'s").removesuffix("’s")
    if len(word) < 3 or word in _left_out() or _HAN.search(word):
        return None
    return "w:" + _stem(word)


@cache
def _left_out() -> frozenset[str]:
    return stopwords() | _lexicon_words()


@cache
def _lexicon_words() -> frozenset[str]:
    # Words of lexicon names (putin, лавров) are counted as entities already; as words
    # they would count the same evidence twice.
    return frozenset(w for e in load_entities() for term, _ in e.terms for w in term.split()
                     if len(w) >= 3)


def _stem(word: str) -> str:
    # Cutting is enough here: both reports of an event inflect the same few words, and a
    # cut stem only has to make "meets" and "meeting", "Астане" and "Астана" equal.
    if _CYRILLIC.match(word):
        return word[:5]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:7]


def numbers(text: str, year: int) -> set[str]:
    """``n:`` keys: numbers of two digits or more, with a decimal part, or followed by a
    per cent sign; the current year and its neighbours are left out (every report of any
    event may name them)."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = _normalise_number(match.group())
        if value is None:
            continue
        percent = text.startswith("%", match.end()) or text.startswith(" %", match.end())
        if value.isdigit() and ((len(value) < 2 and not percent)
                                or abs(int(value) - year) <= 1):
            continue
        found.add("n:" + value)
    return found


def _normalise_number(raw: str) -> str | None:
    parts = re.split(r"([.,])", raw)
    digits, decimal = parts[0], ""
    for sep, group in zip(parts[1::2], parts[2::2], strict=True):
        if sep == "," and len(group) == 3 and not decimal:
            digits += group
        elif not decimal:
            decimal = group
        else:
            return None  # 1.2.3: a date or a version, not a quantity
    digits = digits.lstrip("0") or "0"
    decimal = decimal.rstrip("0")
    return f"{digits}.{decimal}" if decimal else digits


def quotes(text: str) -> set[str]:
    """``q:`` keys: every three consecutive stemmed words inside quotation marks."""
    found = set()
    for quoted in _QUOTE.findall(text):
        stems = [_stem(fold_case(w)) for w in _WORD.findall(quoted)]
        if len(stems) >= 3:
            found |= {"q:" + " ".join(stems[i:i + 3]) for i in range(len(stems) - 2)}
    return found


def inflected_entities(text: str) -> set[str]:
    """Lexicon entities named in a declined Russian form in any letter case.

    ``count_mentions`` finds declined forms too (``pipeline.ru``, the same rules) but keeps
    the lexicon's capitals ("Си Цзиньпин" must not match inside a lower-case word): an
    all-capitals headline ("ВИЗИТ СИ ЦЗИНЬПИНА") would lose its names. Here the declining
    terms are matched in the case-folded text; their last word has three letters or more,
    so they do not grow into other words the way a short one would ("Си", "Сибирь")."""
    if not _CYRILLIC.search(text):
        return set()
    folded = fold_case(text)
    return {name for name, pattern in _inflected_patterns() if pattern.search(folded)}


@cache
def _inflected_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for entity in load_entities():
        if entity.declines:
            body = "|".join(ru.declined(term) for term in entity.declines)
            out.append((entity.name, re.compile(rf"(?<!\w)(?:{body})(?!\w)")))
    return tuple(out)


@cache
def entity_kinds() -> dict[str, str]:
    """Entity name -> kind, for weighting entity keys."""
    return {e.name: e.kind for e in load_entities()}
