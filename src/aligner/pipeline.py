"""The pipeline in one direction: read → segment → embed → align.

Each stage lives in its own module; this one only runs them in order, for the CLI,
the review UI and notebooks alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from aligner.align import (
    RunVectors,
    Surroundings,
    align_segments,
    aligned_in_full,
    bead_confidence,
)
from aligner.embed import CachedEncoder, Encoder, load_encoder
from aligner.errors import LanguageError
from aligner.formats import read_structured
from aligner.language import detect_language, normalize_language
from aligner.model import (
    Alignment,
    Bead,
    Document,
    ProgressCallback,
    Segment,
)
from aligner.read import read_text
from aligner.segment import segment_lines, segment_text
from aligner.verdict import apply_verdict


def load_document(path: Path, lang: str | None = None, presegmented: bool = False) -> Document:
    """Read and segment one document; detect its language unless `lang` is given.

    `presegmented` takes every line as one segment, numbered from 0 like the lines; in
    a structured format (HTML, DOCX, Markdown, subtitles: by extension), every block.
    """
    path = Path(path)
    structure = read_structured(path)
    text = read_text(path) if structure is None else structure.text
    if lang is None:
        code, detected = _detect(path, text), True
    else:
        code, detected = normalize_language(lang), False
    segments = segment_lines(text) if presegmented else segment_text(text, code)
    if structure is None:
        return Document(path, text, code, segments, detected)
    return Document(path, text, code, structure.annotate(segments), detected, structure.format)


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
    """Align two loaded documents with `encoder` (default: USE multilingual v3). Where
    they do not read as translations of each other (`verdict.judge_alignment`), no
    bead's confidence is above a coin toss (`verdict.apply_verdict`)."""
    encoder = encoder or load_encoder()
    for document in (src, tgt):
        _check_language(encoder, document)
    beads = align_stretch(
        src, tgt, range(len(src.segments)), range(len(tgt.segments)), encoder, progress
    )
    return apply_verdict(Alignment(src, tgt, beads, encoder.name))


def align_stretch(
    src: Document,
    tgt: Document,
    src_ids: range,
    tgt_ids: range,
    encoder: Encoder,
    progress: ProgressCallback | None = None,
) -> tuple[Bead, ...]:
    """Align segments `src_ids` of `src` with segments `tgt_ids` of `tgt` (re-aligning
    the stretch between two pinned beads), as `align_documents` aligns whole documents
    and measured against them (`align.Surroundings`): beads over exactly those
    segments, in the documents' numbering."""
    embedder = CachedEncoder(encoder, progress)
    src_texts = _texts(src.segments[src_ids.start : src_ids.stop])
    tgt_texts = _texts(tgt.segments[tgt_ids.start : tgt_ids.stop])
    # A stretch of documents aligned in full is aligned as aligning them whole
    # would: against all their sentences (`align.Surroundings`). A side with no
    # sentence aligns nothing: there is nothing to compare.
    whole = len(src_ids) == len(src.segments) and len(tgt_ids) == len(tgt.segments)
    alone = whole or not (src_texts and tgt_texts)
    alone = alone or not aligned_in_full(len(src.segments), len(tgt.segments))
    src_around_texts = {} if alone else _texts(src.segments)
    tgt_around_texts = {} if alone else _texts(tgt.segments)
    # One call for every text: one progress bar, and lines the documents share (names,
    # figures, captions) are embedded once.
    parts = [src_texts, tgt_texts, src_around_texts, tgt_around_texts]
    vectors = embedder.encode([text for part in parts for text in part.values()])
    ends = np.cumsum([len(part) for part in parts])
    src_vectors, tgt_vectors, src_around_vectors, tgt_around_vectors = np.split(vectors, ends[:-1])
    surroundings = (
        None
        if alone
        else Surroundings.of(
            src_vectors,
            tgt_vectors,
            [src.segments[i] for i in src_around_texts],
            [tgt.segments[j] for j in tgt_around_texts],
            src_around_vectors,
            tgt_around_vectors,
        )
    )
    src_segments = [src.segments[i] for i in src_texts]
    tgt_segments = [tgt.segments[j] for j in tgt_texts]
    run_embedder = CachedEncoder(encoder, _as_stage("runs", progress))

    def embed_runs(
        src_runs: Sequence[range], tgt_runs: Sequence[range]
    ) -> tuple[RunVectors, RunVectors]:
        texts = [
            " ".join(segments[i].text for i in run)
            for segments, runs in ((src_segments, src_runs), (tgt_segments, tgt_runs))
            for run in runs
        ]
        vectors = run_embedder.encode(texts)
        return (
            dict(zip(src_runs, vectors[: len(src_runs)], strict=True)),
            dict(zip(tgt_runs, vectors[len(src_runs) :], strict=True)),
        )

    beads = align_segments(
        src_segments, tgt_segments, src_vectors, tgt_vectors, progress, embed_runs, surroundings
    )
    renumbered = _renumbered(beads, list(src_texts), list(tgt_texts))
    return tuple(_with_blank_segments(renumbered, src_ids, tgt_ids))


