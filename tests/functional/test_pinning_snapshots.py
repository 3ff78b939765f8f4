"""How pinned beads look in the bead list, as an SVG snapshot (pytest-textual-snapshot),
on the seed pair with "120.000 dollari" made "120.000 rubli". Update after a deliberate
change with `--snapshot-update` and look at the picture."""

from pathlib import Path

import pytest

from aligner import Alignment
from aligner.review import Review
from aligner.tui import make_app


@pytest.fixture
def pinned_app(rubli_alignment: Alignment, encoder, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(rubli_alignment.tgt.path.parent)
    review = Review.start(
        rubli_alignment, session_path=tmp_path / "en.txt.review.json", encoder=encoder
    )
    error = next(
        i
        for i in range(len(review.beads))
        if any(f.severity == "error" for f in review.findings(i))
    )
    # The beads around the error pinned, one of them accepted too; the error bead not.
    for index in (error - 2, error - 1, error + 1):
        review.pin(index)
    review.accept(error - 1)
    review.cursor = error
    return make_app(review)


def test_pinned_beads_80x24(pinned_app, snap_compare) -> None:
    assert snap_compare(pinned_app, terminal_size=(80, 24))


def test_pinned_beads_120x36(pinned_app, snap_compare) -> None:
    assert snap_compare(pinned_app, terminal_size=(120, 36))
