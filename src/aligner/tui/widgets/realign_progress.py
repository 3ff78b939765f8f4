"""Re-aligning between pins in the background, with a progress bar above the footer.

The widget runs the re-alignment (`Review.realignment`: embedding, aligning and
checking the stretches) in a thread, so the screen keeps moving, and says when it is
done; the screen applies the result (one undoable change).
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from aligner.errors import AlignerError
from aligner.pinning import Realignment
from aligner.review import Review
from aligner.tui.messages import ProgressReported


class _Stopped(Exception):
    """The reviewer stopped the re-alignment (Escape)."""


class RealignProgress(Horizontal):
    """ "Re-aligning between the pins …" and a bar, while the work runs."""

    class Finished(Message):
        """The re-alignment is made (`realignment`), or could not be (`error`)."""

        def __init__(
            self, progress: RealignProgress, realignment: Realignment | None, error: str | None
        ) -> None:
            super().__init__()
            self.progress = progress
            self.realignment = realignment
            self.error = error

    def __init__(self, review: Review, around: int | None) -> None:
        super().__init__(id="realign-progress")
        self.review = review
        #: The bead whose stretch is re-aligned; None: every stretch.
        self.around = around

    def compose(self) -> ComposeResult:
        yield Label("Re-aligning between the pins (Escape stops) … ")
        yield ProgressBar(show_eta=False)

    def on_mount(self) -> None:
        self._realign()

    @work(thread=True, exit_on_error=False, group="realign")
    def _realign(self) -> None:
        try:
            realignment = self.review.realignment(self.around, progress=self._report)
        except _Stopped:
            self.post_message(self.Finished(self, None, "Re-aligning stopped: nothing changed."))
        except AlignerError as error:
            self.post_message(self.Finished(self, None, str(error)))
        else:
            self.post_message(self.Finished(self, realignment, None))

    def stop(self) -> None:
        """Stop the work at its next progress report; the review stays as it is."""
        self.workers.cancel_group(self, "realign")

    def _report(self, stage: str, done: int, total: int) -> None:
        if get_current_worker().is_cancelled:
            raise _Stopped
        self.post_message(ProgressReported(stage, done, total))

    def on_progress_reported(self, message: ProgressReported) -> None:
        message.stop()  # this widget's, not the app's preparation
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)
