"""Re-align a review whose documents changed, keeping the reviewer's decisions."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from aligner.embed import Encoder, UniversalSentenceEncoder, load_encoder
from aligner.model import Document, ProgressCallback, ReviewBead
from aligner.pipeline import align_documents
from aligner.review import Review
from aligner.session import load_documents, read_session


def realign_review(
    session_path: Path,
    encoder: Encoder | None = None,
    progress: ProgressCallback | None = None,
) -> Review:
    """The session's documents aligned afresh (by default with the session's encoder),
    keeping the decisions (acceptance, dismissals, comments, edits) of every bead whose
    texts did not change."""
    session = read_session(session_path)
    src, tgt = load_documents(session)
    # By texts, in document order: a heading that comes back ("Is Moscow running out of
    # manpower?") gets each of its decisions back in turn.
    kept: dict[tuple[str, str], deque[tuple[ReviewBead, str | None]]] = {}
    for bead, texts in zip(session.beads, session.texts, strict=True):
        edit = session.edits.get(bead.tgt[0]) if bead.tgt else None
        kept.setdefault(texts, deque()).append((bead, edit))
    if encoder is None:
        # The encoder the review was aligned with: the default, or a model by name.
        default = session.encoder == UniversalSentenceEncoder.name
        encoder = load_encoder(None if default else session.encoder)
    alignment = align_documents(src, tgt, encoder, progress)
    beads = []
    edits: dict[int, str] = {}
    for bead in alignment.beads:
        texts = (_joined(src, bead.src), _joined(tgt, bead.tgt))
        if not kept.get(texts):
            beads.append(ReviewBead(bead.src, bead.tgt, bead.score))
            continue
        decided, edit = kept[texts].popleft()
        beads.append(replace(decided, src=bead.src, tgt=bead.tgt, score=bead.score))
        if edit is not None:
            edits.update({bead.tgt[0]: edit, **{j: "" for j in bead.tgt[1:]}})
    review = Review(
        alignment,
        beads,
        edits=edits,
        session_path=session_path,
        presegmented=session.presegmented,
        encoder=encoder,
    )
    review.save()
    return review


def _joined(document: Document, ids: Sequence[int]) -> str:
    return "\n".join(document.segments[i].text for i in ids)
