"""Heights: in feet and inches ("6-foot-2", "5 ft 11 in", "6ft 2in", "5'11\"", "six
feet two") one length of 74 inches, and "1 metro e 80" 1.80 m, each compared as one
figure with the other text's height. The unit words are the lexicon's; "in" and the
inch marks, too ambiguous to read alone ("5 in the race"), are read only here, after
feet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.lexicon import lexicon
from aligner.checks.scanning import SPACES, Passage, alternation

FOOT, INCH, METRE = "length-foot", "length-inch", "length-meter"
_INCHES_PER_FOOT = 12
_CM_PER_METRE = 100
#: Inch marks after the inches of a height: the word "in" and the double primes.
_INCH_MARKS = ("in", '"', "″", "”", "''")
#: Feet marks: primes and the apostrophes written for them.
_FEET_MARKS = ("'", "′", "’")


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon(lang)
    joins = alternation(lex.extra.range_connectors)
    between = re.compile(rf"[{SPACES}-]*|[{SPACES}]+{joins}[{SPACES}]+|,[{SPACES}]*", re.I)
    inch_words = [word for word, unit in lex.units.items() if unit == INCH]
    marks = alternation([*inch_words, *_INCH_MARKS])
    inch_mark = re.compile(rf"[{SPACES}-]?{marks}", re.IGNORECASE)
    return between, inch_mark


@cache
def _written(lang: str) -> re.Pattern[str]:
    """A height in digits: one digit of feet, then its inches."""
    lex = lexicon(lang)
    feet = alternation([word for word, unit in lex.units.items() if unit == FOOT])
    inches = alternation(
        [*(word for word, unit in lex.units.items() if unit == INCH), *_INCH_MARKS]
    )
    return re.compile(
        rf"(?<![\w.,'’])(?P<feet>[1-9])(?:[{SPACES}-]?{feet}\.?[{SPACES}-]*|{alternation(_FEET_MARKS)})"
        rf"(?P<inches>1[01]|\d)(?![\d.,]\d)(?:[{SPACES}-]?{inches})?(?![^\W_])",
        re.IGNORECASE,
    )


def heights(passage: Passage) -> Iterator[NumericExpression]:
    """Heights written in digits: "6-foot-2", "6ft 2in", "5'11\"" (a reader)."""
    for match in _written(passage.lex.lang).finditer(passage.text):
        value = int(match.group("feet")) * _INCHES_PER_FOOT + int(match.group("inches"))
        yield NumericExpression(
            Kind.QUANTITY, match.span(), match.group(), value=float(value),
            number_span=match.span(), unit=INCH,
        )  # fmt: skip


def joined(passage: Passage) -> None:
    """Join every feet figure of `passage.found` with the inches after it: what the
    reader of digits left, "six feet two inches"; and a height in metres with its
    centimetres, "1 metro e 80"."""
    between, inch_mark = _patterns(passage.lex.lang)
    found = sorted(passage.found, key=lambda e: e.span)
    heights: list[NumericExpression] = []
    index = 0
    while index < len(found):
        feet = found[index]
        inches = found[index + 1] if index + 1 < len(found) else None
        if inches is not None and between.fullmatch(passage.text[feet.span[1] : inches.span[0]]):
            if _feet(feet) and _inches(inches):
                heights.append(_height(passage, feet, inches, inch_mark))
                index += 2
                continue
            if _metres(feet) and _centimetres(inches):
                heights.append(_metres_and_centimetres(passage, feet, inches))
                index += 2
                continue
        heights.append(feet)
        index += 1
    passage.found[:] = heights


def _metres(expression: NumericExpression) -> bool:
    return expression.unit == METRE and expression.value in (1.0, 2.0)


def _centimetres(expression: NumericExpression) -> bool:
    value = expression.value
    bare = expression.kind is Kind.NUMBER and not expression.spelled
    return bare and value is not None and value.is_integer() and 0 <= value < _CM_PER_METRE


def _metres_and_centimetres(
    passage: Passage, metres: NumericExpression, centimetres: NumericExpression
) -> NumericExpression:
    """ "1 metro e 80": 1.80 m."""
    assert metres.value is not None and centimetres.value is not None
    start, end = metres.span[0], centimetres.span[1]
    return replace(
        metres,
        span=(start, end),
        text=passage.text[start:end],
        value=metres.value + centimetres.value / _CM_PER_METRE,
        unit_span=None,
    )


def _feet(expression: NumericExpression) -> bool:
    return expression.unit == FOOT and (expression.value or 0.0).is_integer()


def _inches(expression: NumericExpression) -> bool:
    value = expression.value
    counted = expression.kind is Kind.NUMBER or expression.unit == INCH
    return counted and value is not None and 0 <= value < _INCHES_PER_FOOT


def _height(
    passage: Passage, feet: NumericExpression, inches: NumericExpression, inch_mark: re.Pattern[str]
) -> NumericExpression:
    assert feet.value is not None and inches.value is not None
    end = inches.span[1]
    if inches.unit is None:
        mark = inch_mark.match(passage.text, end)
        if mark is not None and not passage.text[mark.end() : mark.end() + 1].isalnum():
            end = mark.end()
    start = feet.span[0]
    return replace(
        feet,
        span=(start, end),
        text=passage.text[start:end],
        value=feet.value * _INCHES_PER_FOOT + inches.value,
        unit=INCH,
        unit_span=None,
    )
