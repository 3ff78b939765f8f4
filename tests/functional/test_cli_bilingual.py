"""Bilingual files (XLIFF 1.2, 2.0, PO) given alone to `check`, `report` and `review`:
their units are the pairs, the wrong number of each fixture is found, the placeholders
are compared, a reviewer reviews the units as beads and exports them to TMX with their
tags; a bad file is one error line and exit 2."""

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree
from textual.widgets import OptionList, Static

from aligner.cli import main
from aligner.cli.parser import build_parser
from aligner.cli.review import memory_review
from aligner.memory.tmx import read_tmx
from aligner.review import resume_review
from aligner.tui import make_app
from aligner.tui.screens.dialogs import TextScreen
from aligner.tui.screens.export import ExportScreen

DATA = Path(__file__).resolve().parents[1] / "data" / "bilingual"
#: Each fixture, with the tuid of the unit holding its wrong number and the error.
FIXTURES = {
    "seed-it-en.xlf": ("p1", "value-mismatch"),
    "seed-it-en.xliff": ("p1", "scale-mismatch"),
    "seed-en-it.po": (None, "value-mismatch"),
}
SIZE = (120, 36)


def copy(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / name, tmp_path / name))


@pytest.mark.parametrize("name", FIXTURES)
def test_check_finds_the_wrong_number_of_each_bilingual_file(name: str, capsys) -> None:
    assert main(["check", str(DATA / name), "--format", "json"]) == 1

    out, err = capsys.readouterr()
    pairs = json.loads(out)["pairs"]
    errors = [
        (pair["tuid"], finding["code"])
        for pair in pairs
        for finding in pair["findings"]
        if finding["severity"] == "error"
    ]
    assert errors == [FIXTURES[name]]
    assert err.splitlines()[0].startswith(f"aligner: read {len(pairs)} pairs ")
    assert "aligner: skipped " in err and "without a translation" in err


def test_check_shows_xliff_states_and_po_fuzzy_entries(capsys) -> None:
    main(["check", str(DATA / "seed-it-en.xlf")])
    xliff = capsys.readouterr().out
    assert main(["check", str(DATA / "seed-en-it.po"), "--fail-on", "warning"]) == 1
    po = capsys.readouterr().out

    assert "unit-state  state needs-review-translation: the translation waits for review" in xliff
    assert "fuzzy  marked fuzzy: gettext does not use this translation" in po


def test_a_tag_dropped_from_an_xliff_target_is_found(tmp_path: Path, capsys) -> None:
    path = copy("seed-it-en.xlf", tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('Photo credit: <ph id="4">', 'Photo credit: <ph id="5">'))

    main(["check", str(path), "--format", "tsv"])

    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert {(row[1], row[5]) for row in rows if row[4] == "placeholders"} == {
        ("caption", "placeholder-missing"),
        ("caption", "placeholder-extra"),
    }


@pytest.mark.parametrize("name", FIXTURES)
def test_report_of_a_bilingual_file_lists_its_units_and_the_error(
    name: str, tmp_path: Path, capsys
) -> None:
    output = tmp_path / "report.html"

    assert main(["report", str(DATA / name), "-o", str(output)]) == 0

    html = output.read_text(encoding="utf-8")
    assert FIXTURES[name][1] in html
    assert "&lt;g1&gt;" in html or "&lt;pc1&gt;" in html or "%(agency)s" in html
    assert "without a translation" in html  # the skipped unit, by line


BAD_FILES = {
    "undeclared-prefix.xlf": (
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
        'source-language="it" target-language="en"><body><trans-unit id="1"><source>Ciao '
        "<b:x/></source><target>Hi <b:x/></target></trans-unit></body></file></xliff>",
        "line 1: malformed XML: Namespace prefix b on x is not defined",
    ),
    "entity.xlf": (
        '<!DOCTYPE xliff [<!ENTITY boom "3 milioni">]>\n<xliff version="1.2" '
        'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="it" '
        'target-language="en"><body><trans-unit id="1"><source>&boom;</source><target>3 '
        "million</target></trans-unit></body></file></xliff>",
        "line 2: entity reference &boom; refused (entities are not expanded, for safety)",
    ),
    "truncated.xlf": (None, "malformed XML: "),
    "no-target-language.xliff": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="it">'
        '<file id="f"><unit id="u"><segment><source>Ciao</source></segment></unit></file></xliff>',
        "no target language (<xliff> has no trgLang): give --tgt-lang",
    ),
    "syntax-error.po": (
        'msgid ""\nmsgstr ""\n"Language: it\\n"\n\nmsgid "5300 dollars"\nmsgstr 5300 dollari\n',
        "line 6: PO syntax error: no quoted string",
    ),
}


@pytest.mark.parametrize("command", ["check", "report", "review"])
@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_bilingual_file_is_one_error_line_and_exit_2(
    name: str, command: str, tmp_path: Path, capsys
) -> None:
    content, expected = BAD_FILES[name]
    path = tmp_path / name
    if content is None:
        path.write_bytes((DATA / "seed-it-en.xlf").read_bytes()[:900])
    else:
        path.write_text(content, encoding="utf-8")
    output = ["-o", str(tmp_path / "report.html")] if command == "report" else []

    assert main([command, str(path), *output]) == 2

    err = capsys.readouterr().err
    assert err.startswith(f"aligner: error: {path}: ") and err.count("\n") == 1
    assert expected in err
    assert not (tmp_path / f"{name}.review.json").exists()


