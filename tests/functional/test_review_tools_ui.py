"""The reviewer's tools driven by their keys and the command palette (Textual's Pilot),
on the seed pair with a currency error ("120.000 rubli" for "$120,000"): search, go to
a bead, move a sentence, bulk decisions, source edits; then what the screen shows, the
export and the resumed session."""

import io
from pathlib import Path

import pytest
from lxml import etree
from pilot_waits import workers_done
from rich.console import Console
from textual.command import CommandPalette

from aligner import Alignment
from aligner.review import Filter, Review, resume_review
from aligner.search import Search
from aligner.tui import make_app
from aligner.tui.screens.bulk import CodeScreen
from aligner.tui.screens.dialogs import TextScreen
from aligner.tui.screens.main import MainScreen
from aligner.tui.screens.original import OriginalScreen
from aligner.tui.screens.search import SearchScreen
from aligner.tui.widgets.bead_list import HIGHLIGHT_STYLES, BeadList

SIZE = (120, 36)


@pytest.fixture
def review(rubli_alignment: Alignment, encoder, tmp_path: Path) -> Review:
    return Review.start(
        rubli_alignment, session_path=tmp_path / "en.txt.review.json", encoder=encoder
    )


def bead_list(app) -> BeadList:
    return app.screen.query_one(BeadList)


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


def tmx_units(path: Path) -> list[tuple[str, str, str]]:
    """(tuid, source, target) of each unit of a TMX file."""
    return [
        (tu.get("tuid"), *(seg.text or "" for seg in tu.iter("seg")))
        for tu in etree.parse(str(path)).iter("tu")
    ]


def marked_text(beads: BeadList, bead: int, style_name: str) -> list[str]:
    """The pieces of a bead's drawn lines in one highlight style, as the user sees them."""
    style = HIGHLIGHT_STYLES[style_name]
    return [
        segment.text
        for strip in beads._bead_lines(bead)
        for segment in strip
        if segment.style is not None and segment.style.bgcolor == style.bgcolor
    ]


async def search_for(pilot, text: str, regex: bool = False, side: str = "both") -> None:
    await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    screen.query_one("#text").value = text
    screen.query_one("#regex").value = regex
    screen.query_one(f"#{side}").value = True
    await pilot.press("enter")


# Search.


async def test_slash_searches_highlights_and_angle_brackets_step_through_matches(
    review: Review,
) -> None:
    matches = review.search(Search("rubli"))
    assert len(matches) >= 1
    both = review.search(Search("vassilenko"))
    assert len(both) >= 2
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = bead_list(pilot.app)
        await search_for(pilot, "rubli", side="source")
        assert isinstance(pilot.app.screen, MainScreen)
        assert beads.bead == matches[0]
        assert marked_text(beads, matches[0], "match") == ["rubli", "rubli"]  # 450.000, 120.000
        assert f"match 1 of {len(matches)}" in notices(pilot.app)[-1]
        await pilot.press("home")  # a search looks from the cursor on
        await search_for(pilot, "vassilenko")
        first = beads.bead
        assert first == both[0]
        assert {t.lower() for t in marked_text(beads, first, "match")} == {"vassilenko"}
        await pilot.press("greater_than_sign")
        assert beads.bead == both[1]
        await pilot.press("less_than_sign", "less_than_sign")
        assert beads.bead == both[-1]  # round to the end
        await pilot.press("ctrl+s")
    assert resume_review(review.session_path).cursor == both[-1]


async def test_a_search_that_finds_nothing_says_so(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await search_for(pilot, "nowhere at all")
        assert bead_list(pilot.app).bead == 1  # stays
        assert notices(pilot.app)[-1] == 'No bead matches "nowhere at all" in source and target.'
        await pilot.press("greater_than_sign")
        assert notices(pilot.app)[-1] == 'No bead matches "nowhere at all" in source and target.'


async def test_a_bad_regular_expression_is_said_in_the_dialog(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await search_for(pilot, "rubli(", regex=True)
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)  # still open, to fix it
        message = str(screen.query_one("#search-error").render())
        assert message.startswith("not a regular expression: rubli(: missing )")
        assert "\n" not in message
        screen.query_one("#text").value = r"rubl[ie]"
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, MainScreen)
        assert bead_list(pilot.app).bead == review.search(Search("rubli"))[0]


