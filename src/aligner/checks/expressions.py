"""Find the figures of a text: numbers, percentages, amounts of money, quantities with
units, dates, clock times and ordinals, each with its value and character span.

    >>> [(e.kind, e.value, e.currencies) for e in numeric_expressions("450.000 rubli", "it")]
    [(<Kind.AMOUNT: 'amount'>, 450000.0, frozenset({'RUB', 'BYN'}))]

Every word list comes from `lexicon` (CLDR through babel). Number words are read by
text2num. What no library does — tell a figure's separators apart by locale, attach
symbols, scale words, currencies and units to it, find dates and times in running text
with their offsets — is written here, by hand: babel's `parse_decimal` reads one
number it is given, and silently wrongly with the wrong locale ("450,000"@it → 450.0);
dateparser's `search_dates` reads "5300 dollari" as the year 5300 and durations as
dates; price-parser knows symbols and codes but not "dollari"; none of them report
character offsets for all of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from text_to_num import Token, find_numbers, text2num

from aligner.checks.lexicon import Lexicon, lexicon
from aligner.model import Span


class Kind(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    AMOUNT = "amount"
    QUANTITY = "quantity"
    ORDINAL = "ordinal"
    DATE = "date"
    TIME = "time"


@dataclass(frozen=True)
class NumericExpression:
    """One figure of a text, as a reader understands it."""

    kind: Kind
    #: The whole expression in the text ("450.000 rubli", "3 agosto").
    span: Span
    text: str
    #: The value, scale included (3 milioni → 3000000.0); None for dates and times.
    value: float | None = None
    #: The figure itself ("450.000" in "450.000 rubli").
    number_span: Span | None = None
    #: ISO 4217 codes the currency may be ("dollari": USD, CAD, AUD …), and its span.
    currencies: frozenset[str] = frozenset()
    currency_span: Span | None = None
    #: 10**6 for "milioni", 1 without a scale word; and the scale word's span.
    scale: int = 1
    scale_span: Span | None = None
    #: CLDR unit id ("length-meter") and its span.
    unit: str | None = None
    unit_span: Span | None = None
    #: Date parts, whichever the text gives; weekday 0 is Monday.
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    #: Clock time.
    hour: int | None = None
    minute: int | None = None
    #: True when the hour came with am/pm or a 24-hour figure: 15:00 and 3 p.m. are
    #: the same, "alle 3" may be either.
    hour_certain: bool = False
    #: Written in words ("tre", "five thousand") rather than digits.
    spelled: bool = False
    #: False when the digits break the language's conventions: "1,5" in English,
    #: "7.5" in Italian. The value is then read the way the writer evidently meant.
    well_formed: bool = True
    #: A year written without its century ("anni '30"): its value is a guess.
    short_year: bool = False
    #: An age noun ("trentunenne", "24enne").
    age: bool = False

    @property
    def certain(self) -> bool:
        """Whether the expression surely is a figure. A bare number word may not be
        (Italian "sei" is also "you are", "secondo" also "according to"), nor a month
        name alone (English "May" is also a name); "venti per cento", "trentunenne"
        and "tre anni" are, and so is a number of several words or a large one ("tre
        milioni", "cinquemila"): no other word reads like that."""
        if self.kind is Kind.DATE:
            return self.day is not None or self.year is not None
        if self.spelled and self.kind in (Kind.NUMBER, Kind.ORDINAL):
            return self.age or (self.value or 0) >= 1000 or len(self.text.split()) > 1
        # "dieci anni" is also "a decade", "quindici giorni" "two weeks".
        return not (self.spelled and (self.unit or "").startswith("duration-"))


_SPACES = " \u00a0\u202f\u2009"
_APOSTROPHES = "'’"
#: A run of digits and separators, split into figures by `_read_numerals`.
#: Not inside a word ("G7", "MP3") or after a decimal point; after an abbreviation's
#: period it is ("No.1").
_NUMERAL_RUN = re.compile(rf"(?<![\w,])(?<!\d\.)\d+(?:[.,{_APOSTROPHES}{_SPACES}]\d+)*")
_ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
#: "'80", "’80s": a year with its century left out.
_SHORT_YEAR = re.compile(r"(?<![\w'’‘])['’‘](\d{2})(?!\d)")
#: Two-digit years up to this one are read as 20xx, later ones as 19xx; a year
#: written this way agrees with any year of the same last two digits.
_CENTURY_PIVOT = 30
_MAX_DAY = 31
_NEGATIVE = "-−–"


def numeric_expressions(text: str, lang: str) -> tuple[NumericExpression, ...]:
    """Every figure of `text`, a text in language `lang` (ISO 639-1), in text order."""
    reader = _Reader(text, lexicon(lang), _patterns(lang))
    return reader.read()


@dataclass(frozen=True)
class _Patterns:
    """The lexicon's word lists as regular expressions, compiled once per language."""

    dates: tuple[re.Pattern[str], ...]
    lone_month: re.Pattern[str]
    numeric_date: re.Pattern[str]
    iso_date: re.Pattern[str]
    colon_time: re.Pattern[str]
    century: re.Pattern[str]
    currency_prefix: re.Pattern[str]
    scale: re.Pattern[str]
    percent: re.Pattern[str]
    percentage_points: re.Pattern[str]
    currency_word: re.Pattern[str]
    currency_symbol: re.Pattern[str]
    currency_preposition: re.Pattern[str]
    unit_word: re.Pattern[str]
    unit_symbol: re.Pattern[str]
    day_period: re.Pattern[str]
    and_a_half: re.Pattern[str]
    glued_suffix: re.Pattern[str]
    age_word: re.Pattern[str]


def _alternation(words: object, boundary: bool = True) -> str:
    """A regex alternation of `words`, longest first, escaped; with `boundary`, a word
    cannot go on after it ("mila" must not match the start of "milano"), unless it ends
    in an apostrophe ("d'euros")."""
    ordered = sorted({str(word) for word in words if word}, key=len, reverse=True)
    bound = r"(?![^\W_])" if boundary else ""
    body = "|".join(
        re.escape(word).replace(r"\ ", r"[\s\u00a0]+") + (bound if word[-1].isalnum() else "")
        for word in ordered
    )
    return f"(?:{body})" if body else "(?!)"


@cache
def _patterns(lang: str) -> _Patterns:
    lex = lexicon(lang)
    months = _alternation(lex.months) + r"\.?"
    weekdays = _alternation(lex.weekdays)
    ordinal = _alternation(lex.extra.ordinal_suffixes, boundary=False)
    connectors = _alternation(lex.extra.date_connectors)
    day = rf"(?P<day>[0-3]?\d)(?:{ordinal})?(?![\d:]|[.,]\d)"
    year = r"(?P<year>\d{4})(?!\d)"
    weekday = rf"(?:(?P<weekday>{weekdays}),?\s+)?"
    the_year = rf"(?:,?\s+(?:{connectors}\s+)?{year})?"
    day_month = rf"{weekday}{day}\s+(?:{connectors}\s+)?(?P<month>{months}){the_year}"
    month_day = rf"{weekday}(?P<month>{months})\s+{day}(?:,?\s+{year})?"
    month_year = rf"(?P<month>{months})\s+(?:{connectors}\s+)?{year}"
    flags = re.IGNORECASE
    return _Patterns(
        dates=tuple(
            re.compile(rf"(?<![\w]){pattern}", flags)
            for pattern in (day_month, month_day, month_year)
        ),
        # A month alone: a full name, or an abbreviation with its period ("on Oct.").
        lone_month=re.compile(
            rf"(?<![\w])(?P<month>{_alternation(lex.full_months)}|"
            rf"{_alternation(set(lex.months) - lex.full_months, boundary=False)}\.)",
            flags,
        ),
        numeric_date=re.compile(
            r"(?<![\w/.,])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[01]?\d)"
            r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?(?![\w/]|[.,]\d)"
        ),
        iso_date=re.compile(
            r"(?<![\w-])(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w-])"
        ),
        colon_time=re.compile(r"(?<![\w:.,])(?P<hour>[01]?\d|2[0-4]):(?P<minute>[0-5]\d)(?![\d:])"),
        century=re.compile(
            rf"(?<![\w])(?P<roman>{_ROMAN})\s+{_alternation(lex.extra.century_words)}", 0
        ),
        currency_prefix=re.compile(
            rf"(?:{_alternation(lex.currency_symbols, boundary=False)}|"
            rf"(?<![^\W\d_])(?:{'|'.join(sorted(lex.currency_codes))})(?![^\W\d_]))"
            rf"[{_SPACES}]?\Z"
        ),
        scale=re.compile(rf"[{_SPACES}]?{_alternation(lex.scales)}", flags),
        percent=re.compile(rf"[{_SPACES}]?(?:%|{_alternation(lex.percent_words)})", flags),
        percentage_points=re.compile(
            rf"[{_SPACES}]?{_alternation(lex.extra.percentage_points)}", flags
        ),
        currency_word=re.compile(rf"[{_SPACES}]?{_alternation(lex.currency_words)}", flags),
        currency_symbol=re.compile(
            rf"[{_SPACES}]?(?:{_alternation(lex.currency_symbols, boundary=False)}|"
            rf"(?:{'|'.join(sorted(lex.currency_codes))})(?![^\W\d_]))"
        ),
        currency_preposition=re.compile(
            rf"[{_SPACES}]?{_alternation(lex.extra.currency_prepositions)}", flags
        ),
        unit_word=re.compile(
            rf"[{_SPACES}]?{_alternation(k for k in lex.units if k.islower())}", flags
        ),
        unit_symbol=re.compile(
            rf"[{_SPACES}]?{_alternation(k for k in lex.units if not k.islower())}"
        ),
        day_period=re.compile(rf"[{_SPACES}]?{_alternation(lex.day_periods)}", flags),
        and_a_half=re.compile(rf"[{_SPACES}]{_alternation(lex.extra.and_a_half)}", flags),
        glued_suffix=re.compile(
            rf"(?P<ordinal>{ordinal})(?![^\W_])|(?P<age>{_alternation(lex.extra.age_suffixes)})",
            flags,
        ),
        age_word=re.compile(
            rf"(?<![\w])(?P<stem>[^\W\d_]+?){_alternation(lex.extra.age_suffixes)}", flags
        ),
    )


class _Reader:
    """Reads one text: each reader method claims spans, later ones skip claimed text."""

    def __init__(self, text: str, lex: Lexicon, patterns: _Patterns) -> None:
        self.text = text
        self.lex = lex
        self.patterns = patterns
        self.found: list[NumericExpression] = []

    def read(self) -> tuple[NumericExpression, ...]:
        for step in (
            self._dates,
            self._times,
            self._centuries,
            self._short_years,
            self._figures,
            self._age_words,
            self._spelled,
            self._lone_months,
        ):
            for expression in step():
                if not self._taken(expression.span):
                    self.found.append(expression)
        return tuple(sorted(self.found, key=lambda e: e.span))

    def _taken(self, span: Span) -> bool:
        start, end = span
        return any(start < e.span[1] and e.span[0] < end for e in self.found)

    # Dates and times -------------------------------------------------------------

    def _dates(self) -> Iterator[NumericExpression]:
        """Dates with month names, fullest patterns first, then numeric dates. `read`
        keeps the first of overlapping ones."""
        for pattern in self.patterns.dates:
            for match in pattern.finditer(self.text):
                expression = self._date(match)
                if expression is not None:
                    yield expression
        yield from self._numeric_dates()

    def _date(self, match: re.Match[str]) -> NumericExpression | None:
        groups = match.groupdict()
        if not self._month_name_ok(match.group("month")):
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
            month=self.lex.months[match.group("month").lower().rstrip(".")],
            day=day,
            weekday=self.lex.weekdays[weekday.lower().rstrip(".")] if weekday else None,
        )

    def _month_name_ok(self, name: str) -> bool:
        """Languages that capitalise months (English, German) write them capitalised:
        "march" and "may" are words."""
        return not self.lex.capitalised_months or name[:1].isupper()

    def _numeric_dates(self) -> Iterator[NumericExpression]:
        for match in self.patterns.iso_date.finditer(self.text):
            year, month, day = (int(match.group(g)) for g in ("year", "month", "day"))
            if 1 <= month <= 12 and 1 <= day <= _MAX_DAY:
                yield NumericExpression(
                    Kind.DATE, match.span(), match.group(), year=year, month=month, day=day
                )
        for match in self.patterns.numeric_date.finditer(self.text):
            first, second = int(match.group("a")), int(match.group("b"))
            day, month = (first, second) if self.lex.day_first else (second, first)
            dotted = match.group("sep") == "."
            # "3.8" is a number; a dotted date needs its year ("3.8.2023").
            if not (1 <= month <= 12 and 1 <= day <= _MAX_DAY) or (
                dotted and not match.group("year")
            ):
                continue
            year = match.group("year")
            yield NumericExpression(
                Kind.DATE,
                match.span(),
                match.group(),
                year=_full_year(year) if year else None,
                month=month,
                day=day,
            )

    def _lone_months(self) -> Iterator[NumericExpression]:
        for match in self.patterns.lone_month.finditer(self.text):
            if self._month_name_ok(match.group("month")):
                month = self.lex.months[match.group("month").lower().rstrip(".")]
                yield NumericExpression(Kind.DATE, match.span(), match.group(), month=month)

    def _times(self) -> Iterator[NumericExpression]:
        for match in self.patterns.colon_time.finditer(self.text):
            hour, minute = int(match.group("hour")), int(match.group("minute"))
            yield self._time(match.start(), match.end(), hour, minute, certain=hour > 12)

    def _time(
        self, start: int, end: int, hour: int, minute: int, certain: bool
    ) -> NumericExpression:
        """A clock time at text[start:end], extended by an am/pm marker after it."""
        period = self.patterns.day_period.match(self.text, end)
        if period is not None and hour <= 12:
            added = self.lex.day_periods[_normal(period.group())]
            hour = hour % 12 + added
            end, certain = period.end(), True
        return NumericExpression(
            Kind.TIME,
            (start, end),
            self.text[start:end],
            number_span=(start, end),
            hour=hour,
            minute=minute,
            hour_certain=certain or hour == 0,
        )

    # Ordinals and years that are not plain figures --------------------------------

    def _centuries(self) -> Iterator[NumericExpression]:
        """Roman centuries: "XIX secolo" is the 19th century."""
        for match in self.patterns.century.finditer(self.text):
            roman = match.group("roman")
            if roman:
                yield NumericExpression(
                    Kind.ORDINAL,
                    match.span("roman"),
                    roman,
                    value=float(_roman_value(roman)),
                    number_span=match.span("roman"),
                )

    def _short_years(self) -> Iterator[NumericExpression]:
        """ "anni '80", "the ’80s": a year without its century."""
        for match in _SHORT_YEAR.finditer(self.text):
            end = match.end()
            if self.text[end : end + 1] == "s":
                end += 1
            yield NumericExpression(
                Kind.NUMBER,
                (match.start(), end),
                self.text[match.start() : end],
                value=float(_full_year(match.group(1))),
                number_span=match.span(1),
                short_year=True,
            )

    # Figures written in digits ----------------------------------------------------

    def _figures(self) -> Iterator[NumericExpression]:
        for run in _NUMERAL_RUN.finditer(self.text):
            for start, end, value, well_formed in _read_numerals(
                run.group(), run.start(), self.lex
            ):
                expression = self._figure(start, end, value, well_formed)
                if expression is not None:
                    yield expression

    def _figure(
        self, start: int, end: int, value: float | None, well_formed: bool
    ) -> NumericExpression | None:
        text = self.text
        figure = text[start:end]
        if value is None:
            return None
        glued = re.match(r"[^\W\d_]+", text[end:])
        if glued:
            suffix = self.patterns.glued_suffix.match(text, end)
            if suffix is not None and suffix.group("ordinal") and suffix.end() - end > 0:
                return NumericExpression(
                    Kind.ORDINAL, (start, suffix.end()), text[start : suffix.end()],
                    value=value, number_span=(start, end), well_formed=well_formed,
                )  # fmt: skip
            if suffix is not None and suffix.group("age"):
                return NumericExpression(
                    Kind.NUMBER, (start, suffix.end()), text[start : suffix.end()],
                    value=value, number_span=(start, end),
                )  # fmt: skip
            if glued.group() == "s" and figure.isdigit():  # "1980s", "in his 40s"
                return NumericExpression(
                    Kind.NUMBER, (start, end + 1), text[start : end + 1],
                    value=value, number_span=(start, end),
                )  # fmt: skip
        ordinal = self.patterns.glued_suffix.match(text, end)
        if (
            ordinal is not None
            and ordinal.group("ordinal")
            and not ordinal.group("ordinal").isalpha()
        ):
            # "3°", "3ª": signs, not letters.
            return NumericExpression(
                Kind.ORDINAL, (start, ordinal.end()), text[start : ordinal.end()],
                value=value, number_span=(start, end), well_formed=well_formed,
            )  # fmt: skip
        dot_time = self._dot_time(start, end, figure)
        if dot_time is not None:
            return dot_time
        expression = NumericExpression(
            Kind.NUMBER,
            (start, end),
            figure,
            value=value,
            number_span=(start, end),
            well_formed=well_formed,
        )
        expression = self._with_sign(expression)
        expression = self._with_prefix_currency(expression)
        extended = self._with_suffixes(expression, glued=bool(glued))
        if extended is None:
            return None
        return extended

    def _dot_time(self, start: int, end: int, figure: str) -> NumericExpression | None:
        """ "15.00", "alle 9.30": where the dot groups thousands, a figure with two
        digits after one dot cannot be a number, and Italian and German write clock
        times that way."""
        match = re.fullmatch(r"([01]?\d|2[0-4])\.([0-5]\d)", figure)
        if match is None or self.lex.group != "." or self._has_markers(start, end):
            return None
        hour, minute = int(match.group(1)), int(match.group(2))
        return self._time(start, end, hour, minute, certain=hour > 12 or hour == 0)

    def _has_markers(self, start: int, end: int) -> bool:
        before = self.text[max(0, start - 8) : start]
        p = self.patterns
        return bool(p.currency_prefix.search(before)) or any(
            pattern.match(self.text, end)
            for pattern in (p.scale, p.percent, p.currency_word, p.currency_symbol, p.unit_word)
        )

    def _with_sign(self, expression: NumericExpression) -> NumericExpression:
        """ "-5", "−3,5%": a minus right before the figure, not between two figures
        ("5-3", "1950-53") or inside a word ("COVID-19")."""
        start = expression.span[0]
        if start == 0 or self.text[start - 1] not in _NEGATIVE:
            return expression
        before = self.text[: start - 1]
        if before and not before[-1].isspace() and before[-1] not in "(":
            return expression
        return replace(
            expression,
            span=(start - 1, expression.span[1]),
            text=self.text[start - 1 : expression.span[1]],
            value=-(expression.value or 0.0),
        )

    def _with_prefix_currency(self, expression: NumericExpression) -> NumericExpression:
        start, end = expression.span
        window_start = max(0, start - 8)
        match = self.patterns.currency_prefix.search(self.text[window_start:start])
        if match is None:
            return expression
        symbol_start = window_start + match.start()
        symbol = match.group().rstrip(_SPACES)
        return replace(
            expression,
            kind=Kind.AMOUNT,
            span=(symbol_start, end),
            text=self.text[symbol_start:end],
            currencies=self._currency_codes(symbol),
            currency_span=(symbol_start, symbol_start + len(symbol)),
        )

    def _currency_codes(self, marker: str) -> frozenset[str]:
        lex = self.lex
        if marker in lex.currency_symbols:
            return lex.currency_symbols[marker]
        if marker in lex.currency_codes:
            return frozenset({marker})
        return lex.currency_words.get(_normal(marker), frozenset())

    def _with_suffixes(
        self, expression: NumericExpression, glued: bool = False
    ) -> NumericExpression | None:
        """The figure with what follows it: "e mezzo", a scale word, then a percent
        sign, a currency or a unit — or am/pm for a clock hour."""
        text, p = self.text, self.patterns
        end = expression.span[1]
        value = expression.value or 0.0
        half = p.and_a_half.match(text, end)
        if half is not None:
            value, end = value + 0.5, half.end()
        scale = p.scale.match(text, end)
        scale_factor, scale_span = 1, None
        if scale is not None and self._scale_allowed(scale, end, expression):
            scale_factor = self.lex.scales[_normal(scale.group())]
            scale_span = (scale.end() - len(scale.group().lstrip(_SPACES)), scale.end())
            value, end = value * scale_factor, scale.end()
        elif glued and not self._glued_unit_or_time(end):
            return None  # "3D", "G7"-like tokens, "5G": not figures
        expression = replace(expression, value=value, scale=scale_factor, scale_span=scale_span)
        after_scale = end
        if scale_span is not None:
            preposition = p.currency_preposition.match(text, end)
            if preposition is not None:
                end = preposition.end()
        for finish in (self._percent, self._suffix_currency, self._unit, self._clock_hour):
            finished = finish(expression, end)
            if finished is not None:
                return finished
        return self._spanning(expression, after_scale)

    def _scale_allowed(self, scale: re.Match[str], end: int, expression: NumericExpression) -> bool:
        """One-letter abbreviations ("5m", "£5k") are scales only glued to an amount:
        "5 m" is five metres, "5m" alone may be too."""
        word = scale.group().lstrip(_SPACES)
        if len(word) > 1:
            return True
        return scale.start() == end and expression.kind is Kind.AMOUNT

    def _glued_unit_or_time(self, end: int) -> bool:
        p = self.patterns
        return any(
            match is not None and match.start() == end
            for match in (p.unit_symbol.match(self.text, end), p.day_period.match(self.text, end),
                          p.percent.match(self.text, end), p.currency_symbol.match(self.text, end))
        )  # fmt: skip

    def _spanning(self, expression: NumericExpression, end: int) -> NumericExpression:
        start = expression.span[0]
        return replace(expression, span=(start, end), text=self.text[start:end])

    def _percent(self, expression: NumericExpression, end: int) -> NumericExpression | None:
        if expression.kind is not Kind.NUMBER:
            return None
        match = self.patterns.percent.match(self.text, end)
        if match is None:
            match = self.patterns.percentage_points.match(self.text, end)
        if match is None:
            return None
        return replace(self._spanning(expression, match.end()), kind=Kind.PERCENT)

    def _suffix_currency(self, expression: NumericExpression, end: int) -> NumericExpression | None:
        """ "450.000 rubli", "5 USD", "5 €", and "$5300 dollars" as one amount."""
        text, p = self.text, self.patterns
        match = p.currency_word.match(text, end) or p.currency_symbol.match(text, end)
        if match is None:
            return None
        marker = match.group().lstrip(_SPACES)
        codes = self._currency_codes(marker)
        if expression.kind is Kind.AMOUNT:
            if not codes & expression.currencies:
                return None  # "$5 rubles" would be two currencies: leave the word
            codes = codes & expression.currencies
        elif expression.kind is not Kind.NUMBER:
            return None
        marker_start = match.end() - len(marker)
        currency_span = (
            (expression.currency_span[0], match.end())
            if expression.currency_span
            else (marker_start, match.end())
        )
        return replace(
            self._spanning(expression, match.end()),
            kind=Kind.AMOUNT,
            currencies=codes,
            currency_span=currency_span,
            # "200 pounds" may be money or weight: the comparison takes either.
            unit=self.lex.units.get(_normal(marker)) if expression.kind is Kind.NUMBER else None,
            unit_span=(marker_start, match.end()),
        )

    def _unit(self, expression: NumericExpression, end: int) -> NumericExpression | None:
        if expression.kind is not Kind.NUMBER:
            return None
        match = self.patterns.unit_word.match(self.text, end) or self.patterns.unit_symbol.match(
            self.text, end
        )
        if match is None:
            return None
        word = match.group().lstrip(_SPACES)
        unit = self.lex.units.get(word) or self.lex.units.get(_normal(word))
        if unit is None:
            return None
        return replace(
            self._spanning(expression, match.end()),
            kind=Kind.QUANTITY,
            unit=unit,
            unit_span=(match.end() - len(word), match.end()),
        )

    def _clock_hour(self, expression: NumericExpression, end: int) -> NumericExpression | None:
        """ "3 p.m.", "6am", "alle 6 del mattino"."""
        value = expression.value
        if expression.kind is not Kind.NUMBER or value is None or expression.scale != 1:
            return None
        if not (value.is_integer() and 0 <= value <= 12):
            return None
        match = self.patterns.day_period.match(self.text, end)
        if match is None:
            return None
        start = expression.span[0]
        return self._time(start, end, int(value), 0, certain=True)

    # Figures written in words -----------------------------------------------------

    def _age_words(self) -> Iterator[NumericExpression]:
        """ "trentunenne" (a 31-year-old): a number word with an age suffix."""
        for match in self.patterns.age_word.finditer(self.text):
            value = _spelled_stem_value(match.group("stem"), self.lex.lang)
            if value is not None:
                yield NumericExpression(
                    Kind.NUMBER, match.span(), match.group(), value=float(value),
                    number_span=match.span(), spelled=True, age=True,
                )  # fmt: skip

    def _spelled(self) -> Iterator[NumericExpression]:
        tokens = [
            _TextToken(match, self._taken(match.span()))
            for match in re.finditer(r"[^\W\d_]+|\d+|[^\w\s]", self.text)
        ]
        if not any(token.word for token in tokens):
            return
        for occurrence in find_numbers(tokens, self.lex.lang, 0.0):
            first, last = tokens[occurrence.start], tokens[occurrence.end - 1]
            start, end = first.match.start(), last.match.end()
            if occurrence.end - occurrence.start == 1 and (
                _vague(first.text(), occurrence.value) or first.is_one
            ):
                continue
            expression = self._spelled_expression(start, end, occurrence)
            if expression is not None:
                yield expression
        yield from self._spelled_halves(tokens)

    def _spelled_expression(self, start: int, end: int, occurrence) -> NumericExpression | None:
        if occurrence.is_ordinal:
            return NumericExpression(
                Kind.ORDINAL, (start, end), self.text[start:end], value=float(occurrence.value),
                number_span=(start, end), spelled=True,
            )  # fmt: skip
        expression = NumericExpression(
            Kind.NUMBER, (start, end), self.text[start:end], value=float(occurrence.value),
            number_span=(start, end), spelled=True,
        )  # fmt: skip
        return self._with_suffixes(expression)

    def _spelled_halves(self, tokens: list[_TextToken]) -> Iterator[NumericExpression]:
        """ "one and a half", "una volta e mezzo": the one-words are not number parts
        for text2num (they are articles), so the half is read here."""
        for token in tokens:
            if token.is_one and not token.taken:
                half = self.patterns.and_a_half.match(self.text, token.match.end())
                if half is not None:
                    span = (token.match.start(), half.end())
                    yield NumericExpression(
                        Kind.NUMBER, span, self.text[slice(*span)], value=1.5,
                        number_span=span, spelled=True,
                    )  # fmt: skip


