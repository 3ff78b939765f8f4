"""How the reviewer's tools look, as SVG snapshots (pytest-textual-snapshot), on the seed
pair with "120.000 dollari" made "120.000 rubli". Update after a deliberate change with
`python -m pytest tests/functional/test_review_tools_snapshots.py --snapshot-update` and
look at every changed picture."""

from pathlib import Path

import pytest

from aligner import Alignment
from aligner.review import Review
from aligner.tui import make_app


@pytest.fixture
def app(rubli_alignment: Alignment, encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(rubli_alignment.tgt.path.parent)
    review = Review.start(
        rubli_alignment, session_path=tmp_path / "en.txt.review.json", encoder=encoder
    )
    return make_app(review)


def typing(text: str, regex: bool = False):
    """Run before the snapshot: open the search, fill it in."""

    async def search(pilot) -> None:
        await pilot.press("slash")
        pilot.app.screen.query_one("#text").value = text
        pilot.app.screen.query_one("#regex").value = regex
        await pilot.pause()

    return search


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_search_matches_highlighted(app, snap_compare, size) -> None:
    assert snap_compare(app, run_before=typing("Kazak"), press=["enter"], terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_search_dialog_with_a_bad_regular_expression(app, snap_compare, size) -> None:
    assert snap_compare(
        app, run_before=typing("[0-9", regex=True), press=["enter"], terminal_size=size
    )


def test_go_to_dialog_80x24(app, snap_compare) -> None:
    assert snap_compare(app, press=["g", "4", "1"], terminal_size=(80, 24))


def test_gone_to_bead_41_80x24(app, snap_compare) -> None:
    assert snap_compare(app, press=["g", "4", "1", "enter"], terminal_size=(80, 24))


def test_a_target_sentence_moved_up_80x24(app, snap_compare) -> None:
    """Bead 2 ("Is Moscow running out of manpower?", alone) joins bead 1's target: it
    opens the run of headings only the target has, shown with z to act on one."""
    assert snap_compare(app, press=["j", "z", "left_curly_bracket"], terminal_size=(80, 24))


def test_confident_beads_accepted_80x24(app, snap_compare) -> None:
    assert snap_compare(app, press=["A", "enter"], terminal_size=(80, 24))


def test_dismiss_a_code_dialog_80x24(app, snap_compare) -> None:
    assert snap_compare(app, press=["D"], terminal_size=(80, 24))


@pytest.fixture
def edited_app(app):
    """The review with bead 41's source edited: "120.000 rubli" made "120.000 dollari"."""
    review = app.start
    bead = next(
        i for i in range(len(review.beads)) if "120.000 rubli" in (review.texts(i)[0] or "")
    )
    review.edit_source(bead, review.texts(bead)[0].replace("120.000 rubli", "120.000 dollari"))
    review.cursor = bead
    return app


def test_an_edited_bead_marked_80x24(edited_app, snap_compare) -> None:
    assert snap_compare(edited_app, terminal_size=(80, 24))


def test_the_original_text_beside_the_edit_80x24(edited_app, snap_compare) -> None:
    assert snap_compare(edited_app, press=["o"], terminal_size=(80, 24))
