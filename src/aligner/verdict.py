"""Whether two documents read as translations of each other: the verdict on a whole
alignment, from its beads' confidences.

A bead's confidence is already capped by how much its two texts read as translations
(`align._similarity_confidence`); the verdict adds those beads up over the documents.
A side's text "has a counterpart" where it is in a bead with both sides that is more
likely right than wrong (confidence at least DOUBTFUL_SCORE). Two documents read as a
translation when at least half of their text, both sides together, has one: on the dev
sets, true pairs have 78-100% a side and unrelated pairs (NTREX news shuffled, the
seeds' articles on the same topic) 0-32% (benchmarks/verdict.py). Counting both sides
together keeps a translation with a long addition a translation (a page twice as long
as the original it translates has two thirds of its text paired) and a short text
against a long unrelated one not one.

Aligning two documents that are not translations still gives beads (the best path
exists), but none of them deserves trust: `apply_verdict` caps every bead's confidence
at DOUBTFUL_SCORE, a coin toss, so none shows as confident and `--min-confidence`
leaves them out. The cap is where the verdict starts counting, so judging the capped
alignment again (a resumed review, `check` on a session) gives the same verdict.
"""

from __future__ import annotations

from dataclasses import asdict, replace

from aligner.language import language_name
from aligner.model import (
    DOUBTFUL_SCORE,
    Alignment,
    Bead,
    Document,
    DocumentVerdict,
    Finding,
    Severity,
)

#: The share of both documents' text that must have a counterpart for the two to read
#: as translations of each other.
TRANSLATION_COVERAGE = 0.5
#: The finding's code (and `Finding.check`) of documents that do not read as
#: translations: a judgement on the whole pair, not a check of a bead.
NOT_A_TRANSLATION = "not-a-translation"
VERDICT_CHECK = "verdict"


def judge_alignment(alignment: Alignment) -> DocumentVerdict:
    """How much of each document has a counterpart in `alignment`, and whether the two
    read as translations of each other."""
    src_lengths, tgt_lengths = _lengths(alignment.src), _lengths(alignment.tgt)
    src_total, tgt_total = sum(src_lengths), sum(tgt_lengths)
    src_covered = tgt_covered = paired = weighted = 0.0
    for bead in alignment.beads:
        if not (bead.src and bead.tgt):
            continue
        # Judged again at every change of the beads in the review: 5,000 beads.
        src_chars = sum(map(src_lengths.__getitem__, bead.src))
        tgt_chars = sum(map(tgt_lengths.__getitem__, bead.tgt))
        paired += src_chars + tgt_chars
        weighted += bead.score * (src_chars + tgt_chars)
        if bead.score >= DOUBTFUL_SCORE:
            src_covered += src_chars
            tgt_covered += tgt_chars
    coverage = _share(src_covered + tgt_covered, src_total + tgt_total)
    verdict = DocumentVerdict(
        src_lang=alignment.src.lang,
        tgt_lang=alignment.tgt.lang,
        src_coverage=_share(src_covered, src_total),
        tgt_coverage=_share(tgt_covered, tgt_total),
        coverage=coverage,
        confidence=_share(weighted, paired),
        is_translation=coverage >= TRANSLATION_COVERAGE,
        message="",
    )
    return replace(verdict, message=_sentence(verdict))


def documents_verdict(alignment: Alignment) -> DocumentVerdict | None:
    """`judge_alignment` of an alignment of two documents; None for the units of a
    bilingual file under review (`memory.beads.memory_alignment`): the file pairs them,
    not the aligner."""
    return None if alignment.src.units else judge_alignment(alignment)


def apply_verdict(alignment: Alignment) -> Alignment:
    """`alignment` with every bead's confidence at most DOUBTFUL_SCORE where the two
    documents do not read as translations of each other; unchanged where they do."""
    if judge_alignment(alignment).is_translation:
        return alignment
    beads = tuple(
        Bead(bead.src, bead.tgt, min(bead.score, DOUBTFUL_SCORE)) for bead in alignment.beads
    )
    return replace(alignment, beads=beads)


def verdict_finding(verdict: DocumentVerdict) -> Finding | None:
    """The warning of documents that do not read as translations; None for a translation."""
    if verdict.is_translation:
        return None
    return Finding(VERDICT_CHECK, NOT_A_TRANSLATION, Severity.WARNING, verdict.message)


def verdict_json(verdict: DocumentVerdict) -> dict[str, object]:
    """The verdict's fields, and the severity of its finding (None for a translation):
    what the JSON outputs of `align` and `check` carry."""
    finding = verdict_finding(verdict)
    return asdict(verdict) | {"severity": finding.severity.value if finding else None}


def _sentence(verdict: DocumentVerdict) -> str:
    """ "Reads as a translation: 94% of the Italian and 78% of the English have a
    counterpart (mean confidence 0.87)." """
    src, tgt = language_name(verdict.src_lang), language_name(verdict.tgt_lang)
    if src == tgt:
        src, tgt = f"source ({src})", f"target ({tgt})"
    figures = (
        f"{verdict.src_coverage:.0%} of the {src} and {verdict.tgt_coverage:.0%} of the {tgt} "
        f"have a counterpart (mean confidence {verdict.confidence:.2f})"
    )
    if verdict.is_translation:
        return f"Reads as a translation: {figures}."
    return (
        f"These documents do not read as translations of each other: only {figures}; "
        "no bead is more likely right than wrong."
    )


def _lengths(document: Document) -> list[int]:
    """Each segment's length in characters, by index."""
    return [len(segment.text) for segment in document.segments]


def _share(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0
