"""What leaves the tool is what the reviewer saw: an export after any review action is the
export of the session as saved, the CLI and the review UI write the same units and
notes, and a bead has one number in every view."""

import json
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from pilot_waits import workers_done
from textual.widgets import Static

from aligner import Alignment
from aligner.cli import main
from aligner.review import Review, resume_review
from aligner.tui import make_app
from aligner.tui.screens.export import ExportScreen

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_units(path: Path) -> list[tuple]:
    """Every unit of a TMX file as (tuid, props, notes, (lang, text) per variant): all
    that a memory keeps of it (the header's creation date left aside)."""
    return [
        (
            unit.get("tuid"),
            [(prop.get("type"), prop.text) for prop in unit.findall("prop")],
            [note.text for note in unit.findall("note")],
            [(tuv.get(XML_LANG), tuv.findtext("seg")) for tuv in unit.findall("tuv")],
        )
        for unit in etree.parse(str(path)).getroot().iter("tu")
    ]


@pytest.fixture
def review(rubli_alignment: Alignment, tmp_path: Path) -> Review:
    return Review.start(rubli_alignment, session_path=tmp_path / "en.txt.review.json")


def error_bead(review: Review) -> int:
    """The bead of "120.000 rubli" / "$120,000": a currency error."""
    return next(
        i
        for i in range(len(review.beads))
        if any(f.severity == "error" for f in review.findings(i))
    )


def one_to_one_followed_by_one_sided(review: Review) -> int:
    """A 1-1 bead followed by a bead with one side (a heading only one version has)."""
    beads = review.beads
    return next(
        i
        for i in range(len(beads) - 1)
        if beads[i].kind == "1-1" and not (beads[i + 1].src and beads[i + 1].tgt)
    )


def _merge_and_split(review: Review) -> None:
    bead = one_to_one_followed_by_one_sided(review)
    review.merge_with_next(bead)
    review.split_bead(bead, 1, 1)


def _merge_then_undo(review: Review) -> None:
    review.merge_with_next(one_to_one_followed_by_one_sided(review))
    review.undo()


ACTIONS: dict[str, Callable[[Review], None]] = {
    "accept": lambda review: review.accept(error_bead(review)),
    "dismiss": lambda review: review.dismiss_finding(
        error_bead(review), review.findings(error_bead(review))[0], "the client's currency"
    ),
    "comment": lambda review: review.comment(3, "checked with the client"),
    "merge": lambda review: review.merge_with_next(one_to_one_followed_by_one_sided(review)),
    "split": _merge_and_split,
    "detach": lambda review: review.detach(error_bead(review)),
    "edit": lambda review: review.edit_target(error_bead(review), "The salary is 120,000 rubles."),
    "undo": _merge_then_undo,
}


@pytest.mark.parametrize("accepted_only", [False, True], ids=["all", "accepted-only"])
@pytest.mark.parametrize("action", ACTIONS)
def test_an_export_after_any_action_is_the_export_of_the_saved_session(
    review: Review, tmp_path: Path, action: str, accepted_only: bool
) -> None:
    for index in range(0, len(review.beads), 2):
        review.accept(index)  # some beads accepted, so that accepted-only exports some
    ACTIONS[action](review)
    review.export_tmx(tmp_path / "now.tmx", accepted_only=accepted_only, tgt_lang="en-GB")

    resumed = resume_review(review.session_path)
    resumed.export_tmx(tmp_path / "resumed.tmx", accepted_only=accepted_only, tgt_lang="en-GB")

    assert tmx_units(tmp_path / "now.tmx") == tmx_units(tmp_path / "resumed.tmx")


def test_a_merged_bead_is_exported_as_one_unit_of_both_its_sentences(
    review: Review, tmp_path: Path
) -> None:
    bead = one_to_one_followed_by_one_sided(review)
    alone = review.checked(bead + 1).pair
    review.merge_with_next(bead)
    review.accept(bead)

    review.export_tmx(tmp_path / "out.tmx", accepted_only=True)

    [(tuid, props, _, variants)] = tmx_units(tmp_path / "out.tmx")
    assert tuid == str(bead + 1)
    assert dict(props)["x-aligner-bead"] in ("2-1", "1-2")
    merged_text = " ".join(text for _, text in variants)
    assert (alone.src_text or alone.tgt_text) in merged_text


