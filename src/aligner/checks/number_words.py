"""Figures written in words: "tre", "cinquemila", "five thousand", "one and a half",
"trentunenne" (a 31-year-old). text2num reads the words, in the languages it knows
(`language.NUMBER_WORD_LANGUAGES`); in the others none are read. What follows them (a
scale, a currency, a unit) is attached as for digits (`amounts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from text_to_num import Token, find_numbers, text2num

from aligner.checks import amounts
from aligner.checks.figures import Kind, NumericExpression
from aligner.checks.lexicon import lexicon
from aligner.checks.scanning import Passage, alternation
from aligner.language import NUMBER_WORD_LANGUAGES


@cache
def _age_word(lang: str) -> re.Pattern[str]:
    suffixes = alternation(lexicon(lang).extra.age_suffixes)
    return re.compile(rf"(?<![\w])(?P<stem>[^\W\d_]+?){suffixes}", re.IGNORECASE)


def age_words(passage: Passage) -> Iterator[NumericExpression]:
    """ "trentunenne" (a 31-year-old): a number word with an age suffix."""
    if passage.lex.lang not in NUMBER_WORD_LANGUAGES:
        return
    for match in _age_word(passage.lex.lang).finditer(passage.text):
        value = _spelled_stem_value(match.group("stem"), passage.lex.lang)
        if value is not None:
            yield NumericExpression(
                Kind.NUMBER, match.span(), match.group(), value=float(value),
                number_span=match.span(), spelled=True, age=True,
            )  # fmt: skip


def spelled(passage: Passage) -> Iterator[NumericExpression]:
    if passage.lex.lang not in NUMBER_WORD_LANGUAGES:
        return
    text = passage.text
    tokens = [
        _TextToken(match, passage.taken(match.span()))
        for match in re.finditer(r"[^\W\d_]+|\d+|[^\w\s]", text)
    ]
    if not any(token.word for token in tokens):
        return
    for occurrence in find_numbers(tokens, passage.lex.lang, 0.0):
        first, last = tokens[occurrence.start], tokens[occurrence.end - 1]
        start, end = first.match.start(), last.match.end()
        if occurrence.end - occurrence.start == 1 and (
            _vague(first.text(), occurrence.value) or first.is_one
        ):
            continue
        expression = _spelled_expression(passage, start, end, occurrence)
        if expression is not None:
            yield expression


def _spelled_expression(
    passage: Passage, start: int, end: int, occurrence
) -> NumericExpression | None:
    text = passage.text
    if occurrence.is_ordinal:
        return NumericExpression(
            Kind.ORDINAL, (start, end), text[start:end], value=float(occurrence.value),
            number_span=(start, end), spelled=True,
        )  # fmt: skip
    expression = NumericExpression(
        Kind.NUMBER, (start, end), text[start:end], value=float(occurrence.value),
        number_span=(start, end), spelled=True,
    )  # fmt: skip
    return amounts.with_suffixes(passage, expression)


@cache
def _approximate(lang: str) -> re.Pattern[str]:
    words = alternation(lexicon(lang).extra.approximate_numbers)
    return re.compile(rf"(?<![\w]){words}", re.IGNORECASE)


def approximate(passage: Passage) -> Iterator[NumericExpression]:
    """ "una ventina" (about 20), "a dozen": agree with "20", "12", but like a number
    word alone they are not reported missing."""
    table = passage.lex.extra.approximate_numbers
    for match in _approximate(passage.lex.lang).finditer(passage.text):
        value = table.get(match.group().lower())
        if value is not None:
            number = NumericExpression(
                Kind.NUMBER, match.span(), match.group(), value=float(value),
                number_span=match.span(), spelled=True,
            )  # fmt: skip
            yield amounts.with_suffixes(passage, number) or number


@cache
def _half_a(lang: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){alternation(lexicon(lang).extra.half_a)}", re.IGNORECASE)


def ones_and_halves(passage: Passage) -> Iterator[NumericExpression]:
    """ "one and a half", "una volta e mezzo", "l'uno per cento", "un milione di euro",
    "half an inch", "mezzo milione": the one-words are articles far more often than
    numbers, so text2num does not read them; they are figures here when a half, a
    percent sign or a scale word makes them one (a unit or currency does not: "un
    metro" is also the underground, "un nuovo" no currency). A half goes with a
    scale, percent sign or unit, not a currency alone ("mezza corona" is a coin)."""
    if passage.lex.lang not in NUMBER_WORD_LANGUAGES:
        return
    for match in re.finditer(r"[^\W\d_]+", passage.text):
        if _one_word(match.group().lower()) and not passage.taken(match.span()):
            half = amounts.and_a_half(passage, match.end())
            if half is not None:
                span = (match.start(), half.end())
                yield NumericExpression(
                    Kind.NUMBER, span, passage.text[slice(*span)], value=1.5,
                    number_span=span, spelled=True,
                )  # fmt: skip
                continue
            one = _counted(passage, match.span(), 1.0)
            if one is not None and (one.kind is Kind.PERCENT or one.scale > 1):
                if not _more_number_words(passage, one.span[1]):  # "un millón seiscientos"
                    yield one
    for match in _half_a(passage.lex.lang).finditer(passage.text):
        counted_half = _counted(passage, match.span(), 0.5)
        if counted_half is not None and (
            counted_half.kind is not Kind.AMOUNT or counted_half.scale > 1
        ):
            yield counted_half


def _more_number_words(passage: Passage, end: int) -> bool:
    """Whether a number word follows text[end:], after "and" maybe ("un millón y
    seiscientos mil"): the number goes on, and text2num reads it whole."""
    words = re.findall(r"[^\W\d_]+", passage.text[end : end + 40])[:2]
    if words and words[0].lower() in passage.lex.extra.range_connectors:
        words = words[1:]
    if not words:
        return False
    try:
        text2num(words[0].lower(), passage.lex.lang)
    except ValueError:
        return False
    return True


def _counted(passage: Passage, span: tuple[int, int], value: float) -> NumericExpression | None:
    """The number at `span` with the scale, percent sign, currency or unit after it;
    None when nothing follows it."""
    number = NumericExpression(
        Kind.NUMBER, span, passage.text[slice(*span)], value=value, number_span=span,
        spelled=True,
    )  # fmt: skip
    counted = amounts.with_suffixes(passage, number)
    if counted is None or (counted.kind is Kind.NUMBER and counted.scale == 1):
        return None
    return counted


class _TextToken(Token):
    """A word, digit run or punctuation mark, as text2num's `find_numbers` takes them."""

    def __init__(self, match: re.Match[str], taken: bool) -> None:
        self.match = match
        self.taken = taken
        self.word = match.group()[0].isalpha()

    def text(self) -> str:
        return self.match.group()

    def not_a_number_part(self) -> bool:
        # Already read as part of a date or figure; digits; or "un", "una", "one",
        # which are articles far more often than numbers.
        return self.taken or not self.word or self.is_one

    @property
    def is_one(self) -> bool:
        return self.word and _one_word(self.match.group().lower())


def _vague(word: str, value: float) -> bool:
    """ "tens", "hundreds", "thousands": a plural scale word alone is no figure
    ("tens of thousands dislocated"), though text2num reads it as 10, 1000."""
    return word.lower().endswith("s") and value >= 10 and str(int(value)).strip("0") == "1"


@cache
def _one_word(word: str) -> bool:
    try:
        return any(text2num(word, lang) == 1 for lang in ("it", "en", "de", "fr", "es"))
    except ValueError:
        return False


def _spelled_stem_value(stem: str, lang: str) -> int | None:
    """The number a stem stands for once its elided vowel is back: "quarant" → 40."""
    for vowel in ("", "a", "e", "i", "o"):
        try:
            return text2num(stem.lower() + vowel, lang)
        except ValueError:
            continue
    return None
