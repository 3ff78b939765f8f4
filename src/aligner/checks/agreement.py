"""How a figure of the source and one of the translation agree: the same value and
kind whatever the formatting, a quantity converted to another unit (`conversions`),
a number written out, or loosely ("20" / "20%", "2009" / "settembre 2009", "2.53" read
as a number on one side and a clock time on the other).
"""

from __future__ import annotations

import math
from enum import IntEnum

from aligner.checks.conversions import converted_value
from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.lexicon import GENERIC_DEGREES


class Agreement(IntEnum):
    """How a source figure and a target figure agree, best first."""

    #: Same value, kind and currency or unit, whatever the formatting.
    EXACT = 0
    #: The same quantity in another unit, within the rounding tolerance.
    CONVERTED = 1
    #: Digits on one side, words on the other.
    WRITTEN_OUT = 2
    #: Same value, one side more specific: "20" / "20%", "2009" / "settembre 2009".
    LOOSE = 3


def agreement(a: NumericExpression, b: NumericExpression) -> Agreement | None:
    """How `a` and `b` agree, or None when they say different things."""
    found = _agreement(a, b)
    if found is Agreement.EXACT and a.spelled != b.spelled:
        return Agreement.WRITTEN_OUT
    return found


def _agreement(a: NumericExpression, b: NumericExpression) -> Agreement | None:
    if Kind.DATE in (a.kind, b.kind):
        return _date_agreement(a, b)
    if Kind.TIME in (a.kind, b.kind):
        return _time_agreement(a, b)
    if a.value is None or b.value is None:
        return None
    if _glued_million(a, b) or _glued_million(b, a):
        return Agreement.LOOSE
    quantities = _as_quantities(a, b)
    if quantities is not None:
        return _quantity_agreement(*quantities)
    if not same_value(a.value, b.value):
        if (a.short_year or b.short_year) and a.value % 100 == b.value % 100:
            return Agreement.LOOSE  # "anni '30" / "the 1930s"
        return None
    if a.kind == b.kind:
        if a.kind is Kind.AMOUNT and not a.currencies & b.currencies:
            return None
        return Agreement.EXACT
    plain = (Kind.NUMBER, Kind.ORDINAL)
    if a.kind in plain or b.kind in plain:
        return Agreement.EXACT if {a.kind, b.kind} == set(plain) else Agreement.LOOSE
    return None


def _glued_million(metres: NumericExpression, other: NumericExpression) -> bool:
    """ "3.5m people" is 3.5 million in the press, "the 100m" a hundred metres: a
    figure with a glued "m" agrees with either."""
    if metres.unit != "length-meter" or metres.unit_span is None or metres.number_span is None:
        return False
    start, end = metres.unit_span
    glued = start == metres.number_span[1] and end - start == 1
    assert metres.value is not None and other.value is not None
    return glued and other.unit is None and same_value(metres.value * 10**6, other.value)


def _date_agreement(a: NumericExpression, b: NumericExpression) -> Agreement | None:
    if a.kind is Kind.DATE and b.kind is Kind.DATE:
        shared = [
            (getattr(a, part), getattr(b, part))
            for part in ("year", "month", "day", "weekday")
            if getattr(a, part) is not None and getattr(b, part) is not None
        ]
        if not shared or any(x != y for x, y in shared):
            return None
        # "19 giugno 1953" / "June 19": the same date, but the year is left out.
        return Agreement.EXACT if not missing_date_parts(a, b) else Agreement.LOOSE
    date, other = (a, b) if a.kind is Kind.DATE else (b, a)
    # "nel settembre del 2009" / "in 2009"; "il 3 agosto" / "on the 3rd".
    plain = other.kind in (Kind.NUMBER, Kind.ORDINAL)
    return Agreement.LOOSE if plain and other.value in (date.year, date.day) else None


def missing_date_parts(a: NumericExpression, b: NumericExpression) -> list[str]:
    """The parts (day, year) one date gives and the other does not. A weekday may
    be left out."""
    return [
        part for part in ("day", "year") if (getattr(a, part) is None) != (getattr(b, part) is None)
    ]


def _time_agreement(a: NumericExpression, b: NumericExpression) -> Agreement | None:
    if a.kind is Kind.TIME and b.kind is Kind.TIME:
        if a.minute != b.minute or a.hour is None or b.hour is None:
            return None
        if a.hour % 24 == b.hour % 24:
            return Agreement.EXACT
        # "alle 3" may be 15:00; "3:00" without am/pm may be either.
        if not (a.hour_certain and b.hour_certain) and a.hour % 12 == b.hour % 12:
            return Agreement.LOOSE
        return None
    time, other = (a, b) if a.kind is Kind.TIME else (b, a)
    if other.kind is not Kind.NUMBER or time.hour is None:
        return None
    # "alle 6" / "at 6 a.m."
    hours = () if time.minute != 0 else (time.hour, time.hour % 12)
    if other.value in hours or _same_clock_digits(time, other):
        return Agreement.LOOSE
    return None


def _same_clock_digits(time: NumericExpression, number: NumericExpression) -> bool:
    """ "2.53" read as a number on one side and a time on the other is the same
    figure: a "2.53 ERA" in Italian, "at 7.30" in British English."""
    assert time.hour is not None
    figure = figure_text(number)
    hours, _, minutes = figure.partition(".")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        return False
    return int(hours) in (time.hour, time.hour % 12) and int(minutes) == time.minute


def figure_text(expression: NumericExpression) -> str:
    """The digits of a figure as written: "450.000" in "450.000 rubli"."""
    if expression.number_span is None:
        return expression.text
    start, end = expression.number_span
    offset = expression.span[0]
    return expression.text[start - offset : end - offset]


def _as_quantities(
    a: NumericExpression, b: NumericExpression
) -> tuple[NumericExpression, NumericExpression] | None:
    """Both as quantities with units when they can be: "200 pounds" is weight next to
    "90 chilogrammi" and money next to "200 sterline"."""
    if a.unit is None or b.unit is None:
        return None
    if a.kind is Kind.AMOUNT and b.kind is Kind.AMOUNT:
        return None
    return a, b


def _quantity_agreement(a: NumericExpression, b: NumericExpression) -> Agreement | None:
    assert a.unit is not None and b.unit is not None and a.value is not None
    if a.unit == b.unit and b.value is not None and same_value(a.value, b.value):
        return Agreement.EXACT
    # Bare degrees on both sides may still be Fahrenheit on one and Celsius on the other.
    if a.unit == b.unit != GENERIC_DEGREES:
        return None
    if b.value is None:
        return None
    # Whichever text was the original, its figure was converted and rounded.
    if converted_value(a.value, a.unit, b.value, b.unit) is None and (
        converted_value(b.value, b.unit, a.value, a.unit) is None
    ):
        return None
    return Agreement.CONVERTED


def same_value(x: float, y: float) -> bool:
    # A figure of more than 309 digits reads as infinite: equal only to another one.
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))
