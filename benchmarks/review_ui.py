"""Review UI benchmark: how fast each key of the review screen answers on a long document.

    python benchmarks/review_ui.py [--beads 5000]

Builds a review of N beads from the seed pair's sentences repeated (1-1 beads, not
aligned: this measures the UI, not the aligner; the encoder only scores the beads the
reviewer builds, as in the UI), checks every bead as the UI's background worker does,
then drives the screen headless at 120×36 with Textual's Pilot, pressing every key a
reviewer uses, one at a time.

How a key is timed: from the moment the key is handed to the app to the last screen
update it caused (`ScreenUpdates`: the app's display call, with the update rendered to
the characters a terminal would be sent, which headless Textual skips). That is the
key's latency as a reviewer sees it: the action, the refresh, the layout, the drawing.
Beside it, the screen's thread's CPU time over the same span (`time.thread_time`):
the key's own cost, without the waits for the machine's other processes (on a busy
machine the first column is several times the second). Pilot's own wait after each
key (it sleeps until the process is idle, at least two 20 ms sleeps) is in neither;
the `Pilot` column gives the raw time of `pilot.press`, and one row a key bound
to nothing, Pilot's overhead alone. A merge, a split, a detach or a moved sentence is
scored in a worker (the key returns at once, the screen keeps moving): it is timed to
the changed beads shown. After a change that moves beads or edits a text the document
checks (consistency, meaning) run again in a worker: the key is timed to the change
shown, the last column to their findings shown. Typing into a dialog's field is not
timed (it is Textual's widget); the key that opens the dialog and the Enter that acts
are. Re-aligning runs
in a worker: `r` is timed to its progress line shown, the worker to the new beads
shown. Then the first screen and a resume on the seed pair (`review_start.py`).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from review_start import seed_timings  # the script's own folder is on the path
from rich.console import Console
from rich.table import Table
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from aligner import Alignment, Bead, load_document, load_encoder
from aligner.embed import REVIEW_THREADS, UniversalSentenceEncoder
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
    # scored by it, on the review's one thread, as in the UI.
    encoder = load_encoder(threads=REVIEW_THREADS)
    encoder.encode(["."])
    return Review.start(alignment, session_path=folder / "en.txt.review.json", encoder=encoder)


class ScreenUpdates:
    """When the app updated the screen: its display call wrapped, each update rendered
    to the characters a terminal would be sent (headless Textual skips that). With the
    clock, the screen's thread's CPU time: what the update cost the interpreter, without
    the waits for the machine's other work."""

    def __init__(self, app: App) -> None:
        self.first: float | None = None
        self.last: float | None = None
        self.last_cpu = 0.0
        #: The last update and its CPU time before the document checks' findings came.
        self.before_document: tuple[float | None, float] | None = None
        display = app._display

        def displayed(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                renderable.render_segments(app.console)
                self.last, self.last_cpu = time.perf_counter(), time.thread_time()
                self.first = self.first or self.last

        app._display = displayed  # type: ignore[method-assign]
        screen = app.screen
        document_checked = screen._document_checked  # type: ignore[attr-defined]

        def checked() -> None:
            self.before_document = (self.last, self.last_cpu)
            document_checked()

        screen._document_checked = checked  # type: ignore[attr-defined]
        #: When the session's writer thread last finished writing the file.
        self.written: float | None = None
        review = screen.review  # type: ignore[attr-defined]
        saving = review._saving
        write = saving.write

        def written(*args) -> None:
            write(*args)
            self.written = time.perf_counter()

        saving.write = written

    def forget(self) -> None:
        self.first = self.last = self.written = None
        self.before_document = None


@dataclass
class Timing:
    """One key: seconds to the screen updated (None: it updated nothing), of which the
    screen's thread's CPU seconds, and Pilot's raw seconds for the press; for a change,
    the seconds until the document checks run again in the background showed their
    findings (None: the change left them as they were); and the seconds to the key's
    first update (a dialog closed and the change made: the frames after it lay out
    what the change resized, the bead list's and the details' scroll bars)."""

    label: str
    seconds: float | None
    cpu: float | None
    pilot: float
    document: float | None = None
    first: float | None = None


async def press(
    pilot: Pilot, updates: ScreenUpdates, key: str, label: str, until: str = "last"
) -> Timing:
    """Press `key`; timed to the last screen update it caused (`until` "first": to the
    first, for a key that starts a worker whose progress updates the screen after;
    "written": to the session's background write done)."""
    updates.forget()
    started, cpu = time.perf_counter(), time.thread_time()
    await pilot.press(key)
    pressed = time.perf_counter() - started
    if until == "last":
        # A merge, a split, a moved sentence: scored in a worker, then shown; then the
        # document checks in the background, their findings shown.
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    first = updates.first
    updated, updated_cpu = first if until == "first" else updates.last, updates.last_cpu
    if until == "written":
        # Written by the session's writer thread: timed to the file written ("Saved"
        # is a notice, which a headless run does not draw).
        pilot.app.screen.review.wait_for_saves()  # type: ignore[attr-defined]
        updated = updates.written
    document = None
    # A worker's first update is its progress: the checks it leads to come after.
    if updates.before_document is not None and until != "first":
        document = updated - started if updated is not None else None
        updated, updated_cpu = updates.before_document
    timing = Timing(
        label,
        None if updated is None else updated - started,
        None if updated is None or until in ("first", "written") else updated_cpu - cpu,
        pressed,
        document,
        None if first is None else first - started,
    )
    # No blinking caret in a dialog: its redraws would count as the next key's.
    for field in pilot.app.screen.query("Input, TextArea"):
        field.cursor_blink = False  # type: ignore[attr-defined]
    return timing


def fill(text: str) -> Callable[[Pilot], None]:
    """Type `text` into the dialog's field (not timed: Textual's widget)."""

    def typed(pilot: Pilot) -> None:
        field = pilot.app.screen.query_one("#text")
        if isinstance(field, Input):
            field.value = text
        else:
            field.load_text(text)  # type: ignore[attr-defined]

    return typed


#: The keys pressed, in order: (what the row says, the key), or a step that sets up the
#: next key (typing into a dialog, placing the cursor), not timed.
KEYS: tuple[tuple[str, str] | Callable[[Pilot], None], ...] = (
    ("a key bound to nothing: Pilot's overhead alone", "f12"),
    ("jump to the last bead (end)", "end"),
    ("jump to the first bead (home)", "home"),
    ("a screenful down (pagedown)", "pagedown"),
    ("accept, the cursor to the next (space, saved)", "space"),
    ("accept again: taken back (space, saved)", "space"),
    ("merge with the next (m, scored, saved)", "m"),
    ("undo (u, saved)", "u"),
    ("detach (x, scored, saved)", "x"),
    ("undo the detach (u)", "u"),
    ("split: the dialog (s)", "s"),
    ("split: Enter, the bead split (scored, saved)", "enter"),
    ("next finding (n)", "n"),
    ("previous finding (N)", "N"),
    ("cycle the filter: to check (f)", "f"),
    ("cycle the filter: not accepted (f)", "f"),
    ("cycle the filter: all (f)", "f"),
    ("search: the dialog (/)", "slash"),
    fill("Kazak"),
    ("search: Enter, every bead searched, the first match", "enter"),
    ("next match (>)", "greater_than_sign"),
    ("previous match (<)", "less_than_sign"),
    ("go to: the dialog (g)", "g"),
    fill("4000"),
    ("go to: Enter, bead 4000 shown", "enter"),
    ("move the first target sentence up ({, scored, saved)", "left_curly_bracket"),
    ("undo it (u)", "u"),
    ("move the last target sentence down (}, scored, saved)", "right_curly_bracket"),
    ("undo it (u)", "u"),
    ("move the first source sentence up ([, scored, saved)", "left_square_bracket"),
    ("undo it (u)", "u"),
    ("move the last source sentence down (], scored, saved)", "right_square_bracket"),
    ("undo it (u)", "u"),
    ("accept confident: the dialog (A)", "A"),
    fill("0.5"),
    ("accept confident: Enter, every bead ≥ 0.5 accepted (saved)", "enter"),
    ("dismiss a code: the list of codes (D)", "D"),
    ("dismiss a code: Enter, the note's dialog", "enter"),
    ("dismiss a code: Enter, every finding of it dismissed (saved)", "enter"),
    ("to the next finding (n)", "n"),
    ("dismiss the selected finding: the dialog (d)", "d"),
    ("close it (escape)", "escape"),
    ("edit the target: the dialog (e)", "e"),
    fill("A new sentence."),
    ("edit the target: Enter, checked again (saved)", "enter"),
    ("edit the source: the dialog (E)", "E"),
    fill("Una frase nuova."),
    ("edit the source: Enter, checked again (saved)", "enter"),
    ("the original text (o)", "o"),
    ("close it (escape)", "escape"),
    ("comment: the dialog (c)", "c"),
    fill("A comment."),
    ("comment: Enter (saved)", "enter"),
    ("the figures side by side (i)", "i"),
    ("close them (escape)", "escape"),
    ("show a run of one-sided headings (z: here none, it says so)", "z"),
    ("the help (?)", "question_mark"),
    ("close it (escape)", "escape"),
    ("the export dialog (t)", "t"),
    ("close it (escape)", "escape"),
    ("save now (ctrl+s, in the background: until written)", "ctrl+s"),
)


async def drive(review: Review) -> list[Timing]:
    app = make_app(review)
    started = time.perf_counter()
    async with app.run_test(size=(120, 36)) as pilot:
        updates = ScreenUpdates(app)
        await pilot.pause()
        timings = [Timing("open the screen", time.perf_counter() - started, None, 0.0)]
        moves = [await press(pilot, updates, "j", "") for _ in range(MOVES)]
        timings.append(mean_of(f"move one bead (j, mean of {MOVES})", moves))
        timings.append(worst_of(f"move one bead (j, slowest of {MOVES})", moves))
        for step in KEYS:
            if callable(step):
                step(pilot)
                await pilot.pause()
            else:
                until = "written" if step[1] == "ctrl+s" else "last"
                timings.append(await press(pilot, updates, step[1], step[0], until))
        timings += await pin_and_realign(pilot, updates)
    return timings


def mean_of(label: str, timings: list[Timing]) -> Timing:
    def mean(values: list[float | None]) -> float:
        known = [value for value in values if value is not None]
        return sum(known) / len(known)

    return Timing(
        label,
        mean([t.seconds for t in timings]),
        mean([t.cpu for t in timings]),
        mean([t.pilot for t in timings]),
        first=mean([t.first for t in timings]),
    )


def worst_of(label: str, timings: list[Timing]) -> Timing:
    worst = max(timings, key=lambda t: t.seconds or 0.0)
    return Timing(label, worst.seconds, worst.cpu, worst.pilot, first=worst.first)


async def pin_and_realign(pilot: Pilot, updates: ScreenUpdates) -> list[Timing]:
    """Pin the beads either side of a stretch of STRETCH beads, re-align it, undo."""
    beads = pilot.app.screen.query_one(BeadList)
    start = min(STRETCH_START, len(beads.rows) - STRETCH - 2)
    beads.select_bead(start + STRETCH + 1)
    await pilot.press("p")
    beads.select_bead(start)
    await pilot.pause()
    pinned = await press(pilot, updates, "p", "pin (p, saved)")
    beads.select_bead(start + STRETCH // 2)
    await pilot.pause()
    started = time.perf_counter()
    realign = await press(
        pilot, updates, "r", f"re-align {STRETCH} beads: r, its progress shown", until="first"
    )
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    shown = updates.before_document[0] if updates.before_document else updates.last
    assert shown is not None and updates.last is not None
    worker = Timing(
        f"re-align {STRETCH} beads: in the worker, until the new beads show",
        shown - started,
        None,
        time.perf_counter() - started,
        updates.last - started if updates.before_document else None,
    )
    undo = await press(pilot, updates, "u", "undo the re-alignment (u, saved)")
    return [pinned, realign, worker, undo]


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
    table = Table(title=f"Review UI, {args.beads} beads, 120×36: milliseconds per key")
    table.add_column("key")
    table.add_column("key → first update", justify="right")
    table.add_column("key → screen updated", justify="right")
    table.add_column("of it, CPU", justify="right")
    table.add_column("Pilot (raw)", justify="right")
    table.add_column("document checks shown", justify="right")
    table.add_row(
        "check every bead (in the background, the screen shows at once)",
        "",
        f"{checked * 1000:.0f}",
        "",
        "",
        "",
    )
    for timing in timings:
        table.add_row(
            timing.label,
            _milliseconds(timing.first, ""),
            _milliseconds(timing.seconds, "—"),
            _milliseconds(timing.cpu, ""),
            _milliseconds(timing.pilot or None, ""),
            _milliseconds(timing.document, ""),
        )
    Console().print(table)
    start = Table(title="The seed pair at 80×24, a fresh process each: seconds from its start")
    start.add_column("moment")
    start.add_column("seconds", justify="right")
    for label, seconds in seed_timings():
        start.add_row(label, f"{seconds:.2f}")
    Console().print(start)


def _milliseconds(seconds: float | None, none: str) -> str:
    return none if seconds is None else f"{seconds * 1000:.0f}"


if __name__ == "__main__":
    main()
