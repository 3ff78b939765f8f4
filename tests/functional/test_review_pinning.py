"""Pin and re-align in the review UI (Textual's Pilot), on the seed pair with "120.000
rubli" for "$120,000" and the stretch around it shifted by one target sentence."""

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from pilot_waits import workers_done

from aligner import Alignment
from aligner.review import Review, resume_review
from aligner.tui import make_app
from aligner.tui.screens.main import MainScreen
from aligner.tui.widgets.bead_list import BeadList
from aligner.tui.widgets.realign_progress import RealignProgress

SIZE = (120, 36)


def rubli_pair(review: Review) -> int | None:
    """The bead that pairs "120.000 rubli" with "$120,000", if one does."""
    for index in range(len(review.beads)):
        pair = review.checked(index).pair
        if "120.000 rubli" in (pair.src_text or "") and "$120,000" in (pair.tgt_text or ""):
            return index
    return None


@pytest.fixture
def aligned_beads(rubli_alignment: Alignment, encoder) -> list[tuple]:
    review = Review.start(rubli_alignment, encoder=encoder)
    return [(b.src, b.tgt) for b in review.beads]


@pytest.fixture
def review(rubli_alignment: Alignment, encoder, tmp_path: Path, shifted) -> Review:
    """The review with the stretch around the rubli bead shifted; the cursor on the
    rubli sentence, paired with the wrong target."""
    plain = Review.start(rubli_alignment, encoder=encoder)
    error = rubli_pair(plain)
    assert error is not None
    beads = shifted(rubli_alignment.beads, error - 2, error + 3)
    review = Review.start(
        replace(rubli_alignment, beads=beads),
        session_path=tmp_path / "en.txt.review.json",
        encoder=encoder,
    )
    assert rubli_pair(review) is None
    review.cursor = error - 1  # the rubli sentence now
    return review


def bead_list(app) -> BeadList:
    return app.screen.query_one(BeadList)


def gutter(app, bead: int) -> str:
    beads = bead_list(app)
    return beads._gutter(bead, beads._layout()).text


async def test_p_pins_and_unpins_with_a_mark(review: Review) -> None:
    bead = review.cursor
    async with make_app(review).run_test(size=SIZE) as pilot:
        assert "◆" not in gutter(pilot.app, bead)
        await pilot.press("p")
        assert review.beads[bead].pinned
        assert "◆" in gutter(pilot.app, bead)
        await pilot.press("p")
        assert not review.beads[bead].pinned
        await pilot.press("p")
    assert resume_review(review.session_path).beads[bead].pinned


async def test_r_without_pins_says_what_to_do(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await workers_done(pilot)
        await pilot.pause()
        assert any("no bead is pinned" in n.message for n in pilot.app._notifications)
        assert not pilot.app.screen.query(RealignProgress)


async def test_r_realigns_between_pins_in_the_background_then_u_undoes_and_export_resume(
    review: Review, aligned_beads, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aligner.pinning

    release = threading.Event()
    align_stretch = aligner.pinning.align_stretch

    def held(*args, **kwargs):  # the aligner, working until the test lets it finish
        release.wait(timeout=30)
        return align_stretch(*args, **kwargs)

    monkeypatch.setattr(aligner.pinning, "align_stretch", held)
    rubli = review.cursor
    async with make_app(review).run_test(size=SIZE) as pilot:
        # Pin the beads around the shifted stretch, then re-align from inside it.
        await pilot.press("up", "up", "p")
        await pilot.press(*["down"] * 7, "p")
        await pilot.press("up", "up", "up", "up", "up")
        assert bead_list(pilot.app).bead == rubli
        before = review.beads
        pinned = [b for b in before if b.pinned]
        await pilot.press("r")
        await pilot.pause()
        assert pilot.app.screen.query(RealignProgress)  # the progress bar shows
        await pilot.press("space")  # chosen on the beads as they are: refused
        assert not any(b.accepted for b in review.beads)
        await pilot.press("down")  # the screen still moves
        moved_to = review.checked(rubli + 1).pair
        release.set()
        await workers_done(pilot)
        await pilot.pause()
        assert not pilot.app.screen.query(RealignProgress)
        assert [(b.src, b.tgt) for b in review.beads] == aligned_beads
        assert [b for b in review.beads if b.pinned] == pinned
        # The cursor stays on the text it moved to; the rubli sentence has its own
        # translation now, and its finding.
        cursor = review.checked(bead_list(pilot.app).bead).pair
        assert moved_to.src_text and moved_to.src_text in (cursor.src_text or "")
        assert "currency-mismatch" in {f.code for f in review.findings(rubli_pair(review))}
        assert any("Re-aligned" in n.message for n in pilot.app._notifications)
        realigned = review.beads
        await pilot.press("u")  # one undo: everything back, the cursor on its text
        assert review.beads == before
        assert review.checked(bead_list(pilot.app).bead).pair == moved_to
        await pilot.press("r")
        await workers_done(pilot)
        await pilot.pause()
        assert review.beads == realigned
        path = tmp_path / "out.tmx"
        await pilot.press("t")
        pilot.app.screen.query_one("#path").value = str(path)
        await pilot.click("#export-button")
        assert isinstance(pilot.app.screen, MainScreen)
    number = rubli_pair(review) + 1
    unit = etree.parse(str(path)).find(f".//tu[@tuid='{number}']")
    assert "$120,000" in unit.xpath("string(tuv[2]/seg)")
    assert resume_review(review.session_path).beads == realigned


async def test_the_palette_pins_every_accepted_bead(review: Review) -> None:
    review.accept(3)
    review.accept(5)
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Pin every accepted")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert [i for i, b in enumerate(review.beads) if b.pinned] == [3, 5]


async def test_the_palette_realigns_every_stretch(review: Review, aligned_beads) -> None:
    review.pin(0)
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Re-align every stretch")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await workers_done(pilot)
        await pilot.pause()
    assert rubli_pair(review) is not None


async def test_escape_stops_a_realignment_and_nothing_changes(
    review: Review, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aligner.pinning

    release = threading.Event()
    align_stretch = aligner.pinning.align_stretch

    def held(*args, **kwargs):
        release.wait(timeout=30)
        return align_stretch(*args, **kwargs)

    monkeypatch.setattr(aligner.pinning, "align_stretch", held)
    review.pin(0)
    before = review.beads
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape")
        release.set()
        await workers_done(pilot)
        await pilot.pause()
        assert not pilot.app.screen.query(RealignProgress)
        assert any("stopped: nothing changed" in n.message for n in pilot.app._notifications)
        assert review.beads == before
        await pilot.press("space")  # changes are made again
        assert any(bead.accepted for bead in review.beads)
