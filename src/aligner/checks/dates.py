"""Dates and clock times in running text: "3 agosto 2023", "Thursday, November 9",
"3/8", "2023-08-03", "15:00", "alle 9.30", "3 p.m."; and years and centuries that are
not plain figures ("anni '80", "XIX secolo").

The month and weekday names, the order of numeric dates and the AM/PM markers come from
the lexicon (CLDR). Finding dates in text with their offsets is written here by hand:
dateparser's `search_dates` reads "5300 dollari" as the year 5300 and durations as
dates, and reports no offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.lexicon import lexicon
from aligner.checks.scanning import SPACES, Passage, alternation, keyed

_ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
#: "'80", "’80s": a year with its century left out.
_SHORT_YEAR = re.compile(r"(?<![\w'’‘])['’‘](\d{2})(?!\d)")
#: "2018-19", "1914/18": a span of years whose second year drops its century.
_YEAR_SPAN = re.compile(
    r"(?<![\w.,/-])(?P<first>(?:1[5-9]|20)\d\d)[-–/](?P<second>\d\d)(?![\w/-]|[.,]\d)"
)
#: Two-digit years up to this one are read as 20xx, later ones as 19xx; a year
#: written this way agrees with any year of the same last two digits.
_CENTURY_PIVOT = 30
_MAX_DAY = 31
#: Numeric date separators of every language; CLDR adds others ("-", ". ").
_USUAL_DATE_SEPARATORS = ("/", ".")


@dataclass(frozen=True)
class _Patterns:
    """The lexicon's calendar words as regular expressions, compiled once per language."""

    dates: tuple[re.Pattern[str], ...]
    lone_month: re.Pattern[str]
    numeric_date: re.Pattern[str]
    iso_date: re.Pattern[str]
    colon_time: re.Pattern[str]
    century: re.Pattern[str]
    day_period: re.Pattern[str]


@cache
def _patterns(lang: str) -> _Patterns:
    lex = lexicon(lang)
    notation = lex.notation
    months = alternation(lex.months) + r"\.?"
    weekdays = alternation(lex.weekdays)
    # After the day: an ordinal suffix ("3rd"), or the mark CLDR's dates put there
    # (the period of Czech "3. srpna").
    ordinal = alternation((*lex.extra.ordinal_suffixes, *notation.day_suffixes), boundary=False)
    connectors = alternation((*lex.extra.date_connectors, *notation.date_connectors))
    day = rf"(?P<day>[0-3]?\d)(?:{ordinal})?(?![\d:]|[.,]\d)"
    year = r"(?P<year>\d{4})(?!\d)"
    # "torsdag den 3. august": CLDR's connectors may follow the weekday.
    after_weekday = alternation(notation.date_connectors)
    weekday = rf"(?:(?P<weekday>{weekdays}),?\s+(?:{after_weekday}\s+)?)?"
    the_year = rf"(?:,?\s+(?:{connectors}\s+)?{year})?"
    day_month = rf"{weekday}{day}\s+(?:{connectors}\s+)?(?P<month>{months}){the_year}"
    month_day = rf"{weekday}(?P<month>{months})\s+{day}(?:,?\s+{year})?"
    month_year = rf"(?P<month>{months})\s+(?:{connectors}\s+)?{year}"
    # "2023 ഓഗസ്റ്റ് 3", first where CLDR writes the year first: else "ഓഗസ്റ്റ് 3" alone.
    year_month_day = (rf"{year},?\s+(?P<month>{months})\s+{day}",) if notation.year_first else ()
    separators = sorted((*_USUAL_DATE_SEPARATORS, *notation.date_separators), key=len, reverse=True)
    separator = "|".join(re.escape(mark).replace(r"\ ", r"\s") for mark in separators)
    flags = re.IGNORECASE
    return _Patterns(
        dates=tuple(
            re.compile(rf"(?<![\w]){pattern}", flags)
            for pattern in (*year_month_day, day_month, month_day, month_year)
        ),
        # A month alone: a full name, or an abbreviation with its period ("on Oct.").
        lone_month=re.compile(
            rf"(?<![\w])(?P<month>{alternation(lex.full_months)}|"
            rf"{alternation(set(lex.months) - lex.full_months, boundary=False)}\.)",
            flags,
        ),
        numeric_date=re.compile(
            rf"(?<![\w/.,])(?P<a>[0-3]?\d)(?P<sep>{separator})(?P<b>[01]?\d)"
            r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?(?![\w/]|[.,]\d)"
        ),
        iso_date=re.compile(
            r"(?<![\w-])(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w-])"
        ),
        colon_time=re.compile(r"(?<![\w:.,])(?P<hour>[01]?\d|2[0-4]):(?P<minute>[0-5]\d)(?![\d:])"),
        century=re.compile(
            rf"(?<![\w])(?P<roman>{_ROMAN})\s+{alternation(lex.extra.century_words)}", 0
        ),
        day_period=re.compile(rf"[{SPACES}]?{alternation(lex.day_periods)}", flags),
    )