def _as_stage(stage: str, progress: ProgressCallback | None) -> ProgressCallback | None:
    """`progress`, reporting under another stage's name."""
    if progress is None:
        return None
    return lambda _, done, total: progress(stage, done, total)


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


#: Segments on each side of a bead scored alone (`bead_score`) whose similarities make
#: its margins: as far as the aligner's band reaches on a long document.
BEAD_CONTEXT = 12


def bead_score(
    src: Document, tgt: Document, src_ids: range, tgt_ids: range, encoder: Encoder
) -> float:
    """The confidence of one bead of these documents, from its texts' vectors, as the
    aligner scores its beads (`align.bead_confidence`): for a bead the reviewer built.
    An empty range still says where the bead is on its side (range(5, 5): before
    segment 5). Only the segments within BEAD_CONTEXT of the bead are embedded (give a
    CachedEncoder to embed each once); blank ones are left out, as in `align_documents`."""
    src_near = _nearby(src, src_ids)
    tgt_near = _nearby(tgt, tgt_ids)
    vectors = encoder.encode([*src_near.values(), *tgt_near.values()])
    src_local, tgt_local = (
        range(*_span([p for p, i in enumerate(near) if i in ids]))
        for near, ids in ((src_near, src_ids), (tgt_near, tgt_ids))
    )
    if not src_local and not tgt_local:
        return 1.0  # blank segments only, as `align_documents` scores them
    return bead_confidence(
        [src.segments[i] for i in src_near],
        [tgt.segments[j] for j in tgt_near],
        vectors[: len(src_near)],
        vectors[len(src_near) :],
        src_local,
        tgt_local,
    )


def _nearby(document: Document, ids: range) -> dict[int, str]:
    """The non-blank segments within BEAD_CONTEXT of `ids`, by index."""
    first = max(ids.start - BEAD_CONTEXT, 0)
    return _texts(document.segments[first : ids.stop + BEAD_CONTEXT])


def _span(positions: list[int]) -> tuple[int, int]:
    """(first, last + 1) of consecutive positions; (0, 0) for none."""
    return (positions[0], positions[-1] + 1) if positions else (0, 0)


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


def _with_blank_segments(beads: list[Bead], src_ids: range, tgt_ids: range) -> Iterator[Bead]:
    """The beads, with a bead of its own for every blank segment of `src_ids` and
    `tgt_ids`, in document order, so the beads cover every segment (and bead numbers
    still match line numbers)."""
    next_src, next_tgt = src_ids.start, tgt_ids.start
    for bead in beads:
        first_src = bead.src[0] if bead.src else next_src
        first_tgt = bead.tgt[0] if bead.tgt else next_tgt
        yield from (Bead((i,), (), 1.0) for i in range(next_src, first_src))
        yield from (Bead((), (j,), 1.0) for j in range(next_tgt, first_tgt))
        yield bead
        next_src = bead.src[-1] + 1 if bead.src else first_src
        next_tgt = bead.tgt[-1] + 1 if bead.tgt else first_tgt
    yield from (Bead((i,), (), 1.0) for i in range(next_src, src_ids.stop))
    yield from (Bead((), (j,), 1.0) for j in range(next_tgt, tgt_ids.stop))
