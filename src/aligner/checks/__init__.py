"""Translation QA on aligned pairs: the check stage of the pipeline.

A check is a function from a `TextPair` (two texts, their languages, and what the
aligner knows of them) to `Finding`s. `CHECKS` names them; `check_pair` runs them on
one pair — a bead's texts, or a translation-memory unit's — and `check_alignment` on
every bead of an alignment. A document check (`DOCUMENT_CHECKS`: consistency,
meaning) reads all the pairs of a document or memory at once and gives findings by
pair; `check_alignment` and `check_memory` run both kinds. A `CheckConfig` (the
`aligner.toml` file, `load_config`) switches checks on and off, sets severities,
ignores findings and adds a glossary and the user's regex checks.
`unchecked_features` says what the checks cannot read in two languages, for a
report to say once.

    >>> check_pair(TextPair("450.000 rubli", "$450,000", "it", "en"))
    (Finding(check='numbers', code='currency-mismatch', severity=<Severity.ERROR: 'error'>, ...),)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from babel import Locale

from aligner.checks.basic import check_confidence, check_empty, check_omissions, check_untranslated
from aligner.checks.case import check_case
from aligner.checks.codes import check_codes
from aligner.checks.config import CONFIG_NAME, CheckConfig, find_config, read_config
from aligner.checks.consistency import check_consistency
from aligner.checks.custom import check_custom
from aligner.checks.descriptions import describe
from aligner.checks.expressions import Kind, NumericExpression, numeric_expressions
from aligner.checks.glossary import Glossary, glossary_check, read_glossary
from aligner.checks.links import check_links
from aligner.checks.meaning import check_meaning, with_similarities
from aligner.checks.names import check_names
from aligner.checks.numbers import (
    Agreement,
    Comparison,
    FigurePair,
    Match,
    check_numbers,
    compare_numbers,
    figure_pairs,
)
from aligner.checks.placeholders import check_placeholders
from aligner.checks.punctuation import check_punctuation
from aligner.checks.repetition import check_repetition
from aligner.checks.spelling import check_spelling
from aligner.checks.status import check_state
from aligner.embed import Encoder
from aligner.errors import InputError
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
#: A check over all the pairs of a document or memory at once: findings by the index
#: of the pair they land on.
DocumentCheck = Callable[[Sequence[TextPair]], Mapping[int, Sequence[Finding]]]

#: Every check of one pair by its stable name, in the order they run.
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
    "names": check_names,
}
#: Every check of a whole document or memory by its stable name. "meaning" needs the
#: pairs' similarities: it runs where `check_alignment` or `check_memory` is given an
#: encoder.
DOCUMENT_CHECKS: dict[str, DocumentCheck] = {
    "consistency": check_consistency,
    "meaning": check_meaning,
}
#: Checks that run only where the config switches them on (`[checks] spelling = true`,
#: `aligner check --spelling`): slow to start or noisy.
OFF_BY_DEFAULT: frozenset[str] = frozenset({"spelling"})
#: Checks that the config's contents make: its glossary's key terms, its regex rules,
#: and what a bilingual file says of its units (`check_state`).
CONFIGURED_CHECKS = ("glossary", "custom", "status")
#: The default configuration: every check on by default, as written.
DEFAULT_CONFIG = CheckConfig()

__all__ = [
    "CHECKS",
    "CONFIG_NAME",
    "DEFAULT_CONFIG",
    "DOCUMENT_CHECKS",
    "Agreement",
    "Check",
    "CheckConfig",
    "Comparison",
    "DocumentCheck",
    "FigurePair",
    "Glossary",
    "Kind",
    "Match",
    "NumericExpression",
    "bead_pair",
    "check_alignment",
    "check_memory",
    "check_pair",
    "compare_numbers",
    "describe",
    "document_findings",
    "figure_pairs",
    "find_config",
    "load_config",
    "numeric_expressions",
    "read_glossary",
    "runs_meaning",
    "unchecked_features",
    "with_findings",
    "with_similarities",
    "worst_severity",
]


def load_config(path: Path) -> CheckConfig:
    """The configuration file `path` (see `aligner.checks.config`). InputError for one
    that cannot be read, is not valid, or names a check that does not exist."""
    config = read_config(path)
    known = [*CHECKS, *DOCUMENT_CHECKS, *CONFIGURED_CHECKS]
    for name in config.switched:
        if name not in known:
            raise InputError(
                f"the config {path}: [checks] has no check {name!r} (checks: {', '.join(known)})"
            )
    return config


def check_pair(
    pair: TextPair, checks: Iterable[str] | None = None, config: CheckConfig = DEFAULT_CONFIG
) -> tuple[Finding, ...]:
    """The findings of the named checks (default: all that `config` runs) on one pair,
    most severe first, then in text order."""
    findings = [finding for check in _pair_checks(config, checks) for finding in check(pair)]
    return _adjusted(findings, pair, config)


def _runs(name: str, config: CheckConfig, checks: Iterable[str] | None) -> bool:
    if checks is not None:
        return name in checks
    return config.runs(name, name not in OFF_BY_DEFAULT)


def _pair_checks(config: CheckConfig, checks: Iterable[str] | None) -> list[Check]:
    names = None if checks is None else list(checks)
    selected = [check for name, check in CHECKS.items() if _runs(name, config, names)]
    if config.glossary is not None and _runs("glossary", config, names):
        selected.append(glossary_check(config.glossary))
    if config.custom and _runs("custom", config, names):
        rules = config.custom
        selected.append(lambda pair: [f for rule in rules for f in check_custom(rule, pair)])
    return selected


def runs_meaning(config: CheckConfig = DEFAULT_CONFIG, checks: Iterable[str] | None = None) -> bool:
    """Whether the meaning check runs: whether the pairs need their similarities."""
    return _runs("meaning", config, None if checks is None else list(checks))


def document_findings(
    pairs: Sequence[TextPair],
    config: CheckConfig = DEFAULT_CONFIG,
    checks: Iterable[str] | None = None,
) -> dict[int, tuple[Finding, ...]]:
    """The findings of the document checks (`DOCUMENT_CHECKS`) on the pairs of one
    document or memory, by pair index. The meaning check reads the pairs' similarity
    (`with_similarities`)."""
    names = None if checks is None else list(checks)
    found: dict[int, list[Finding]] = {}
    for name, check in DOCUMENT_CHECKS.items():
        if _runs(name, config, names):
            for index, findings in check(pairs).items():
                found.setdefault(index, []).extend(findings)
    adjusted = {
        index: _adjusted(findings, pairs[index], config) for index, findings in found.items()
    }
    return {index: findings for index, findings in adjusted.items() if findings}


def _adjusted(
    findings: Iterable[Finding], pair: TextPair, config: CheckConfig
) -> tuple[Finding, ...]:
    """`findings` as the config has them (severities, ignored ones dropped), in order."""
    kept = [adjusted for f in findings if (adjusted := config.adjusted(f, pair)) is not None]
    return tuple(sorted(kept, key=_finding_order))


def with_findings(checked: CheckedPair, findings: Sequence[Finding]) -> CheckedPair:
    """`checked` with more findings (a document check's), in order."""
    if not findings:
        return checked
    return replace(
        checked, findings=tuple(sorted((*checked.findings, *findings), key=_finding_order))
    )


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
    config: CheckConfig = DEFAULT_CONFIG,
    encoder: Encoder | None = None,
) -> tuple[CheckedPair, ...]:
    """Every bead of `alignment` checked, in document order: the named checks (default:
    those `config` runs), the document checks too; the meaning check where an
    `encoder` (the alignment's) is given."""
    names = None if checks is None else list(checks)
    total = len(alignment.beads)
    checked = []
    for index, bead in enumerate(alignment.beads):
        pair = bead_pair(alignment, bead)
        checked.append(
            CheckedPair(
                index=index,
                pair=pair,
                findings=check_pair(pair, names, config),
                src_ids=bead.src,
                tgt_ids=bead.tgt,
                src_offset=side_offset(alignment.src, bead.src),
                tgt_offset=side_offset(alignment.tgt, bead.tgt),
                src_locator=alignment.src.locator(bead.src),
                tgt_locator=alignment.tgt.locator(bead.tgt),
            )
        )
        if progress and (index % 100 == 0 or index + 1 == total):
            progress("check", index + 1, total)
    return _with_document_findings(checked, config, names, encoder, progress)


