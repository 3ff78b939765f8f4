"""A review saving in the background (as the UI does) writes every change, in order,
and says when a save failed; without it `save` writes before returning (a notebook)."""

from __future__ import annotations

from pathlib import Path

from aligner import Alignment
from aligner.errors import AlignerError
from aligner.review import Review, resume_review


def test_background_saves_end_with_the_latest_state(
    rubli_alignment: Alignment, tmp_path: Path
) -> None:
    review = Review.start(rubli_alignment, session_path=tmp_path / "s.json")
    outcomes: list[AlignerError | None] = []
    review.save_in_background(outcomes.append)
    for index in range(len(review.beads)):
        review.accept(index)
    assert review.wait_for_saves() is None
    assert all(bead.accepted for bead in resume_review(tmp_path / "s.json").beads)
    assert outcomes and all(outcome is None for outcome in outcomes)


def test_a_failed_background_save_is_reported(rubli_alignment: Alignment, tmp_path: Path) -> None:
    review = Review.start(rubli_alignment, session_path=tmp_path / "s.json")
    outcomes: list[AlignerError | None] = []
    review.save_in_background(outcomes.append)
    review.session_path = tmp_path / "folder.json"
    review.session_path.mkdir()  # a folder where the file goes: it cannot be written
    review.accept(0)
    error = review.wait_for_saves()
    assert error is not None and "folder.json" in str(error)
    assert outcomes == [error]


def test_closing_waits_for_the_last_save(rubli_alignment: Alignment, tmp_path: Path) -> None:
    review = Review.start(rubli_alignment, session_path=tmp_path / "s.json")
    review.save_in_background(lambda outcome: None)
    review.accept(0)
    review.close()
    assert resume_review(tmp_path / "s.json").beads[0].accepted


def test_changes_with_saves_held_are_written_by_the_next_save(
    rubli_alignment: Alignment, tmp_path: Path
) -> None:
    review = Review.start(rubli_alignment, session_path=tmp_path / "s.json")
    review.save_in_background(lambda outcome: None)
    with review.saves_held():
        review.accept(0)
    assert review.wait_for_saves() is None
    assert not resume_review(tmp_path / "s.json").beads[0].accepted
    review.save_soon()
    assert review.wait_for_saves() is None
    assert resume_review(tmp_path / "s.json").beads[0].accepted


def test_save_writes_before_returning(rubli_alignment: Alignment, tmp_path: Path) -> None:
    review = Review.start(rubli_alignment, session_path=tmp_path / "s.json")
    review.accept(0)  # no background saving: written already
    assert resume_review(tmp_path / "s.json").beads[0].accepted


def test_findings_follow_their_bead_after_a_merge_before_it(
    rubli_alignment: Alignment, encoder
) -> None:
    review = Review.start(rubli_alignment, encoder=encoder)
    error = next(i for i in range(len(review.beads)) if review.needs_attention(i))
    codes = [f.code for f in review.findings(error)]
    assert error > 1
    review.merge_with_next(0)  # the beads after it move up by one
    moved = review.checked(error - 1)
    assert moved.index == error - 1
    assert [f.code for f in review.findings(error - 1)] == codes
    assert moved.pair == review.pair(error - 1)