class _TextToken(Token):
    """A word, digit run or punctuation mark, as text2num's `find_numbers` takes them."""

    def __init__(self, match: re.Match[str], taken: bool) -> None:
        self.match = match
        self.taken = taken
        self.word = match.group()[0].isalpha()

    def text(self) -> str:
        return self.match.group()

    def not_a_number_part(self) -> bool:
        # Already read as part of a date or figure; digits; or "un", "una", "one",
        # which are articles far more often than numbers.
        return self.taken or not self.word or self.is_one

    @property
    def is_one(self) -> bool:
        return self.word and _one_word(self.match.group().lower())


def _vague(word: str, value: float) -> bool:
    """ "tens", "hundreds", "thousands": a plural scale word alone is no figure
    ("tens of thousands dislocated"), though text2num reads it as 10, 1000."""
    return word.lower().endswith("s") and value >= 10 and str(int(value)).strip("0") == "1"


@cache
def _one_word(word: str) -> bool:
    try:
        return any(text2num(word, lang) == 1 for lang in ("it", "en", "de", "fr", "es"))
    except ValueError:
        return False


def _spelled_stem_value(stem: str, lang: str) -> int | None:
    """The number a stem stands for once its elided vowel is back: "quarant" → 40."""
    for vowel in ("", "a", "e", "i", "o"):
        try:
            return text2num(stem.lower() + vowel, lang)
        except ValueError:
            continue
    return None


