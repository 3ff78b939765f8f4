"""The numbers check: the figures of a source text and of its translation must agree.

`compare_numbers` reads both texts (`numeric_expressions`), pairs every source figure
with the target figure that says the same — reformatted ("450.000" / "450,000"),
written out ("tre" / "3"), converted ("30 yards" / "25 metri"), a date in the other
language's order — and reports what is left: a figure whose currency, value, scale,
unit or date differs, one missing in the target, one the target added. Matched
figures are returned too, so a UI can highlight them. Whether two figures agree is
decided in `agreement`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from aligner.checks.agreement import (
    Agreement,
    agreement,
    figure_text,
    missing_date_parts,
    same_value,
)
from aligner.checks.conversions import convert, converted_value
from aligner.checks.descriptions import describe, formatted, plain_number, quoted, unit_symbol
from aligner.checks.expressions import Kind, NumericExpression, numeric_expressions
from aligner.language import normalize_language
from aligner.model import Finding, Severity, TextPair

NAME = "numbers"

#: Two leftover plain numbers are taken for one figure gone wrong (rather than one
#: missing and one added) when they are this close in value …
_RELATED_RATIO = 2.0
#: … or differ in at most this many digits ("450000" / "460000").
_RELATED_DIGITS = 1


@dataclass(frozen=True)
class Match:
    src: NumericExpression
    tgt: NumericExpression
    agreement: Agreement


@dataclass(frozen=True)
class Comparison:
    """Every figure of both texts, the pairs that agree, and the findings."""

    src: tuple[NumericExpression, ...]
    tgt: tuple[NumericExpression, ...]
    matches: tuple[Match, ...]
    findings: tuple[Finding, ...]
    #: Figures left over on both sides that were paired as one figure gone wrong
    #: (their findings are the mismatch: currency, value, date …).
    mismatches: tuple[tuple[NumericExpression, NumericExpression], ...] = ()


@dataclass(frozen=True)
class FigurePair:
    """A figure of the source and the target figure the check paired it with, or a
    figure of one side that it paired with nothing (the other side None)."""

    src: NumericExpression | None
    tgt: NumericExpression | None
    #: How the two agree; None for a figure gone wrong, or one paired with nothing.
    agreement: Agreement | None
    #: What the check says of these figures (the mismatch, missing, extra …).
    findings: tuple[Finding, ...]


def check_numbers(pair: TextPair) -> tuple[Finding, ...]:
    """The numbers check of the registry: findings for one pair."""
    if not pair.src_text or not pair.tgt_text:
        return ()
    return compare_numbers(pair.src_text, pair.src_lang, pair.tgt_text, pair.tgt_lang).findings


# The check and every view of a pair (its highlights) compare the same texts: remember
# recent comparisons (immutable results) rather than read the figures twice.
@lru_cache(maxsize=4096)
def compare_numbers(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> Comparison:
    """The figures of a text in `src_lang` and its translation in `tgt_lang` compared.
    Raises `LanguageError` for a language that is not accepted."""
    src_lang, tgt_lang = normalize_language(src_lang), normalize_language(tgt_lang)
    src = numeric_expressions(src_text, src_lang)
    tgt = numeric_expressions(tgt_text, tgt_lang)
    matches = _matches(src, len(src_text), tgt, len(tgt_text))
    matched_src = {id(m.src) for m in matches}
    matched_tgt = {id(m.tgt) for m in matches}
    left_src = [e for e in src if id(e) not in matched_src]
    left_tgt = [e for e in tgt if id(e) not in matched_tgt]
    report = _Report(src_lang, tgt_lang)
    for match in matches:
        report.match(match)
    mismatches = _mismatches(left_src, len(src_text), left_tgt, len(tgt_text))
    for a, b in mismatches:
        report.mismatch(a, b)
    paired_src = {id(a) for a, _ in mismatches}
    paired_tgt = {id(b) for _, b in mismatches}
    for expression in left_src:
        if id(expression) not in paired_src and _unaccounted(expression, tgt, src=True):
            report.missing(expression)
    for expression in left_tgt:
        if id(expression) not in paired_tgt and _unaccounted(expression, src, src=False):
            report.extra(expression)
    for expression in tgt:
        if not expression.well_formed:
            report.badlyformatted(expression)
    return Comparison(src, tgt, tuple(matches), tuple(report.findings), tuple(mismatches))


def figure_pairs(pair: TextPair) -> tuple[FigurePair, ...]:
    """Every figure of a pair's two texts as the numbers check read and paired them:
    the agreeing pairs, the pairs gone wrong, then what was paired with nothing, in
    the source's order (figures only the target has last, in the target's order) —
    why a finding fired, or why none did. `describe` gives each figure's reading."""
    if not pair.src_text or not pair.tgt_text:
        return ()
    comparison = compare_numbers(pair.src_text, pair.src_lang, pair.tgt_text, pair.tgt_lang)
    paired: list[tuple[NumericExpression | None, NumericExpression | None, Agreement | None]]
    paired = [(m.src, m.tgt, m.agreement) for m in comparison.matches]
    paired += [(a, b, None) for a, b in comparison.mismatches]
    used = {id(e) for a, b, _ in paired for e in (a, b)}
    paired += [(a, None, None) for a in comparison.src if id(a) not in used]
    paired.sort(key=lambda p: p[0].span[0] if p[0] is not None else 0)
    paired += [(None, b, None) for b in comparison.tgt if id(b) not in used]
    return tuple(
        FigurePair(a, b, agreement, _findings_of(comparison.findings, a, b))
        for a, b, agreement in paired
    )


