"""Messages from the background work to the screen."""

from __future__ import annotations

from textual.message import Message

from aligner.errors import AlignerError
from aligner.review import Review


class ProgressReported(Message):
    """A stage of the preparation moved on (read, embed, align, check)."""

    # Embedding reports often: the queue keeps only the latest.
    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ProgressReported)

    def __init__(self, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.stage = stage
        self.done = done
        self.total = total


class ReviewReady(Message):
    """The alignment is made and checked: the review can be shown."""

    def __init__(self, review: Review, notice: str | None = None) -> None:
        super().__init__()
        self.review = review
        #: What to tell the reviewer as the review shows (what re-aligning kept).
        self.notice = notice


class SessionSaved(Message):
    """A background save of the session finished: `error` says why it failed, or None."""

    def __init__(self, error: AlignerError | None) -> None:
        super().__init__()
        self.error = error
