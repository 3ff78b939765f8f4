"""The figures in codes, as the numbers check reads them: "F125", "G7", "MP3", and
fashion seasons "SS19", "AW20". A code is not a figure to report missing or added
(the text may spell it out, and the codes check compares codes), but its number
agrees with the same number written apart: "F125" / "F-125", "SS19" /
"primavera-estate 2019".

The season letters are the fashion trade's, the same in every language, so written
by hand here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.scanning import Passage

#: Spring/summer, autumn/winter, fall/winter, and the Italian initials of the same
#: (primavera-estate, autunno-inverno).
_SEASONS = ("SS", "AW", "FW", "PE", "AI")
_CODE = re.compile(r"(?<![\w-])(?P<letters>[A-Z]{1,4})(?P<digits>\d+)(?![\w.,]\d|\w)")


def code_figures(passage: Passage) -> Iterator[NumericExpression]:
    for match in _CODE.finditer(passage.text):
        digits = match.group("digits")
        season = match.group("letters") in _SEASONS and len(digits) in (2, 4)
        value = int(digits) + (2000 if season and len(digits) == 2 else 0)
        yield NumericExpression(
            Kind.NUMBER, match.span(), match.group(), value=float(value),
            number_span=match.span("digits"), short_year=season and len(digits) == 2, code=True,
        )  # fmt: skip