def _with_document_findings(
    checked: list[CheckedPair],
    config: CheckConfig,
    checks: list[str] | None,
    encoder: Encoder | None,
    progress: ProgressCallback | None,
) -> tuple[CheckedPair, ...]:
    pairs = [pair.pair for pair in checked]
    if encoder is not None and _runs("meaning", config, checks):
        pairs = with_similarities(pairs, encoder, progress)
        checked = [replace(c, pair=pair) for c, pair in zip(checked, pairs, strict=True)]
    found = document_findings(pairs, config, checks)
    return tuple(with_findings(c, found.get(i, ())) for i, c in enumerate(checked))


def check_memory(
    memory: TranslationMemory,
    checks: Iterable[str] | None = None,
    progress: ProgressCallback | None = None,
    config: CheckConfig = DEFAULT_CONFIG,
    encoder: Encoder | None = None,
) -> tuple[CheckedPair, ...]:
    """Every unit of a translation memory checked, in file order; each keeps its tuid.
    Checks as `check_alignment` does; what the file says of a unit (a fuzzy PO entry,
    an XLIFF state) is a finding too (`check_state`) unless the config switches
    "status" off or `checks` does not name it.

    Raises `LanguageError` when the memory's languages are not ones the checks read."""
    names = None if checks is None else list(checks)
    # The checks read figures by language; a memory's "en-GB" reads as English.
    src_lang = normalize_language(memory.src_lang)
    tgt_lang = normalize_language(memory.tgt_lang)
    total = len(memory.units)
    checked = []
    for index, unit in enumerate(memory.units):
        pair = TextPair(unit.src_text, unit.tgt_text, src_lang, tgt_lang, score=unit.score)
        findings = check_pair(pair, names, config)
        if _runs("status", config, names):
            findings = _adjusted(findings + check_state(unit), pair, config)
        checked.append(CheckedPair(index, pair, findings, tuid=unit.tuid))
        if progress and (index % 100 == 0 or index + 1 == total):
            progress("check", index + 1, total)
    return _with_document_findings(checked, config, names, encoder, progress)


