"""Waiting, in a Pilot test, for the review screen's background work to end."""

import contextlib

from textual.pilot import Pilot
from textual.worker import WorkerCancelled


async def workers_done(pilot: Pilot) -> None:
    """Wait until no worker runs, then for the screen to take in their results. Not
    `workers.wait_for_complete()`: a change supersedes the document checks still
    running (an exclusive group), and waiting on that cancelled worker raises; a
    worker may also start another (the checks after a scored change)."""
    while running := [worker for worker in pilot.app.workers if not worker.is_finished]:
        for worker in running:
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
    await pilot.pause()