def _findings_of(
    findings: tuple[Finding, ...], src: NumericExpression | None, tgt: NumericExpression | None
) -> tuple[Finding, ...]:
    """The findings whose marked words fall inside these figures."""

    def inside(span: tuple[int, int] | None, expression: NumericExpression | None) -> bool:
        return (
            span is not None
            and expression is not None
            and expression.span[0] <= span[0]
            and span[1] <= expression.span[1]
        )

    return tuple(f for f in findings if inside(f.src_span, src) or inside(f.tgt_span, tgt))


# Matching ----------------------------------------------------------------------------


def _position(expression: NumericExpression, length: int) -> float:
    return expression.span[0] / max(1, length)


def _matches(
    src: tuple[NumericExpression, ...],
    src_length: int,
    tgt: tuple[NumericExpression, ...],
    tgt_length: int,
) -> list[Match]:
    """One-to-one pairs of agreeing figures, best agreement first, then nearest in
    relative position."""
    candidates = []
    for a in src:
        for b in tgt:
            found = agreement(a, b)
            if found is not None:
                distance = abs(_position(a, src_length) - _position(b, tgt_length))
                candidates.append((found, distance, a, b))
    candidates.sort(key=lambda c: (c[0], c[1]))
    return [Match(a, b, found) for found, _, a, b in _one_to_one(candidates)]


def _one_to_one(candidates: list) -> Iterator:
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    for candidate in candidates:
        a, b = candidate[-2], candidate[-1]
        if id(a) in used_src or id(b) in used_tgt:
            continue
        used_src.add(id(a))
        used_tgt.add(id(b))
        yield candidate


def _unaccounted(
    expression: NumericExpression, others: tuple[NumericExpression, ...], src: bool
) -> bool:
    """Whether a figure left over is surely one the other text lacks: not a number
    word alone, and not a figure one text states twice and the other once."""
    return expression.certain and not any(
        (agreement(expression, other) if src else agreement(other, expression)) is not None
        for other in others
    )


#: Kinds whose figures can be the same figure gone wrong.
_COMPARABLE = {
    Kind.AMOUNT: {Kind.AMOUNT, Kind.NUMBER},
    Kind.PERCENT: {Kind.PERCENT},
    Kind.QUANTITY: {Kind.QUANTITY, Kind.NUMBER},
    Kind.NUMBER: {Kind.NUMBER, Kind.ORDINAL, Kind.AMOUNT, Kind.QUANTITY},
    Kind.ORDINAL: {Kind.ORDINAL, Kind.NUMBER},
    Kind.DATE: {Kind.DATE},
    Kind.TIME: {Kind.TIME},
}


def _mismatches(
    src: list[NumericExpression], src_length: int, tgt: list[NumericExpression], tgt_length: int
) -> list[tuple[NumericExpression, NumericExpression]]:
    """Pairs of leftover figures that are one figure gone wrong in translation."""
    candidates = []
    for a in src:
        for b in tgt:
            if _related(a, b):
                distance = abs(_position(a, src_length) - _position(b, tgt_length))
                candidates.append((a.kind != b.kind, distance, a, b))
    candidates.sort(key=lambda c: (c[0], c[1]))
    return [(a, b) for *_, a, b in _one_to_one(candidates)]


