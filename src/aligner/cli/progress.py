"""Progress of long work on stderr: a bar on a terminal, a line now and then in a log."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from time import monotonic
from typing import TYPE_CHECKING

from aligner.cli.output import report
from aligner.model import (
    ProgressCallback,
)

if TYPE_CHECKING:
    pass


#: Seconds between two progress lines written to a log (stderr not a terminal): often
#: enough to show that long work goes on, seldom enough not to fill the log.
PROGRESS_LINE_SECONDS = 5.0


#: How progress lines name each stage of the work, and what it counts (None: a share).
STAGES = {
    "embed": ("embedding", "sentences"),
    "runs": ("embedding merges", "runs"),
    "align": ("aligning", None),
    "check": ("checking", "pairs"),
    "read": ("reading", "documents"),
    "pairs": ("aligning", "document pairs"),
}


@contextmanager
def progress_bar() -> Iterator[ProgressCallback]:
    """A progress callback: a bar on stderr when it is a terminal; else (a log, a pipe)
    plain lines now and then (see `ProgressLines`), since redrawn bars would fill a log."""
    if not sys.stderr.isatty():
        yield ProgressLines().update
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskID,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            verb, counted_noun = STAGES.get(stage, (stage, None))
            count = f"{done}/{total} {counted_noun}" if counted_noun else ""
            if stage not in tasks:
                tasks[stage] = progress.add_task(verb, total=total, count=count)
            progress.update(tasks[stage], completed=done, total=total, count=count)

        yield update


class ProgressLines:
    """Progress for a log: a line such as "aligner: embedding 12000/100000 sentences" at
    most every PROGRESS_LINE_SECONDS, the first one only after that long (quick work
    writes none), and a last one when a stage that was reported ends."""

    def __init__(self) -> None:
        self._last_line = monotonic()
        self._reported: set[str] = set()

    def update(self, stage: str, done: int, total: int) -> None:
        now = monotonic()
        finished = done >= total
        if finished and stage in self._reported:
            self._reported.discard(stage)
        elif now - self._last_line >= PROGRESS_LINE_SECONDS:
            if not finished:
                self._reported.add(stage)
        else:
            return
        self._last_line = now
        report(progress_line(stage, done, total))


def progress_line(stage: str, done: int, total: int) -> str:
    """ "embedding 12000/100000 sentences", "aligning 40%" """
    verb, counted_noun = STAGES.get(stage, (stage, None))
    if counted_noun:
        return f"{verb} {done}/{total} {counted_noun}"
    return f"{verb} {100 * done // max(total, 1)}%"
