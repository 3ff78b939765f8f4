"""Pin and re-align: the beads between pins aligned again, the pins kept exactly.

A reviewer pins the beads they know are right (memoQ's and Trados' confirmed links,
OmegaT's pinpoints) and asks for the rest to be aligned again. Each stretch of beads
between two pins (or a pin and a document's edge) is aligned on its own by the aligner
(`pipeline.align_stretch`), so the pins are hard anchors by construction: no bead can
cross one. `Review.realignment` and `Review.apply_realignment` use this module; it
knows nothing of `Review`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from aligner.embed import Encoder
from aligner.model import Alignment, Bead, ProgressCallback, ReviewBead, bead_number
from aligner.pipeline import align_stretch


@dataclass(frozen=True)
class Stretch:
    """Beads [start, end) with no pin among them, between two pins or a pin and a
    document's edge, and the sentences they hold on each side."""

    start: int
    end: int
    src: range
    tgt: range


@dataclass(frozen=True)
class Realignment:
    """The beads after re-aligning between the pins, and what it changed."""

    #: The review's beads it was made from: it applies to those only.
    before: tuple[ReviewBead, ...]
    beads: tuple[ReviewBead, ...]
    #: The stretches re-aligned, in the bead numbering of `before`.
    stretches: tuple[Stretch, ...]
    #: Beads of the stretches that are new (sentences grouped otherwise than before).
    changed: int
    #: Beads of `before` whose decisions (acceptance, comment, dismissed findings) could
    #: not be kept: their sentences are grouped otherwise now.
    lost: tuple[int, ...]

    def same_text(self, index: int) -> int:
        """The bead now holding the first sentence of bead `index` of `before`: where
        the cursor goes."""
        return holding(self.beads, self.before[index])

    @property
    def summary(self) -> str:
        """What re-aligning did, in a sentence for the reviewer (bead numbers as before)."""
        beads = sum(stretch.end - stretch.start for stretch in self.stretches)
        where = ", ".join(_numbers(stretch) for stretch in self.stretches[:3])
        if len(self.stretches) > 3:
            where += f" and {len(self.stretches) - 3} more stretches"
        done = (
            f"Re-aligned {beads} bead{'s' if beads != 1 else ''} between the pins ({where}): "
            f"{self.changed} new bead{'s' if self.changed != 1 else ''}"
        )
        if not self.lost:
            return done + "."
        numbers = ", ".join(str(bead_number(index)) for index in self.lost[:10])
        if len(self.lost) > 10:
            numbers += f" and {len(self.lost) - 10} more"
        return (
            f"{done}. What you decided on bead{'s' if len(self.lost) > 1 else ''} {numbers} "
            "could not be kept: its sentences are in other beads now (u undoes)."
        )


def holding(beads: Sequence[ReviewBead], bead: ReviewBead) -> int:
    """The index of the bead of `beads` that holds the first sentence of `bead` (beads
    of the same documents, grouped otherwise): where a cursor on `bead` goes."""
    side, sentence = ("src", bead.src[0]) if bead.src else ("tgt", bead.tgt[0])
    return next(i for i, other in enumerate(beads) if sentence in getattr(other, side))


def _numbers(stretch: Stretch) -> str:
    first, last = bead_number(stretch.start), bead_number(stretch.end - 1)
    return f"bead {first}" if first == last else f"beads {first}–{last}"


def stretches(beads: Sequence[ReviewBead], around: int | None = None) -> tuple[Stretch, ...]:
    """The stretches of unpinned beads; with `around`, only the one bead `around` is in,
    or for a pinned bead the ones just before and after it."""
    src_at, tgt_at = [0], [0]  # the sentences before each bead, on each side
    for bead in beads:
        src_at.append(src_at[-1] + len(bead.src))
        tgt_at.append(tgt_at[-1] + len(bead.tgt))
    found = []
    start = 0
    for index in range(len(beads) + 1):
        if index == len(beads) or beads[index].pinned:
            if start < index:
                src, tgt = range(src_at[start], src_at[index]), range(tgt_at[start], tgt_at[index])
                found.append(Stretch(start, index, src, tgt))
            start = index + 1
    if around is None:
        return tuple(found)
    if beads[around].pinned:
        return tuple(s for s in found if around in (s.start - 1, s.end))
    return tuple(s for s in found if s.start <= around < s.end)


