"""Session files written by one background thread: a change returns at once.

At 5,000 beads writing the session takes a tenth of a second or more; the review screen
hands each snapshot here instead. One thread (a one-worker executor) writes them in the
order given, so no two writers touch the file at once; a snapshot that a newer one has
replaced before its turn is skipped, the latest state wins. Each write is atomic
(`write_session`), and `wait` returns once the last one is on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from aligner.errors import AlignerError
from aligner.session import SavedSession, write_session

#: Told of each write's outcome, from the writer's thread: None when it was written.
SaveReport = Callable[[AlignerError | None], object]


class SessionWriter:
    """Writes session snapshots in the background, the latest one winning."""

    def __init__(self, report: SaveReport) -> None:
        self._report = report
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-save")
        self._latest = 0
        self._pending: Future[AlignerError | None] | None = None

    def submit(self, path: Path, session: Callable[[], SavedSession]) -> None:
        """Write the session `session` makes to `path` after the writes already asked
        for (or instead of them, if they have not started)."""
        self._latest += 1
        self._pending = self._executor.submit(self._write, self._latest, path, session)

    def wait(self) -> AlignerError | None:
        """Wait until the last snapshot submitted is written; why it could not be, or
        None (also when nothing was submitted)."""
        return self._pending.result() if self._pending is not None else None

    def _write(
        self, number: int, path: Path, session: Callable[[], SavedSession]
    ) -> AlignerError | None:
        if number != self._latest:
            return None  # a newer snapshot is queued: it is the one to write
        try:
            write_session(path, session())
        except AlignerError as error:
            self._report(error)
            return error
        self._report(None)
        return None
