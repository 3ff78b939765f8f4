"""What the review screen shows, read off the screen as a reviewer reads it: the theme,
the header and the keys at 80×24, the export dialog there, the findings panel, the
filter, a bead taller than the screen, and the first screen before the work is done."""

import re
import threading
from pathlib import Path

import pytest
from pilot_waits import workers_done

from aligner import Alignment, Bead, load_document
from aligner.review import Filter, Review, resume_review
from aligner.tui import NewReview, make_app
from aligner.tui.app import PreparingScreen
from aligner.tui.commands import palette_entries
from aligner.tui.screens.export import ExportScreen
from aligner.tui.screens.figures import FiguresScreen
from aligner.tui.screens.main import MainScreen
from aligner.tui.widgets.bead_list import BeadList
from aligner.tui.widgets.key_bar import KeyBar

SMALL = (80, 24)
SIZE = (120, 36)


def screen_lines(app) -> list[str]:
    """The characters on the terminal, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def bead_list(app) -> BeadList:
    return app.screen.query_one(BeadList)


async def all_checked(pilot) -> None:
    """Wait for the background checks (and the encoder's loading) to end."""
    await workers_done(pilot)
    await pilot.pause()


@pytest.fixture
def seed_review(seed_alignment: Alignment, encoder, tmp_path: Path) -> Review:
    """The seed pair under their own long file names, as the README's first command
    opens them."""
    session = tmp_path / f"{seed_alignment.tgt.path.name}.review.json"
    return Review.start(seed_alignment, session_path=session, encoder=encoder)


@pytest.fixture
def review(rubli_alignment: Alignment, encoder, tmp_path: Path) -> Review:
    return Review.start(
        rubli_alignment, session_path=tmp_path / "en.txt.review.json", encoder=encoder
    )


async def test_the_light_theme_reaches_the_bead_list(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await all_checked(pilot)
        pilot.app.theme = "textual-light"
        await pilot.pause()
        beads = bead_list(pilot.app)
        background = beads.rich_style.bgcolor
        assert background is not None and background.triplet.red > 200  # light
        line = beads.render_line(beads._tops[3])  # a bead away from the cursor
        assert {segment.style.bgcolor for segment in line if segment.text.strip()} == {background}


async def test_at_80x24_the_header_keeps_its_counts_and_the_bar_every_key(
    seed_review: Review,
) -> None:
    async with make_app(seed_review).run_test(size=SMALL) as pilot:
        await all_checked(pilot)
        lines = screen_lines(pilot.app)
        assert "000_4428faaf7704ae2f.txt (it) → 001_11263453ceed05a0.txt (en)" in lines[0]
        assert "saved" in lines[0]
        assert "to check" in lines[1] and "notes" in lines[1]
        bar = " ".join(lines[-3:])
        keys = pilot.app.screen.query_one(KeyBar).keys()
        for display, description in keys:
            assert f"{display} {description}" in bar
        shown = {b.description for b in MainScreen.BINDINGS if getattr(b, "show", False)}
        assert shown <= {description for _, description in keys}
        await pilot.press("f")
        showing = [line for line in screen_lines(pilot.app)[:4] if "showing" in line]
        assert showing and "to check" in screen_lines(pilot.app)[1]


async def test_the_export_dialog_buttons_are_on_an_80x24_screen(
    review: Review, tmp_path: Path
) -> None:
    path = tmp_path / "out.tmx"
    async with make_app(review).run_test(size=SMALL) as pilot:
        await pilot.press("t")
        pilot.app.screen.query_one("#path").value = str(path)
        await pilot.click("#export-button")
        assert isinstance(pilot.app.screen, MainScreen)
    assert path.exists()


@pytest.fixture
def many_findings(tmp_path: Path) -> Review:
    """One bead with six figures gone wrong: more findings than the panel has lines."""
    (tmp_path / "it.txt").write_text(
        "Costa 450.000 rubli, cioè 3 milioni, per 7 giorni, 12 mesi, 40 anni e 5 chili.",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "It costs $450,000, that is 3 billion, for 8 days, 13 months, 41 years and 6 kilos.",
        encoding="utf-8",
    )
    src, tgt = load_document(tmp_path / "it.txt", "it"), load_document(tmp_path / "en.txt", "en")
    return Review.start(Alignment(src, tgt, (Bead((0,), (0,), 0.9),), "test"))


async def test_the_findings_panel_scrolls_to_the_finding_d_dismisses(
    many_findings: Review,
) -> None:
    findings = many_findings.findings(0)
    assert len(findings) >= 5
    last = findings[-1]
    async with make_app(many_findings).run_test(size=SMALL) as pilot:
        await all_checked(pilot)
        assert last.message[:40] not in screen_text(pilot.app)
        await pilot.press("tab", *["down"] * (len(findings) - 1))
        await pilot.pause()
        assert last.message[:40] in screen_text(pilot.app)
        await pilot.press("d", *"agreed", "enter")
        await pilot.pause()
        [notice] = [n.message for n in pilot.app._notifications]
        assert f"dismissed {last.code}: {last.message} — agreed" in notice
    assert many_findings.findings(0) == findings[:-1]
    assert many_findings.beads[0].dismissed[0].message == last.message


async def test_a_dismissed_finding_says_which_one_it_was(many_findings: Review) -> None:
    first, second = many_findings.findings(0)[:2]
    many_findings.dismiss_finding(0, second, "fine")
    async with make_app(many_findings).run_test(size=SIZE) as pilot:
        await all_checked(pilot)
        text = screen_text(pilot.app)
        assert f"dismissed {second.code}: {second.message[:30]}" in text


async def test_cycling_the_filter_stays_on_a_bead_every_filter_shows(review: Review) -> None:
    with_findings = review.visible(Filter.FINDINGS)
    review.cursor = with_findings[0]
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = bead_list(pilot.app)
        for _ in range(3):
            await pilot.press("f")
            assert beads.bead == with_findings[0]


async def test_the_filter_goes_to_the_nearest_shown_bead_not_the_next(review: Review) -> None:
    for bead in range(25, 33):
        review.accept(bead)
    review.cursor = 26  # beads 24 and 33 are the nearest not accepted: 24 is nearer
    async with make_app(review).run_test(size=SIZE) as pilot:
        beads = bead_list(pilot.app)
        beads.set_view(Filter.UNREVIEWED)
        assert beads.bead == 24


async def test_a_bead_taller_than_the_screen_scrolls_with_the_arrow(
    make_document, tmp_path: Path
) -> None:
    sentences = [f"Sentence number {i} of a long bead, with some words to wrap." for i in range(40)]
    src = make_document(sentences, "en", tmp_path / "a.txt")
    tgt = make_document([s.replace("Sentence", "Frase") for s in sentences] + ["Fine."], "it")
    beads = (Bead(tuple(range(40)), tuple(range(40)), 0.9), Bead((), (40,), 0.9))
    review = Review.start(Alignment(src, tgt, beads, "test"))
    async with make_app(review).run_test(size=SMALL) as pilot:
        await all_checked(pilot)
        assert "Sentence number 39" not in screen_text(pilot.app)
        seen_end = False
        for _ in range(30):
            await pilot.press("down")
            if bead_list(pilot.app).bead != 0:
                break
            seen_end = seen_end or "Sentence number 39" in screen_text(pilot.app)
        assert seen_end and bead_list(pilot.app).bead == 1
        await pilot.press("up")  # back on the tall bead, then up through it
        assert bead_list(pilot.app).bead == 0
        for _ in range(30):
            if "Sentence number 0 " in screen_text(pilot.app):
                break
            await pilot.press("up")
        assert "Sentence number 0 " in screen_text(pilot.app)


@pytest.fixture
def slow_checks(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Checks that wait until the test lets them go, as the first check of a run waits
    for the locale data."""
    from aligner import review_findings

    go = threading.Event()
    check_pair = review_findings.check_pair

    def waiting_check(pair, *args, **kwargs):
        go.wait(timeout=30)
        return check_pair(pair, *args, **kwargs)

    monkeypatch.setattr(review_findings, "check_pair", waiting_check)
    return go


async def test_the_beads_show_before_they_are_checked(
    review: Review, slow_checks: threading.Event
) -> None:
    review.close()
    resumed = resume_review(review.session_path)
    first = resumed.pair(0).src_text
    async with make_app(resumed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(pilot.app)
        assert first[:30] in text
        assert f"checking 0/{len(resumed.beads)}" in text
        slow_checks.set()
        await all_checked(pilot)
        text = screen_text(pilot.app)
        assert "checking" not in text and "1 to check" in text
        assert (
            "!"
            in bead_list(pilot.app)
            ._gutter(
                next(i for i in range(len(resumed.beads)) if resumed.needs_attention(i)),
                bead_list(pilot.app)._layout(),
            )
            .text
        )


async def test_a_new_review_shows_the_documents_while_aligning(
    rubli_alignment: Alignment, encoder, tmp_path: Path
) -> None:
    aligning = threading.Event()

    class SlowEncoder:
        """The default encoder, once the test lets it start."""

        name = encoder.name
        languages = encoder.languages

        def encode(self, texts):
            aligning.wait(timeout=30)
            return encoder.encode(texts)

    start = NewReview(rubli_alignment.src.path, rubli_alignment.tgt.path, tmp_path / "s.json")
    async with make_app(start, SlowEncoder()).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, PreparingScreen)
        text = screen_text(pilot.app)
        assert rubli_alignment.src.segments[0].text[:30] in text
        assert rubli_alignment.tgt.segments[0].text[:30] in text
        aligning.set()
        await all_checked(pilot)
        assert isinstance(pilot.app.screen, MainScreen)


async def test_a_run_of_one_sided_headings_reads_as_one_row(seed_review: Review) -> None:
    """The English seed opens with 17 headings the Italian lacks: one row, its count."""
    async with make_app(seed_review).run_test(size=SMALL) as pilot:
        await all_checked(pilot)
        beads = bead_list(pilot.app)
        text = screen_text(pilot.app)
        assert "2–18" in text and "17 headings" in text
        assert text.count("no counterpart") == 1
        await pilot.press("j")
        assert beads.bead == 1 and beads.collapsed_run is not None
        assert "Beads 2–18 · 17 headings only 001_11263453ceed05a0.txt has" in screen_text(
            pilot.app
        )
        await pilot.press("j")  # past the run, to bead 19
        assert beads.bead == 18
        await pilot.press("k", "space")  # on the row: no bead is accepted
        assert beads.collapsed_run is not None
        assert seed_review.accepted_count() == 0
        await pilot.press("z")  # shown: one row per bead again
        assert beads.collapsed_run is None
        assert screen_text(pilot.app).count("no counterpart") > 1
        await pilot.press("j")
        assert beads.bead == 2
        await pilot.press("z")  # from inside the run: folded again, the cursor on it
        assert beads.bead == 1 and beads.collapsed_run is not None


async def test_collapsing_changes_neither_the_moves_nor_the_export(
    seed_review: Review, tmp_path: Path
) -> None:
    path = tmp_path / "out.tmx"
    async with make_app(seed_review).run_test(size=SIZE) as pilot:
        await pilot.press("end")
        assert bead_list(pilot.app).bead == len(seed_review.beads) - 1
        await pilot.press("home", "t")
        pilot.app.screen.query_one("#path").value = str(path)
        await pilot.click("#export-button")
    expected = seed_review.export_tmx(tmp_path / "direct.tmx")
    # The same file but for the second it was made in (the header's creationdate).
    made_at = re.compile(rb'creationdate="[0-9TZ]+"')
    assert made_at.sub(b"", path.read_bytes()) == made_at.sub(
        b"", (tmp_path / "direct.tmx").read_bytes()
    )
    assert len(expected.beads) == sum(1 for b in seed_review.beads if b.src and b.tgt)


def error_bead(review: Review) -> int:
    """The bead of "120.000 rubli" / "$120,000"."""
    return next(
        i
        for i in range(len(review.beads))
        if any(f.severity == "error" for f in review.findings(i))
    )


async def test_i_shows_the_figures_side_by_side_and_why_the_error_fired(
    review: Review,
) -> None:
    review.cursor = error_bead(review)
    async with make_app(review).run_test(size=SMALL) as pilot:
        await pilot.press("i")
        assert isinstance(pilot.app.screen, FiguresScreen)
        lines = screen_lines(pilot.app)
        [wrong] = [line for line in lines if "≠" in line and "120" in line]
        assert "120.000" in wrong and "$120,000" in wrong and "RUB" in wrong and "USD" in wrong
        [same] = [line for line in lines if " = " in line and "450" in line]
        assert "450.000" in same and "450,000" in same
        assert "currency-" in screen_text(pilot.app)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)


async def test_i_on_a_bead_without_figures_says_so(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert "Neither side has a figure." in screen_text(pilot.app)


async def test_every_action_is_in_the_command_palette(review: Review) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        titles = [title for title, _, _ in palette_entries(pilot.app.screen)]
        for binding in MainScreen.BINDINGS:
            assert any(title.startswith(f"{binding.description} (") for title in titles)
        kinds = [b.kind for b in review.beads]
        await pilot.press("ctrl+p", *"Merge (m)", "enter")  # as a reviewer picks it
        await pilot.pause()
        assert review.beads[0].kind == "1-2" and len(review.beads) == len(kinds) - 1


def write_config(own_config_dir: Path, text: str) -> None:
    own_config_dir.mkdir(parents=True, exist_ok=True)
    (own_config_dir / "config.toml").write_text(text, encoding="utf-8")


async def test_keys_rebound_in_the_config_file(review: Review, own_config_dir: Path) -> None:
    write_config(own_config_dir, '[keymap]\nmerge = "M"\naccept = "a"\n')
    kinds = [b.kind for b in review.beads]
    async with make_app(review).run_test(size=SIZE) as pilot:
        await pilot.press("m", "space")  # the old keys do nothing now
        assert [b.kind for b in review.beads] == kinds and not review.beads[0].accepted
        await pilot.press("M")
        assert review.beads[0].kind == "1-2"
        await pilot.press("a")
        assert review.beads[0].accepted
        assert "M Merge" in screen_text(pilot.app) and "a Accept" in screen_text(pilot.app)
        await pilot.press("question_mark")
        [merge] = [line for line in screen_lines(pilot.app) if "Merge the bead" in line]
        assert " M " in merge
        await pilot.press("escape")
        titles = [title for title, _, _ in palette_entries(pilot.app.screen)]
        assert "Merge (M)" in titles


def test_a_keymap_naming_no_action_stops_with_one_line(
    review: Review, own_config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from aligner.cli import main

    write_config(own_config_dir, '[keymap]\nmrege = "M"\n')
    review.close()
    assert main(["review", str(review.session_path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("aligner: error: ") and "\n" not in error
    assert "config.toml: [keymap] names 'mrege'" in error and "merge" in error


async def test_the_theme_chosen_is_the_theme_next_time(
    review: Review, own_config_dir: Path
) -> None:
    async with make_app(review).run_test(size=SIZE) as pilot:
        assert pilot.app.theme != "textual-light"
        pilot.app.theme = "textual-light"  # as Change theme in the palette sets it
        await pilot.pause()
    assert 'theme = "textual-light"' in (own_config_dir / "state.toml").read_text()
    review.close()
    again = resume_review(review.session_path)
    async with make_app(again).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert pilot.app.theme == "textual-light"


async def test_going_to_a_bead_inside_a_run_shows_the_run(seed_review: Review) -> None:
    """What a jump to a bead (n, go to) does when the bead is folded into a run."""
    async with make_app(seed_review).run_test(size=SIZE) as pilot:
        beads = bead_list(pilot.app)
        beads.select_bead(5)
        await pilot.pause()
        assert beads.bead == 5 and beads.collapsed_run is None
        assert "2–18" not in screen_text(pilot.app)
        assert screen_text(pilot.app).count("no counterpart (0-1)") > 1


async def test_a_click_on_a_key_at_the_bottom_presses_it(review: Review) -> None:
    async with make_app(review).run_test(size=SMALL) as pilot:
        lines = screen_lines(pilot.app)
        [(y, x)] = [(y, line.index("t TMX")) for y, line in enumerate(lines) if "t TMX" in line]
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportScreen)
