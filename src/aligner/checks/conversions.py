"""Quantities in other units: whether "30 yards" and "25 metri" say the same, within
the rounding translators do. pint converts; which units CLDR names differently, how
much rounding to allow, and bare degrees are decided here.

    >>> round(convert(30, "length-yard", "length-meter"), 2)
    27.43
    >>> round(converted_value(95, "temperature-generic", 35, "temperature-celsius"), 1)
    35.0
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from aligner.checks.lexicon import GENERIC_DEGREES

if TYPE_CHECKING:
    import pint

#: A converted quantity agrees when it is within this fraction of the exact
#: conversion: translators round a round figure roughly ("30 yards" → "25 metri" is
#: 9% off 27.4 m) …
UNIT_TOLERANCE = 0.15
#: … and a precise one closely ("6-foot-2", 74 inches, is 1.88 m, not 1.68 m) …
PRECISE_UNIT_TOLERANCE = 0.05
#: … or when it is the exact conversion rounded to the figure's last digit: "half an
#: inch" is 1.27 cm, written "1 cm".
_LAST_DIGIT_ROUNDING = 0.5
#: Temperatures are rounded to whole degrees, and near zero a fraction means nothing.
TEMPERATURE_TOLERANCE = 2.0
#: The scales bare degrees may be in: the country's own, Celsius or Fahrenheit.
_DEGREE_SCALES = ("temperature-celsius", "temperature-fahrenheit")


def converted_value(value: float, unit: str, other_value: float, other_unit: str) -> float | None:
    """The exact conversion of `value` `unit` to `other_unit` when `other_value` is
    that quantity, rounded as translators do; else None. Temperatures may be
    differences ("10 degrees above average" is 5.6 °C above it: no offset), and bare
    degrees are either scale."""
    tolerance = UNIT_TOLERANCE if _round(value) else PRECISE_UNIT_TOLERANCE
    for from_unit, to_unit in _readings(unit, other_unit):
        exact = convert(value, from_unit, to_unit)
        if exact is None:
            continue
        if not from_unit.startswith("temperature-"):
            if _close(exact, other_value, tolerance):
                return exact
            continue
        if abs(exact - other_value) <= TEMPERATURE_TOLERANCE:
            return exact
        # A difference is converted closely: there is no round figure to round to.
        difference = _difference(value, from_unit, to_unit)
        if difference is not None and _close(difference, other_value, PRECISE_UNIT_TOLERANCE):
            return difference
    return None


def _readings(unit: str, other_unit: str) -> list[tuple[str, str]]:
    """The units the two figures may be in; bare degrees on both sides in the same
    scale would be the same figure, so they are read in different ones."""
    units = _DEGREE_SCALES if unit == GENERIC_DEGREES else (unit,)
    others = _DEGREE_SCALES if other_unit == GENERIC_DEGREES else (other_unit,)
    both_bare = unit == other_unit == GENERIC_DEGREES
    return [(a, b) for a in units for b in others if not (both_bare and a == b)]


def _difference(value: float, unit: str, to_unit: str) -> float | None:
    zero, one = convert(0.0, unit, to_unit), convert(1.0, unit, to_unit)
    return None if zero is None or one is None else value * (one - zero)


def _close(expected: float, actual: float, tolerance: float) -> bool:
    last_digit = 10.0 ** -_decimals(actual)
    return abs(expected - actual) <= max(
        tolerance * max(abs(expected), abs(actual)), _LAST_DIGIT_ROUNDING * last_digit
    )


def _round(value: float) -> bool:
    """A figure of one significant digit, or two ending in 5 or 0: "30", "25", "6"."""
    digits = _digits(value).replace(".", "").strip("0")
    return len(digits) <= 1 or (len(digits) == 2 and digits[1] == "5")


def _decimals(value: float) -> int:
    digits = _digits(value)
    return len(digits.split(".")[1]) if "." in digits else 0


def _digits(value: float) -> str:
    return format(abs(value), "f").rstrip("0").rstrip(".")


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """`value` in CLDR unit `unit` expressed in `to_unit`; None when they measure
    different things (or either is bare degrees, which has no one scale)."""
    if GENERIC_DEGREES in (unit, to_unit):
        return value if unit == to_unit else None
    registry = _unit_registry()
    import pint

    try:
        quantity = registry.Quantity(value, _pint_name(unit))
        return float(quantity.to(_pint_name(to_unit)).magnitude)
    except pint.errors.PintError:  # different dimensions, or a unit pint lacks
        return None


def load_unit_registry() -> None:
    """Load pint's units now rather than at the first conversion: a process that forks
    workers loads them once for all."""
    _unit_registry()


@cache
def _unit_registry() -> pint.UnitRegistry:
    # pint takes half a second to load its definitions: only for converted units.
    import pint

    registry: pint.UnitRegistry = pint.UnitRegistry()
    # CLDR units pint lacks; a unit of `to` must be a name, not "10 * kilometer".
    registry.define("scandinavian_mile = 10 * kilometer")
    registry.define("dunam = 1000 * meter ** 2")
    return registry


#: CLDR unit names that pint spells otherwise. Written by hand (a naming table).
_PINT_NAMES = {
    "celsius": "degree_Celsius",
    "fahrenheit": "degree_Fahrenheit",
    "tonne": "metric_ton",
    "ton": "short_ton",
    "gallon-imperial": "imperial_gallon",
    "fluid-ounce-imperial": "imperial_fluid_ounce",
    "ounce-troy": "troy_ounce",
    "mile-scandinavian": "scandinavian_mile",
}


def _pint_name(unit: str) -> str:
    """ "area-square-kilometer" → "kilometer ** 2", "speed-mile-per-hour" → "mile / hour"."""
    name = unit.split("-", 1)[1]
    if name in _PINT_NAMES:
        return _PINT_NAMES[name]
    parts = []
    for part in name.split("-per-"):
        power = ""
        for prefix, exponent in (("square-", " ** 2"), ("cubic-", " ** 3")):
            if part.startswith(prefix):
                part, power = part.removeprefix(prefix), exponent
        parts.append(_PINT_NAMES.get(part, part.replace("-", "_")) + power)
    return " / ".join(parts)
