"""Figures written in digits: "450.000", "3,5", "1 000 000", "-5", "36°", "the 1980s",
read by the language's separators, with whatever the figure counts attached
(`amounts`).

The separators come from the lexicon (CLDR). Telling them apart in running text is
written here by hand: babel's `parse_decimal` reads one number it is given, and
silently wrongly with the wrong locale ("450,000"@it → 450.0), and cannot tell where
one figure ends and the next begins ("nel 2014 300 persone").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from aligner.checks import amounts
from aligner.checks.dates import dot_time
from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.lexicon import Lexicon, lexicon
from aligner.checks.scanning import APOSTROPHES, SPACES, Passage, alternation

#: A run of digits and separators, split into figures by `_read_numerals`.
#: Not inside a word ("G7", "MP3") or after a decimal point; after an abbreviation's
#: period it is ("No.1").
_NUMERAL_RUN = re.compile(rf"(?<![\w,])(?<!\d\.)\d+(?:[.,{APOSTROPHES}{SPACES}]\d+)*")
_SPACE_GROUP = re.compile(f"[{SPACES}]")
_NEGATIVE = "-−–"


@cache
def _glued_suffix(lang: str) -> re.Pattern[str]:
    """An ordinal suffix ("3rd", "25esimo") or an age suffix ("24enne") after digits."""
    extra = lexicon(lang).extra
    ordinal = alternation(extra.ordinal_suffixes, boundary=False)
    return re.compile(
        rf"(?P<ordinal>{ordinal})(?![^\W_])|(?P<age>{alternation(extra.age_suffixes)})",
        re.IGNORECASE,
    )


def figures(passage: Passage) -> Iterator[NumericExpression]:
    for run in _NUMERAL_RUN.finditer(passage.text):
        for start, end, value, well_formed in _read_numerals(run.group(), run.start(), passage.lex):
            if value is None:
                continue
            expression = _figure(passage, start, end, value, well_formed)
            if expression is not None:
                yield expression


def _figure(
    passage: Passage, start: int, end: int, value: float, well_formed: bool
) -> NumericExpression | None:
    text = passage.text
    figure = text[start:end]
    glued_suffix = _glued_suffix(passage.lex.lang)
    glued = re.match(r"[^\W\d_]+", text[end:])
    if glued:
        suffix = glued_suffix.match(text, end)
        if suffix is not None and suffix.group("ordinal") and suffix.end() - end > 0:
            return NumericExpression(
                Kind.ORDINAL, (start, suffix.end()), text[start : suffix.end()],
                value=value, number_span=(start, end), well_formed=well_formed,
            )  # fmt: skip
        if suffix is not None and suffix.group("age"):
            return NumericExpression(
                Kind.NUMBER, (start, suffix.end()), text[start : suffix.end()],
                value=value, number_span=(start, end),
            )  # fmt: skip
        if glued.group() == "s" and figure.isdigit():  # "1980s", "in his 40s"
            return NumericExpression(
                Kind.NUMBER, (start, end + 1), text[start : end + 1],
                value=value, number_span=(start, end),
            )  # fmt: skip
    ordinal = glued_suffix.match(text, end)
    if ordinal is not None and ordinal.group("ordinal") and not ordinal.group("ordinal").isalpha():
        # "3°", "3ª": signs, not letters.
        return NumericExpression(
            Kind.ORDINAL, (start, ordinal.end()), text[start : ordinal.end()],
            value=value, number_span=(start, end), well_formed=well_formed,
        )  # fmt: skip
    time = dot_time(passage, start, end, figure)
    if time is not None and not amounts.has_markers(passage, start, end):
        return time
    expression = NumericExpression(
        Kind.NUMBER,
        (start, end),
        figure,
        value=value,
        number_span=(start, end),
        well_formed=well_formed,
    )
    expression = _with_sign(passage, expression)
    expression = amounts.with_prefix_currency(passage, expression)
    expression = amounts.with_prefix_percent(passage, expression)
    counted = amounts.with_suffixes(passage, expression, glued=bool(glued))
    return counted if counted is None else _with_minus_word(passage, counted)


def _with_sign(passage: Passage, expression: NumericExpression) -> NumericExpression:
    """ "-5", "−3,5%": a minus right before the figure, not between two figures
    ("5-3", "1950-53") or inside a word ("COVID-19")."""
    text = passage.text
    start = expression.span[0]
    if start == 0 or text[start - 1] not in _NEGATIVE:
        return expression
    before = text[: start - 1]
    if before and not before[-1].isspace() and before[-1] not in "(":
        return expression
    return replace(
        expression,
        span=(start - 1, expression.span[1]),
        text=text[start - 1 : expression.span[1]],
        value=-(expression.value or 0.0),
    )


@cache
def _minus_word(lang: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w]){alternation(lexicon(lang).extra.minus_words)}[{SPACES}]+\Z", re.I
    )


def _with_minus_word(passage: Passage, expression: NumericExpression) -> NumericExpression:
    """ "minus 5 degrees" is -5 degrees. Only temperatures: "meno 5" is also "5 less"."""
    start = expression.span[0]
    if not (expression.unit or "").startswith("temperature-") or not expression.value:
        return expression
    word = _minus_word(passage.lex.lang).search(passage.text[max(0, start - 12) : start])
    if word is None:
        return expression
    word_start = start - len(word.group())
    return replace(
        expression,
        span=(word_start, expression.span[1]),
        text=passage.text[word_start : expression.span[1]],
        value=-expression.value,
    )


def _read_numerals(
    run: str, offset: int, lex: Lexicon
) -> Iterator[tuple[int, int, float | None, bool]]:
    """The figures of a digit run: (start, end, value, well formed).

    A run is one figure when its separators make sense in the language ("450.000" in
    Italian, "450,000" in English, "1 000 000", "1'000"), or in the other convention
    ("450,000" in Italian is read as 450 thousand then, but flagged). Otherwise it is
    several figures separated by spaces ("nel 2014 300 persone")."""
    notation = lex.notation
    value = _locale_value(run, notation.decimal, notation.group, notation.secondary_grouping)
    if value is not None:
        yield offset, offset + len(run), value, True
        return
    foreign_decimal = "." if notation.decimal == "," else ","
    value = _locale_value(run, foreign_decimal, notation.decimal)
    if value is not None and _SPACE_GROUP.search(run) is None:
        yield offset, offset + len(run), value, False
        return
    pieces = list(re.finditer(r"[^" + SPACES + r"]+", run))
    if len(pieces) == 1:
        yield offset, offset + len(run), None, False
        return
    for piece in pieces:
        yield from _read_numerals(piece.group(), offset + piece.start(), lex)


def _locale_value(
    figure: str, decimal: str, group: str, secondary_grouping: int = 3
) -> float | None:
    """The value of `figure` if it is written with these separators; spaces and
    apostrophes group thousands in every language (French, Swiss). Where CLDR groups
    by two after the first three ("4,50,000"), groups of three are read too."""
    groups = re.escape(group) + SPACES + APOSTROPHES
    integer = rf"(?:\d{{1,3}}(?:[{groups}]\d{{3}})+|\d+)"
    if secondary_grouping != 3:
        by = secondary_grouping
        integer = rf"(?:\d{{1,{by}}}(?:[{groups}]\d{{{by}}})*[{groups}]\d{{3}}|{integer})"
    match = re.fullmatch(
        rf"(?P<integer>{integer})(?:{re.escape(decimal)}(?P<fraction>\d+))?", figure
    )
    if match is None:
        return None
    digits = re.sub(r"\D", "", match.group("integer"))
    fraction = match.group("fraction")
    return float(f"{digits}.{fraction}" if fraction else digits)
