"""Fractions: "220 2/3 innings", "2½", "⅔". A whole number and a fraction after it
is one figure (220.667); the fraction alone would read as a date ("2/3" is 2 March in
Italian, February 3 in English). Vulgar fraction signs get their value from Unicode.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from aligner.checks import amounts
from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.scanning import SPACES, Passage

_VULGAR = "".join(
    chr(c) for c in range(0x00A0, 0x2190) if unicodedata.name(chr(c), "").startswith("VULGAR")
)
#: "220 2/3": a proper fraction after a whole number and one space.
_MIXED = re.compile(
    rf"(?<![\w.,/])(?P<whole>\d+)[{SPACES}](?P<numerator>\d)/(?P<denominator>\d{{1,2}})"
    r"(?![\w/]|[.,]\d)"
)
#: "2½", "⅔".
_SIGN = re.compile(rf"(?<![\w.,])(?P<whole>\d+)?(?P<sign>[{_VULGAR}])")


def fractions(passage: Passage) -> Iterator[NumericExpression]:
    for match in _MIXED.finditer(passage.text):
        numerator, denominator = int(match.group("numerator")), int(match.group("denominator"))
        if 0 < numerator < denominator:
            yield _fraction(passage, match, int(match.group("whole")) + numerator / denominator)
    for match in _SIGN.finditer(passage.text):
        whole = int(match.group("whole") or 0)
        yield _fraction(passage, match, whole + unicodedata.numeric(match.group("sign")))


def _fraction(passage: Passage, match: re.Match[str], value: float) -> NumericExpression:
    """The fraction with what it counts: "2½ miles"."""
    fraction = NumericExpression(
        Kind.NUMBER, match.span(), match.group(), value=value, number_span=match.span()
    )
    return amounts.with_suffixes(passage, fraction) or fraction
