"""The findings of the checks of one pair in the review UI (Textual's Pilot): their
words highlighted in the bead's texts, their codes in the selected bead's findings."""

from pathlib import Path

from textual.widgets import OptionList

from aligner.memory.beads import memory_alignment
from aligner.memory.table import read_table
from aligner.review import Review
from aligner.tui import make_app
from aligner.tui.widgets.bead_list import HIGHLIGHT_STYLES, BeadList

SIZE = (120, 36)


def marked_text(beads: BeadList, bead: int, severity: str) -> list[str]:
    """The pieces of a bead's drawn lines in one severity's highlight, as the user sees them."""
    style = HIGHLIGHT_STYLES[severity]
    return [
        segment.text
        for strip in beads._bead_lines(bead)
        for segment in strip
        if segment.style is not None
        and (segment.style.bgcolor, segment.style.color) == (style.bgcolor, style.color)
    ]


def listed_findings(app) -> list[str]:
    options = app.screen.query_one("#findings", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_new_findings_are_highlighted_and_listed(tmp_path: Path) -> None:
    table = tmp_path / "pairs.tsv"
    table.write_text(
        "it\ten\n"
        "Il modello F125 è nuovo, vedi https://example.com/it/f125.\t"
        "The F126 model is new, see https://example.com/en/f125.\n"
        "Il gatto dorme, dice la NATO.\tThe the cat sleeps, says nato.\n",
        encoding="utf-8",
    )
    review = Review.start(
        memory_alignment(read_table(table), "test"), session_path=tmp_path / "r.review.json"
    )
    review.check_all()  # as the UI does in the background before it shows findings
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = pilot.app.screen.query_one(BeadList)
        assert "F126" in marked_text(beads, 0, "error")
        assert "https://example.com/en/f125" in marked_text(beads, 0, "info")
        assert any("code-changed" in line for line in listed_findings(pilot.app))
        await pilot.press("j")
        await pilot.pause()
        assert beads.bead == 1
        assert {"The the", "nato"} <= set(marked_text(beads, 1, "warning"))
        listed = listed_findings(pilot.app)
        assert any("repeated-word" in line for line in listed)
        assert any("case-changed" in line for line in listed)
