"""Translation QA on aligned pairs: the check stage of the pipeline.

A check is a function from a `TextPair` (two texts, their languages, and what the
aligner knows of them) to `Finding`s. `CHECKS` names them; `check_pair` runs them on
one pair — a bead's texts, or a translation-memory unit's — and `check_alignment` on
every bead of an alignment. `unchecked_features` says what the checks cannot read in
two languages, for a report to say once.

    >>> check_pair(TextPair("450.000 rubli", "$450,000", "it", "en"))
    (Finding(check='numbers', code='currency-mismatch', severity=<Severity.ERROR: 'error'>, ...),)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from babel import Locale

from aligner.checks.basic import check_confidence, check_empty, check_omissions, check_untranslated
from aligner.checks.case import check_case
from aligner.checks.codes import check_codes
from aligner.checks.expressions import Kind, NumericExpression, numeric_expressions
from aligner.checks.links import check_links
from aligner.checks.numbers import (
    Agreement,
    Comparison,
    FigurePair,
    Match,
    check_numbers,
    compare_numbers,
    describe,
    figure_pairs,
)
from aligner.checks.placeholders import check_placeholders
from aligner.checks.punctuation import check_punctuation
from aligner.checks.repetition import check_repetition
from aligner.checks.spelling import check_spelling
from aligner.checks.status import check_state
from aligner.language import NUMBER_WORD_LANGUAGES, normalize_language
from aligner.model import (
    Alignment,
    Bead,
    CheckedPair,
    Document,
    Finding,
    ProgressCallback,
    Severity,
    TextPair,
    TranslationMemory,
)

Check = Callable[[TextPair], Sequence[Finding]]

#: Every check by its stable name, in the order they run.
CHECKS: dict[str, Check] = {
    "numbers": check_numbers,
    "placeholders": check_placeholders,
    "links": check_links,
    "codes": check_codes,
    "punctuation": check_punctuation,
    "repetition": check_repetition,
    "case": check_case,
    "spelling": check_spelling,
    "untranslated": check_untranslated,
    "empty": check_empty,
    "omissions": check_omissions,
    "confidence": check_confidence,
}
#: Checks that run only when asked for by name (`check_pair(pair, [..., "spelling"])`,
#: `aligner check --spelling`): slow to start or noisy.
DEFAULT_OFF = frozenset({"spelling"})
#: The checks that run when none are named.
DEFAULT_CHECKS = tuple(name for name in CHECKS if name not in DEFAULT_OFF)

__all__ = [
    "CHECKS",
    "DEFAULT_CHECKS",
    "DEFAULT_OFF",
    "Agreement",
    "Check",
    "Comparison",
    "FigurePair",
    "Kind",
    "Match",
    "NumericExpression",
    "bead_pair",
    "check_alignment",
    "check_memory",
    "check_pair",
    "compare_numbers",
    "describe",
    "figure_pairs",
    "numeric_expressions",
    "unchecked_features",
    "worst_severity",
]


def check_pair(pair: TextPair, checks: Iterable[str] | None = None) -> tuple[Finding, ...]:
    """The findings of the named checks (default: `DEFAULT_CHECKS`) on one pair, most
    severe first, then in text order."""
    findings = [
        finding
        for name in (DEFAULT_CHECKS if checks is None else checks)
        for finding in CHECKS[name](pair)
    ]
    return tuple(sorted(findings, key=_finding_order))


def unchecked_features(src_lang: str, tgt_lang: str) -> list[str]:
    """What the checks do not read in a text in `src_lang` and its translation in
    `tgt_lang`, each as a phrase for "not checked: …": ["numbers written in words in
    Russian"]. Figures in digits, currencies, dates and units are read in every
    accepted language (CLDR); number words only where text2num knows the language."""
    languages = dict.fromkeys(normalize_language(lang) for lang in (src_lang, tgt_lang))
    unread = [
        Locale.parse(lang).english_name or lang
        for lang in languages
        if lang not in NUMBER_WORD_LANGUAGES
    ]
    return [f"numbers written in words in {' and '.join(unread)}"] if unread else []


def _finding_order(finding: Finding) -> tuple[int, int, int]:
    span = finding.src_span or finding.tgt_span or (0, 0)
    return -finding.severity.rank, span[0], 0 if finding.src_span else 1


def check_alignment(
    alignment: Alignment,
    checks: Iterable[str] | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[CheckedPair, ...]:
    """Every bead of `alignment` checked, in document order."""
    names = list(DEFAULT_CHECKS if checks is None else checks)
    total = len(alignment.beads)
    checked = []
    for index, bead in enumerate(alignment.beads):
        pair = bead_pair(alignment, bead)
        checked.append(
            CheckedPair(
                index=index,
                pair=pair,
                findings=check_pair(pair, names),
                src_ids=bead.src,
                tgt_ids=bead.tgt,
                src_offset=_offset(alignment.src, bead.src),
                tgt_offset=_offset(alignment.tgt, bead.tgt),
                src_locator=alignment.src.locator(bead.src),
                tgt_locator=alignment.tgt.locator(bead.tgt),
            )
        )
        if progress and (index % 100 == 0 or index + 1 == total):
            progress("check", index + 1, total)
    return tuple(checked)


def check_memory(
    memory: TranslationMemory,
    checks: Iterable[str] | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[CheckedPair, ...]:
    """Every unit of a translation memory checked, in file order; each keeps its tuid.
    With every check (`checks` None, or naming "status"), what the file says of a unit
    (a fuzzy PO entry, an XLIFF state) is a finding too (`check_state`).

    Raises `LanguageError` when the memory's languages are not ones the checks read."""
    names = list(DEFAULT_CHECKS if checks is None else checks)
    # The checks read figures by language; a memory's "en-GB" reads as English.
    src_lang = normalize_language(memory.src_lang)
    tgt_lang = normalize_language(memory.tgt_lang)
    total = len(memory.units)
    checked = []
    for index, unit in enumerate(memory.units):
        pair = TextPair(unit.src_text, unit.tgt_text, src_lang, tgt_lang, score=unit.score)
        findings = check_pair(pair, [name for name in names if name in CHECKS])
        if checks is None or "status" in names:
            findings = tuple(sorted(findings + check_state(unit), key=_finding_order))
        checked.append(CheckedPair(index, pair, findings, tuid=unit.tuid))
        if progress and (index % 100 == 0 or index + 1 == total):
            progress("check", index + 1, total)
    return tuple(checked)


def bead_pair(alignment: Alignment, bead: Bead) -> TextPair:
    """The texts of a bead as the checks see them: each side is the stretch of its
    document from the first segment's start to the last one's end, so that a span in
    it plus the side's offset is a span in the document."""
    return TextPair(
        src_text=_side_text(alignment.src, bead.src),
        tgt_text=_side_text(alignment.tgt, bead.tgt),
        src_lang=alignment.src.lang,
        tgt_lang=alignment.tgt.lang,
        score=bead.score,
        src_heading=_all_headings(alignment.src, bead.src),
        tgt_heading=_all_headings(alignment.tgt, bead.tgt),
    )


def _side_text(document: Document, ids: tuple[int, ...]) -> str | None:
    if not ids:
        return None
    return document.text[document.segments[ids[0]].start : document.segments[ids[-1]].end]


def _offset(document: Document, ids: tuple[int, ...]) -> int | None:
    return document.segments[ids[0]].start if ids else None


def _all_headings(document: Document, ids: tuple[int, ...]) -> bool:
    return bool(ids) and all(document.segments[i].is_heading for i in ids)


def worst_severity(pairs: Iterable[CheckedPair]) -> Severity | None:
    """The most severe finding's severity over all pairs; None when there is none."""
    severities = [finding.severity for pair in pairs for finding in pair.findings]
    return max(severities, key=lambda severity: severity.rank, default=None)
