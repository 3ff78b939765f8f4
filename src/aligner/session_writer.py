"""Session files written by one background thread: a change returns at once.

The review screen hands each change's save here instead of writing it before the key
returns. One thread (a one-worker executor) writes them in the order given, so no two
writers touch the file at once; a save that a newer one has replaced before its turn
is skipped, the latest state wins (keys pressed faster than the file is written are
written together). Each write is atomic (`session.write_session`), and `wait` returns
once the last one is on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from aligner.errors import AlignerError

#: Told of each write's outcome, from the writer's thread: None when it was written.
SaveReport = Callable[[AlignerError | None], object]
#: Writes one state of the session (atomically); AlignerError when it cannot.
SessionWrite = Callable[[], None]


class SessionWriter:
    """Writes session snapshots in the background, the latest one winning."""

    def __init__(self, report: SaveReport) -> None:
        self._report = report
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-save")
        self._latest = 0
        self._pending: Future[AlignerError | None] | None = None

    def submit(self, write: SessionWrite) -> None:
        """Run `write` after the writes already asked for (or instead of them, if they
        have not started)."""
        self._latest += 1
        self._pending = self._executor.submit(self._write, self._latest, write)

    def wait(self) -> AlignerError | None:
        """Wait until the last write submitted is done; why it could not be, or None
        (also when nothing was submitted)."""
        return self._pending.result() if self._pending is not None else None

    def _write(self, number: int, write: SessionWrite) -> AlignerError | None:
        if number != self._latest:
            return None  # a newer snapshot is queued: it is the one to write
        try:
            write()
        except AlignerError as error:
            self._report(error)
            return error
        self._report(None)
        return None
