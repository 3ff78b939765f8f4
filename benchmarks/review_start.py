"""How soon the review screen shows on the seed pair: a new review and a resume, each in
a fresh process as `aligner review` runs, timed from the process's start.

    python benchmarks/review_start.py

A new review: until the documents show (read, not yet aligned), then until
the beads show with their confidences (aligned; the checks go on in the background),
then until every bead is checked. A resume: until the beads show, then until every bead
is checked. Run by `benchmarks/review_ui.py` too.
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
from pathlib import Path
from aligner.review import resume_review
from aligner.session import default_session_path
from aligner.tui.app import NewReview, ReviewApp, make_app
from aligner.tui.widgets.bead_list import BeadList

src_path, tgt_path = Path(sys.argv[2]), Path(sys.argv[3])
session = default_session_path(tgt_path)
moments = {}

# The app starts aligning, and the bead list checking, right after their screen's
# first frame is drawn: when they start is when the reviewer first sees it.
def first_frame(moment, method):
    def wrapped(self, *args):
        moments.setdefault(moment, time.time() - started)
        return method(self, *args)
    return wrapped

ReviewApp.prepare = first_frame("documents", ReviewApp.prepare)
BeadList.check_in_background = first_frame("beads", BeadList.check_in_background)
if session.exists():
    start = resume_review(session)
else:
    start = NewReview(src_path, tgt_path, session)

async def main():
    app = make_app(start)
    async with app.run_test(size=(80, 24)):
        while "beads" not in moments:
            await asyncio.sleep(0.005)
        review = app.screen.review
        while not all(review.is_checked(i) for i in range(len(review.beads))):
            await asyncio.sleep(0.01)
        moments["checked"] = time.time() - started

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
