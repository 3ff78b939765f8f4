"""Re-align a review whose documents changed, keeping the reviewer's decisions.

The documents are aligned afresh. Then every saved bead the reviewer decided something
about (accepted it, built it by a merge, a split or a detach, pinned it, commented on
it, dismissed a finding, edited its target) is put back wherever its texts are still there
and still follow each other: its sentences are found in the new documents by an exact
diff of the sentence texts (difflib), and the fresh beads are cut around it. What
could not be kept is reported by its bead number, and the session as it was is kept
beside the new one.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from aligner.checks import DEFAULT_CONFIG, CheckConfig
from aligner.embed import (
    REVIEW_THREADS,
    CachedEncoder,
    Encoder,
    UniversalSentenceEncoder,
    load_encoder,
)
from aligner.files import write_atomically
from aligner.model import Bead, Document, ProgressCallback, ReviewBead, bead_number
from aligner.pipeline import align_documents
from aligner.review import Review, scored_beads
from aligner.session import SavedSession, load_documents, read_session

#: What the session as it was before re-aligning is named beside it, when re-aligning
#: could not keep every decision.
BACKUP_SUFFIX = ".before-realign"


@dataclass(frozen=True)
class RealignedReview:
    """A re-aligned review, and the decisions it could not keep."""

    review: Review
    #: The saved beads (their indices before re-aligning) whose decisions are lost:
    #: their texts changed, or no longer follow each other.
    lost: tuple[int, ...]
    #: Where the session as it was is kept, when something was lost.
    backup: Path | None

    @property
    def summary(self) -> str:
        """What re-aligning did, in a sentence for the reviewer."""
        if not self.lost or self.backup is None:
            return "Re-aligned: every decision was kept."
        numbers = ", ".join(str(bead_number(index)) for index in self.lost)
        if len(self.lost) == 1:
            lost = f"What you decided on bead {numbers} could not be kept: its text changed"
        else:
            lost = (
                f"What you decided on {len(self.lost)} beads could not be kept, their text "
                f"changed: beads {numbers}"
            )
        return (
            f"Re-aligned. {lost} (numbered as before). The review as it was is in "
            f"{self.backup.name}."
        )


def realign_review(
    session_path: Path | str,
    encoder: Encoder | None = None,
    progress: ProgressCallback | None = None,
    check_config: CheckConfig = DEFAULT_CONFIG,
) -> RealignedReview:
    """The session's documents aligned afresh (by default with the session's encoder),
    with every decided bead (accepted, built, commented, dismissed, edited) put back
    where its texts are unchanged and still follow each other; the cursor stays on the
    same text where it can. Saved at once."""
    session_path = Path(session_path)
    session = read_session(session_path)
    src, tgt = load_documents(session)
    # Embedded once: by the alignment, then by the beads cut around the kept ones.
    cached = CachedEncoder(encoder or _session_encoder(session))
    alignment = align_documents(src, tgt, cached, progress)
    old_src, old_tgt = _saved_sentences(session)
    moves = (_sentence_moves(old_src, src), _sentence_moves(old_tgt, tgt))
    kept: dict[int, ReviewBead] = {}
    for index, bead in enumerate(session.beads):
        if _decided(bead, session):
            moved = _moved(bead, *moves)
            if moved is not None:
                kept[index] = moved
    lost = tuple(
        index
        for index, bead in enumerate(session.beads)
        if _decided(bead, session) and index not in kept
    )
    around, cut = _around(alignment.beads, list(kept.values()), src, tgt)
    beads = scored_beads(src, tgt, around, cut, cached)
    kept_beads = [session.beads[index] for index in kept]
    edits = {moves[1][j]: session.edits[j] for b in kept_beads for j in b.tgt if j in session.edits}
    source_edits = {
        moves[0][i]: session.source_edits[i]
        for b in kept_beads
        for i in b.src
        if i in session.source_edits
    }
    review = Review(
        alignment,
        beads,
        edits=edits,
        source_edits=source_edits,
        session_path=session_path,
        presegmented=session.presegmented,
        cursor=_cursor(session, moves, beads),
        encoder=cached,
        check_config=check_config,
    )
    review.claim_session()  # before anything is written: not while another window has it
    backup = _backup(session_path) if lost else None
    review.save()
    return RealignedReview(review, lost, backup)


def _session_encoder(session: SavedSession) -> Encoder:
    """The encoder the review was aligned with: the default, or a model by name."""
    default = session.encoder == UniversalSentenceEncoder.name
    return load_encoder(None if default else session.encoder, threads=REVIEW_THREADS)


def _saved_sentences(session: SavedSession) -> tuple[list[str], list[str]]:
    """The text of every sentence of each document as the session saw it (each bead
    keeps its sentences' texts, one a line)."""
    sides: tuple[list[str], list[str]] = (
        [""] * session.segment_counts[0],
        [""] * session.segment_counts[1],
    )
    for bead, texts in zip(session.beads, session.texts, strict=True):
        for sentences, ids, text in zip(sides, (bead.src, bead.tgt), texts):
            for i, line in zip(ids, text.split("\n")):
                sentences[i] = line
    return sides


def _sentence_moves(saved: list[str], document: Document) -> dict[int, int]:
    """Saved sentence number → its number in `document`, for the sentences the diff
    finds unchanged (the others are not in the map)."""
    now = [segment.text for segment in document.segments]
    # No junk heuristic: blank lines and repeated captions are sentences like the others.
    matcher = difflib.SequenceMatcher(None, saved, now, autojunk=False)
    return {
        block.a + k: block.b + k
        for block in matcher.get_matching_blocks()
        for k in range(block.size)
    }


def _decided(bead: ReviewBead, session: SavedSession) -> bool:
    """Whether the reviewer decided something about the bead."""
    edited = any(j in session.edits for j in bead.tgt) or any(
        i in session.source_edits for i in bead.src
    )
    fixed = bead.accepted or bead.reviewer_made or bead.pinned
    return fixed or bool(bead.dismissed or bead.comment) or edited


def _moved(
    bead: ReviewBead, src_moves: dict[int, int], tgt_moves: dict[int, int]
) -> ReviewBead | None:
    """The bead in the new documents' numbers, None when a sentence of it changed or
    its sentences no longer follow each other."""
    sides = []
    for ids, moves in ((bead.src, src_moves), (bead.tgt, tgt_moves)):
        if not all(i in moves for i in ids):
            return None
        new = tuple(moves[i] for i in ids)
        if new and new != tuple(range(new[0], new[0] + len(new))):
            return None
        sides.append(new)
    return replace(bead, src=sides[0], tgt=sides[1])


def _around(
    fresh: Sequence[Bead], kept: list[ReviewBead], src: Document, tgt: Document
) -> tuple[list[ReviewBead], list[int]]:
    """The fresh beads cut around the kept beads, and the kept beads in their places:
    every sentence once, in order. Also the indices of the beads cut (to be scored
    again: their texts are not the ones the aligner scored)."""
    counts = (len(src.segments), len(tgt.segments))
    places = _places(fresh, kept, *counts)
    # Stretch k is what lies between kept bead k-1 and kept bead k, on both sides.
    slots = (_slots(places, 0, counts[0]), _slots(places, 1, counts[1]))
    pieces: list[list[tuple[ReviewBead, bool]]] = [[] for _ in range(len(kept) + 1)]
    for bead in fresh:
        for stretch, piece in _cut(bead, slots):
            pieces[stretch].append((piece, (piece.src, piece.tgt) != (bead.src, bead.tgt)))
    beads: list[ReviewBead] = []
    cut: list[int] = []
    for stretch, stretch_pieces in enumerate(pieces):
        for piece, was_cut in stretch_pieces:
            if was_cut:
                cut.append(len(beads))
            beads.append(piece)
        beads.extend(kept[stretch : stretch + 1])
    return beads, cut


def _cut(
    bead: Bead, slots: tuple[list[int | None], list[int | None]]
) -> list[tuple[int, ReviewBead]]:
    """A fresh bead's sentences outside the kept beads, one piece per stretch."""
    parts: dict[int, tuple[list[int], list[int]]] = {}
    for side, ids in enumerate((bead.src, bead.tgt)):
        for i in ids:
            stretch = slots[side][i]
            if stretch is not None:
                parts.setdefault(stretch, ([], []))[side].append(i)
    return [
        (stretch, ReviewBead(tuple(src_ids), tuple(tgt_ids), bead.score))
        for stretch, (src_ids, tgt_ids) in sorted(parts.items())
    ]


def _places(
    fresh: Sequence[Bead], kept: list[ReviewBead], n: int, m: int
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Each kept bead's [start, end) sentences on each side. A side a kept bead lacks
    (a detached 1-0) is an empty range where the fresh alignment has its other side,
    moved between the kept beads around it if it falls outside them."""
    src_at = _positions(fresh, "tgt", "src", m)
    tgt_at = _positions(fresh, "src", "tgt", n)
    src_ranges = [_range(bead.src, src_at, bead.tgt) for bead in kept]
    tgt_ranges = [_range(bead.tgt, tgt_at, bead.src) for bead in kept]
    _clamp_positions(src_ranges, n)
    _clamp_positions(tgt_ranges, m)
    return list(zip(src_ranges, tgt_ranges))


def _positions(fresh: Sequence[Bead], side: str, other: str, count: int) -> list[int]:
    """For each sentence of `side`, where the fresh bead that has it starts on `other`."""
    at = [0] * count
    next_other = 0
    for bead in fresh:
        for i in getattr(bead, side):
            at[i] = next_other
        next_other += len(getattr(bead, other))
    return at


def _range(ids: tuple[int, ...], at: list[int], other_ids: tuple[int, ...]) -> tuple[int, int]:
    """[start, end) of a side's sentences; for an empty side, the position the fresh
    alignment gives the other side's first sentence."""
    if ids:
        return ids[0], ids[-1] + 1
    position = at[other_ids[0]]
    return position, position


def _clamp_positions(ranges: list[tuple[int, int]], count: int) -> None:
    """Move each empty range (a position) between the ranges before and after it, so
    that the kept beads stay in order on this side."""
    ceilings = []  # for each range, the first start of a non-empty range from it on
    ceiling = count
    for start, end in reversed(ranges):
        if start != end:
            ceiling = min(ceiling, start)
        ceilings.append(ceiling)
    ceilings.reverse()
    floor = 0
    for k, (start, end) in enumerate(ranges):
        if start == end:
            start = end = min(max(start, floor), ceilings[k])
            ranges[k] = (start, end)
        floor = max(floor, end)


def _slots(
    places: list[tuple[tuple[int, int], tuple[int, int]]], side: int, count: int
) -> list[int | None]:
    """For each sentence of a side: the stretch it is in, None inside a kept bead."""
    slots: list[int | None] = [None] * count
    start = 0
    ends = [place[side] for place in places] + [(count, count)]
    for stretch, (first, last) in enumerate(ends):
        for i in range(start, first):
            slots[i] = stretch
        start = last
    return slots


def _cursor(
    session: SavedSession, moves: tuple[dict[int, int], dict[int, int]], beads: Sequence[ReviewBead]
) -> int:
    """The new bead with the saved cursor bead's first sentence that is still there, or
    else with the nearest one before it that is; the first bead when none is."""
    bead_of: tuple[dict[int, int], dict[int, int]] = ({}, {})
    for index, bead in enumerate(beads):
        for side, ids in enumerate((bead.src, bead.tgt)):
            bead_of[side].update(dict.fromkeys(ids, index))
    for saved in session.beads[session.cursor :: -1]:
        for side, ids in enumerate((saved.src, saved.tgt)):
            found = next((moves[side][i] for i in ids if i in moves[side]), None)
            if found is not None:
                return bead_of[side][found]
    return 0


def _backup(session_path: Path) -> Path:
    """Copy the session as it is before it is overwritten."""
    backup = session_path.with_name(session_path.name + BACKUP_SUFFIX)
    write_atomically(backup, session_path.read_bytes())
    return backup
