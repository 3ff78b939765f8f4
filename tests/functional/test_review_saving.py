"""The review screen saves each change behind the screen: nothing is lost on quitting,
and a save that fails says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_waits import workers_done

from aligner import Alignment
from aligner.review import Review, resume_review
from aligner.tui import make_app
from aligner.tui.screens.dialogs import ConfirmScreen

SIZE = (120, 36)


@pytest.fixture
def review(rubli_alignment: Alignment, encoder, tmp_path: Path) -> Review:
    return Review.start(
        rubli_alignment, session_path=tmp_path / "en.txt.review.json", encoder=encoder
    )


def header_text(app) -> str:
    return str(app.screen.query_one("#header").render())


async def test_changes_then_an_immediate_quit_are_all_in_the_session(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("c", *"checked", "enter", "space", "q")
        assert pilot.app.return_code == 0
    resumed = resume_review(review.session_path)
    assert resumed.beads[0].comment == "checked"
    assert resumed.beads[0].accepted


def block_session(review: Review, tmp_path: Path) -> None:
    """The session can be locked but not written: a folder stands where it goes."""
    review.session_path = tmp_path / "folder.review.json"
    review.session_path.mkdir()


@pytest.mark.parametrize("key", ["space", "ctrl+s"])  # a change, then saving by hand
async def test_a_background_save_that_fails_says_not_saved_and_quitting_asks(
    review: Review, tmp_path: Path, key: str
) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        block_session(review, tmp_path)
        await pilot.press(key)
        review.wait_for_saves()
        await pilot.pause()
        assert "not saved in folder.review.json" in header_text(pilot.app)
        assert any("Not saved" in notice for notice in notices(pilot.app))
        assert not any(notice.startswith("Saved") for notice in notices(pilot.app))
        await pilot.press("q")
        assert isinstance(pilot.app.screen, ConfirmScreen)


async def test_a_save_that_succeeds_after_a_failure_clears_not_saved(
    review: Review, tmp_path: Path
) -> None:
    writable = review.session_path
    async with make_app(review).run_test(size=SIZE) as pilot:
        block_session(review, tmp_path)
        await pilot.press("space")
        review.wait_for_saves()
        await pilot.pause()
        review.session_path = writable
        await pilot.press("home", "c", *"checked", "enter")  # the next change is saved
        review.wait_for_saves()
        await pilot.pause()
        assert "not saved" not in header_text(pilot.app)
    assert resume_review(writable).beads[0].comment == "checked"


async def test_a_resumed_review_shows_its_findings_without_checking_them_again(
    review: Review, encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.pause()
        seen = header_text(pilot.app)
        assert "1 error" in seen
        await pilot.press("q")
    checked = []
    monkeypatch.setattr(
        "aligner.review_findings.check_pair", lambda pair, config: checked.append(pair)
    )
    resumed = resume_review(review.session_path, encoder)
    async with make_app(resumed).run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        await pilot.pause()
        assert header_text(pilot.app) == seen
    assert len(checked) == 1  # once, to load the checks' data: no bead checked again


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_ctrl_s_saves_behind_the_screen_and_says_so_once_written(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "ctrl+s")
        review.wait_for_saves()
        await pilot.pause()
        assert notices(pilot.app)[-1] == f"Saved {review.session_path}"
        # On disk before quitting, where the cursor is.
        assert resume_review(review.session_path).cursor == pilot.app.screen.beads.bead


async def test_ctrl_s_then_an_immediate_quit_loses_nothing(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("c", *"checked", "enter", "space", "ctrl+s")
        cursor = pilot.app.screen.beads.bead
        await pilot.press("q")
        assert pilot.app.return_code == 0
    resumed = resume_review(review.session_path)
    assert resumed.beads[0].comment == "checked"
    assert resumed.beads[0].accepted
    assert resumed.cursor == cursor
