"""Ranges whose unit is written once: "3 to 5 inches", "2-4 miles", "tra 16 e 32
km", "5-10%". The first end takes what the second end counts (its unit, currency or
percent sign), so each end is compared as the quantity it is:
"3 to 5 inches" agrees with "7,5–12,5 cm". The connectors come from the lexicon;
dashes join ranges in every language.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.lexicon import lexicon
from aligner.checks.scanning import SPACES, Passage, alternation

_DASHES = "-–—"
#: What the first end of a range may take from the second.
_COUNTED = (Kind.QUANTITY, Kind.PERCENT, Kind.AMOUNT)


@cache
def _connector(lang: str) -> re.Pattern[str]:
    words = alternation(lexicon(lang).extra.range_connectors)
    return re.compile(
        rf"[{SPACES}]*(?:[{_DASHES}]|{words})[{SPACES}]*|[{SPACES}]*[{_DASHES}][{SPACES}]*",
        re.IGNORECASE,
    )


def with_shared_units(passage: Passage) -> None:
    """Give the first end of every range in `passage.found` (in text order) what its
    second end counts."""
    found = sorted(passage.found, key=lambda e: e.span)
    connector = _connector(passage.lex.lang)
    for index, (first, second) in enumerate(zip(found, found[1:])):
        between = passage.text[first.span[1] : second.span[0]]
        if (
            connector.fullmatch(between)
            and _bare(first)
            and second.kind in _COUNTED
            and _ascending(first, second)
        ):
            found[index] = _counted_like(first, second)
    passage.found[:] = found


def _bare(expression: NumericExpression) -> bool:
    return (
        expression.kind is Kind.NUMBER
        and expression.value is not None
        and not (expression.short_year or expression.age)
    )


def _ascending(first: NumericExpression, second: NumericExpression) -> bool:
    """Ranges run from the smaller figure ("-5 to -10" too): "he was 10 and 6 feet
    tall" is no range."""
    assert first.value is not None and second.value is not None
    return abs(first.value) < abs(second.value)


def _counted_like(first: NumericExpression, second: NumericExpression) -> NumericExpression:
    """ "3" of "3 to 5 inches" as 3 inches. A scale word is not shared: "2 to 3
    million" and "tra i 2 e i 3 milioni" read alike only as written."""
    return replace(first, kind=second.kind, unit=second.unit, currencies=second.currencies)
