"""Moving one sentence to the neighbouring bead (OmegaT's move up / move down, LF
Aligner's shift cell): the bead arithmetic, without scoring or saving (`Review.
move_sentence` does those).

Up, the first sentence of one side of a bead joins the bead before it, as its last
sentence of that side; down, the last sentence joins the bead after it, as its first.
The other side stays where it is. A bead left with no sentence on either side is gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from aligner.errors import AlignerError
from aligner.model import ReviewBead, bead_number


class Direction(StrEnum):
    """Where the sentence goes: to the bead before (up) or after (down)."""

    UP = "up"
    DOWN = "down"


class MoveError(AlignerError):
    """A sentence that cannot move (the first bead has none before it …)."""


_SIDE_NAMES = {"src": "source", "tgt": "target"}


@dataclass(frozen=True)
class SentenceMove:
    """What a move makes: beads `start`..`end` of the review replaced by `beads`, each
    made from the bead at the same place of `origins` (an index into the old beads)."""

    start: int
    end: int
    beads: tuple[ReviewBead, ...]
    origins: tuple[int, ...]


def move_sentence(
    beads: Sequence[ReviewBead], index: int, side: str, direction: Direction
) -> SentenceMove:
    """Move one sentence of side `side` ("src" or "tgt") of bead `index` to the bead
    before (UP: its first sentence) or after (DOWN: its last sentence). The two beads
    keep their decisions; whether they stay accepted is the caller's to say."""
    if side not in _SIDE_NAMES:
        raise ValueError(f"side must be 'src' or 'tgt', not {side!r}")
    bead = beads[index]
    ids: tuple[int, ...] = getattr(bead, side)
    name = _SIDE_NAMES[side]
    if not ids:
        raise MoveError(f"bead {bead_number(index)} has no {name} sentence to move")
    up = direction is Direction.UP
    neighbour = index - 1 if up else index + 1
    if not 0 <= neighbour < len(beads):
        where = "before the first" if up else "after the last"
        raise MoveError(f"there is no bead {where} bead to move a sentence to")
    other = beads[neighbour]
    moved, kept = (ids[0], ids[1:]) if up else (ids[-1], ids[:-1])
    other_ids: tuple[int, ...] = getattr(other, side)
    joined = _with_side(other, side, (*other_ids, moved) if up else (moved, *other_ids))
    left = _with_side(bead, side, kept)
    remaining, left_from = ((left,), (index,)) if left.src or left.tgt else ((), ())
    if up:
        return SentenceMove(neighbour, index + 1, (joined, *remaining), (neighbour, *left_from))
    return SentenceMove(index, neighbour + 1, (*remaining, joined), (*left_from, neighbour))


def _with_side(bead: ReviewBead, side: str, ids: tuple[int, ...]) -> ReviewBead:
    return replace(bead, src=ids) if side == "src" else replace(bead, tgt=ids)
