"""Pin and re-align: the reviewer pins the beads they know are right and the stretches
between the pins are aligned again, on the seed pair with "120.000 rubli" for "$120,000"
and a stretch around it shifted by one target sentence (as a bad alignment would be)."""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from aligner import Alignment, InputError, align_documents, load_document
from aligner.model import ReviewBead
from aligner.realign import realign_review
from aligner.review import Review, ReviewError, resume_review


def error_bead(review: Review) -> int:
    """The bead with the currency error ("120.000 rubli" / "$120,000")."""
    return next(
        i
        for i in range(len(review.beads))
        if any(f.code == "currency-mismatch" for f in review.findings(i))
    )


@pytest.fixture
def aligned(rubli_alignment: Alignment, encoder, tmp_path: Path) -> Review:
    """The review as the aligner made it."""
    return Review.start(rubli_alignment, session_path=tmp_path / "a.review.json", encoder=encoder)


@pytest.fixture
def stretch(aligned: Review) -> range:
    """Beads around the error bead: the stretch the tests shift."""
    error = error_bead(aligned)
    assert aligned.beads[error].kind == "1-1"
    return range(error - 2, error + 3)


@pytest.fixture
def review(
    rubli_alignment: Alignment, aligned: Review, stretch: range, encoder, tmp_path: Path, shifted
) -> Review:
    """The review with the stretch shifted, and the beads just outside it pinned."""
    aligned.close()
    beads = shifted(rubli_alignment.beads, stretch.start, stretch.stop)
    review = Review.start(
        replace(rubli_alignment, beads=beads),
        session_path=tmp_path / "en.txt.review.json",
        encoder=encoder,
    )
    shifted_count = len(beads) - len(rubli_alignment.beads) + len(stretch)
    review.pin(stretch.start - 1)
    review.pin(stretch.start + shifted_count)
    return review


def pins(review: Review) -> list[tuple[int, ReviewBead]]:
    return [(i, b) for i, b in enumerate(review.beads) if b.pinned]


def pairs_the_error(review: Review) -> bool:
    """Whether a bead has "120.000 rubli" and "$120,000" together."""
    return any(
        "120.000 rubli" in (pair.src_text or "") and "$120,000" in (pair.tgt_text or "")
        for pair in (review.checked(i).pair for i in range(len(review.beads)))
    )


def test_realign_between_pins_fixes_the_stretch_and_keeps_the_pins(
    review: Review, aligned: Review, stretch: range
) -> None:
    pinned = pins(review)
    assert len(pinned) == 2 and not pairs_the_error(review)
    between = pinned[1][0] - pinned[0][0] - 1
    review.cursor = pinned[0][0] + 2  # inside the stretch
    realignment = review.realign_between_pins(around=review.cursor)
    # The pins are as they were, exactly; the stretch is what the aligner makes of it.
    assert [bead for _, bead in pins(review)] == [bead for _, bead in pinned]
    assert [(b.src, b.tgt) for b in review.beads] == [(b.src, b.tgt) for b in aligned.beads]
    new = {(b.src, b.tgt) for b in aligned.beads} - {(b.src, b.tgt) for b in realignment.before}
    assert realignment.changed == len(new) > 0
    # The scores are the aligner's own, and the findings those of the new beads.
    error = error_bead(review)
    assert error == error_bead(aligned)
    assert review.beads[error].score > 0.5
    assert f"Re-aligned {between} beads between the pins" in realignment.summary


def test_pins_around_beads_the_aligner_got_right_realign_to_the_same_beads(
    seed_alignment: Alignment, encoder
) -> None:
    """A stretch is aligned as aligning the whole documents aligns it (against the
    sentences around it): pinning two right beads and re-aligning between them takes
    nothing right apart, wherever the pins are (a heading and a "see also" line were
    paired once, as a stretch of its own saw them)."""
    review = Review.start(seed_alignment, encoder=encoder)
    expected = [(bead.src, bead.tgt) for bead in review.beads]
    differ = []
    for first in range(0, len(expected) - 9, 2):
        for pin in (first, first + 9):
            review.pin(pin)
        realignment = review.realignment(first + 1)
        if [(bead.src, bead.tgt) for bead in realignment.beads] != expected:
            differ.append(first + 1)
        for pin in (first, first + 9):
            review.pin(pin)  # unpinned again
    assert differ == []


