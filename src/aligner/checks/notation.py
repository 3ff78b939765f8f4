"""How a language writes numbers, percentages, dates and clock times, read from CLDR's
patterns (through babel): "#,##,##0.###" groups Malayalam digits by two after the first
three, "%#,##0" puts the Turkish percent sign first, "d. MMMM y" writes a Czech day
with a period, "d 'de' MMMM 'de' y" joins Portuguese dates with "de", "H.mm" separates
Finnish hours with a period. Every accepted language gets its notation from here; no
table is written by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.dates import tokenize_pattern

#: A token of a CLDR pattern: ("field", (letter, count)) or ("chars", text).
Token = tuple[str, Any]
Field = tuple[str, int]

#: Date fields that hold a number or a name: day, month (format and stand-alone), year.
_DAY, _MONTHS, _YEAR = "d", ("M", "L"), "y"
#: Date separators every reader knows; `Notation.date_separators` lists the others.
_USUAL_DATE_SEPARATORS = ("/", ".")
_DATE_WIDTHS = ("full", "long", "medium", "short")


@dataclass(frozen=True)
class Notation:
    """The way one language writes figures."""

    decimal: str
    group: str
    #: Digits per group after the first group of three: 3, or 2 in Malayalam "4,50,000".
    secondary_grouping: int
    #: The percent sign before the number: Turkish "%3,5".
    percent_first: bool
    #: Short numeric dates put the day first (3/8 = 3 August).
    day_first: bool
    #: Dates with a month name start with the year: Malayalam "2023 ഓഗസ്റ്റ് 3".
    year_first: bool
    #: Marks after the day of a date with a month name: "." in Czech "3. srpna".
    day_suffixes: tuple[str, ...]
    #: Words between the parts of a date: "de" in "3 de agosto de 2023", Danish "den".
    date_connectors: tuple[str, ...]
    #: Separators of numeric dates beyond "/" and ".": Dutch "-" (03-08-2023), Czech
    #: ". " (3. 8. 2023).
    date_separators: tuple[str, ...]
    #: Between hours and minutes: ":", or "." in Finnish and Danish "15.30".
    time_separator: str


def notation(locale: Locale) -> Notation:
    symbols = locale.number_symbols.get(locale.default_numbering_system, {})
    grouping = locale.decimal_formats[None].grouping
    dates = [_merged_tokens(locale.date_formats[width].pattern) for width in _DATE_WIDTHS]
    return Notation(
        decimal=symbols.get("decimal", "."),
        group=symbols.get("group", ","),
        secondary_grouping=grouping[1] if len(grouping) > 1 else grouping[0],
        percent_first=str(locale.percent_formats[None].pattern).lstrip().startswith("%"),
        day_first=_day_first(locale),
        year_first=_year_first(dates[1]),
        day_suffixes=_distinct(_day_suffixes(dates)),
        date_connectors=_distinct(_connectors(dates)),
        date_separators=_distinct(_numeric_separators(dates)),
        time_separator=_time_separator(locale),
    )


def _merged_tokens(pattern: object) -> list[Token]:
    """The pattern's fields and literal text, adjacent literals joined into one:
    "d 'de' MMMM" → [("field", ("d", 1)), ("chars", " de "), ("field", ("M", 4))]."""
    merged: list[Token] = []
    for kind, value in tokenize_pattern(str(pattern)):
        if kind == "chars" and merged and merged[-1][0] == "chars":
            merged[-1] = ("chars", merged[-1][1] + value)
        else:
            merged.append((kind, value))
    return merged


def _fields(tokens: list[Token]) -> list[str]:
    return [value[0] for kind, value in tokens if kind == "field"]


def _between_fields(patterns: list[list[Token]]) -> Iterator[tuple[Field, str, Field]]:
    """(field, literal, field) for each literal that stands between two fields."""
    for tokens in patterns:
        for before, middle, after in zip(tokens, tokens[1:], tokens[2:]):
            if before[0] == "field" and middle[0] == "chars" and after[0] == "field":
                yield before[1], middle[1], after[1]


def _day_suffixes(patterns: list[list[Token]]) -> Iterator[str]:
    for (field, _), literal, (following, count) in _between_fields(patterns):
        mark = literal.strip()
        if field == _DAY and following in _MONTHS and count >= 3 and mark and not mark.isalpha():
            yield mark


def _connectors(patterns: list[list[Token]]) -> Iterator[str]:
    for _, literal, _ in _between_fields(patterns):
        yield from (word.lower() for word in re.findall(r"[^\W\d_]+", literal))


def _numeric_separators(patterns: list[list[Token]]) -> Iterator[str]:
    """What stands between a numeric day and month ("3/8", "03-08", "3. 8.")."""
    for before, literal, after in _between_fields(patterns):
        day_and_month = {before[0], after[0]} & {_DAY, *_MONTHS} == {before[0], after[0]}
        numeric_month = all(count <= 2 for field, count in (before, after) if field in _MONTHS)
        separator = re.sub(r"\s+", " ", literal)
        if (
            day_and_month
            and before[0] != after[0]
            and numeric_month
            and separator not in _USUAL_DATE_SEPARATORS
        ):
            yield separator


def _year_first(tokens: list[Token]) -> bool:
    fields = _fields(tokens)
    months = [fields.index(month) for month in _MONTHS if month in fields]
    return _YEAR in fields and bool(months) and fields.index(_YEAR) < min(months)


def _day_first(locale: Locale) -> bool:
    """Whether a numeric day and month ("3/8") put the day first: CLDR's pattern for
    that ("Md": "d/M", "M/d"), else its short date."""
    pattern = locale.datetime_skeletons.get("Md") or locale.date_formats["short"]
    fields = _fields(_merged_tokens(pattern))
    months = [fields.index(month) for month in _MONTHS if month in fields]
    return _DAY in fields and fields.index(_DAY) < min(months, default=len(fields))


def _time_separator(locale: Locale) -> str:
    tokens = _merged_tokens(locale.time_formats["short"].pattern)
    for (field, _), literal, (following, _) in _between_fields([tokens]):
        if field in "Hhk" and following == "m":
            return literal.strip() or ":"
    return ":"


def _distinct(items: Iterator[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
