"""The document checks (consistency, meaning) in the review UI (Textual's Pilot): after
a change they run again in the background, and their findings reach the findings panel
and the export."""

from pathlib import Path

from lxml import etree
from pilot_waits import workers_done
from textual.widgets import OptionList

from aligner.memory.beads import memory_alignment
from aligner.memory.table import read_table
from aligner.review import Review
from aligner.tui import make_app
from aligner.tui.screens.dialogs import TextScreen
from aligner.tui.screens.export import ExportScreen
from aligner.tui.widgets.bead_list import BeadList

SIZE = (120, 36)


def listed_findings(app) -> list[str]:
    options = app.screen.query_one("#findings", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_an_edit_that_makes_a_translation_inconsistent_is_found_and_exported(
    tmp_path: Path, encoder
) -> None:
    table = tmp_path / "pairs.tsv"
    table.write_text(
        "it\ten\n"
        "Il fornitore consegna la merce.\tThe supplier delivers the goods.\n"
        "Il prezzo sale ogni anno.\tThe price goes up every year.\n"
        "Il fornitore consegna la merce.\tThe supplier delivers the goods.\n",
        encoding="utf-8",
    )
    review = Review.start(
        memory_alignment(read_table(table), "test"),
        session_path=tmp_path / "r.review.json",
        encoder=encoder,
    )
    path = tmp_path / "out.tmx"
    async with make_app(review).run_test(size=SIZE) as pilot:
        await workers_done(pilot)  # the first checks
        await pilot.pause()
        assert not any("inconsistent" in line for line in listed_findings(pilot.app))
        await pilot.press("j", "j", "e")
        screen = pilot.app.screen
        assert isinstance(screen, TextScreen)
        screen.query_one("#text").load_text("The vendor delivers the goods.")
        await pilot.press("enter")
        await workers_done(pilot)  # the document checks, again
        await pilot.pause()
        listed = listed_findings(pilot.app)
        assert any("inconsistent-translation" in line and "#1" in line for line in listed)
        await pilot.press("k", "k")  # the first bead has it too, naming the third
        assert pilot.app.screen.query_one(BeadList).bead == 0
        listed = listed_findings(pilot.app)
        assert any("inconsistent-translation" in line and "#3" in line for line in listed)
        await pilot.press("t")
        screen = pilot.app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#path").value = str(path)
        await pilot.click("#export-button")
    notes = [unit.xpath("note/text()") for unit in etree.parse(str(path)).xpath("//tu")]
    assert [
        [note for note in unit if note.startswith("warning inconsistent-translation")]
        for unit in notes
    ] == [
        ["warning inconsistent-translation: the same source is translated 2 ways: "
         "differently in bead #3"],
        [],
        ["warning inconsistent-translation: the same source is translated 2 ways: "
         "differently in bead #1"],
    ]  # fmt: skip