def test_a_pin_is_a_hard_anchor_even_when_it_is_wrong(review: Review, stretch: range) -> None:
    wrong = stretch.start + 2  # a source sentence with the target before its own
    review.pin(wrong)
    before = review.beads[wrong]
    review.realign_between_pins()
    index = review.beads.index(before)
    assert all(
        max(b.src, default=-1) < before.src[0] and max(b.tgt, default=-1) < before.tgt[0]
        for b in review.beads[:index]
    )
    assert all(
        min(b.src, default=1 << 30) > before.src[0] and min(b.tgt, default=1 << 30) > before.tgt[0]
        for b in review.beads[index + 1 :]
    )


def test_one_undo_restores_everything(review: Review) -> None:
    review.accept(3)
    review.cursor = pins(review)[0][0] + 2
    before = review.beads
    review.realign_between_pins()
    assert review.beads != before
    text = review.checked(review.cursor).pair.src_text
    assert review.undo()
    assert review.beads == before
    assert text.startswith(review.checked(review.cursor).pair.src_text)  # the cursor stays
    assert resume_review(review.session_path).beads == before


def test_export_and_resume_after_realigning(review: Review, tmp_path: Path) -> None:
    cursor = review.cursor = pins(review)[1][0] - 1
    realignment = review.realign_between_pins()
    error = error_bead(review)
    review.export_tmx(tmp_path / "out.tmx")
    unit = etree.parse(tmp_path / "out.tmx").find(f".//tu[@tuid='{error + 1}']")
    assert unit is not None
    segs = [seg.xpath("string()") for seg in unit.iter("seg")]
    assert "120.000 rubli" in segs[0] and "$120,000" in segs[1]
    assert "currency-mismatch" in " ".join(n.text for n in unit.iter("note"))
    review.close()
    resumed = resume_review(review.session_path)
    assert resumed.beads == realignment.beads
    assert resumed.cursor == review.cursor == realignment.same_text(cursor)


def test_decisions_are_kept_where_the_bead_comes_out_the_same_and_said_when_not(
    review: Review, stretch: range
) -> None:
    first, outside = stretch.start, stretch.start - 2
    review.accept(first)  # the source sentence alone: re-aligning pairs it
    review.comment(first + 1, "check the figure")
    review.accept(outside)  # not between these pins: untouched
    realignment = review.realign_between_pins(around=first)
    assert realignment.lost == (first, first + 1)
    assert f"beads {first + 1}, {first + 2} could not be kept" in realignment.summary
    assert review.beads[outside].accepted
    assert not any(b.comment for b in review.beads)


def test_an_unchanged_bead_keeps_its_decisions(aligned: Review) -> None:
    aligned.pin(10)
    aligned.pin(20)
    aligned.accept(15)
    aligned.comment(15, "fine")
    realignment = aligned.realign_between_pins(around=15)
    assert realignment.lost == ()
    assert aligned.beads[15].accepted and aligned.beads[15].comment == "fine"


def test_the_cursor_stays_on_its_text(review: Review, stretch: range) -> None:
    review.cursor = stretch.start + 1  # the rubli sentence, with the wrong target
    text = review.checked(review.cursor).pair.src_text
    assert text is not None and "120.000 rubli" in text
    review.realign_between_pins()
    assert review.checked(review.cursor).pair.src_text == text


def test_on_a_pin_both_stretches_beside_it_are_realigned(review: Review) -> None:
    first_pin = pins(review)[0][0]
    realignment = review.realignment(around=first_pin)
    assert [(s.start, s.end) for s in realignment.stretches] == [
        (0, first_pin),
        (first_pin + 1, pins(review)[1][0]),
    ]
    assert review.beads is realignment.before  # only computed


def test_realigning_needs_a_pin_and_something_between_pins(aligned: Review) -> None:
    with pytest.raises(ReviewError, match="no bead is pinned"):
        aligned.realign_between_pins()
    aligned.pin(0)
    aligned.pin(1)
    with pytest.raises(ReviewError, match="nothing between these pins"):
        aligned.realignment(around=0)


