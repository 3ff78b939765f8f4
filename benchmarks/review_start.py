"""How soon the review screen shows on the seed pair: a new review and a resume, each in
a fresh process as `aligner review` runs, timed from the process's start.

    python benchmarks/review_start.py

A new review: until the documents show (read, not yet aligned), then until
the beads show with their confidences (aligned; the checks go on in the background),
then until every bead is checked; then it quits (`q`). A resume of that session: until
the beads show, then until every bead is checked. Run by `benchmarks/review_ui.py` too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

#: Runs in the child: opens the review headless at 80×24 and prints, as JSON, the
#: seconds from `started` (the parent's clock, just before the child started) to each
#: moment.
CHILD = """
import asyncio, json, sys, time
started = float(sys.argv[1])
from aligner.cli.parser import build_parser
from aligner.cli.review import documents_review

# As `aligner review SRC TGT` starts (`aligner.cli.review.run_review`), its app run headless.
args = build_parser().parse_args(["review", sys.argv[2], sys.argv[3]])
from aligner.tui.app import ReviewApp, make_app
from aligner.tui.widgets.bead_list import BeadList

moments = {}

# The app starts aligning, and the bead list checking, right after their screen's
# first frame is drawn: when they start is when the reviewer first sees it.
def first_frame(moment, method):
    def wrapped(self, *args):
        moments.setdefault(moment, time.time() - started)
        return method(self, *args)
    return wrapped

# Every bead checked: when the bead list is told so (it then draws their marks).
def all_checked(method):
    def wrapped(self, event):
        if event.checked == event.total:
            moments.setdefault("checked", time.time() - started)
        return method(self, event)
    return wrapped

ReviewApp.prepare = first_frame("documents", ReviewApp.prepare)
BeadList.check_in_background = first_frame("beads", BeadList.check_in_background)
BeadList.on_bead_list_beads_checked = all_checked(BeadList.on_bead_list_beads_checked)
start = documents_review(args)

async def main():
    app = make_app(start)
    async with app.run_test(size=(80, 24)) as pilot:
        while "beads" not in moments:
            await asyncio.sleep(0.005)
        while "checked" not in moments:
            await asyncio.sleep(0.01)
        review = app.screen.review
        assert all(review.is_checked(i) for i in range(len(review.beads)))
        await pilot.press("q")  # as a reviewer leaves it: saved

asyncio.run(main())
print(json.dumps(moments))
"""


def _run(src: Path, tgt: Path) -> dict[str, float]:
    source = str(Path(__file__).resolve().parents[1] / "src")
    started = time.time()
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(started), str(src), str(tgt)],
        env={"PYTHONPATH": source, "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def seed_timings() -> list[tuple[str, float]]:
    """(moment, seconds from the process's start) for a new review, then a resume."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for seed in sorted(SEEDS.glob("00[01]_*.txt")):
            paths.append(Path(folder) / seed.name)
            shutil.copy(seed, paths[-1])
        new = _run(*paths)
        resumed = _run(*paths)
    return [
        ("new review: the documents show", new["documents"]),
        ("new review: the beads show (aligned)", new["beads"]),
        ("new review: every bead checked", new["checked"]),
        ("resume: the beads show", resumed["beads"]),
        ("resume: every bead checked", resumed["checked"]),
    ]


def main() -> None:
    for label, seconds in seed_timings():
        print(f"{label:45} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