async def test_next_match_before_a_search_says_how_to_search(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("greater_than_sign")
        assert notices(pilot.app)[-1] == "No search yet: / searches."


async def test_the_command_palette_offers_the_search(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press(*"search")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SearchScreen)


# Go to bead N.


async def test_g_goes_to_the_bead_of_that_number(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("g", *"41", "enter")
        beads = bead_list(pilot.app)
        assert beads.bead == 40
        assert str(pilot.app.screen.query_one("#bead-summary").render()).startswith("Bead 41 ")
        await pilot.press("colon", *"2", "enter")
        assert beads.bead == 1
        await pilot.press("ctrl+s")
    assert resume_review(review.session_path).cursor == 1


async def test_go_to_a_bead_out_of_range_says_so(review: Review) -> None:
    count = len(review.beads)
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("j", "g", *str(count + 1), "enter")
        assert bead_list(pilot.app).bead == 1
        assert notices(pilot.app)[-1] == f"there is no bead {count + 1}: the beads are 1 to {count}"


async def test_go_to_a_bead_the_filter_hides_shows_all_beads(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("f")  # beads with errors or warnings: not bead 1
        beads = bead_list(pilot.app)
        assert 0 not in beads.rows
        await pilot.press("g", "1", "enter")
        assert beads.view is Filter.ALL and beads.bead == 0
        assert notices(pilot.app)[-1] == "Bead 1 is hidden by the filter: showing all beads."


# Move one sentence to the neighbouring bead.


def drawn_text(beads: BeadList, bead: int) -> str:
    """A bead's lines as drawn, joined."""
    return " ".join(strip.text for strip in beads._bead_lines(bead))


async def test_curly_bracket_moves_a_target_sentence_up_and_the_empty_bead_goes(
    review: Review, tmp_path: Path
) -> None:
    assert [b.kind for b in review.beads[:2]] == ["1-1", "0-1"]
    count = len(review.beads)
    review.cursor = 1  # "Is Moscow running out of manpower?", alone
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = bead_list(pilot.app)
        # It opens a run of headings only the target has, folded into one row: z shows it.
        await pilot.press("z", "left_curly_bracket")
        await workers_done(pilot)  # scored in a worker, then made
        await pilot.pause()
        assert review.beads[0].kind == "1-2" and len(review.beads) == count - 1
        assert beads.bead == 0  # on the bead that took it
        assert len(beads.rows) == count - 1
        assert "manpower" in drawn_text(beads, 0)
        await pilot.press("t")
        pilot.app.screen.query_one("#path").value = str(tmp_path / "out.tmx")
        await pilot.click("#export-button")
    [first] = [u for u in tmx_units(tmp_path / "out.tmx") if u[0] == "1"]
    assert first[2].endswith("for help Is Moscow running out of manpower?")
    resumed = resume_review(review.session_path)
    assert [b.kind for b in resumed.beads] == [b.kind for b in review.beads]


async def test_square_brackets_move_a_source_sentence_and_u_takes_it_back(
    review: Review,
) -> None:
    kinds = [b.kind for b in review.beads]
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("space", "k")  # bead 1 accepted
        await pilot.press("right_square_bracket")  # its source joins bead 2
        await workers_done(pilot)  # scored in a worker, then made
        await pilot.pause()
        assert [b.kind for b in review.beads[:2]] == ["0-1", "1-1"]
        assert not review.beads[0].accepted  # its text changed
        assert "no counterpart" in drawn_text(bead_list(pilot.app), 0)
        await pilot.press("left_square_bracket")  # bead 1 has no source now: refused
        assert notices(pilot.app)[-1] == "bead 1 has no source sentence to move"
        await pilot.press("u")
        assert [b.kind for b in review.beads] == kinds and review.beads[0].accepted
    assert [b.kind for b in resume_review(review.session_path).beads] == kinds


async def test_moving_off_the_first_bead_is_refused(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("left_square_bracket")
        assert notices(pilot.app)[-1] == (
            "there is no bead before the first bead to move a sentence to"
        )


# Bulk decisions.


def header_text(app) -> str:
    return str(app.screen.query_one("#header").render())


async def test_shift_a_accepts_every_confident_bead_with_nothing_open(
    review: Review, tmp_path: Path
) -> None:
    expected = [
        i for i, b in enumerate(review.beads) if b.score >= 0.9 and not review.needs_attention(i)
    ]
    assert 0 < len(expected) < len(review.beads)
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("A", "enter")  # the dialog offers 0.90
        assert [i for i, b in enumerate(review.beads) if b.accepted] == expected
        assert notices(pilot.app)[-1] == (
            f"Accepted {len(expected)} beads at or above 0.90 with no error or warning open"
            " (u takes them back)."
        )
        assert f"{len(expected)} accepted" in header_text(pilot.app)
        beads = bead_list(pilot.app)
        assert beads._gutter(expected[0], beads._layout()).text.endswith("✓    ")
        await pilot.press("t")
        pilot.app.screen.query_one("#path").value = str(tmp_path / "out.tmx")
        pilot.app.screen.query_one("#accepted-only").value = True
        await pilot.click("#export-button")
    exported = [int(unit[0]) - 1 for unit in tmx_units(tmp_path / "out.tmx")]
    two_sided = [i for i in expected if review.beads[i].src and review.beads[i].tgt]
    assert exported == two_sided
    assert [i for i, b in enumerate(resume_review(review.session_path).beads) if b.accepted] == (
        expected
    )


async def test_shift_a_is_one_step_for_u_and_refuses_a_bad_threshold(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("A", "enter", "u")
        assert not any(b.accepted for b in review.beads)
        await pilot.press("A")
        pilot.app.screen.query_one("#text").load_text("1.5")
        await pilot.press("enter")
        assert notices(pilot.app)[-1] == "a confidence is a number from 0 to 1, not '1.5'"
        assert not any(b.accepted for b in review.beads)


async def test_a_dialog_s_long_question_is_read_whole_at_80_columns(review: Review) -> None:
    """The question of `A` is longer than the dialog is wide at 80×24: it wraps."""
    async with make_app(review).run_test(size=(80, 24)) as pilot:
        await pilot.press("A")
        dialog = pilot.app.screen
        assert isinstance(dialog, TextScreen)
        await pilot.pause()
        question = dialog.query_one(".dialog > Static")
        # On two lines, each within the dialog: not one line cut at its edge.
        assert question.size.height == 2
        assert question.region.right <= dialog.query_one(".dialog").content_region.right


def without_figures(review: Review) -> list[int]:
    """Two beads whose target lost a figure: "$5300 dollars" and "3 million" taken out."""
    edited = []
    for figure, words in (("$5300 dollars", "some money"), ("3 million", "many")):
        bead = next(i for i in range(len(review.beads)) if figure in (review.texts(i)[1] or ""))
        review.edit_target(bead, review.texts(bead)[1].replace(figure, words))
        edited.append(bead)
    return edited


async def test_shift_d_dismisses_every_finding_of_a_code_with_one_note(
    review: Review, tmp_path: Path
) -> None:
    edited = without_figures(review)
    before = review.open_codes()
    [code] = [
        c for c in before if c not in {"added-heading", "omitted-heading", "currency-mismatch"}
    ]
    assert before[code] == 2
    async with make_app(review).run_test(size=SIZE) as pilot:
        review.cursor = edited[0]
        await pilot.press("g", *str(edited[0] + 1), "enter")
        await pilot.press("D")  # the code of the finding under the cursor comes first
        await pilot.press("enter", *"paraphrased", "enter")
        assert code not in review.open_codes()
        assert notices(pilot.app)[-1] == f"Dismissed 2 {code} findings (u takes them back)."
        assert not any(review.needs_attention(i) for i in edited)
        await pilot.press("t")
        pilot.app.screen.query_one("#path").value = str(tmp_path / "out.tmx")
        await pilot.click("#export-button")
    tree = etree.parse(str(tmp_path / "out.tmx"))
    for bead in edited:
        notes = tree.xpath(f"//tu[@tuid='{bead + 1}']/note/text()")
        assert notes == [f"{code} dismissed: paraphrased"]
    resumed = resume_review(review.session_path)
    assert code not in resumed.open_codes()
    assert resumed.open_codes() == {k: v for k, v in before.items() if k != code}


# Source edits.


async def test_shift_e_edits_the_source_marks_the_bead_and_o_shows_the_original(
    review: Review, tmp_path: Path
) -> None:
    bead = next(
        i for i in range(len(review.beads)) if "120.000 rubli" in (review.texts(i)[0] or "")
    )
    original = review.texts(bead)[0]
    review.cursor = bead
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = bead_list(pilot.app)
        assert beads._gutter(bead, beads._layout()).text.endswith("·!   ")
        await pilot.press("E")
        screen = pilot.app.screen
        assert isinstance(screen, TextScreen)
        assert screen.query_one("#text").text == original
        screen.query_one("#text").load_text(original.replace("120.000 rubli", "120.000 dollari"))
        await pilot.press("enter")
        assert review.findings(bead) == ()  # checked again at once
        assert beads._gutter(bead, beads._layout()).text.endswith("·  ✎ ")
        assert "120.000 dollari" in drawn_text(beads, bead)
        await pilot.press("o")
        shown = pilot.app.screen
        assert isinstance(shown, OriginalScreen)
        table = shown.query_one("#original Static").content
        console = Console(width=600, record=True, file=io.StringIO())
        console.print(table)
        rows = [line for line in console.export_text().splitlines() if "│" in line]
        source = next(line for line in rows if line.strip().startswith("source"))
        assert "120.000 rubli" in source.split("│")[1] and "120.000 dollari" in source.split("│")[2]
        assert "(unchanged)" in next(line for line in rows if line.strip().startswith("target"))
        await pilot.press("escape", "t")
        pilot.app.screen.query_one("#path").value = str(tmp_path / "out.tmx")
        await pilot.click("#export-button")
    [unit] = [u for u in tmx_units(tmp_path / "out.tmx") if u[0] == str(bead + 1)]
    assert "120.000 dollari" in unit[1]
    resumed = resume_review(review.session_path)
    assert resumed.is_edited(bead) and resumed.findings(bead) == ()


async def test_o_on_a_bead_not_edited_says_so(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(pilot.app.screen, MainScreen)
        assert notices(pilot.app)[-1] == "Bead 1 is not edited: its text is the documents'."


@pytest.mark.parametrize(
    ("typed", "opens"),
    [("go to", TextScreen), ("dismiss a code", CodeScreen), ("accept confident", TextScreen)],
)
async def test_the_command_palette_offers_every_tool_by_name(review: Review, typed, opens) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *typed)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, opens)


#: How the README's key table writes the keys Textual names otherwise.
README_KEY_NAMES = {
    "down": "↓",
    "up": "↑",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "escape": "Escape",
    "ctrl+s": "Ctrl+S",
}


def test_every_key_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for binding in MainScreen.BINDINGS:
        if binding.key_display:
            key = binding.key_display.split()[0]
        else:
            key = binding.key.split(",")[0]
        assert f"`{README_KEY_NAMES.get(key, key)}`" in readme, binding.id


@pytest.mark.parametrize(
    "keys",
    [("left_curly_bracket",), ("right_square_bracket",), ("p",), ("E",), ("o",), ("r",)],
)
async def test_a_folded_run_of_headings_refuses_the_tools_that_act_on_one_bead(
    review: Review, keys
) -> None:
    review.cursor = 1  # the first of 17 headings only the target has, one row
    before = review.beads
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)
        assert notices(pilot.app)[-1] == "These beads read as one row: z shows them, to act on one."
    assert review.beads == before and not review.is_edited(1)


def test_every_action_id_is_in_the_readme_keymap_list() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    actions = " ".join(readme[readme.index("The actions: ") :].split("(`?`")[0].split())
    for binding in MainScreen.BINDINGS:
        assert f"`{binding.id}`" in actions, binding.id


def test_no_key_is_bound_twice_on_the_review_screen() -> None:
    keys = [key.strip() for binding in MainScreen.BINDINGS for key in binding.key.split(",")]
    assert sorted(keys) == sorted(set(keys))


async def test_go_to_a_bead_in_a_folded_run_of_headings_shows_the_run(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("g", "5", "enter")
        await pilot.pause()
        beads = bead_list(pilot.app)
        assert beads.bead == 4 and beads.collapsed_run is None
        await pilot.press("p")  # the bead itself, not the run
    assert [i for i, b in enumerate(review.beads) if b.pinned] == [4]
