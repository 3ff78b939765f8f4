"""A memory's units as an alignment, for a review: one bead per unit.

The review works on two documents and their beads. A bilingual file already pairs its
texts, so its units are not aligned again: each side becomes a document of one segment
per unit (the texts joined by line breaks, in file order) and each unit a 1-1 bead of
confidence 1, which the file, not the aligner, vouches for. A review of the file is
then a review like any other: accept, edit, comment, dismiss, export to TMX. Each
document keeps the units (`Document.units`): the review shows their state and notes, and
the export keeps their ids as tuids.
"""

from __future__ import annotations

from aligner.language import normalize_language
from aligner.model import Alignment, Bead, Document, Segment, TranslationMemory

#: The confidence of a unit the file pairs: certain, as a bead the reviewer pinned.
UNIT_SCORE = 1.0


def memory_alignment(memory: TranslationMemory, encoder: str) -> Alignment:
    """The units of `memory` as 1-1 beads between two documents of its texts; `encoder`
    names the encoder that scores the beads a reviewer builds (merges, splits)."""
    src = _document(memory, [unit.src_text for unit in memory.units], memory.src_lang)
    tgt = _document(memory, [unit.tgt_text for unit in memory.units], memory.tgt_lang)
    beads = tuple(Bead((index,), (index,), UNIT_SCORE) for index in range(len(memory.units)))
    return Alignment(src, tgt, beads, encoder)


def _document(memory: TranslationMemory, texts: list[str], lang: str) -> Document:
    segments = []
    start = line = 0
    for index, text in enumerate(texts):
        segments.append(Segment(index, start, start + len(text), text, line))
        start += len(text) + 1
        line += text.count("\n") + 1
    return Document(
        memory.path,
        "\n".join(texts),
        normalize_language(lang),
        tuple(segments),
        units=memory.units,
    )