def day_period(passage: Passage, end: int) -> re.Match[str] | None:
    """An am/pm marker at text[end:] ("p.m.", " del pomeriggio")."""
    return _patterns(passage.lex.lang).day_period.match(passage.text, end)


# Dates -----------------------------------------------------------------------------


def dates(passage: Passage) -> Iterator[NumericExpression]:
    """Dates with month names, fullest patterns first, then numeric dates. The caller
    keeps the first of overlapping ones."""
    for pattern in _patterns(passage.lex.lang).dates:
        for match in pattern.finditer(passage.text):
            expression = _date(passage, match)
            if expression is not None:
                yield expression
    yield from _numeric_dates(passage)


def _date(passage: Passage, match: re.Match[str]) -> NumericExpression | None:
    groups = match.groupdict()
    month = _month(passage, match.group("month"))
    if month is None:
        return None
    day = int(groups["day"]) if groups.get("day") else None
    if day is not None and not 1 <= day <= _MAX_DAY:
        return None
    weekday = groups.get("weekday")
    return NumericExpression(
        Kind.DATE,
        match.span(),
        match.group(),
        year=int(groups["year"]) if groups.get("year") else None,
        month=month,
        day=day,
        weekday=keyed(passage.lex.weekdays, weekday.rstrip(".")) if weekday else None,
    )


def _month(passage: Passage, name: str) -> int | None:
    """The month a matched name stands for (1-12), or None when it is a word: languages
    that capitalise months (English, German) write them capitalised, and there "march"
    and "may" are words."""
    if passage.lex.capitalised_months and not name[:1].isupper():
        return None
    return keyed(passage.lex.months, name.rstrip("."))


def _numeric_dates(passage: Passage) -> Iterator[NumericExpression]:
    patterns = _patterns(passage.lex.lang)
    for match in patterns.iso_date.finditer(passage.text):
        year, month, day = (int(match.group(g)) for g in ("year", "month", "day"))
        if 1 <= month <= 12 and 1 <= day <= _MAX_DAY:
            yield NumericExpression(
                Kind.DATE, match.span(), match.group(), year=year, month=month, day=day
            )
    for match in patterns.numeric_date.finditer(passage.text):
        first, second = int(match.group("a")), int(match.group("b"))
        day, month = (first, second) if passage.lex.notation.day_first else (second, first)
        # "3.8" is a number, "3-8" a range; only "3/8" is a date without its year.
        slashed = match.group("sep") == "/"
        if not (1 <= month <= 12 and 1 <= day <= _MAX_DAY) or (
            not slashed and not match.group("year")
        ):
            continue
        year_digits = match.group("year")
        yield NumericExpression(
            Kind.DATE,
            match.span(),
            match.group(),
            year=_full_year(year_digits) if year_digits else None,
            month=month,
            day=day,
        )


def lone_months(passage: Passage) -> Iterator[NumericExpression]:
    for match in _patterns(passage.lex.lang).lone_month.finditer(passage.text):
        month = _month(passage, match.group("month"))
        if month is not None:
            yield NumericExpression(Kind.DATE, match.span(), match.group(), month=month)


# Clock times -------------------------------------------------------------------------


def times(passage: Passage) -> Iterator[NumericExpression]:
    for match in _patterns(passage.lex.lang).colon_time.finditer(passage.text):
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        yield clock_time(passage, match.start(), match.end(), hour, minute, certain=hour > 12)


