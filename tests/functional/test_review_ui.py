"""The review UI driven by its keys (Textual's Pilot), on the seed pair with a currency
error ("120.000 rubli" for "$120,000")."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from lxml import etree
from pilot_waits import workers_done
from textual import events

from aligner import Alignment, Bead, load_document
from aligner.review import Filter, Review, Status, resume_review
from aligner.tui import NewReview, make_app
from aligner.tui.app import ChangedSession, PreparingScreen
from aligner.tui.screens.dialogs import ConfirmScreen, SplitScreen, TextScreen
from aligner.tui.screens.export import ExportScreen
from aligner.tui.screens.help import HelpScreen
from aligner.tui.screens.main import MainScreen
from aligner.tui.widgets.bead_list import NARROW_GUTTER, WIDE_GUTTER, BeadList

SIZE = (120, 36)


@pytest.fixture
def review(rubli_alignment: Alignment, encoder, tmp_path: Path) -> Review:
    return Review.start(
        rubli_alignment, session_path=tmp_path / "en.txt.review.json", encoder=encoder
    )


def error_bead(review: Review) -> int:
    """The bead of "120.000 rubli" / "$120,000"."""
    return next(
        i
        for i in range(len(review.beads))
        if any(f.severity == "error" for f in review.findings(i))
    )


def bead_list(app) -> BeadList:
    return app.screen.query_one(BeadList)


async def test_arrows_and_jk_move_the_cursor(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        # Beads 2-18 (indices 1-17) are headings only the English has: z shows them.
        await pilot.press("down", "z", "j", "j")
        assert bead_list(pilot.app).bead == 3
        await pilot.press("up", "k")
        assert bead_list(pilot.app).bead == 1
        await pilot.press("end")
        assert bead_list(pilot.app).bead == len(review.beads) - 1
        await pilot.press("home")
        assert bead_list(pilot.app).bead == 0


async def test_n_and_shift_n_go_to_errors_and_warnings_not_notes(review: Review) -> None:
    with_findings = review.visible(Filter.FINDINGS)
    notes_only = [i for i, _ in enumerate(review.beads) if review.findings(i)]
    assert with_findings and set(notes_only) - set(with_findings)  # the headings' notes
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert bead_list(pilot.app).bead == with_findings[0]
        await pilot.press("end", "N")
        assert bead_list(pilot.app).bead == with_findings[-1]


async def test_f_cycles_the_filter(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = bead_list(pilot.app)
        await pilot.press("f")
        assert beads.view is Filter.FINDINGS
        assert beads.rows == review.visible(Filter.FINDINGS) != list(range(len(review.beads)))
        await pilot.press("f")
        assert beads.view is Filter.UNREVIEWED
        await pilot.press("f")
        assert beads.view is Filter.ALL


async def test_space_accepts_and_moves_on_and_is_saved(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert review.status(0) is Status.ACCEPTED
        assert bead_list(pilot.app).bead == 1
    assert resume_review(review.session_path).beads[0].accepted


async def test_an_accepted_bead_keeps_its_error_in_sight(review: Review) -> None:
    bead = error_bead(review)
    review.cursor = bead
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = bead_list(pilot.app)
        assert beads._gutter(bead, beads._layout()).text.endswith("·!   ")
        await pilot.press("space")
        assert review.status(bead) is Status.ACCEPTED_WITH_FINDINGS
        assert beads._gutter(bead, beads._layout()).text.endswith("✓!   ")
        await pilot.press("home", "n")  # n still stops there
        assert beads.bead == bead
        await pilot.press("f")  # and so does the filter of beads to check
        assert bead in beads.rows


async def test_the_header_counts_what_the_filters_show(review: Review) -> None:
    review.accept(error_bead(review))
    review.accept(0)
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = bead_list(pilot.app)
        await pilot.press("f")
        to_check = len(beads.rows)
        assert f"{to_check} to check" in header_text(pilot.app)
        assert f"showing {to_check} to check" in header_text(pilot.app)
        await pilot.press("f")
        not_accepted = len(beads.rows)
        assert not_accepted == len(review.beads) - 2
        assert "2 accepted" in header_text(pilot.app)
        assert f"showing {not_accepted} not accepted" in header_text(pilot.app)


async def test_d_dismisses_the_selected_finding_with_a_note(review: Review) -> None:
    bead = error_bead(review)
    review.cursor = bead
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert isinstance(pilot.app.screen, TextScreen)
        await pilot.press(*"paid in roubles", "enter")
        assert isinstance(pilot.app.screen, MainScreen)
    assert [f.code for f in review.findings(bead)] == []
    assert review.beads[bead].dismissed[0].note == "paid in roubles"


async def scored(pilot, *keys: str) -> None:
    """Press `keys`, then wait for the worker that scores the new beads (seconds on a
    busy machine) and the change it makes."""
    await pilot.press(*keys)
    await workers_done(pilot)


async def test_m_merges_s_splits_x_detaches_u_undoes(review: Review) -> None:
    kinds = [b.kind for b in review.beads]
    async with make_app(review).run_test(size=SIZE) as pilot:
        await scored(pilot, "m")
        assert review.beads[0].kind == "1-2" and len(review.beads) == len(kinds) - 1
        await pilot.press("s")
        assert isinstance(pilot.app.screen, SplitScreen)
        # Choices: (0, 1), (0, 2), (1, 0), (1, 1) source and target sentences first.
        await scored(pilot, "down", "down", "down", "enter")
        assert [b.kind for b in review.beads] == kinds
        await scored(pilot, "x")
        assert [b.kind for b in review.beads[:2]] == ["1-0", "0-1"]
        await pilot.press("u", "u", "u")
        assert [b.kind for b in review.beads] == kinds
        await pilot.press("u")  # nothing left: a notice, no change
        assert [b.kind for b in review.beads] == kinds


async def test_a_merge_waits_for_the_encoder_to_score_it_and_nothing_else_slips_in(
    review: Review, encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading = threading.Event()

    def slow_encoder(name, threads=None):  # the session's encoder, when the test says so
        loading.wait(timeout=30)
        return encoder

    monkeypatch.setattr("aligner.review.EncoderProcess", slow_encoder)
    review.close()
    resumed = resume_review(review.session_path)
    merged = [b.kind for b in review.beads[:2]]
    async with make_app(resumed).run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.press("space")  # chosen on the beads as they are: not made
        assert [b.kind for b in resumed.beads[:2]] == merged and not resumed.beads[0].accepted
        await pilot.press("down")  # moving still works
        assert bead_list(pilot.app).bead == 1
        loading.set()
        await workers_done(pilot)
        await pilot.pause()
        assert resumed.beads[0].kind == "1-2" and len(resumed.beads) == len(review.beads) - 1
        assert resumed.scoring_ready
        await pilot.press("m")  # now at once
        assert resumed.beads[0].kind == "1-3"


async def test_e_edits_the_target_and_the_bead_is_checked_again(review: Review) -> None:
    bead = error_bead(review)
    review.cursor = bead
    text = review.checked(bead).pair.tgt_text
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = pilot.app.screen
        assert isinstance(screen, TextScreen)
        screen.query_one("#text").load_text(text.replace("$120,000", "120,000 roubles"))
        await pilot.press("enter")
    assert review.findings(bead) == ()
    assert "120,000 roubles" in resume_review(review.session_path).checked(bead).pair.tgt_text


async def test_ctrl_a_in_the_edit_dialog_selects_the_text_to_type_over(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("e", "ctrl+a", *"Retyped.", "enter")
    assert review.checked(0).pair.tgt_text == "Retyped."
    assert resume_review(review.session_path).checked(0).pair.tgt_text == "Retyped."


async def test_c_comments(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("c", *"ask the client", "enter")
    assert review.beads[0].comment == "ask the client"


async def test_escape_cancels_a_dialog(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("c", "x", "escape")
        assert isinstance(pilot.app.screen, MainScreen)
    assert review.beads[0].comment == ""


async def test_ctrl_s_saves_the_cursor(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("j", "z", "j", "ctrl+s")  # z: the run of headings shown
    assert resume_review(review.session_path).cursor == 2


async def test_t_exports_tmx_with_the_dialog_options(review: Review, tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("space", "t")
        screen = pilot.app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#path").value = str(path)
        screen.query_one("#accepted-only").value = True
        screen.query_one("#tgt-lang").value = "en_GB"
        await pilot.click("#export-button")
    units = etree.parse(str(path)).xpath("//tu")
    assert [unit.get("tuid") for unit in units] == ["1"]  # bead 1, as the screen numbers it
    assert units[0].xpath("tuv/@xml:lang") == ["it", "en-GB"]


async def test_export_asks_before_replacing_a_file_and_keeps_it_by_default(
    review: Review, tmp_path: Path
) -> None:
    path = tmp_path / "out.tmx"
    path.write_text("the client's memory", encoding="utf-8")
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("t")
        pilot.app.screen.query_one("#path").value = str(path)
        await pilot.click("#export-button")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("enter")  # the default: keep it
        assert isinstance(pilot.app.screen, ExportScreen)
        assert path.read_text(encoding="utf-8") == "the client's memory"
        await pilot.click("#export-button")
        await pilot.click("#yes")
        assert isinstance(pilot.app.screen, MainScreen)
    assert etree.parse(str(path)).xpath("//tu")


async def test_export_dialog_refuses_a_bad_minimum(review: Review, tmp_path: Path) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("t")
        pilot.app.screen.query_one("#min-confidence").value = "7"
        await pilot.click("#export-button")
        assert isinstance(pilot.app.screen, ExportScreen)
        assert "0 to 1" in str(pilot.app.screen.query_one("#export-error").render())


async def test_question_mark_shows_every_key(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        listed = {b.id for b in pilot.app.screen.bindings}
        assert listed == {b.id for b in MainScreen.BINDINGS}
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("question_mark")  # again: the help is kept, not made again
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, MainScreen)


def test_every_binding_has_an_id_and_a_description() -> None:
    for binding in MainScreen.BINDINGS:
        assert binding.id and binding.description and binding.tooltip


async def test_q_quits_when_saved(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert pilot.app.return_code == 0


def header_text(app) -> str:
    return str(app.screen.query_one("#header").render())


async def test_q_asks_before_losing_unsaved_work_and_enter_stays(
    review: Review, tmp_path: Path
) -> None:
    review.session_path = tmp_path / "gone" / "session.json"  # cannot be written
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert pilot.app.screen.unsaved
        await pilot.press("q")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("enter")  # the default: stay
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("q", "escape")  # stay too
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("q")
        await pilot.click("#yes")
        assert pilot.app.return_code == 0


async def test_the_header_says_not_saved_until_a_save_succeeds(
    review: Review, tmp_path: Path
) -> None:
    writable = review.session_path
    async with make_app(review).run_test(size=SIZE) as pilot:
        assert "saved in en.txt.review.json" in header_text(pilot.app)
        review.session_path = tmp_path / "gone" / "en.txt.review.json"  # cannot be written
        await pilot.press("space")
        assert "not saved in en.txt.review.json" in header_text(pilot.app)
        await pilot.press("j")  # moving does not make it saved
        assert "not saved" in header_text(pilot.app)
        review.session_path = writable
        await pilot.press("ctrl+s")
        assert "not saved" not in header_text(pilot.app)
        assert "saved in en.txt.review.json" in header_text(pilot.app)


async def test_the_header_warns_of_documents_that_are_not_translations(
    review: Review, mismatched_alignment: Alignment, encoder, tmp_path: Path
) -> None:
    mismatched = Review.start(
        mismatched_alignment, session_path=tmp_path / "003.review.json", encoder=encoder
    )
    async with make_app(mismatched).run_test(size=SIZE) as pilot:
        warning = header_text(pilot.app).splitlines()[-1]
        assert warning.startswith("Not a translation: only 4% of the Italian and 4% of the")
        assert warning.endswith("English have a counterpart (mean confidence 0.16)")
    async with make_app(review).run_test(size=SIZE) as pilot:
        header = header_text(pilot.app)
        assert "Not a translation" not in header
        assert "reads as a translation (86% paired)" in header  # room for it at 120 columns


async def test_click_selects_and_wheel_scrolls(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = bead_list(pilot.app)
        await pilot.press("j", "z")  # the run of headings shown, one bead each
        await pilot.click(BeadList, offset=(20, beads._tops[2]))
        assert beads.bead == 2
        # Pilot has no public wheel helper.
        await pilot._post_mouse_events([events.MouseScrollDown], BeadList, offset=(20, 5))
        await pilot.pause()
        assert beads.scroll_offset.y > 0


async def test_narrow_and_wide_terminals(review: Review) -> None:
    for size in ((80, 24), (200, 50)):
        async with make_app(review).run_test(size=size) as pilot:
            beads = bead_list(pilot.app)
            assert beads._layout().gutter == (NARROW_GUTTER if size[0] < 100 else WIDE_GUTTER)
            await pilot.press("n")
            assert beads.bead is not None


async def test_a_new_review_aligns_in_the_background(rubli_alignment, encoder, tmp_path) -> None:
    start = NewReview(rubli_alignment.src.path, rubli_alignment.tgt.path, tmp_path / "s.json")
    async with make_app(start, encoder).run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, PreparingScreen)
        await pilot.pause()  # the first frame: then the alignment starts
        await workers_done(pilot)
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)
        assert len(pilot.app.screen.review.beads) == len(rubli_alignment.beads)
    assert (tmp_path / "s.json").exists()


async def test_a_new_review_embeds_in_the_encoders_own_process(rubli_alignment, tmp_path) -> None:
    """As `aligner review` starts (no encoder given), USE loads and embeds in a process
    of its own: the beads are those aligned here, and a merge is scored through it."""
    start = NewReview(rubli_alignment.src.path, rubli_alignment.tgt.path, tmp_path / "s.json")
    async with make_app(start).run_test(size=SIZE) as pilot:
        for _ in range(1200):  # until the beads show (60 s at most)
            if isinstance(pilot.app.screen, MainScreen):
                break
            await pilot.pause(0.05)
        review = pilot.app.screen.review
        assert [(b.src, b.tgt) for b in review.beads] == [
            (b.src, b.tgt) for b in rubli_alignment.beads
        ]
        scores = [b.score for b in rubli_alignment.beads]
        assert [b.score for b in review.beads] == pytest.approx(scores, abs=1e-4)
        await scored(pilot, "m")
        assert review.beads[0].kind == "1-2" and len(review.beads) == len(scores) - 1


async def test_a_language_that_cannot_be_detected_ends_the_review_with_one_line(
    rubli_alignment, encoder, tmp_path
) -> None:
    """The documents are read while the encoder loads in another process: what is wrong
    with one is still the error the review ends with."""
    short = tmp_path / "short.txt"
    short.write_text("Ciao.\n", encoding="utf-8")
    start = NewReview(short, rubli_alignment.tgt.path, tmp_path / "s.json")
    app = make_app(start, encoder)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(600):  # until the app ends (30 s at most)
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 2 and app.error is not None
    assert app.error.startswith(f"{short}: too little text to detect its language")


def changed_copy(review: Review, tmp_path: Path, old: str, new: str) -> Path:
    """A session of `review` pointing at a copy of its source with `old` made `new`."""
    source = tmp_path / "it.txt"
    text = review.alignment.src.path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    source.write_text(text.replace(old, new), encoding="utf-8")
    session = tmp_path / "moved.review.json"
    text = review.session_path.read_text(encoding="utf-8")
    relative = os.path.relpath(review.alignment.src.path, tmp_path)
    session.write_text(text.replace(f'"{relative}"', '"it.txt"'), encoding="utf-8")
    return session


async def test_a_changed_document_offers_to_realign_and_says_what_was_kept(
    review, encoder, tmp_path
) -> None:
    review.accept(0)
    review.merge_with_next(5)
    review.cursor = 5
    error = error_bead(review)
    review.comment(error, "ask about the currency")
    text = review.checked(error).pair.src_text
    session = changed_copy(review, tmp_path, text, text.replace("rubli", "dollari"))
    start = ChangedSession(session, (tmp_path / "it.txt",))
    async with make_app(start, encoder).run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("enter")  # the default: re-align
        await workers_done(pilot)
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)
        realigned = pilot.app.screen.review
        assert realigned.beads[0].accepted
        assert realigned.beads[5] == review.beads[5]  # the merge, as it was
        assert bead_list(pilot.app).bead == 5
        assert realigned.beads[error].comment == ""
        [notice] = [n.message for n in pilot.app._notifications]
        assert f"What you decided on bead {error + 1} could not be kept" in notice


async def test_a_second_window_on_a_session_is_refused(review: Review) -> None:
    second = resume_review(review.session_path)
    app = make_app(second)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 2
    assert "is open in another review" in app.error
    review.accept(0)  # the first window goes on saving
    assert resume_review(review.session_path).beads[0].accepted


KILLED_RUN = """
import asyncio, os, signal, sys
from pathlib import Path
from aligner.review import resume_review
from aligner.tui import make_app