def _related(a: NumericExpression, b: NumericExpression) -> bool:
    if b.kind not in _COMPARABLE[a.kind]:
        return False
    if a.kind in (Kind.DATE, Kind.TIME):
        # A month alone is paired only with a month alone ("a febbraio" / "in March").
        return a.certain == b.certain
    if not (a.certain and b.certain):
        return False
    if a.kind == b.kind and a.kind is not Kind.NUMBER:
        return True
    assert a.value is not None and b.value is not None
    return (
        _scale_factor(a.value, b.value) is not None
        or _ratio(a.value, b.value) <= _RELATED_RATIO
        or _digit_distance(a.value, b.value) <= _RELATED_DIGITS
    )


def _ratio(x: float, y: float) -> float:
    if x == 0 or y == 0 or (x < 0) != (y < 0):
        return float("inf")
    return max(x, y) / min(x, y)


def _scale_factor(x: float, y: float) -> int | None:
    """1000**k (k ≠ 0) when y is x with another scale: 3 million / 3 billion."""
    if x == 0 or y == 0:
        return None
    for k in range(1, 5):
        for factor in (1000**k, 1000**-k):
            if same_value(x * factor, y):
                return k if factor > 1 else -k
    return None


def _digit_distance(x: float, y: float) -> int:
    a, b = _digits(x), _digits(y)
    if len(a) != len(b):
        return max(len(a), len(b))
    return sum(p != q for p, q in zip(a, b))


def _digits(value: float) -> str:
    return format(value, "f").rstrip("0").rstrip(".")


# Findings ----------------------------------------------------------------------------