def _read_numerals(
    run: str, offset: int, lex: Lexicon
) -> Iterator[tuple[int, int, float | None, bool]]:
    """The figures of a digit run: (start, end, value, well formed).

    A run is one figure when its separators make sense in the language ("450.000" in
    Italian, "450,000" in English, "1 000 000", "1'000"), or in the other convention
    ("450,000" in Italian is read as 450 thousand then, but flagged). Otherwise it is
    several figures separated by spaces ("nel 2014 300 persone")."""
    value = _locale_value(run, lex.decimal, lex.group)
    if value is not None:
        yield offset, offset + len(run), value, True
        return
    foreign_decimal = "." if lex.decimal == "," else ","
    value = _locale_value(run, foreign_decimal, lex.decimal)
    if value is not None and _SPACE_GROUP.search(run) is None:
        yield offset, offset + len(run), value, False
        return
    pieces = list(re.finditer(r"[^" + _SPACES + r"]+", run))
    if len(pieces) == 1:
        yield offset, offset + len(run), None, False
        return
    for piece in pieces:
        yield from _read_numerals(piece.group(), offset + piece.start(), lex)


_SPACE_GROUP = re.compile(f"[{_SPACES}]")


def _locale_value(figure: str, decimal: str, group: str) -> float | None:
    """The value of `figure` if it is written with these separators; spaces and
    apostrophes group thousands in every language (French, Swiss)."""
    groups = re.escape(group) + _SPACES + _APOSTROPHES
    integer = rf"(?:\d{{1,3}}(?:[{groups}]\d{{3}})+|\d+)"
    match = re.fullmatch(
        rf"(?P<integer>{integer})(?:{re.escape(decimal)}(?P<fraction>\d+))?", figure
    )
    if match is None:
        return None
    digits = re.sub(r"\D", "", match.group("integer"))
    fraction = match.group("fraction")
    return float(f"{digits}.{fraction}" if fraction else digits)


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


def _normal(word: str) -> str:
    """A matched word as the lexicon keys it: lower case, single spaces."""
    return re.sub(r"[\s\u00a0]+", " ", word.strip(_SPACES)).lower()
