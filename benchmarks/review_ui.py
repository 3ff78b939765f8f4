"""Review UI benchmark: how fast the review screen answers on a long document.

    python benchmarks/review_ui.py [--beads 5000]

Builds a review of N beads from the seed pair's sentences repeated (1-1 beads, not
aligned: this measures the UI, not the aligner; the encoder only scores the merged
bead, as in the UI), checks every bead as the UI's background worker does, then drives
the screen headless at 120×36 with Textual's Pilot and prints, per action, the seconds
until the screen has been redrawn: opening, moving the cursor one
bead (mean of 50), jumping to the end, accepting a bead (saves the session file, all N
beads), merging, cycling the filter. Then the first screen and a resume on the seed pair
(`review_start.py`).
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

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MOVES = 50


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
    return timings


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
