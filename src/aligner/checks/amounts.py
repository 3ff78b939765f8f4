"""What a number counts: the words and signs around a figure that make it an amount
of money ("$5", "450.000 rubli"), a percentage, a quantity with a unit ("25 metri"),
a clock hour ("3 p.m."), or scale it ("3 milioni", "£5bn", "e mezzo").

The symbols, codes, names and units come from the lexicon (CLDR). Attaching them to
a figure is written here by hand: price-parser knows symbols and codes but not
"dollari", and reports no offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from aligner.checks.dates import clock_time, day_period
from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.lexicon import lexicon
from aligner.checks.scanning import SPACES, Passage, alternation, keyed

_PERCENT_BEFORE = re.compile(rf"%[{SPACES}]?\Z")


@dataclass(frozen=True)
class _Patterns:
    """The lexicon's currencies, units and scale words as regular expressions,
    compiled once per language."""

    currency_prefix: re.Pattern[str]
    scale: re.Pattern[str]
    percent: re.Pattern[str]
    percentage_points: re.Pattern[str]
    currency_word: re.Pattern[str]
    currency_symbol: re.Pattern[str]
    currency_preposition: re.Pattern[str]
    unit_word: re.Pattern[str]
    unit_symbol: re.Pattern[str]
    spaced_unit_symbol: re.Pattern[str]
    glued_unit: re.Pattern[str]
    and_a_half: re.Pattern[str]


@cache
def _patterns(lang: str) -> _Patterns:
    lex = lexicon(lang)
    flags = re.IGNORECASE
    return _Patterns(
        currency_prefix=re.compile(
            rf"(?:{alternation(lex.currency_symbols, boundary=False)}|"
            rf"(?<![^\W\d_])(?:{'|'.join(sorted(lex.currency_codes))})(?![^\W\d_]))"
            rf"[{SPACES}]?\Z"
        ),
        scale=re.compile(rf"[{SPACES}]?{alternation(lex.scales)}", flags),
        percent=re.compile(rf"[{SPACES}]?(?:%|{alternation(lex.percent_words)})", flags),
        percentage_points=re.compile(
            rf"[{SPACES}]?{alternation(lex.extra.percentage_points)}", flags
        ),
        currency_word=re.compile(rf"[{SPACES}]?{alternation(lex.currency_words)}", flags),
        currency_symbol=re.compile(
            rf"[{SPACES}]?(?:{alternation(lex.currency_symbols, boundary=False)}|"
            rf"(?:{'|'.join(sorted(lex.currency_codes))})(?![^\W\d_]))"
        ),
        currency_preposition=re.compile(
            rf"[{SPACES}]?{alternation(lex.extra.currency_prepositions)}", flags
        ),
        # "a 10-mile run", "the 6-foot forward": a unit word may be hyphenated on.
        unit_word=re.compile(
            rf"[{SPACES}-]?{alternation(k for k in lex.units if k.islower())}", flags
        ),
        unit_symbol=re.compile(
            rf"[{SPACES}]?{alternation(k for k in lex.units if not k.islower())}"
        ),
        spaced_unit_symbol=re.compile(
            rf"[{SPACES}]?{alternation(lex.spaced_units)}(?![.,]?[^\W_]|['’])"
        ),
        glued_unit=re.compile(rf"{alternation(lex.extra.glued_units)}(?![.,]?[^\W_])"),
        and_a_half=re.compile(rf"[{SPACES}]{alternation(lex.extra.and_a_half)}", flags),
    )


def and_a_half(passage: Passage, end: int) -> re.Match[str] | None:
    """ "e mezzo", "and a half" at text[end:]."""
    return _patterns(passage.lex.lang).and_a_half.match(passage.text, end)


def has_markers(passage: Passage, start: int, end: int) -> bool:
    """Whether a currency, scale word, percent sign or unit goes with text[start:end]."""
    text = passage.text
    before = text[max(0, start - 8) : start]
    p = _patterns(passage.lex.lang)
    return bool(p.currency_prefix.search(before)) or any(
        pattern.match(text, end)
        for pattern in (p.scale, p.percent, p.currency_word, p.currency_symbol, p.unit_word)
    )


def with_prefix_currency(passage: Passage, expression: NumericExpression) -> NumericExpression:
    """ "$5", "€ 100", "RUB 450,000": the figure with the currency before it."""
    text = passage.text
    start, end = expression.span
    window_start = max(0, start - 8)
    match = _patterns(passage.lex.lang).currency_prefix.search(text[window_start:start])
    if match is None:
        return expression
    symbol_start = window_start + match.start()
    symbol = match.group().rstrip(SPACES)
    return replace(
        expression,
        kind=Kind.AMOUNT,
        span=(symbol_start, end),
        text=text[symbol_start:end],
        currencies=_currency_codes(passage, symbol),
        currency_span=(symbol_start, symbol_start + len(symbol)),
    )


def with_prefix_percent(passage: Passage, expression: NumericExpression) -> NumericExpression:
    """ "%3,5": a percent sign before the figure, where CLDR writes it there (Turkish)."""
    if not passage.lex.notation.percent_first or expression.kind is not Kind.NUMBER:
        return expression
    start, end = expression.span
    match = _PERCENT_BEFORE.search(passage.text[max(0, start - 2) : start])
    if match is None:
        return expression
    sign_start = start - len(match.group())
    return replace(
        expression, kind=Kind.PERCENT, span=(sign_start, end), text=passage.text[sign_start:end]
    )


def _currency_codes(passage: Passage, marker: str) -> frozenset[str]:
    lex = passage.lex
    if marker in lex.currency_symbols:
        return lex.currency_symbols[marker]
    if marker in lex.currency_codes:
        return frozenset({marker})
    return keyed(lex.currency_words, marker) or frozenset()


def with_suffixes(
    passage: Passage, expression: NumericExpression, glued: bool = False
) -> NumericExpression | None:
    """The figure with what follows it: "e mezzo", a scale word, then a percent sign,
    a currency or a unit — or am/pm for a clock hour. With `glued` (letters right after
    the digits), None unless those letters are a scale, unit, percent, currency or
    am/pm."""
    text, p = passage.text, _patterns(passage.lex.lang)
    end = expression.span[1]
    value = expression.value or 0.0
    half = p.and_a_half.match(text, end)
    if half is not None:
        value, end = value + 0.5, half.end()
    scale = p.scale.match(text, end)
    factor = None if scale is None else keyed(passage.lex.scales, scale.group())
    scale_factor, scale_span = 1, None
    if scale is not None and factor is not None and _scale_allowed(scale, end, expression):
        scale_factor = factor
        scale_span = (scale.end() - len(scale.group().lstrip(SPACES)), scale.end())
        value, end = value * scale_factor, scale.end()
    elif glued and not _glued_unit_or_time(passage, end):
        return None  # "3D", "G7"-like tokens, "5G": not figures
    expression = replace(expression, value=value, scale=scale_factor, scale_span=scale_span)
    after_scale = end
    if scale_span is not None:
        preposition = p.currency_preposition.match(text, end)
        if preposition is not None:
            end = preposition.end()
    for finish in (_percent, _suffix_currency, _unit, _clock_hour):
        finished = finish(passage, expression, end)
        if finished is not None:
            return finished
    return _spanning(passage, expression, after_scale)


def _scale_allowed(scale: re.Match[str], end: int, expression: NumericExpression) -> bool:
    """One-letter abbreviations ("5m", "£5k") are scales only glued to an amount:
    "5 m" is five metres, "5m" alone may be too."""
    word = scale.group().lstrip(SPACES)
    if len(word) > 1:
        return True
    return scale.start() == end and expression.kind is Kind.AMOUNT


def _glued_unit_or_time(passage: Passage, end: int) -> bool:
    text, p = passage.text, _patterns(passage.lex.lang)
    return any(
        match is not None and match.start() == end
        for match in (p.unit_symbol.match(text, end), p.glued_unit.match(text, end),
                      p.spaced_unit_symbol.match(text, end),
                      day_period(passage, end),
                      p.percent.match(text, end), p.currency_symbol.match(text, end))
    )  # fmt: skip


def _spanning(passage: Passage, expression: NumericExpression, end: int) -> NumericExpression:
    start = expression.span[0]
    return replace(expression, span=(start, end), text=passage.text[start:end])


def _percent(passage: Passage, expression: NumericExpression, end: int) -> NumericExpression | None:
    if expression.kind is not Kind.NUMBER:
        return None
    p = _patterns(passage.lex.lang)
    match = p.percent.match(passage.text, end)
    if match is None:
        match = p.percentage_points.match(passage.text, end)
    if match is None:
        return None
    return replace(_spanning(passage, expression, match.end()), kind=Kind.PERCENT)


def _suffix_currency(
    passage: Passage, expression: NumericExpression, end: int
) -> NumericExpression | None:
    """ "450.000 rubli", "5 USD", "5 €", and "$5300 dollars" as one amount."""
    text, p = passage.text, _patterns(passage.lex.lang)
    match = p.currency_word.match(text, end) or p.currency_symbol.match(text, end)
    if match is None:
        return None
    marker = match.group().lstrip(SPACES)
    codes = _currency_codes(passage, marker)
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
        _spanning(passage, expression, match.end()),
        kind=Kind.AMOUNT,
        currencies=codes,
        currency_span=currency_span,
        # "200 pounds" may be money or weight: the comparison takes either.
        unit=keyed(passage.lex.units, marker) if expression.kind is Kind.NUMBER else None,
        unit_span=(marker_start, match.end()),
    )


def _unit(passage: Passage, expression: NumericExpression, end: int) -> NumericExpression | None:
    if expression.kind is not Kind.NUMBER:
        return None
    text, p = passage.text, _patterns(passage.lex.lang)
    match = (
        p.unit_word.match(text, end)
        or p.unit_symbol.match(text, end)
        or p.spaced_unit_symbol.match(text, end)
        or p.glued_unit.match(text, end)
    )
    if match is None or (expression.spelled and match.group().startswith("-")):
        return None  # "a 10-mile run"; but "six-inch" may be no figure at all
    word = match.group().lstrip(SPACES + "-")
    lex = passage.lex
    unit = (
        lex.units.get(word)
        or lex.spaced_units.get(word)
        or lex.extra.glued_units.get(word)
        or keyed(lex.units, word)
    )
    if unit is None:
        return None
    return replace(
        _spanning(passage, expression, match.end()),
        kind=Kind.QUANTITY,
        unit=unit,
        unit_span=(match.end() - len(word), match.end()),
    )


def _clock_hour(
    passage: Passage, expression: NumericExpression, end: int
) -> NumericExpression | None:
    """ "3 p.m.", "6am", "alle 6 del mattino"."""
    value = expression.value
    if expression.kind is not Kind.NUMBER or value is None or expression.scale != 1:
        return None
    if not (value.is_integer() and 0 <= value <= 12):
        return None
    if day_period(passage, end) is None:
        return None
    return clock_time(passage, expression.span[0], end, int(value), 0, certain=True)
