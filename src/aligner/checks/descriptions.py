"""How a finding's message names a figure: in a neutral notation, whatever the
language it was written in ("RUB 450,000", "3.5%", "3 August 2023", "15:00 or
03:00"), and as a language writes it ("450.000" in Italian).
"""

from __future__ import annotations

import decimal
from collections.abc import Callable

from babel import Locale
from babel.numbers import format_decimal

from aligner.checks.expressions import Kind, NumericExpression
from aligner.checks.lexicon import GENERIC_DEGREES

#: The most traded currencies (BIS triennial survey), to name the likely one of a word
#: that names many ("dollari": USD rather than NAD). Written by hand: CLDR has no
#: ranking of currencies.
_MAJOR_CURRENCIES = (
    "USD", "EUR", "JPY", "GBP", "CNY", "AUD", "CAD", "CHF", "HKD", "SGD", "SEK", "KRW",
    "NOK", "NZD", "INR", "MXN", "TWD", "ZAR", "BRL", "DKK", "PLN", "THB", "ILS", "IDR",
    "CZK", "AED", "TRY", "HUF", "CLP", "SAR", "PHP", "MYR", "COP", "RUB", "RON", "PEN",
)  # fmt: skip


def quoted(expression: NumericExpression) -> str:
    """The figure as the text writes it, in quotation marks."""
    return f"“{expression.text}”"


def describe(expression: NumericExpression) -> str:
    """The figure in a neutral notation: "RUB 450,000", "3.5%", "3 August 2023"."""
    return _DESCRIBERS[expression.kind](expression)


def plain_number(value: float | None) -> str:
    """`value` in English digits: "450,000", "3.5"."""
    return formatted(value or 0.0, "en", "#,##0.###")


#: Enough significant digits for any float: up to 309 before the point, 3 after.
_FLOAT_DIGITS = 320


def formatted(value: float, locale: str, pattern: str | None = None) -> str:
    """`value` written the way `locale` writes numbers. babel rounds in the current
    decimal context, whose 28 digits a 40-digit figure would overflow."""
    with decimal.localcontext() as context:
        context.prec = _FLOAT_DIGITS
        return format_decimal(value, format=pattern, locale=locale)


def _currency_code(codes: frozenset[str]) -> str:
    for code in _MAJOR_CURRENCIES:
        if code in codes:
            return code
    return min(codes) if codes else "?"


def unit_symbol(unit: str) -> str:
    """The English short name of a CLDR unit: "m", "mi", "°"."""
    from babel.units import get_unit_name

    if unit == GENERIC_DEGREES:
        return "°"  # CLDR's short name is "deg. temp."

    return get_unit_name(unit, length="short", locale="en") or unit


def _describe_date(e: NumericExpression) -> str:
    english = Locale.parse("en")
    parts = []
    if e.weekday is not None:
        parts.append(english.days["format"]["wide"][e.weekday] + ",")
    if e.month is not None:
        parts.append(english.months["format"]["wide"][e.month])
    if e.day is not None:
        parts.append(str(e.day) + ("," if e.year is not None else ""))
    if e.year is not None:
        parts.append(str(e.year))
    return " ".join(parts)


def _describe_time(e: NumericExpression) -> str:
    text = f"{e.hour or 0:02d}:{e.minute or 0:02d}"
    return (
        text if e.hour_certain else f"{text} or {(e.hour or 0) % 12 + 12:02d}:{e.minute or 0:02d}"
    )


_DESCRIBERS: dict[Kind, Callable[[NumericExpression], str]] = {
    Kind.NUMBER: lambda e: plain_number(e.value),
    Kind.PERCENT: lambda e: f"{plain_number(e.value)}%",
    Kind.AMOUNT: lambda e: f"{_currency_code(e.currencies)} {plain_number(e.value)}",
    Kind.QUANTITY: lambda e: f"{plain_number(e.value)} {unit_symbol(e.unit or '')}",
    Kind.ORDINAL: lambda e: f"{plain_number(e.value)}.",
    Kind.DATE: _describe_date,
    Kind.TIME: _describe_time,
}