async def export_in_the_ui(review: Review, bead: int, key: str, path: Path) -> list[tuple]:
    """Select `bead`, press `key`, then export TMX to `path` with the dialog: the units."""
    review.cursor = bead
    async with make_app(review).run_test(size=(120, 36)) as pilot:
        await pilot.press(key, "t")
        if not isinstance(pilot.app.screen, ExportScreen):
            # The change waited for the encoder, and the export with it ("One moment"):
            # once the change is made, the export holds it.
            await workers_done(pilot)
            await pilot.press("t")
        screen = pilot.app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#path").value = str(path)
        await pilot.click("#export-button")
    return tmx_units(path)


async def test_merge_then_export_in_the_ui_writes_the_merged_bead(
    review: Review, tmp_path: Path
) -> None:
    bead = one_to_one_followed_by_one_sided(review)

    units = await export_in_the_ui(review, bead, "m", tmp_path / "out.tmx")

    kinds = {tuid: dict(props)["x-aligner-bead"] for tuid, props, _, _ in units}
    assert kinds[str(bead + 1)] in ("2-1", "1-2")


async def test_detach_then_export_in_the_ui_leaves_the_two_sides_out(
    review: Review, tmp_path: Path
) -> None:
    units = await export_in_the_ui(review, error_bead(review), "x", tmp_path / "out.tmx")

    variants = [text for *_, pair in units for _, text in pair]
    assert not any("120.000 rubli" in text for text in variants)


def test_the_cli_and_the_review_write_the_same_units_and_notes(
    review: Review, corrupted_seed_paths: tuple[Path, Path], tmp_path: Path, capsys
) -> None:
    src, tgt = corrupted_seed_paths
    from_cli = tmp_path / "cli.tmx"
    arguments = ["--src-lang", "it", "--tgt-lang", "en", "--format", "tmx", "-o", str(from_cli)]
    assert main(["align", str(src), str(tgt), *arguments]) == 0

    review.export_tmx(tmp_path / "review.tmx")

    units = tmx_units(from_cli)
    assert units == tmx_units(tmp_path / "review.tmx")
    notes = [note for _, _, unit_notes, _ in units for note in unit_notes]
    assert any(note.startswith("error currency-mismatch:") for note in notes)


def test_dismissals_and_comments_are_notes_beside_the_open_findings(
    review: Review, tmp_path: Path
) -> None:
    bead = error_bead(review)
    finding = review.findings(bead)[0]
    review.comment(bead, "the client pays in roubles")
    review.dismiss_finding(bead, finding, "agreed with the client")

    review.export_tmx(tmp_path / "out.tmx")

    [notes] = [
        notes for tuid, _, notes, _ in tmx_units(tmp_path / "out.tmx") if tuid == str(bead + 1)
    ]
    assert notes[0] == "the client pays in roubles"
    assert f"{finding.code} dismissed: agreed with the client" in notes
    assert not any(note.startswith(f"error {finding.code}") for note in notes)


async def test_a_bead_has_one_number_in_every_view(
    review: Review, corrupted_seed_paths: tuple[Path, Path], tmp_path: Path, capsys, table_rows
) -> None:
    src, tgt = corrupted_seed_paths
    languages = ["--src-lang", "it", "--tgt-lang", "en"]
    number = error_bead(review) + 1
    error_text = review.checked(number - 1).pair.src_text

    main(["check", str(src), str(tgt), *languages, "--format", "json"])
    [checked] = [
        pair
        for pair in json.loads(capsys.readouterr().out)["pairs"]
        if any(f["severity"] == "error" for f in pair["findings"])
    ]
    assert checked["number"] == number

    main(["check", str(src), str(tgt), *languages])
    assert f"#{number}  " in capsys.readouterr().out

    main(["align", str(src), str(tgt), *languages])
    [row] = [row for row in table_rows(capsys.readouterr().out) if "120.000 rubli" in row[3]]
    assert row[0] == str(number)

    report = tmp_path / "report.html"
    main(["report", str(src), str(tgt), *languages, "-o", str(report)])
    page = lxml.html.parse(str(report)).getroot()
    [number_cell] = page.xpath("//tbody[contains(@class, 'error')]//td[@class='number']")
    assert number_cell.text_content().strip() == str(number)

    tmx = tmp_path / "out.tmx"
    main(["align", str(src), str(tgt), *languages, "--format", "tmx", "-o", str(tmx)])
    tuids = [tuid for tuid, _, notes, _ in tmx_units(tmx) if any("currency" in n for n in notes)]
    assert tuids == [str(number)]

    assert "120.000 rubli" in error_text
    review.cursor = number - 1
    async with make_app(review).run_test(size=(120, 36)) as pilot:
        summary = pilot.app.screen.query_one("#bead-summary", Static)
        assert str(summary.content).startswith(f"Bead {number} ")
