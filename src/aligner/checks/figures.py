"""What a figure of a text is: its kind, value and parts, as the readers find it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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
    #: The number of a code ("F125", "SS19"): it agrees with the same number, but is
    #: never reported missing or added.
    code: bool = False

    @property
    def certain(self) -> bool:
        """Whether the expression surely is a figure. A bare number word may not be
        (Italian "sei" is also "you are", "secondo" also "according to"), nor a month
        name alone (English "May" is also a name); "venti per cento", "trentunenne"
        and "tre anni" are, and so is a number of several words or a large one ("tre
        milioni", "cinquemila"): no other word reads like that. A code ("F125") is not
        a figure the other text must have."""
        if self.code or (self.spelled and self.kind is Kind.TIME):  # "noon"
            return False
        if self.kind is Kind.DATE:
            return self.day is not None or self.year is not None
        if self.spelled and self.kind in (Kind.NUMBER, Kind.ORDINAL):
            return self.age or (self.value or 0) >= 1000 or len(self.text.split()) > 1
        # "dieci anni" is also "a decade", "quindici giorni" "two weeks".
        return not (self.spelled and (self.unit or "").startswith("duration-"))
