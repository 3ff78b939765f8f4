"""How the review UI looks, as SVG snapshots (pytest-textual-snapshot), on the seed pair
with "120.000 dollari" made "120.000 rubli". Update after a deliberate change with
`python -m pytest tests/functional/test_review_snapshots.py --snapshot-update` and look
at every changed picture."""

import threading
from pathlib import Path

import pytest

from aligner import Alignment
from aligner.review import Review
from aligner.tui import NewReview, make_app
from aligner.tui.app import ChangedSession


@pytest.fixture
def app(rubli_alignment: Alignment, encoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # Paths shown (the export file) relative to the documents' folder: the same every run.
    monkeypatch.chdir(rubli_alignment.tgt.path.parent)
    review = Review.start(
        rubli_alignment, session_path=tmp_path / "en.txt.review.json", encoder=encoder
    )
    review.check_all()  # the screen checks in the background: a picture of it checked
    review.cursor = next(
        i
        for i in range(len(review.beads))
        if any(f.severity == "error" for f in review.findings(i))
    )
    return make_app(review)


def test_main_screen_120x36(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(120, 36))


def test_main_screen_80x24(app, snap_compare) -> None:
    assert snap_compare(app, terminal_size=(80, 24))


def test_help_screen(app, snap_compare) -> None:
    assert snap_compare(app, press=["question_mark"], terminal_size=(120, 36))


def test_help_screen_80x24(app, snap_compare) -> None:
    assert snap_compare(app, press=["question_mark"], terminal_size=(80, 24))


def test_export_dialog(app, snap_compare) -> None:
    assert snap_compare(app, press=["t"], terminal_size=(120, 36))


def test_realign_dialog_80x24(rubli_alignment: Alignment, tmp_path: Path, snap_compare) -> None:
    """The offer to re-align a session whose source changed, on the smallest terminal."""
    source = tmp_path / "it.txt"
    source.write_text(rubli_alignment.src.text + "\nUna riga in più.", encoding="utf-8")
    session = tmp_path / "en.txt.review.json"
    Review.start(rubli_alignment, session_path=session).close()
    app = make_app(ChangedSession(session, (source,)))
    assert snap_compare(app, terminal_size=(80, 24))


def test_export_dialog_80x24(app, snap_compare) -> None:
    """Compact fields: the buttons are on the screen."""
    assert snap_compare(app, press=["t"], terminal_size=(80, 24))


def test_main_screen_light_80x24(app, snap_compare) -> None:
    """The light theme reaches the beads too."""

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"

    assert snap_compare(app, run_before=light, terminal_size=(80, 24))


@pytest.fixture
def seed_app(seed_alignment: Alignment, encoder, tmp_path: Path):
    """The seed pair under its own file names, from its first bead: the English table
    of contents the Italian lacks reads as one row."""
    session = tmp_path / f"{seed_alignment.tgt.path.name}.review.json"
    review = Review.start(seed_alignment, session_path=session, encoder=encoder)
    review.check_all()
    return make_app(review)


def test_not_a_translation_80x24(
    mismatched_alignment: Alignment, encoder, tmp_path: Path, snap_compare
) -> None:
    """Two articles that do not translate each other: the header's last line says so."""
    review = Review.start(
        mismatched_alignment, session_path=tmp_path / "003.review.json", encoder=encoder
    )
    review.check_all()
    assert snap_compare(make_app(review), terminal_size=(80, 24))


def test_heading_run_80x24(seed_app, snap_compare) -> None:
    assert snap_compare(seed_app, press=["j"], terminal_size=(80, 24))


def test_heading_run_120x36(seed_app, snap_compare) -> None:
    assert snap_compare(seed_app, press=["j"], terminal_size=(120, 36))


def test_figures_80x24(app, snap_compare) -> None:
    """The selected bead's figures: the error's two ends side by side."""
    assert snap_compare(app, press=["i"], terminal_size=(80, 24))


def test_figures_120x36(app, snap_compare) -> None:
    assert snap_compare(app, press=["i"], terminal_size=(120, 36))


class _BlockedEncoder:
    """The default encoder, stuck before its first sentence: the screen stays on the
    documents being aligned (it goes on after a few seconds, once the picture is taken)."""

    def __init__(self, encoder) -> None:
        self.encoder = encoder
        self.name, self.languages = encoder.name, encoder.languages

    def encode(self, texts):
        threading.Event().wait(timeout=3)
        return self.encoder.encode(texts)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_documents_while_aligning(
    rubli_alignment: Alignment, encoder, tmp_path: Path, snap_compare, size
) -> None:
    """A new review shows the documents' lines at once, the progress above them."""
    start = NewReview(
        rubli_alignment.src.path,
        rubli_alignment.tgt.path,
        tmp_path / "s.json",
        src_lang="it",
        tgt_lang="en",
    )

    async def embedding(pilot) -> None:
        while "Embedding" not in str(pilot.app.screen.query_one("#stage").render()):
            await pilot.pause(0.05)

    app = make_app(start, _BlockedEncoder(encoder))
    assert snap_compare(app, run_before=embedding, terminal_size=size)
