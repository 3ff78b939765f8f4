"""What a view of a review lists, as a view needs it: where the cursor goes when the
beads it lists change, and which beads read as one row — a run of headings only one
version has (a table of contents the translation left out). Nothing here draws; the
review UI and a notebook call it alike.

    >>> nearest_shown([2, 5, 9], 6)
    5
    >>> heading_runs(review, review.visible(Filter.ALL))   # the seeds' English contents
    [HeadingRun(beads=(1, 2, …, 12), side='tgt')]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from aligner.model import TextPair
from aligner.review import Review

#: The fewest one-sided headings in a row that read as one row.
MIN_RUN = 2


@dataclass(frozen=True)
class HeadingRun:
    """Consecutive beads, each a heading (or caption) that only `side` has."""

    beads: tuple[int, ...]
    #: "src" or "tgt": the version that has them.
    side: str

    @property
    def first(self) -> int:
        return self.beads[0]

    @property
    def last(self) -> int:
        return self.beads[-1]


def nearest_shown(shown: Sequence[int], bead: int) -> int | None:
    """The bead of `shown` (bead indices, ascending) to keep the cursor on when it was
    on `bead`: `bead` itself when shown, else the nearest one (the later of two as near,
    the way a reviewer reads). None when nothing is shown."""
    after = bisect_left(shown, bead)
    candidates = shown[max(0, after - 1) : after + 1]
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: (abs(candidate - bead), candidate < bead))


def heading_runs(review: Review, shown: Sequence[int]) -> list[HeadingRun]:
    """The runs of at least `MIN_RUN` beads of `shown` (bead indices, ascending) that
    follow each other in the document, each a heading with no counterpart on the same
    side. A view shows each run as one row; the beads themselves do not change."""
    runs: list[HeadingRun] = []
    current: list[int] = []
    current_side: str | None = None
    for bead in shown:
        segments = review.beads[bead]
        # Most beads have both sides: no text to cut out to know they are not lone.
        side = None if segments.src and segments.tgt else _lone_heading_side(review.pair(bead))
        if side is not None and side == current_side and current and current[-1] == bead - 1:
            current.append(bead)
            continue
        if len(current) >= MIN_RUN and current_side is not None:
            runs.append(HeadingRun(tuple(current), current_side))
        current, current_side = ([bead], side) if side is not None else ([], None)
    if len(current) >= MIN_RUN and current_side is not None:
        runs.append(HeadingRun(tuple(current), current_side))
    return runs


def _lone_heading_side(pair: TextPair) -> str | None:
    """The side of a one-sided bead whose text is headings only, else None."""
    if pair.tgt_text is None and pair.src_heading:
        return "src"
    if pair.src_text is None and pair.tgt_heading:
        return "tgt"
    return None