def bead_pair(alignment: Alignment, bead: Bead) -> TextPair:
    """The texts of a bead as the checks see them: each side is the stretch of its
    document from the first segment's start to the last one's end, so that a span in
    it plus the side's offset is a span in the document."""
    return TextPair(
        src_text=side_text(alignment.src, bead.src),
        tgt_text=side_text(alignment.tgt, bead.tgt),
        src_lang=alignment.src.lang,
        tgt_lang=alignment.tgt.lang,
        score=bead.score,
        src_heading=_all_headings(alignment.src, bead.src),
        tgt_heading=_all_headings(alignment.tgt, bead.tgt),
    )


def side_text(document: Document, ids: tuple[int, ...]) -> str | None:
    """A side's text as the checks see it: from its first sentence to its last (None: no
    such side)."""
    if not ids:
        return None
    return document.text[document.segments[ids[0]].start : document.segments[ids[-1]].end]


def side_offset(document: Document, ids: tuple[int, ...]) -> int | None:
    """Where a side's text starts in its document (None: no such side)."""
    return document.segments[ids[0]].start if ids else None


def _all_headings(document: Document, ids: tuple[int, ...]) -> bool:
    return bool(ids) and all(document.segments[i].is_heading for i in ids)


def worst_severity(pairs: Iterable[CheckedPair]) -> Severity | None:
    """The most severe finding's severity over all pairs; None when there is none."""
    severities = [finding.severity for pair in pairs for finding in pair.findings]
    return max(severities, key=lambda severity: severity.rank, default=None)
