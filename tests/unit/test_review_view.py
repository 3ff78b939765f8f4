"""What a view of a review lists: the nearest bead shown, runs of one-sided headings."""

import pytest

from aligner import Alignment, Bead, load_document
from aligner.review import Filter, Review
from aligner.review_view import heading_runs, nearest_shown


def test_nearest_shown_keeps_a_shown_bead_and_else_takes_the_nearest() -> None:
    assert nearest_shown([2, 5, 9], 5) == 5
    assert nearest_shown([2, 5, 9], 6) == 5  # 5 is one away, 9 three
    assert nearest_shown([2, 5, 9], 7) == 9  # as near: the later one
    assert nearest_shown([2, 5, 9], 0) == 2
    assert nearest_shown([2, 5, 9], 40) == 9
    assert nearest_shown([], 3) is None


@pytest.fixture
def headed(tmp_path) -> Review:
    """Beads: a pair, three headings only the target has, a pair, one source heading,
    a pair. (A line without final punctuation is a heading.)"""
    (tmp_path / "it.txt").write_text("Primo paragrafo.\nSecondo paragrafo.\nTitolo\nFine.")
    (tmp_path / "en.txt").write_text(
        "First paragraph.\nContents\nPrices\nWages\nSecond paragraph.\nEnd."
    )
    src = load_document(tmp_path / "it.txt", "it")
    tgt = load_document(tmp_path / "en.txt", "en")
    beads = (
        Bead((0,), (0,), 0.9),
        Bead((), (1,), 0.9),
        Bead((), (2,), 0.9),
        Bead((), (3,), 0.9),
        Bead((1,), (4,), 0.9),
        Bead((2,), (), 0.9),
        Bead((3,), (5,), 0.9),
    )
    return Review.start(Alignment(src, tgt, beads, "test"))


def test_a_run_of_headings_one_side_has(headed: Review) -> None:
    [run] = heading_runs(headed, headed.visible(Filter.ALL))
    assert run.beads == (1, 2, 3) and run.side == "tgt"
    assert (run.first, run.last) == (1, 3)


def test_a_run_is_beads_that_follow_each_other_in_the_view(headed: Review) -> None:
    assert heading_runs(headed, [0, 1, 3, 4]) == []  # bead 2 is not shown: no run
    assert heading_runs(headed, [1, 2]) != []


def test_seed_english_contents_is_one_run(seed_alignment: Alignment) -> None:
    review = Review.start(seed_alignment)
    runs = heading_runs(review, review.visible(Filter.ALL))
    assert [(run.side, len(run.beads)) for run in runs] == [("tgt", 17)]
    assert all(review.beads[b].kind == "0-1" for b in runs[0].beads)


def test_a_bead_is_laid_out_before_it_is_checked(headed: Review) -> None:
    """What the screen asks before the background checks reach a bead."""
    assert headed.pair(0).tgt_text == "First paragraph."
    assert not headed.is_checked(0)
    headed.checked(0)
    assert headed.is_checked(0)
    headed.edit_target(0, "The first paragraph.")  # its text changed: to check again
    assert not headed.is_checked(0)
