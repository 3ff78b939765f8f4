"""Review UI benchmark: how fast the review screen answers on a long document.

    python benchmarks/review_ui.py [--beads 5000]

Builds a review of N beads from the seed pair's sentences repeated (1-1 beads, not
aligned: this measures the UI, not the aligner; the encoder only scores the merged
bead, as in the UI), checks every bead as the UI's background worker does, then drives
the screen headless at 120×36 with Textual's Pilot and prints, per action, the seconds
until the screen has been redrawn: opening, moving the cursor one
bead (mean of 50), jumping to the end, accepting a bead (saves the session file, all N
beads), merging, cycling the filter; then the reviewer's tools: a search and the next
match, going to a bead, moving a sentence, the bulk acceptance and dismissal, a source
edit and its original; then pinning a bead, and re-aligning a stretch of 200 beads
between two pins (in the background: until the new beads are shown). Then the first
screen and a resume on the seed pair (`review_start.py`).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from review_start import seed_timings  # the script's own folder is on the path
from rich.console import Console
from rich.table import Table

from aligner import Alignment, Bead, load_document, load_encoder
from aligner.embed import UniversalSentenceEncoder
from aligner.review import Review
from aligner.tui import make_app
from aligner.tui.widgets.bead_list import BeadList

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MOVES = 50
#: The stretch re-aligned between two pins: beads STRETCH_START to STRETCH_START + 199.
STRETCH_START, STRETCH = 1000, 200


def long_review(beads: int, folder: Path) -> Review:
    """A review of `beads` 1-1 beads: the seed pair's sentences, over and over."""
    src = load_document(next(SEEDS.glob("000_*.txt")), "it")
    tgt = load_document(next(SEEDS.glob("001_*.txt")), "en")
    for name, document in (("it.txt", src), ("en.txt", tgt)):
        lines = [document.segments[i % len(document.segments)].text for i in range(beads)]
        (folder / name).write_text("\n".join(lines), encoding="utf-8")
    src = load_document(folder / "it.txt", "it", presegmented=True)
    tgt = load_document(folder / "en.txt", "en", presegmented=True)
    one_to_one = tuple(Bead((i,), (i,), 0.8) for i in range(beads))
    alignment = Alignment(src, tgt, one_to_one, UniversalSentenceEncoder.name)
    # Loaded now, as after aligning (USE loads at its first call): the merge below is
    # scored by it, as in the UI.
    encoder = load_encoder()
    encoder.encode(["."])
    return Review.start(alignment, session_path=folder / "en.txt.review.json", encoder=encoder)


async def drive(review: Review) -> list[tuple[str, float]]:
    timings = []
    started = time.perf_counter()
    async with make_app(review).run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        timings.append(("open the screen", time.perf_counter() - started))
        started = time.perf_counter()
        for _ in range(MOVES):
            await pilot.press("j")
        timings.append(("move one bead (mean)", (time.perf_counter() - started) / MOVES))
        for label, keys in (
            ("jump to the last bead", ["end"]),
            ("accept (and save)", ["space"]),
            ("merge with the next (and save)", ["home", "m"]),
            ("cycle the filter", ["f"]),
        ):
            started = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            timings.append((label, time.perf_counter() - started))
        for label, action in TOOLS:
            started = time.perf_counter()
            await action(pilot)
            await pilot.pause()
            timings.append((label, time.perf_counter() - started))
        await pilot.press("f", "f")  # all beads again
        timings += await pin_and_realign(pilot)
    return timings


async def pin_and_realign(pilot) -> list[tuple[str, float]]:
    """Pin the beads either side of a stretch of STRETCH beads, then re-align it."""
    beads = pilot.app.screen.query_one(BeadList)
    start = min(STRETCH_START, len(beads.rows) - STRETCH - 2)
    beads.select_bead(start + STRETCH + 1)
    await pilot.press("p")
    beads.select_bead(start)
    started = time.perf_counter()
    await pilot.press("p")
    await pilot.pause()
    pinned = time.perf_counter() - started
    beads.select_bead(start + STRETCH // 2)
    started = time.perf_counter()
    await pilot.press("r")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    realigned = time.perf_counter() - started
    return [
        ("pin (and save)", pinned),
        (f"re-align {STRETCH} beads between pins (worker, until shown)", realigned),
    ]


async def search(pilot) -> None:
    """A search of every bead's both sides, from the dialog."""
    await pilot.press("home", "slash")
    pilot.app.screen.query_one("#text").value = "Kazak"
    await pilot.press("enter")


async def next_match(pilot) -> None:
    await pilot.press("greater_than_sign")


async def go_to(pilot) -> None:
    await pilot.press("g")
    pilot.app.screen.query_one("#text").load_text("4000")
    await pilot.press("enter")


async def move_sentence(pilot) -> None:
    """Bead 4000's first target sentence to bead 3999 (both scored again, saved)."""
    await pilot.press("left_curly_bracket")


async def accept_confident(pilot) -> None:
    """Every bead at or above 0.5 with nothing open (saved)."""
    await pilot.press("A")
    pilot.app.screen.query_one("#text").load_text("0.5")
    await pilot.press("enter")


async def dismiss_code(pilot) -> None:
    """Every open finding of the most frequent code (saved)."""
    await pilot.press("D", "enter", "enter")


async def edit_source(pilot) -> None:
    """The selected bead's source changed (checked again, saved)."""
    await pilot.press("E")
    pilot.app.screen.query_one("#text").load_text("Una frase nuova.")
    await pilot.press("enter")


async def show_original(pilot) -> None:
    await pilot.press("o")
    await pilot.pause()
    await pilot.press("escape")  # back to the beads for the pins


#: The reviewer's tools (issue 13), each timed from its key to the screen redrawn.
TOOLS = (
    ("search both sides (dialog, then the first match)", search),
    ("next match", next_match),
    ("go to bead 4000 (dialog)", go_to),
    ("move a target sentence up (and save)", move_sentence),
    ("accept every bead at or above 0.5 with nothing open (dialog, save)", accept_confident),
    ("dismiss every finding of one code (two dialogs, save)", dismiss_code),
    ("edit the source (dialog, check, save)", edit_source),
    ("show the original text (and close it)", show_original),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=5000, help="beads to review (default 5000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        review = long_review(args.beads, Path(folder))
        started = time.perf_counter()
        review.check_all()
        checked = time.perf_counter() - started
        timings = asyncio.run(drive(review))
    table = Table(title=f"Review UI, {args.beads} beads, 120×36")
    table.add_column("action")
    table.add_column("seconds", justify="right")
    table.add_row(
        "check every bead (in the background, the screen shows at once)", f"{checked:.2f}"
    )
    for label, seconds in timings:
        table.add_row(label, f"{seconds:.3f}")
    Console().print(table)
    start = Table(title="The seed pair at 80×24, a fresh process each: seconds from its start")
    start.add_column("moment")
    start.add_column("seconds", justify="right")
    for label, seconds in seed_timings():
        start.add_row(label, f"{seconds:.2f}")
    Console().print(start)


if __name__ == "__main__":
    main()
