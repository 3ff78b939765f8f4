"""A review's state (what undo restores) and the documents as its edits make them.

`ReviewState` is one immutable value: the beads and the edits of each side. The
bookkeeping of a review (`aligner.review_findings`) carries what it knew of one state's
beads to the next (`carried`) for the beads a change left as they were, since at
5,000 beads finding it all again would cost every key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import compress, count
from operator import is_not
from typing import Generic, NamedTuple, TypeVar

from aligner.model import Alignment, Document, ReviewBead, Segment, with_fields


@dataclass(frozen=True)
class ReviewState:
    """What undo restores: the beads and the edits of each side (segment index → text)."""

    beads: tuple[ReviewBead, ...]
    edits: tuple[tuple[int, str], ...] = ()
    source_edits: tuple[tuple[int, str], ...] = ()


#: What `carried` carries from one state to the next: checks, tallies.
Known = TypeVar("Known")


class Carried(NamedTuple, Generic[Known]):
    """What `carried` carries: what still holds by index in the new state, and what
    it dropped (what held of the beads the change made anew or edited)."""

    kept: dict[int, Known]
    dropped: list[Known]


def carried(
    previous: tuple[ReviewState, dict[int, Known]] | None,
    state: ReviewState,
    same_as: Callable[[ReviewBead], Hashable],
    *,
    across_edits: bool = False,
) -> Carried[Known]:
    """What was known of the beads of the previous state that still holds, by index
    in `state`: a bead the change did not touch (one of the beads before it, with
    the same `same_as`, its texts not edited) has the same findings, wherever a merge
    or a split moved it; at 5,000 beads cutting every text out again to look them up
    costs a key a fifth of a second. An edit moves the other beads' texts in their
    document: their checks (which hold offsets into it) are not kept, their findings
    are (`across_edits`)."""
    if previous is None:
        return Carried({}, [])
    before_state, known = previous
    edited = _edited_segments(before_state, state)
    if any(edited) and not across_edits:
        return Carried({}, list(known.values()))
    src_edited, tgt_edited = edited
    before, beads = before_state.beads, state.beads

    def untouched(bead: ReviewBead) -> bool:
        return src_edited.isdisjoint(bead.src) and tgt_edited.isdisjoint(bead.tgt)

    # Any change (an accept, a merge, a split, an undo of one): the beads before it
    # and after it are the very same, at the same index or shifted by as many; only
    # those in between are looked up. Asked at every key: one pass over the indices
    # with no call per bead (a call per bead cost an accept 20 ms at 5,000 beads).
    head, tail = same_ends(before, beads)
    shift, middle_end = len(beads) - len(before), len(before) - tail
    between = {i: known[i] for i in range(head, middle_end) if i in known}
    if shift:
        kept = {
            i if i < head else i + shift: value
            for i, value in known.items()
            if i < head or i >= middle_end
        }
    else:  # the indices hold: a copy (in C) less the beads in between
        kept = dict(known)
        for i in between:
            del kept[i]
    dropped: list[Known] = []
    if any(edited):
        dropped = [value for i, value in kept.items() if not untouched(beads[i])]
        kept = {i: value for i, value in kept.items() if untouched(beads[i])}
    # The beads in between, by what the knowledge depends on: a bulk change (every
    # finding of a code dismissed, every confident bead accepted) makes every bead
    # anew, and finding it all again cost it most of a second at 5,000 beads.
    by_bead = {same_as(before[i]): i for i in between}
    for index in range(head, len(beads) - tail):
        found = by_bead.get(same_as(beads[index]))
        if found is not None and untouched(beads[index]):
            kept[index] = between.pop(found)
    dropped += between.values()
    return Carried(kept, dropped)


def _edited_segments(before: ReviewState, after: ReviewState) -> tuple[set[int], set[int]]:
    """The source and the target segments whose edits differ between two states."""
    return tuple(  # type: ignore[return-value]
        {index for index, _ in set(getattr(before, side)) ^ set(getattr(after, side))}
        for side in ("source_edits", "edits")
    )


def same_ends(before: Sequence[ReviewBead], after: Sequence[ReviewBead]) -> tuple[int, int]:
    """How many beads at the start and at the end of two lists are the very same
    objects (the end's not overlapping the start's in either list)."""
    shorter = min(len(before), len(after))
    # Compared in C (`map`, `compress`): a loop in Python cost every key milliseconds.
    head = next(compress(count(), map(is_not, before, after)), shorter)
    rest = shorter - head
    tail = next(compress(count(), map(is_not, reversed(before), reversed(after))), rest)
    return head, min(tail, rest)


class EditedDocuments:
    """The alignment with both documents as a state's edits make them, and the
    aligner's beads: what cutting out a bead's texts reads. Made again only when an
    edit changes, not at every change: building 5,000 beads again cost each key tens
    of milliseconds."""

    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        #: The documents last made and the edits they were made with.
        self._made: tuple[tuple[object, ...], Alignment] | None = None

    def of(self, state: ReviewState) -> Alignment:
        previous = self._made
        key = (state.edits, state.source_edits)
        if previous is not None and previous[0] == key:
            return previous[1]
        if previous is not None and previous[0][0] == key[0]:
            target = previous[1].tgt  # the edits did not change: nor did the text
        else:
            target = edited_document(self.alignment.tgt, dict(state.edits))
        if previous is not None and previous[0][1] == key[1]:
            source = previous[1].src
        else:
            source = edited_document(self.alignment.src, dict(state.source_edits))
        self._made = (key, replace(self.alignment, src=source, tgt=target))
        return self._made[1]


def edited_document(document: Document, edits: Mapping[int, str]) -> Document:
    """`document` with the texts of some segments replaced; a segment emptied by an
    edit of the bead it belongs to also loses the space before it, so the bead's text
    is exactly what the reviewer typed."""
    if not edits:
        return document
    parts: list[str] = []
    segments: list[Segment] = []
    position = previous_end = 0
    for segment in document.segments:
        gap = document.text[previous_end : segment.start]
        if edits.get(segment.index) == "":
            gap = ""
        text = edits.get(segment.index, segment.text)
        parts += [gap, text]
        start = position + len(gap)
        position = start + len(text)
        previous_end = segment.end
        if start == segment.start and segment.index not in edits:
            # Before the first edit nothing moved: the segment as it is (making all
            # 5,000 anew took an edit 30 ms; those after it, `with_fields`).
            segments.append(segment)
            continue
        # An edited sentence's inline markup no longer fits its words: it goes.
        markup = segment.markup if segment.index not in edits else ()
        segments.append(with_fields(segment, start=start, end=position, text=text, markup=markup))
    parts.append(document.text[previous_end:])
    return replace(document, text="".join(parts), segments=tuple(segments))
