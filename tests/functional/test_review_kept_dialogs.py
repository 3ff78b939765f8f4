"""The review screen's dialogs are made once and kept (`KeptDialogs`): opened again,
each shows what this use is about, never what the last one left in it."""

from pathlib import Path

import pytest
from pilot_waits import workers_done
from textual.widgets import Input, Label, OptionList, Static

from aligner import Alignment
from aligner.model import bead_number
from aligner.review import Review
from aligner.tui import make_app
from aligner.tui.screens.bulk import CodeScreen
from aligner.tui.screens.dialogs import SplitScreen, TextScreen
from aligner.tui.screens.main import MainScreen
from aligner.tui.screens.search import SearchScreen
from aligner.tui.widgets.bead_list import BeadList

SIZE = (120, 36)


@pytest.fixture
def review(rubli_alignment: Alignment, encoder, tmp_path: Path) -> Review:
    return Review.start(
        rubli_alignment, session_path=tmp_path / "en.txt.review.json", encoder=encoder
    )


def text_dialog(app) -> tuple[str, str]:
    """The open text dialog's title and text."""
    screen = app.screen
    assert isinstance(screen, TextScreen)
    return str(screen.query_one("#title", Static).render()), screen.query_one("#text").text


async def test_a_text_dialog_opened_again_shows_this_beads_text_not_the_last_ones(
    review: Review,
) -> None:
    first, second = 0, 20  # two beads with both sides
    source, target = review.texts(second)
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("e", *" typed, then cancelled", "escape")
        pilot.app.screen.query_one(BeadList).select_bead(second)
        await pilot.pause()
        await pilot.press("e")
        assert text_dialog(pilot.app) == (f"Target of bead {bead_number(second)}", target)
        await pilot.press("ctrl+z")  # the last use's typing is not in its undo
        assert text_dialog(pilot.app)[1] == target
        await pilot.press("escape", "E")
        assert text_dialog(pilot.app) == (f"Source of bead {bead_number(second)}", source)
        await pilot.press("escape", "c")
        assert text_dialog(pilot.app) == (f"Comment on bead {bead_number(second)}", "")
        await pilot.press(*"ask the client", "enter")
        pilot.app.screen.query_one(BeadList).select_bead(first)
        await pilot.pause()
        await pilot.press("c")
        assert text_dialog(pilot.app) == (f"Comment on bead {bead_number(first)}", "")
        await pilot.press("escape")
    assert review.beads[second].comment == "ask the client" and review.beads[first].comment == ""
    assert review.texts(second) == (source, target)


async def test_the_split_dialog_offers_this_beads_split_points(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await workers_done(pilot)
        await pilot.press("s")
        assert pilot.app.screen.query_one(OptionList).option_count == 4  # a 1-2 bead
        await pilot.press("escape", "m")
        await workers_done(pilot)
        await pilot.press("s")
        screen = pilot.app.screen
        assert isinstance(screen, SplitScreen)
        assert screen.query_one(OptionList).option_count == len(review.split_points(0)) == 6
        assert screen.query_one(OptionList).highlighted == 0
        await pilot.press("escape")


async def test_the_search_dialog_shows_the_last_search_made_not_what_was_cancelled(
    review: Review,
) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Kazak", "enter")
        await pilot.press("slash", "ctrl+a", *"[unfinished", "escape")
        await pilot.press("slash")
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_one("#text", Input).value == "Kazak"
        assert str(screen.query_one("#search-error", Label).render()) == ""
        await pilot.press("escape")


async def test_the_codes_dialog_counts_the_findings_open_now(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await workers_done(pilot)
        codes = review.open_codes()
        await pilot.press("D")
        assert isinstance(pilot.app.screen, CodeScreen)
        assert pilot.app.screen.query_one(OptionList).option_count == len(codes)
        await pilot.press("enter", "enter")  # the first code, no note
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("D")
        shown = pilot.app.screen.query_one(OptionList)
        assert shown.option_count == len(codes) - 1 == len(review.open_codes())
        await pilot.press("escape")


def error_bead(review: Review) -> int:
    """The bead of "120.000 rubli" / "$120,000"."""
    return next(
        i
        for i in range(len(review.beads))
        if any(f.severity == "error" for f in review.findings(i))
    )


def screen_text(app) -> str:
    """The characters on the terminal."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_figures_opened_again_are_this_beads(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = pilot.app.screen.query_one(BeadList)
        beads.select_bead(error_bead(review))
        await pilot.pause()
        await pilot.press("i")
        assert "120.000" in screen_text(pilot.app)
        await pilot.press("escape")
        beads.select_bead(0)
        await pilot.pause()
        await pilot.press("i")
        shown = screen_text(pilot.app)
        assert "Figures of bead 1" in shown and "Neither side has a figure." in shown
        assert "120.000" not in shown
        await pilot.press("escape")


async def test_the_export_dialog_opened_again_is_a_new_ones(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("t")
        default = pilot.app.screen.query_one("#path", Input).value
        pilot.app.screen.query_one("#path", Input).value = "elsewhere.tmx"
        pilot.app.screen.query_one("#min-confidence", Input).value = "0.7"
        await pilot.press("escape", "t")
        assert pilot.app.screen.query_one("#path", Input).value == default
        assert pilot.app.screen.query_one("#min-confidence", Input).value == "0"
        await pilot.press("escape")
