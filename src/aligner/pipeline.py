"""The pipeline in one direction: read → segment → embed → align; and memories read as pairs.

Each stage lives in its own module; this one only runs them in order, for the CLI,
the review UI and notebooks alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from aligner.align import align_segments
from aligner.embed import CachedEncoder, Encoder, load_encoder
from aligner.errors import LanguageError
from aligner.language import detect_language, normalize_language
from aligner.model import (
    Alignment,
    Bead,
    Document,
    ProgressCallback,
    Segment,
    TranslationMemory,
)
from aligner.read import read_text
from aligner.segment import segment_lines, segment_text
from aligner.tables import read_table
from aligner.tmx import read_tmx


def load_document(path: Path, lang: str | None = None, presegmented: bool = False) -> Document:
    """Read and segment one document; detect its language unless `lang` is given.

    `presegmented` takes every line as one segment, numbered from 0 like the lines.
    """
    path = Path(path)
    text = read_text(path)
    if lang is None:
        code, detected = _detect(path, text), True
    else:
        code, detected = normalize_language(lang), False
    segments = segment_lines(text) if presegmented else segment_text(text, code)
    return Document(path, text, code, segments, detected)


def load_memory(
    path: Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> TranslationMemory:
    """Read the pairs of a translation memory: TMX (.tmx), else a two-column TSV/CSV."""
    path = Path(path)
    if path.suffix.lower() == ".tmx":
        return read_tmx(path, src_lang, tgt_lang)
    return read_table(path, src_lang, tgt_lang)


def _detect(path: Path, text: str) -> str:
    try:
        return detect_language(text)
    except LanguageError as error:
        raise LanguageError(f"{path}: {error}") from None


def align_documents(
    src: Document,
    tgt: Document,
    encoder: Encoder | None = None,
    progress: ProgressCallback | None = None,
) -> Alignment:
    """Align two loaded documents with `encoder` (default: USE multilingual v3)."""
    encoder = encoder or load_encoder()
    for document in (src, tgt):
        _check_language(encoder, document)
    embedder = CachedEncoder(encoder, progress)
    src_texts = _texts(src.segments)
    tgt_texts = _texts(tgt.segments)
    # One call for both sides: one progress bar, and lines the documents share
    # (names, figures, captions) are embedded once.
    vectors = embedder.encode([*src_texts.values(), *tgt_texts.values()])
    beads = align_segments(
        [src.segments[i] for i in src_texts],
        [tgt.segments[j] for j in tgt_texts],
        vectors[: len(src_texts)],
        vectors[len(src_texts) :],
        progress,
    )
    beads = _renumbered(beads, list(src_texts), list(tgt_texts))
    return Alignment(src, tgt, tuple(_with_blank_segments(beads, src, tgt)), encoder.name)


def segment_similarities(
    src: Document, tgt: Document, encoder: Encoder | None = None
) -> np.ndarray:
    """The cosine similarity of every source segment with every target segment, as the
    encoder sees them: a (len(src.segments), len(tgt.segments)) array, 0 for blank
    segments. What the aligner starts from; for plots and for looking into a bead."""
    encoder = encoder or load_encoder()
    src_texts = _texts(src.segments)
    tgt_texts = _texts(tgt.segments)
    vectors = CachedEncoder(encoder).encode([*src_texts.values(), *tgt_texts.values()])
    similarities = np.zeros((len(src.segments), len(tgt.segments)), dtype=np.float32)
    if src_texts and tgt_texts:
        rows, columns = np.ix_(list(src_texts), list(tgt_texts))
        # Rows of an encoder's output are L2-normalised: the dot product is the cosine.
        similarities[rows, columns] = vectors[: len(src_texts)] @ vectors[len(src_texts) :].T
    return similarities


def _check_language(encoder: Encoder, document: Document) -> None:
    if encoder.languages is not None and document.lang not in encoder.languages:
        supported = ", ".join(sorted(encoder.languages))
        raise LanguageError(
            f"{document.path}: the encoder {encoder.name} does not support language "
            f"{document.lang!r} (it supports {supported}); choose another with --model"
        )


def _texts(segments: Sequence[Segment]) -> dict[int, str]:
    """Texts of the non-blank segments by index: blank lines of pre-segmented input
    carry nothing to embed."""
    return {s.index: s.text for s in segments if s.text}


def _renumbered(beads: Sequence[Bead], src_ids: list[int], tgt_ids: list[int]) -> list[Bead]:
    """Beads over the non-blank segments, renumbered to the documents' segment indices."""
    return [
        Bead(tuple(src_ids[i] for i in b.src), tuple(tgt_ids[j] for j in b.tgt), b.score)
        for b in beads
    ]


def _with_blank_segments(beads: list[Bead], src: Document, tgt: Document) -> Iterator[Bead]:
    """The beads, with a bead of its own for every blank segment, in document order, so
    the alignment covers every segment (and bead numbers still match line numbers)."""
    next_src = next_tgt = 0
    for bead in beads:
        first_src = bead.src[0] if bead.src else next_src
        first_tgt = bead.tgt[0] if bead.tgt else next_tgt
        yield from (Bead((i,), (), 1.0) for i in range(next_src, first_src))
        yield from (Bead((), (j,), 1.0) for j in range(next_tgt, first_tgt))
        yield bead
        next_src = bead.src[-1] + 1 if bead.src else first_src
        next_tgt = bead.tgt[-1] + 1 if bead.tgt else first_tgt
    yield from (Bead((i,), (), 1.0) for i in range(next_src, len(src.segments)))
    yield from (Bead((), (j,), 1.0) for j in range(next_tgt, len(tgt.segments)))
