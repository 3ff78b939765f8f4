"""Find the figures of a text: numbers, percentages, amounts of money, quantities with
units, dates, clock times and ordinals, each with its value and character span.

    >>> [amount] = numeric_expressions("450.000 rubli", "it")
    >>> amount.kind, amount.value, sorted(amount.currencies)
    (<Kind.AMOUNT: 'amount'>, 450000.0, ['BYN', 'RUB'])

Every word list comes from `lexicon` (CLDR through babel). The readers, one module per
concept, run in turn over the text, and each skips what an earlier one claimed:
`dates` (dates, clock times, centuries, years like "'80"), `digits` (figures in
digits, with what they count from `amounts`: currencies, units, percentages, scale
words), `number_words` (figures in words, via text2num), then months named alone.
Then figures that go together are read as one: feet and inches (`heights`), the
ends of a range whose unit is written once (`ranges`).
"""

from __future__ import annotations

from aligner.checks import (
    code_figures,
    dates,
    decades,
    digits,
    fractions,
    heights,
    number_words,
    ranges,
)
from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.lexicon import lexicon
from aligner.checks.scanning import Passage
from aligner.language import normalize_language

__all__ = ["Kind", "NumericExpression", "numeric_expressions"]

#: The readers in the order they claim text: a date before the figures in it, digits
#: before words, a month alone ("May") last.
_READERS = (
    fractions.fractions,
    dates.dates,
    dates.times,
    dates.named_times,
    dates.centuries,
    decades.decades,
    dates.short_years,
    dates.year_spans,
    code_figures.code_figures,
    heights.heights,
    digits.figures,
    number_words.age_words,
    number_words.ones_and_halves,
    number_words.approximate,
    number_words.spelled,
    dates.lone_months,
)


def numeric_expressions(text: str, lang: str) -> tuple[NumericExpression, ...]:
    """Every figure of `text`, a text in language `lang` (ISO 639-1, or a tag of it:
    "en-GB"), in text order. Raises `LanguageError` for a language that is not
    accepted."""
    passage = Passage(text, lexicon(normalize_language(lang)))
    for read in _READERS:
        for expression in read(passage):
            if not passage.taken(expression.span):
                passage.found.append(expression)
    heights.joined(passage)
    ranges.with_shared_units(passage)
    return tuple(sorted(passage.found, key=lambda e: e.span))
