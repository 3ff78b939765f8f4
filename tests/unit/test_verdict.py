"""The verdict on two aligned documents: how much of each has a counterpart, and whether
they read as translations of each other."""

import aligner
from aligner import Alignment, Bead
from aligner.memory.beads import memory_alignment
from aligner.model import Severity, TranslationMemory, TranslationUnit
from aligner.verdict import apply_verdict, documents_verdict, judge_alignment, verdict_finding

ITALIAN = ["Il gatto dorme sul divano.", "Il cane abbaia.", "La casa è rossa."]
ENGLISH = ["The cat sleeps on the sofa.", "The dog barks.", "The house is red."]


def aligned(make_document, scores, src=ITALIAN, tgt=ENGLISH, lang=("it", "en")) -> Alignment:
    """The two documents with sentence i paired with sentence i, bead i scored scores[i]."""
    beads = tuple(Bead((i,), (i,), score) for i, score in enumerate(scores))
    return Alignment(make_document(src, lang[0]), make_document(tgt, lang[1]), beads, "test")


def test_confident_beads_throughout_read_as_a_translation(make_document) -> None:
    verdict = judge_alignment(aligned(make_document, [0.98, 0.9, 0.6]))

    assert verdict.is_translation
    assert (verdict.src_coverage, verdict.tgt_coverage, verdict.coverage) == (1.0, 1.0, 1.0)
    assert verdict.message == (
        "Reads as a translation: 100% of the Italian and 100% of the English have a "
        "counterpart (mean confidence 0.85)."
    )
    assert verdict_finding(verdict) is None


def test_beads_more_likely_wrong_than_right_do_not(make_document) -> None:
    verdict = judge_alignment(aligned(make_document, [0.1, 0.62, 0.2]))

    assert not verdict.is_translation
    # Only "The dog barks." and its bead's Italian count: shares of characters.
    assert verdict.src_coverage == round(len(ITALIAN[1]) / len("".join(ITALIAN)), 4)
    assert verdict.tgt_coverage == round(len(ENGLISH[1]) / len("".join(ENGLISH)), 4)
    assert verdict.message.startswith(
        "These documents do not read as translations of each other: only 26% of the Italian "
        "and 24% of the English have a counterpart"
    )
    finding = verdict_finding(verdict)
    assert finding is not None
    assert (finding.code, finding.severity, finding.message) == (
        "not-a-translation",
        Severity.WARNING,
        verdict.message,
    )


def test_a_translation_inside_a_longer_document_is_still_one(make_document) -> None:
    """The English translates the Italian and adds more than as much again: most of the
    two documents' text still has a counterpart."""
    added = ["One more thing to add here.", "Another line of the page.", "And a last one too."]
    alignment = aligned(make_document, [0.95, 0.95, 0.95], tgt=ENGLISH + added)
    alignment = Alignment(
        alignment.src,
        alignment.tgt,
        alignment.beads + tuple(Bead((), (j,), 0.4) for j in range(3, 6)),
        "test",
    )

    verdict = judge_alignment(alignment)

    assert verdict.is_translation
    assert verdict.src_coverage == 1.0 and verdict.tgt_coverage < 0.5


def test_no_bead_of_a_non_translation_is_above_a_coin_toss(make_document) -> None:
    beads = (Bead((0,), (0,), 0.1), Bead((1,), (1,), 0.92), Bead((2,), (), 0.95))
    alignment = Alignment(
        make_document(ITALIAN, "it"),
        make_document(ENGLISH, "en"),
        (*beads, Bead((), (2,), 0.9)),
        "test",
    )

    capped = apply_verdict(alignment)

    assert [bead.score for bead in capped.beads] == [0.1, 0.5, 0.5, 0.5]
    # Judged again (a resumed review, `check` of its session), it reads the same.
    assert judge_alignment(capped).coverage == judge_alignment(alignment).coverage
    assert not judge_alignment(capped).is_translation


def test_a_translation_keeps_its_confidences(make_document) -> None:
    alignment = aligned(make_document, [0.98, 0.9, 0.3])

    assert apply_verdict(alignment) is alignment


def test_documents_in_one_language_are_named_source_and_target(make_document) -> None:
    verdict = judge_alignment(aligned(make_document, [0.9] * 3, tgt=ITALIAN, lang=("it", "it")))

    assert "100% of the source (Italian) and 100% of the target (Italian)" in verdict.message


def test_a_bilingual_files_units_get_no_verdict() -> None:
    """The file pairs its units, not the aligner: nothing to judge."""
    unit = TranslationUnit("Il gatto.", "The cat.", "it", "en")
    memory = TranslationMemory(None, "it", "en", (unit,))

    assert documents_verdict(memory_alignment(memory, "test")) is None


def test_a_notebook_judges_an_alignment_from_the_package(make_document) -> None:
    alignment = aligned(make_document, [0.98, 0.9, 0.6])

    assert aligner.judge_alignment(alignment) == judge_alignment(alignment)
    assert isinstance(aligner.judge_alignment(alignment), aligner.DocumentVerdict)