@cache
def _named_time(lang: str) -> re.Pattern[str]:
    words = alternation(lexicon(lang).extra.named_times)
    return re.compile(rf"(?<![\w]){words}", re.IGNORECASE)


def named_times(passage: Passage) -> Iterator[NumericExpression]:
    """ "noon", "mezzanotte": 12:00 and 00:00, in words (so not reported missing:
    "il Mezzogiorno" is also the South)."""
    table = passage.lex.extra.named_times
    for match in _named_time(passage.lex.lang).finditer(passage.text):
        hour = table.get(match.group().lower())
        if hour is not None:
            yield NumericExpression(
                Kind.TIME, match.span(), match.group(), number_span=match.span(),
                hour=hour, minute=0, hour_certain=True, spelled=True,
            )  # fmt: skip


def clock_time(
    passage: Passage, start: int, end: int, hour: int, minute: int, certain: bool
) -> NumericExpression:
    """A clock time at text[start:end], extended by an am/pm marker after it."""
    period = day_period(passage, end)
    added = None if period is None else keyed(passage.lex.day_periods, period.group())
    if period is not None and added is not None and hour <= 12:
        hour = hour % 12 + added
        end, certain = period.end(), True
    return NumericExpression(
        Kind.TIME,
        (start, end),
        passage.text[start:end],
        number_span=(start, end),
        hour=hour,
        minute=minute,
        hour_certain=certain or hour == 0,
    )


def dot_time(passage: Passage, start: int, end: int, figure: str) -> NumericExpression | None:
    """ "15.00", "alle 9.30", "7.55am": where the dot groups thousands, a figure with two digits
    after one dot cannot be a number, and Italian and German write clock times that
    way; so do languages whose CLDR times have a dot (Finnish "15.30"). The caller
    makes sure no currency, unit or scale word goes with the figure. Where the dot is
    the decimal point, only an am/pm marker makes the figure a time: British "5.30pm"."""
    match = re.fullmatch(r"([01]?\d|2[0-4])\.([0-5]\d)", figure)
    notation = passage.lex.notation
    if match is None:
        return None
    if "." not in (notation.group, notation.time_separator) and day_period(passage, end) is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    return clock_time(passage, start, end, hour, minute, certain=hour > 12 or hour == 0)


# Years and centuries -------------------------------------------------------------------


def centuries(passage: Passage) -> Iterator[NumericExpression]:
    """Roman centuries: "XIX secolo" is the 19th century."""
    for match in _patterns(passage.lex.lang).century.finditer(passage.text):
        roman = match.group("roman")
        if roman:
            yield NumericExpression(
                Kind.ORDINAL,
                match.span("roman"),
                roman,
                value=float(_roman_value(roman)),
                number_span=match.span("roman"),
            )


def short_years(passage: Passage) -> Iterator[NumericExpression]:
    """ "anni '80", "the ’80s": a year without its century."""
    text = passage.text
    for match in _SHORT_YEAR.finditer(text):
        end = match.end()
        if text[end : end + 1] == "s":
            end += 1
        yield NumericExpression(
            Kind.NUMBER,
            (match.start(), end),
            text[match.start() : end],
            value=float(_full_year(match.group(1))),
            number_span=match.span(1),
            short_year=True,
        )


def year_spans(passage: Passage) -> Iterator[NumericExpression]:
    """ "the 2018-19 season", "1914/18": both years, the second in full (2019)."""
    for match in _YEAR_SPAN.finditer(passage.text):
        first = int(match.group("first"))
        second = first // 100 * 100 + int(match.group("second"))
        if not first < second <= first + 10:
            continue
        for group, year in (("first", first), ("second", second)):
            yield NumericExpression(
                Kind.NUMBER, match.span(group), match.group(group), value=float(year),
                number_span=match.span(group), short_year=group == "second",
            )  # fmt: skip


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 4:
        return year
    return 2000 + year if year <= _CENTURY_PIVOT else 1900 + year


def _roman_value(roman: str) -> int:
    total = 0
    for letter, following in zip(roman, [*roman[1:], ""]):
        value = _ROMAN_VALUES[letter]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total