def test_a_stale_realignment_is_refused(review: Review) -> None:
    realignment = review.realignment()
    review.accept(0)
    with pytest.raises(ReviewError, match="changed while re-aligning"):
        review.apply_realignment(realignment)


def test_pins_are_saved_and_a_built_bead_is_pinned(review: Review) -> None:
    review.merge_with_next(0)
    assert review.beads[0].pinned and review.beads[0].reviewer_made
    review.pin(0)
    assert not review.beads[0].pinned
    data = json.loads(review.session_path.read_text(encoding="utf-8"))
    assert [b["pinned"] for b in data["beads"]] == [b.pinned for b in review.beads]
    review.close()
    assert resume_review(review.session_path).beads == review.beads


def test_a_session_written_before_pins_reads_its_built_beads_as_pinned(review: Review) -> None:
    review.merge_with_next(0)
    review.close()
    data = json.loads(review.session_path.read_text(encoding="utf-8"))
    for bead in data["beads"]:
        del bead["pinned"]
    review.session_path.write_text(json.dumps(data), encoding="utf-8")
    resumed = resume_review(review.session_path)
    assert [b.pinned for b in resumed.beads] == [b.reviewer_made for b in resumed.beads]
    assert resumed.beads[0].pinned


def test_pin_accepted_pins_every_accepted_bead_in_one_undo(aligned: Review) -> None:
    for index in (3, 7, 9):
        aligned.accept(index)
    assert aligned.pin_accepted() == 3
    assert [i for i, b in enumerate(aligned.beads) if b.pinned] == [3, 7, 9]
    aligned.undo()
    assert not any(b.pinned for b in aligned.beads)


def test_an_edited_bead_of_two_targets_stays_whole_when_realigned(aligned: Review) -> None:
    """An edit of a bead of two target sentences puts its text in the first and empties
    the second; re-aligned, the emptied sentence stays with its text, not on a bead of
    its own."""
    first = next(
        i
        for i in range(len(aligned.beads) - 1)
        if aligned.beads[i].kind == aligned.beads[i + 1].kind == "1-1"
    )
    aligned.merge_with_next(first)  # a 2-2 bead
    aligned.pin(first)  # unpinned: re-aligning may change it
    text = aligned.checked(first).pair.tgt_text.replace("\n", " ")
    aligned.edit_target(first, text)
    emptied = aligned.beads[first].tgt[1]
    aligned.pin(first - 1)
    aligned.pin(first + 1)
    aligned.realign_between_pins(around=first)
    assert all(bead.tgt != (emptied,) for bead in aligned.beads)
    holder = next(i for i, b in enumerate(aligned.beads) if emptied in b.tgt)
    assert aligned.checked(holder).pair.tgt_text.startswith(text)
    assert aligned.edits[emptied] == ""


def test_a_pin_is_kept_when_a_changed_document_is_realigned(tmp_path: Path, encoder) -> None:
    src, tgt = tmp_path / "it.txt", tmp_path / "en.txt"
    src.write_text("Buongiorno a tutti.\nIl prezzo è alto.\nGrazie.", encoding="utf-8")
    tgt.write_text("Good morning everyone.\nThe price is high.\nThank you.", encoding="utf-8")
    alignment = align_documents(load_document(src, "it"), load_document(tgt, "en"), encoder)
    review = Review.start(alignment, session_path=tmp_path / "s.review.json", encoder=encoder)
    review.pin(1)
    review.close()
    src.write_text("Una riga nuova.\n" + src.read_text(encoding="utf-8"), encoding="utf-8")
    realigned = realign_review(tmp_path / "s.review.json", encoder)
    [pinned] = [b for b in realigned.review.beads if b.pinned]
    assert realigned.review.checked(realigned.review.beads.index(pinned)).pair.src_text == (
        "Il prezzo è alto."
    )


def test_a_pin_that_is_not_true_or_false_is_named(review: Review) -> None:
    review.close()
    data = json.loads(review.session_path.read_text(encoding="utf-8"))
    data["beads"][3]["pinned"] = "yes"
    review.session_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match=r"beads\[3\]\.pinned must be true or false"):
        resume_review(review.session_path)