def test_a_bilingual_file_and_a_target_document_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", str(DATA / "seed-it-en.xlf"), str(DATA / "seed-en-it.po")])

    assert exited.value.code == 2
    assert "is a bilingual file: give it alone" in capsys.readouterr().err


async def test_a_reviewer_fixes_an_xliff_unit_and_exports_it_with_its_tags(
    tmp_path: Path, capsys
) -> None:
    path = copy("seed-it-en.xlf", tmp_path)
    review = memory_review(build_parser().parse_args(["review", str(path)]))
    assert len(review.beads) == 4  # one bead per translated unit
    # The unit whose amount is wrong (the title has a note: "Cremlino" is not translated).
    bead = next(
        i
        for i in range(len(review.beads))
        if any(f.severity == "error" for f in review.findings(i))
    )
    review.cursor = bead
    text = review.checked(bead).pair.tgt_text
    exported = tmp_path / "out.tmx"

    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(pilot.app.screen, TextScreen)
        pilot.app.screen.query_one("#text").load_text(text.replace("$3500", "$5300"))
        await pilot.press("enter", "t")
        assert isinstance(pilot.app.screen, ExportScreen)
        pilot.app.screen.query_one("#path").value = str(exported)
        await pilot.click("#export-button")

    assert review.findings(bead) == ()
    # The session is the file's: `aligner check SESSION` sees the fix.
    session = tmp_path / "seed-it-en.xlf.review.json"
    assert resume_review(session).checked(bead).pair.tgt_text.count("$5300") == 1
    assert main(["check", str(session)]) == 0
    capsys.readouterr()
    # The unit keeps its id: a CAT tool matches the memory's unit with the file's.
    assert [tu.get("tuid") for tu in etree.parse(str(exported)).iter("tu")] == [
        "title",
        "p1",
        "p2",
        "caption",
    ]
    seg = etree.parse(str(exported)).xpath("//tu[@tuid='p1']/tuv[2]/seg")[0]
    assert [(code.tag, dict(code.attrib), code.text) for code in seg] == [
        ("bpt", {"i": "1", "x": "1"}, "<g1>"),
        ("ept", {"i": "1"}, "</g1>"),
        ("ph", {"x": "2"}, "<x2/>"),
    ]
    assert seg.text == "On " and seg[0].tail == "August 3rd"
    # Read back, the codes are the tags they were: the memory can be checked again.
    fixed = text.replace("$3500", "$5300")
    assert read_tmx(exported).units[bead].tgt_text == fixed


async def test_the_review_shows_an_xliff_units_id_state_and_notes(tmp_path: Path) -> None:
    path = copy("seed-it-en.xlf", tmp_path)
    review = memory_review(build_parser().parse_args(["review", str(path)]))
    review.cursor = 1

    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.pause()
        summary = str(pilot.app.screen.query_one("#bead-summary", Static).content)
        listed = pilot.app.screen.query_one("#findings", OptionList)
        options = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]

    assert "Unit p1 · line 13 · state needs-review-translation" in summary
    assert "Note: Check the amount against the Reuters story." in options


def test_printf_placeholders_go_to_tmx_as_ph_and_come_back_to_be_checked(
    tmp_path: Path, capsys
) -> None:
    review = memory_review(
        build_parser().parse_args(["review", str(copy("seed-en-it.po", tmp_path))])
    )
    review.edit_target(0, "La Russia è a corto di soldati e il Cremlino si rivolge al Kazakistan")
    exported = tmp_path / "po.tmx"
    review.export_tmx(exported)

    # The entry's context is its id, kept as the unit's tuid.
    seg = etree.parse(str(exported)).xpath("//tu[@tuid='headline']/tuv[1]/seg")[0]
    assert [(code.tag, code.text) for code in seg] == [("ph", "%(country)s")]
    assert main(["check", "--tmx", str(exported), "--format", "tsv"]) == 1
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert ("headline", "placeholder-missing") in {(row[1], row[5]) for row in rows}


def test_a_review_of_a_bilingual_file_resumes_from_its_session(tmp_path: Path, capsys) -> None:
    path = copy("seed-en-it.po", tmp_path)
    args = build_parser().parse_args(["review", str(path)])
    first = memory_review(args)
    first.accept(2)
    first.close()  # the window is closed

    resumed = memory_review(args)

    assert [bead.accepted for bead in resumed.beads] == [False, False, True, False, False, False]
    resumed.export_tmx(tmp_path / "po.tmx")
    tuids = [tu.get("tuid") for tu in etree.parse(str(tmp_path / "po.tmx")).iter("tu")]
    assert tuids[0] == "headline"  # the resumed review still knows the entries' ids
    assert "resuming the review saved in" in capsys.readouterr().err