def realigned(
    beads: Sequence[ReviewBead],
    alignment: Alignment,
    edits: Mapping[int, str],
    encoder: Encoder,
    chosen: Sequence[Stretch],
    progress: ProgressCallback | None = None,
) -> Realignment:
    """`beads` with each stretch of `chosen` aligned again on its own, with `encoder`,
    over the documents as the reviewer edited them (`alignment`, with `edits`). A bead
    the new alignment makes again keeps its decisions, with the aligner's new score."""
    result: list[ReviewBead] = []
    lost: list[int] = []
    changed = 0
    done = 0
    emptied = {j for j, text in edits.items() if not text}
    reporter = _Progress(progress, chosen)
    for number, stretch in enumerate(chosen):
        result.extend(beads[done : stretch.start])
        fresh = align_stretch(
            alignment.src, alignment.tgt, stretch.src, stretch.tgt, encoder, reporter.of(number)
        )
        before = {(bead.src, bead.tgt): bead for bead in beads[stretch.start : stretch.end]}
        made = [
            ReviewBead(bead.src, bead.tgt, bead.score)
            if (bead.src, bead.tgt) not in before
            else replace(before[bead.src, bead.tgt], score=bead.score)
            for bead in _emptied_joined(fresh, emptied)
        ]
        kept = {(bead.src, bead.tgt) for bead in made}
        changed += len(kept - before.keys())
        lost.extend(
            index
            for index in range(stretch.start, stretch.end)
            if _decided(beads[index]) and (beads[index].src, beads[index].tgt) not in kept
        )
        result.extend(made)
        done = stretch.end
    result.extend(beads[done:])
    reporter.finish()
    return Realignment(
        before=tuple(beads),
        beads=tuple(result),
        stretches=tuple(chosen),
        changed=changed,
        lost=tuple(lost),
    )


def _emptied_joined(fresh: Sequence[Bead], emptied: set[int]) -> list[Bead]:
    """The fresh beads, with each target sentence an edit emptied joined to the bead of
    the target sentence before it: an edit of a bead of several target sentences puts
    the whole text in the first and empties the others, and the aligner, which leaves
    blank sentences alone, would show each as an empty bead of its own."""
    joined: list[Bead] = []
    for bead in fresh:
        holder = next((k for k in range(len(joined) - 1, -1, -1) if joined[k].tgt), None)
        if (
            not bead.src
            and set(bead.tgt) <= emptied
            and holder is not None
            and joined[holder].tgt[-1] + 1 == bead.tgt[0]
        ):
            previous = joined[holder]
            joined[holder] = Bead(previous.src, previous.tgt + bead.tgt, previous.score)
        else:
            joined.append(bead)
    return joined


def _decided(bead: ReviewBead) -> bool:
    """Whether the reviewer decided something about the bead that lives on the bead (an
    edit lives on its sentences, and stays)."""
    return bead.accepted or bool(bead.comment or bead.dismissed)


class _Progress:
    """The stretches' progress as one: ("realign", sentences done, sentences in all),
    each stretch counted by its sentences, half embedding and half aligning."""

    def __init__(self, progress: ProgressCallback | None, chosen: Sequence[Stretch]) -> None:
        self.progress = progress
        self.weights = [len(stretch.src) + len(stretch.tgt) for stretch in chosen]
        self.total = sum(self.weights)

    def of(self, number: int) -> ProgressCallback | None:
        if self.progress is None:
            return None
        before, weight = sum(self.weights[:number]), self.weights[number]
        report = self.progress

        def stretch_progress(stage: str, done: int, total: int) -> None:
            share = done / total if total else 1.0
            share = share / 2 if stage == "embed" else 0.5 + share / 2
            report("realign", before + round(weight * share), self.total)

        return stretch_progress

    def finish(self) -> None:
        if self.progress is not None:
            self.progress("realign", self.total, self.total)