async def main():
    app = make_app(resume_review(Path(sys.argv[1])))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "z", "j", "space", "e")  # z: the run of headings shown
        pilot.app.screen.query_one("#text").load_text("Edited before the crash.")
        await pilot.press("enter")
        os.kill(os.getpid(), signal.SIGKILL)

asyncio.run(main())
"""


def test_killed_app_loses_nothing(review: Review) -> None:
    """Edit, autosave, kill -9, resume: the same state, cursor included."""
    review.close()  # the session is the other process's
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_RUN), str(review.session_path)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    resumed = resume_review(review.session_path)
    assert resumed.beads[2].accepted
    assert resumed.checked(3).pair.tgt_text == "Edited before the crash."
    assert resumed.cursor == 3
    assert [b.kind for b in resumed.beads] == [b.kind for b in review.beads]


async def test_a_line_break_pasted_into_the_edit_dialog_is_a_space(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("e")
        area = pilot.app.screen.query_one("#text")
        area.load_text("")
        pilot.app.post_message(
            events.Paste("The first line\nand the second.")
        )  # as a terminal does
        await pilot.pause()
        assert area.text == "The first line and the second."
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, MainScreen)
    assert review.checked(0).pair.tgt_text == "The first line and the second."
    assert len(resume_review(review.session_path).beads) == len(review.beads)


async def test_typing_in_the_edit_dialog_keeps_the_text(review: Review) -> None:
    text = review.checked(0).pair.tgt_text
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("e", "!", "enter")
    assert review.checked(0).pair.tgt_text == text + "!"


async def test_tab_selects_which_finding_d_dismisses(tmp_path: Path) -> None:
    (tmp_path / "it.txt").write_text("Costa 450.000 rubli, cioè 3 milioni.", encoding="utf-8")
    (tmp_path / "en.txt").write_text("It costs $450,000, that is 3 billion.", encoding="utf-8")
    src, tgt = load_document(tmp_path / "it.txt", "it"), load_document(tmp_path / "en.txt", "en")
    review = Review.start(Alignment(src, tgt, (Bead((0,), (0,), 0.9),), "test"))
    first, second = review.findings(0)
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("tab", "down", "d", "enter")
    assert review.findings(0) == (first,)
    assert review.beads[0].dismissed[0].code == second.code
