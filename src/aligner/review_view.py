"""What a view of a review lists, as a view needs it: where the cursor goes when the
beads it lists change. Nothing here draws; the review UI and a notebook call it alike.

    >>> nearest_shown([2, 5, 9], 6)
    5
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def nearest_shown(shown: Sequence[int], bead: int) -> int | None:
    """The bead of `shown` (bead indices, ascending) to keep the cursor on when it was
    on `bead`: `bead` itself when shown, else the nearest one (the later of two as near,
    the way a reviewer reads). None when nothing is shown."""
    after = bisect_left(shown, bead)
    candidates = shown[max(0, after - 1) : after + 1]
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: (abs(candidate - bead), candidate < bead))