class _Report:
    """Turns matches and mismatches into findings a translator understands."""

    def __init__(self, src_lang: str, tgt_lang: str) -> None:
        self.src_lang = src_lang
        self.tgt_lang = tgt_lang
        self.findings: list[Finding] = []

    def add(
        self,
        code: str,
        severity: Severity,
        message: str,
        src: NumericExpression | None,
        tgt: NumericExpression | None,
        src_span: tuple[int, int] | None = None,
        tgt_span: tuple[int, int] | None = None,
    ) -> None:
        self.findings.append(
            Finding(
                NAME,
                code,
                severity,
                message,
                src_span or (src.span if src else None),
                tgt_span or (tgt.span if tgt else None),
            )
        )

    def match(self, match: Match) -> None:
        a, b = match.src, match.tgt
        if match.agreement is Agreement.CONVERTED:
            assert a.unit is not None and b.unit is not None
            assert a.value is not None and b.value is not None
            exact = converted_value(a.value, a.unit, b.value, b.unit) or convert(
                a.value, a.unit, b.unit
            )
            self.add(
                "unit-converted",
                Severity.INFO,
                f"{quoted(a)} ({describe(a)}) is converted to {quoted(b)} "
                f"({describe(b)}; exactly {plain_number(exact or 0.0)} {unit_symbol(b.unit)})",
                a,
                b,
            )
        elif a.kind is b.kind is Kind.DATE and missing_date_parts(a, b):
            self._partial_date(a, b)
        elif match.agreement is Agreement.WRITTEN_OUT:
            words, side = (a, "source") if a.spelled else (b, "target")
            self.add(
                "written-out",
                Severity.INFO,
                f"{quoted(words)} is written out in the {side}: {describe(words)}",
                a,
                b,
            )

    def _partial_date(self, a: NumericExpression, b: NumericExpression) -> None:
        for part in missing_date_parts(a, b):
            missing = getattr(b, part) is None
            given = a if missing else b
            code, where = (
                ("missing-in-target", "target") if missing else ("extra-in-target", "source")
            )
            self.add(
                code,
                Severity.WARNING,
                f"{quoted(a)} ({describe(a)}) vs {quoted(b)} ({describe(b)}): "
                f"the {part} {getattr(given, part)} is not in the {where}",
                a,
                b,
            )

    def mismatch(self, a: NumericExpression, b: NumericExpression) -> None:
        for classify in (self._currency, self._date, self._unit, self._scale, self._value):
            if classify(a, b):
                return

    def _currency(self, a: NumericExpression, b: NumericExpression) -> bool:
        if not (a.kind is b.kind is Kind.AMOUNT) or a.currencies & b.currencies:
            return False
        self.add(
            "currency-mismatch",
            Severity.ERROR,
            f"{quoted(a)} ({describe(a)}) vs {quoted(b)} ({describe(b)}): the currency differs",
            a,
            b,
            a.currency_span,
            b.currency_span,
        )
        return True

    def _date(self, a: NumericExpression, b: NumericExpression) -> bool:
        if a.kind not in (Kind.DATE, Kind.TIME):
            return False
        what = "date" if a.kind is Kind.DATE else "time"
        severity = Severity.ERROR if a.certain and b.certain else Severity.WARNING
        self.add(
            f"{what}-mismatch",
            severity,
            f"{quoted(a)} ({describe(a)}) vs {quoted(b)} ({describe(b)}): the {what} differs",
            a,
            b,
        )
        return True

    def _unit(self, a: NumericExpression, b: NumericExpression) -> bool:
        if a.unit is None or b.unit is None or a.unit == b.unit or a.value is None:
            return False
        converted = convert(a.value, a.unit, b.unit)
        if converted is not None:
            detail = f"{describe(a)} is {plain_number(converted)} {unit_symbol(b.unit)}"
        elif a.unit.startswith("temperature-") and b.unit.startswith("temperature-"):
            detail = "the temperatures differ in either scale"
        else:
            detail = "they measure different things"
        self.add(
            "unit-mismatch",
            Severity.ERROR,
            f"{quoted(a)} vs {quoted(b)}: {detail}",
            a,
            b,
            a.unit_span,
            b.unit_span,
        )
        return True

    def _scale(self, a: NumericExpression, b: NumericExpression) -> bool:
        assert a.value is not None and b.value is not None
        if _scale_factor(a.value, b.value) is None or (a.scale == 1 and b.scale == 1):
            return False
        self.add(
            "scale-mismatch",
            Severity.ERROR,
            f"{quoted(a)} ({describe(a)}) vs {quoted(b)} ({describe(b)}): the scale differs",
            a,
            b,
            a.scale_span or a.span,
            b.scale_span or b.span,
        )
        return True

    def _value(self, a: NumericExpression, b: NumericExpression) -> bool:
        message = f"{quoted(a)} ({describe(a)}) vs {quoted(b)} ({describe(b)}): the value differs"
        hint = self._separator_hint(a, b)
        self.add(
            "value-mismatch",
            Severity.ERROR if a.certain and b.certain else Severity.WARNING,
            f"{message}; {hint}" if hint else message,
            a,
            b,
            a.number_span,
            b.number_span,
        )
        return True

    def _separator_hint(self, a: NumericExpression, b: NumericExpression) -> str | None:
        """ "3,000" left in an Italian text reads as 3: say so."""
        assert a.value is not None and b.value is not None
        if _scale_factor(a.value, b.value) is None:
            return None
        for expression, lang in ((b, self.tgt_lang), (a, self.src_lang)):
            figure = expression.text
            decimal = Locale.parse(lang).number_symbols["latn"]["decimal"]
            if decimal in figure and len(figure.rsplit(decimal, 1)[1].rstrip("%")) == 3:
                language = Locale.parse(lang).english_name
                return (
                    f"in {language} {figure!r} reads as {plain_number(expression.value or 0.0)}, "
                    f"since {decimal!r} is the decimal separator"
                )
        return None

    def missing(self, a: NumericExpression) -> None:
        self.add(
            "missing-in-target",
            Severity.WARNING,
            f"{quoted(a)} ({describe(a)}) is not in the target",
            a,
            None,
        )

    def extra(self, b: NumericExpression) -> None:
        self.add(
            "extra-in-target",
            Severity.WARNING,
            f"{quoted(b)} ({describe(b)}) in the target is not in the source",
            None,
            b,
        )

    def badlyformatted(self, b: NumericExpression) -> None:
        assert b.value is not None and b.number_span is not None
        figure = figure_text(b)
        language = Locale.parse(self.tgt_lang).english_name
        self.add(
            "number-format",
            Severity.WARNING,
            f"{figure!r} is not how {language} writes {plain_number(b.value)}: "
            f"{formatted(b.value, self.tgt_lang)}",
            None,
            b,
            tgt_span=b.number_span,
        )
