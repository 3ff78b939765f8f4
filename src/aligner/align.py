"""Sentence alignment: segments and their embeddings in, monotonic beads out.

Pure computation over arrays: no I/O, no model. How it works (see docs/architecture.md):

1. Every sentence is embedded once by the caller. A run of up to four consecutive
   sentences is represented by the length-weighted sum of its sentence vectors,
   re-normalised. Measured on the dev sets, this scores within 0.01 strict F1 of
   embedding every window for real (what Vecalign and Bertalign do, at 4-7× the
   encoder time), so the aligner costs a fraction of the embedding.
2. Similarities are turned into margins: the cosine minus the mean similarity of each
   side to its k nearest candidates, so that generic sentences which resemble
   everything do not win.
3. A dynamic programme picks the monotonic path of beads that maximises the summed
   bead scores. Each bead scores once, whatever its size, so merges must earn their
   place. A 1-0 or 0-1 bead costs more for a sentence of prose than for a heading,
   caption or list item: in web copy those often have no counterpart, while a prose
   sentence left alone usually belongs in its neighbour's 2-1 or 1-2 bead; a run of
   prose sentences that resemble nothing on the other side skips at a heading's price
   (the translator added or dropped a passage). A merge that swallows a heading, caption or list
   item pays extra, because in web copy those stand alone. Numbers are
   anchors: a translation keeps a text's figures (years, heights, prices), so runs
   whose digits agree gain and runs where only one side has digits lose. A bead that
   ends on a line ending with a comma or semicolon pays extra: that line is half a
   sentence, cut by a line break, and belongs with its continuation.
4. The DP runs inside a band around the path found on a coarser copy of both
   documents (pairs of sentences averaged, recursively), so time and memory grow
   linearly with length instead of with the product of the lengths. The band is
   ragged: each row keeps only its own columns.

The dynamic programme itself (the best path, the beads' posteriors) is `bead_path`;
this module scores the beads it searches. Progress, for a caller that shows it, is
counted in DP rows (see `bead_path.Tally`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from threadpoolctl import threadpool_limits

from aligner.bead_path import (
    BEAD_TYPES,
    NEG,
    ROW_TYPES,
    Band,
    Lattice,
    Moves,
    Posteriors,
    Tally,
    best_path,
)
from aligner.model import Bead, ProgressCallback, Segment

#: Runs of consecutive sentences (ranges of segment positions) with their own vector.
RunVectors = Mapping[range, np.ndarray]

#: Embeds the runs of sentences `align_segments` asks for, per side (source, target), one
#: text a run: the second pass's vectors.
RunEmbedder = Callable[[Sequence[range], Sequence[range]], tuple[RunVectors, RunVectors]]

# Scoring constants, tuned on ../shared/eval dev sets (benchmarks/ reports the effect).
# Score of a 1-0 or 0-1 bead: a heading, caption or list item left alone (web copy has
# many that only one version has), and a sentence of prose left alone, which in prose
# usually belongs to a neighbour's bead instead (a 2-1 or 1-2 its translator made).
# The prose skip is chosen by leave-one-book-out cross-validation over croco_val and
# the dev sets (benchmarks/experiments/crossval_align.py): -0.1 → -0.3 raised pooled
# croco_val strict F1 .860 → .863, lax .959 → .965, and cut the beads no gold bead
# overlaps by a fifth; every fold chose -0.3.
_SKIP = -0.1
_PROSE_SKIP = -0.3
# A sentence of prose whose best cosine with any sentence of the other version (in the
# band) is below this resembles nothing there. Alone, it is usually half of a merge all
# the same (a short line, a sentence the translator joined to the next: on croco_val
# the cheap skip it once had cost .002 strict F1 and 4% more beads astray). In a run of
# at least `_UNMATCHED_RUN` such sentences it is a passage the translator added or left
# out, which skips at a heading's price instead of being glued, three sentences at a
# time, onto its neighbours' beads; so does a sentence alone whose best cosine is below
# `_UNRELATED`, where USE puts unrelated texts (a median of 0.05): it shares nothing.
_UNMATCHED = 0.3
_UNMATCHED_SKIP = -0.1
_UNMATCHED_RUN = 3
_UNRELATED = 0.1
_BASE = 0.2  # added to every bead with both sides: aligned beats skipped at margin > -0.3
_MERGE_PENALTY = 0.08  # per sentence beyond 1-1
_PENALTY_2_2 = 0.1  # 2-2 beads are usually two 1-1 beads
_HEADING_PENALTY = 0.3  # a merge that includes a heading/caption/list item
_LENGTH_WEIGHT = 0.5  # weight of the length-ratio penalty
# Runs embedded for the second pass: at most this share of the documents' characters.
# Chosen by leave-one-unit-out cross-validation (crossval_results_run_budget.txt): 16
# of the 17 folds chose 0.22 over 0.25 (croco_val pooled strict .8712 → .8714), and the
# runs' embedding, most of what aligning costs beyond embedding every sentence once,
# costs 12% less.
_RUN_BUDGET = 0.22
_NEIGHBOURS = 6  # k of the k-nearest-neighbour margin
# Below this cosine two texts are rarely translations with USE (1% of gold 1-1 pairs on
# the dev sets, against half of all unrelated pairs above 0.05); a bead pays for each
# point it falls short, so two unrelated leftovers are not paired just for being adjacent.
_SIMILARITY_FLOOR = 0.2
_FLOOR_WEIGHT = 0.5
# Translated headings and captions are near-literal ("Credito fotografico" / "Photo
# Credit"), so a bead with one must be more similar than a bead of prose.
_HEADING_FLOOR = 0.5
# Digit runs as anchors ("8839,8" → 8839, 8; "450.000" and "450,000" → 450, 000), hashed
# into a small count vector per sentence so that runs of sentences compare like
# embeddings do. Their cosine counts where both sides have digits, centred so that half
# the digits agreeing is neutral.
_NUMBER_BUCKETS = 256
_NUMBER_WEIGHT = 0.2
_NUMBER_MISSING = 0.05  # only one side of the bead has digits
_DIGIT_RUN = re.compile(r"\d+")
# A sentence that ends with a comma or semicolon is half of one, cut by a line break
# (OCR, hard-wrapped or pre-segmented text); a bead that ends there splits what the
# other language says in one sentence. On Text+Berg 80% of such French lines share a
# bead with the next line (+.008 strict F1). Not colons: a colon introduces a quotation
# or a list, which translations keep apart as often as not (croco: 0 of 28).
_RUNS_ON = (",", ";")
_RUN_ON_CUT = 0.1

# Banding: documents whose DP grid has at most this many cells are aligned in full;
# larger ones within a band of this half-width around the coarse path.
_FULL_GRID_CELLS = 40000
_BAND_HALF_WIDTH = 12

# Bead confidences: the logistic regression that turns a posterior (at
# bead_path.TEMPERATURE), the bead's cosine and whether it is a
# merge into the probability that the bead is right: fitted leave-one-unit-out on the
# beads of every benchmark unit and of the NTREX news aligned with the next day's
# (documents that do not translate each other, every bead wrong), with
# benchmarks/experiments/calibrate.py; benchmarks/run.py reports the calibration.
_CALIBRATION_OFFSET = -0.61
_CALIBRATION_SLOPE = 0.37  # per unit of the posterior's logit
_CALIBRATION_SIMILARITY = 1.48  # per unit of the bead's cosine
_CALIBRATION_MERGE = -0.94  # a bead with more than one sentence on a side


@dataclass(frozen=True)
class _Side:
    """One document's sentence data as the DP needs it."""

    vectors: np.ndarray  # (n, d) float32, rows L2-normalised
    lengths: np.ndarray  # (n,) characters, at least 1
    headings: np.ndarray  # (n,) bool
    numbers: np.ndarray  # (n, _NUMBER_BUCKETS) float32 counts of hashed digit runs
    runs_on: np.ndarray  # (n,) float, 1 where the sentence runs on into the next
    skips: np.ndarray  # (n,) score of leaving each sentence alone (a 1-0 or 0-1 bead)
    # Runs of sentences embedded as one text (the second pass, see `align_segments`): these replace
    # the summed vectors of the same runs.
    # Per run size: the runs' first sentences and their vectors (rows L2-normalised).
    runs: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    # For a stretch of longer documents (`Surroundings`): each sentence's background and
    # best similarity over the other document around it; None: over the band.
    backgrounds: np.ndarray | None = None
    best: np.ndarray | None = None
    #: ... and the characters of this document's sentences around it.
    characters: float | None = None

    @classmethod
    def from_segments(cls, segments: Sequence[Segment], vectors: np.ndarray) -> _Side:
        lengths = _lengths(segments)
        headings = np.array([s.is_heading for s in segments], dtype=bool)
        numbers = np.zeros((len(segments), _NUMBER_BUCKETS), dtype=np.float32)
        for row, segment in enumerate(segments):
            for digits in _DIGIT_RUN.findall(segment.text):
                # crc32, not hash(): the same on every run, so alignments are reproducible.
                numbers[row, zlib.crc32(digits.encode()) % _NUMBER_BUCKETS] += 1
        runs_on = np.array([s.text.rstrip().endswith(_RUNS_ON) for s in segments], dtype=float)
        runs_on[-1:] = 0.0  # the last sentence has nothing to run on into
        skips = np.where(headings, _SKIP, _PROSE_SKIP)
        return cls(
            np.asarray(vectors, dtype=np.float32),
            lengths,
            headings,
            numbers,
            runs_on,
            skips,
        )

    def __len__(self) -> int:
        return len(self.lengths)

    def with_runs(self, runs: RunVectors) -> _Side:
        """The same side, with these runs scored by their own vectors."""
        return replace(self, runs=_runs_by_size(runs))

    def coarsened(self) -> _Side:
        """Pairs of consecutive sentences merged into one: the document at half resolution."""
        n = len(self)
        pad = n % 2
        vectors = np.concatenate([self.vectors, self.vectors[-1:]]) if pad else self.vectors
        lengths = np.concatenate([self.lengths, [0.0]]) if pad else self.lengths
        numbers = np.concatenate([self.numbers, 0 * self.numbers[-1:]]) if pad else self.numbers
        runs_on = np.concatenate([self.runs_on, [0.0]]) if pad else self.runs_on
        skips = np.concatenate([self.skips, self.skips[-1:]]) if pad else self.skips
        weighted = (vectors * lengths[:, None]).reshape(-1, 2, vectors.shape[1]).sum(axis=1)
        return _Side(
            _normalised(weighted),
            lengths.reshape(-1, 2).sum(axis=1),
            np.zeros(len(weighted), dtype=bool),
            numbers.reshape(-1, 2, numbers.shape[1]).sum(axis=1),
            runs_on.reshape(-1, 2)[:, 1],
            # A coarse bead scores like a fine one, so a coarse skip costs one skip.
            skips.reshape(-1, 2).mean(axis=1),
        )

    def runs_on_before(self, ends: np.ndarray) -> np.ndarray:
        """Per DP index e: 1 where the sentence before e runs on into sentence e."""
        return np.concatenate([[0.0], self.runs_on])[ends]

    def windows(self, sizes: Sequence[int]) -> np.ndarray:
        """The vectors of the runs of each of `sizes` (ascending) sentences, by where
        they end: item [e, k] covers sentences e - sizes[k] .. e - 1 (zero where e <
        sizes[k]), as the DP indexes them. A run's own embedding where it has one, else
        its sentences' vectors summed, weighted by their lengths."""
        return _by_end(self.vectors * self.lengths[:, None], sizes, self.runs)

    def number_windows(self, sizes: Sequence[int]) -> np.ndarray:
        """The digit-run counts of the runs of each of `sizes` sentences, normalised
        (zero rows stay zero), by where they end as in `windows`."""
        return _by_end(self.numbers, sizes, {})


def _lengths(segments: Sequence[Segment]) -> np.ndarray:
    """Each segment's characters, at least 1."""
    return np.array([max(1, len(s.text)) for s in segments], dtype=np.float64)


def _by_end(
    rows: np.ndarray, sizes: Sequence[int], runs: dict[int, tuple[np.ndarray, np.ndarray]]
) -> np.ndarray:
    """The normalised sums of the runs of each of `sizes` (ascending) consecutive rows,
    by where they end: item [e, k] covers rows e - sizes[k] .. e - 1 (zero where e <
    sizes[k]); `runs`' vectors (per size: first rows, vectors) stand for their sums."""
    ends = np.zeros((len(rows) + 1, len(sizes), rows.shape[1]), dtype=np.float32)
    for size, summed in enumerate(_run_rows(rows, sizes[-1]), start=1):
        if size not in sizes:
            continue
        windows = _normalised(summed)
        if size in runs:
            starts, vectors = runs[size]
            windows[starts] = vectors
        ends[size:, sizes.index(size)] = windows
    return ends


def _runs_by_size(runs: RunVectors) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """The runs grouped by size, as `_Side.runs` keeps them: looked up once per size."""
    grouped: dict[int, list[tuple[int, np.ndarray]]] = {}
    for run, vector in runs.items():
        grouped.setdefault(len(run), []).append((run.start, vector))
    return {
        size: (
            np.array([start for start, _ in items]),
            _normalised(np.stack([vector for _, vector in items])),
        )
        for size, items in grouped.items()
    }


def _run_rows(rows: np.ndarray, largest: int) -> Iterator[np.ndarray]:
    """For each size 1..largest in turn, the sums of every run of that many consecutive
    rows, in float32; row r covers rows r..r+size-1. Each size's sums are the last
    size's plus one more row, added in the same order as one run's rows."""
    total = rows
    for size in range(1, largest + 1):
        if size > 1:
            total = total[:-1] + rows[size - 1 :]
        yield total.astype(np.float32)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


def _run_sums(values: np.ndarray, size: int) -> np.ndarray:
    """Sums of every run of `size` consecutive values, indexed by the run's end (exclusive)."""
    cumulative = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    return cumulative[size:] - cumulative[:-size]


# ---------------------------------------------------------------------------- band


def _band(src: _Side, tgt: _Side, tally: Tally | None = None) -> Band:
    """The DP band.

    Small documents get the whole grid. Large ones get the columns within
    `_BAND_HALF_WIDTH` of the best path found at half resolution.
    """
    n, m = len(src), len(tgt)
    if aligned_in_full(n, m):
        return Band.between(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))
    low = np.full(n + 1, m, dtype=np.int64)
    high = np.zeros(n + 1, dtype=np.int64)
    for ci, cj in _best_path(src.coarsened(), tgt.coarsened(), tally):
        # Coarse point (ci, cj) is fine point (2ci, 2cj); it bounds fine rows 2ci-1..2ci+1.
        for i in range(max(0, 2 * ci - 1), min(2 * ci + 2, n + 1)):
            low[i] = min(low[i], 2 * cj)
            high[i] = max(high[i], min(2 * cj + 1, m))
    low = np.minimum.accumulate(low[::-1])[::-1]
    high = np.maximum.accumulate(high)
    return Band.between(
        np.clip(low - _BAND_HALF_WIDTH, 0, m), np.clip(high + _BAND_HALF_WIDTH, 0, m)
    )


def _solve(
    src: _Side, tgt: _Side, tally: Tally | None = None
) -> tuple[_Grid, list[tuple[int, int, int]]]:
    """The scored band and the best path through it (see `best_path`)."""
    grid = _score_grid(src, tgt, _band(src, tgt, tally), tally)
    return grid, best_path(grid.lattice, len(src), len(tgt), tally)


def _best_path(src: _Side, tgt: _Side, tally: Tally | None = None) -> list[tuple[int, int]]:
    """DP grid points (i, j) the best path passes through, from (0, 0) to (n, m)."""
    return [(i, j) for i, j, _ in _solve(src, tgt, tally)[1]]


def _rows_in_all(n: int, m: int, passes: int) -> int:
    """The DP rows aligning n with m sentences takes, as `Tally` counts them: at the
    finest level, scoring and the best path each pass and the posteriors' forward and
    backward sums; at each coarser copy `_band` aligns, scoring and the best path."""
    total = (2 * passes + 2) * (n + 1)
    while (n + 1) * (m + 1) > _FULL_GRID_CELLS:
        n, m = (n + 1) // 2, (m + 1) // 2
        total += 2 * (n + 1)
    return total


# ------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class _Terms:
    """What a bead type's score is made of at every cell of the band, but for its
    similarity: kept with the grid so that a second pass, which gives some merges
    their own vectors, scores those again without the rest."""

    backgrounds: np.ndarray  # (cells,) what the margin takes off the similarity
    rest: np.ndarray  # (cells,) length, digits, cuts and penalties
    floors: np.ndarray  # (cells,) the similarity below which the bead pays
    valid: np.ndarray  # (cells,) bool: the bead fits (its runs start at 0 or later)


@dataclass(frozen=True)
class _Grid:
    """Bead scores of every bead type at every cell of the band (flat, see `Band`)."""

    lattice: Lattice  # what the DP reads: the band, the skips and the stacked scores
    scores: dict[tuple[int, int], np.ndarray]  # type -> (cells,) float32, views of the lattice's
    margins: dict[tuple[int, int], np.ndarray]  # type -> (cells,) similarity margins
    similarities: dict[tuple[int, int], np.ndarray]  # type -> (cells,) cosines
    terms: dict[tuple[int, int], _Terms]

    @property
    def band(self) -> Band:
        return self.lattice.band


_PAIR_TYPES = [(a, b) for a, b in BEAD_TYPES if a and b]


def _score_grid(src: _Side, tgt: _Side, band: Band, tally: Tally | None = None) -> _Grid:
    rows, columns = band.rows, band.columns
    similarity = _similarities(src, tgt, band, _PAIR_TYPES)
    if src.backgrounds is not None and tgt.backgrounds is not None:
        src_background, tgt_background = src.backgrounds, tgt.backgrounds
    else:
        src_background, tgt_background = _backgrounds(similarity[(1, 1)], band, len(src), len(tgt))
    if src.characters is not None and tgt.characters is not None:
        length_ratio = tgt.characters / src.characters
    else:
        length_ratio = tgt.lengths.sum() / src.lengths.sum()
    sizes = sorted({a for a, _ in _PAIR_TYPES}), sorted({b for _, b in _PAIR_TYPES})
    digits = _products(
        src.number_windows(sizes[0]), tgt.number_windows(sizes[1]), band, _PAIR_TYPES
    )
    terms = {}
    for a, b in _PAIR_TYPES:
        backgrounds = 0.5 * (
            _windowed(src_background, a)[rows] + _windowed(tgt_background, b)[columns]
        )
        src_chars = _windowed(src.lengths, a, total=True)[rows]
        tgt_chars = _windowed(tgt.lengths, b, total=True)[columns] / length_ratio
        ratio = np.minimum(src_chars, tgt_chars) / np.maximum(np.maximum(src_chars, tgt_chars), 1.0)
        rest = _BASE - _LENGTH_WEIGHT * (1 - np.log2(1 + ratio))
        has_heading = (_windowed(src.headings, a, total=True) > 0)[rows] | (
            _windowed(tgt.headings, b, total=True) > 0
        )[columns]
        rest += _number_agreement(src, tgt, (a, b), digits[(a, b)], band)
        rest -= _RUN_ON_CUT * (src.runs_on_before(rows) + tgt.runs_on_before(columns))
        rest -= _PENALTY_2_2 if (a, b) == (2, 2) else _MERGE_PENALTY * (a + b - 2)
        if a + b > 2:
            rest -= _HEADING_PENALTY * has_heading
        terms[(a, b)] = _Terms(
            backgrounds.astype(np.float32),
            rest.astype(np.float32),
            np.where(has_heading, _HEADING_FLOOR, _SIMILARITY_FLOOR).astype(np.float32),
            (rows >= a) & (columns >= b),
        )
    src_skips, tgt_skips = _skips(src, tgt, similarity[(1, 1)], band)
    tgt_skipped = np.concatenate([[0.0], np.cumsum(tgt_skips)])
    if tally is not None:
        tally.add(len(band.low))
    return _scored(band, Moves.of(band), similarity, terms, src_skips, tgt_skipped)


def _rescored(grid: _Grid, src: _Side, tgt: _Side, tally: Tally | None = None) -> _Grid:
    """`grid` with `src` and `tgt`'s runs scored by their own vectors: only the merges
    of those sizes change (the sentences' own vectors, and so the backgrounds and the
    skips, are the same)."""
    kinds = [(a, b) for a, b in _PAIR_TYPES if a in src.runs or b in tgt.runs]
    similarity = {**grid.similarities, **_similarities(src, tgt, grid.band, kinds)}
    if tally is not None:
        tally.add(len(grid.band.low))
    lattice = grid.lattice
    return _scored(
        grid.band, lattice.moves, similarity, grid.terms, lattice.src_skips, lattice.tgt_skipped
    )


def _similarities(
    src: _Side, tgt: _Side, band: Band, kinds: Sequence[tuple[int, int]], chunk: int = 16
) -> dict[tuple[int, int], np.ndarray]:
    """Per bead type, the cosine of its two runs at every cell of the band (0 where its
    source run does not fit).

    One matrix product per chunk of rows, for every type at once: the runs of every
    size ending at the chunk's rows against those ending at every column its rows
    reach; then each type picks its cells. Far cheaper than gathering a (cells, d)
    tensor; chunks are small because the product covers every column any of their rows
    reaches, and all types share one product because at this size a product's call,
    not its arithmetic, is what costs."""
    src_sizes, tgt_sizes = sorted({a for a, _ in kinds}), sorted({b for _, b in kinds})
    return _products(src.windows(src_sizes), tgt.windows(tgt_sizes), band, kinds, chunk)


def _products(
    src_ends: np.ndarray,
    tgt_ends: np.ndarray,
    band: Band,
    kinds: Sequence[tuple[int, int]],
    chunk: int = 16,
) -> dict[tuple[int, int], np.ndarray]:
    """Per bead type, the dot product of its two runs' rows at every cell of the band,
    from each side's runs by where they end (`_by_end`, of the types' sizes ascending),
    as `_similarities` describes."""
    src_sizes, tgt_sizes = sorted({a for a, _ in kinds}), sorted({b for _, b in kinds})
    dimension = src_ends.shape[2]
    types = np.array([[src_sizes.index(a), tgt_sizes.index(b)] for a, b in kinds])
    out = np.zeros((len(kinds), len(band.rows)), dtype=np.float32)
    for first_row in range(0, len(band.low), chunk):
        last_row = min(first_row + chunk, len(band.low)) - 1
        cells = slice(int(band.start[first_row]), int(band.start[last_row + 1]))
        # The band's edges only move right, row after row: the chunk's columns.
        first, last = int(band.low[first_row]), int(band.high[last_row])
        block = (
            src_ends[first_row : last_row + 1].reshape(-1, dimension)
            @ tgt_ends[first : last + 1].reshape(-1, dimension).T
        )
        # block[row * sizes + size, column * sizes + size], flattened.
        width = (last - first + 1) * len(tgt_sizes)
        at_cell = (band.rows[cells] - first_row) * len(src_sizes) * width + (
            band.columns[cells] - first
        ) * len(tgt_sizes)
        out[:, cells] = block.ravel()[at_cell + (types[:, :1] * width + types[:, 1:])]
    return dict(zip(kinds, out, strict=True))


def _scored(
    band: Band,
    moves: Moves,
    similarity: dict[tuple[int, int], np.ndarray],
    terms: dict[tuple[int, int], _Terms],
    src_skips: np.ndarray,
    tgt_skipped: np.ndarray,
) -> _Grid:
    stacked = np.zeros((len(ROW_TYPES) - 1, len(band.rows) + 1), dtype=np.float32)
    scores, margins = {}, {}
    for row, kind in enumerate(ROW_TYPES[1:]):
        sim, term = similarity[kind], terms[kind]
        margin = sim - term.backgrounds
        score = margin + term.rest - _FLOOR_WEIGHT * np.maximum(term.floors - sim, 0)
        stacked[row, :-1] = np.where(term.valid, score, NEG)
        scores[kind] = stacked[row, :-1]
        margins[kind] = np.where(term.valid, margin, np.nan).astype(np.float32)
    lattice = Lattice(band, moves, stacked, src_skips, tgt_skipped)
    return _Grid(lattice, scores, margins, similarity, terms)


def _skips(src: _Side, tgt: _Side, sim11: np.ndarray, band: Band) -> tuple[np.ndarray, np.ndarray]:
    """Score of leaving each sentence alone, per side: a sentence in a run of sentences
    that resemble nothing on the other side, or one unrelated to everything there,
    skips at a heading's price."""
    valid = (band.rows >= 1) & (band.columns >= 1)
    out = []
    for side, keys in ((src, band.rows[valid] - 1), (tgt, band.columns[valid] - 1)):
        best = side.best
        if best is None:
            best = np.full(len(side), -1.0)
            np.maximum.at(best, keys, sim11[valid])
        unmatched = best < _UNMATCHED
        cheap = np.maximum(side.skips, _UNMATCHED_SKIP)
        alone = _in_long_run(unmatched) | (best < _UNRELATED)
        out.append(np.where(alone, cheap, side.skips))
    return out[0], out[1]


def _in_long_run(flags: np.ndarray) -> np.ndarray:
    """Which flags are set and belong to a run of at least `_UNMATCHED_RUN` set flags."""
    padded = np.r_[False, flags, False].astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    starts, stops = edges[::2], edges[1::2]
    lengths = np.zeros(len(flags) + 1, dtype=np.int64)
    long_runs = (stops - starts) >= _UNMATCHED_RUN
    np.add.at(lengths, starts[long_runs], 1)
    np.add.at(lengths, stops[long_runs], -1)
    return np.cumsum(lengths)[:-1] > 0


def _number_agreement(
    src: _Side, tgt: _Side, kind: tuple[int, int], cosine: np.ndarray, band: Band
) -> np.ndarray:
    """Score for how well the digits of the runs ending at each cell agree, for beads of
    `kind`, from the cosines of their runs' digit counts."""
    a, b = kind
    src_has = (_windowed(src.numbers.sum(axis=1), a, total=True) > 0)[band.rows]
    tgt_has = (_windowed(tgt.numbers.sum(axis=1), b, total=True) > 0)[band.columns]
    both = src_has & tgt_has
    return np.where(both, _NUMBER_WEIGHT * (cosine - 0.5), 0.0) - _NUMBER_MISSING * (
        src_has ^ tgt_has
    )


def _windowed(values: np.ndarray, size: int, total: bool = False) -> np.ndarray:
    """Per DP index e (0..n): mean (or sum) of values[e-size:e]; 0 where e < size."""
    out = np.zeros(len(values) + 1)
    if size <= len(values):
        out[size:] = _run_sums(values.astype(np.float64), size)
    return out if total else out / size


def _backgrounds(sim11: np.ndarray, band: Band, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean similarity of each sentence to its k most similar candidates on the other side."""
    valid = (band.rows >= 1) & (band.columns >= 1)
    sims = sim11[valid]
    src_background = _mean_of_top(band.rows[valid] - 1, sims, n)
    tgt_background = _mean_of_top(band.columns[valid] - 1, sims, m)
    return src_background, tgt_background


@dataclass(frozen=True)
class Surroundings:
    """How the sentences of a stretch of two documents (between two pinned beads)
    compare with the whole documents, which are aligned in full (`aligned_in_full`):
    per sentence of each side, the mean of its `_NEIGHBOURS` best similarities on the
    other (its margin's background) and its best one (whether it resembles anything
    there); per side, the characters, whose ratio is the length a translation is
    expected to have. Aligned on its own, a stretch measures these on its own few
    sentences: a heading and a "see also" line that aligning the whole seeds leaves
    alone, by a hair, were paired (0.25). Documents aligned in a band compare each
    sentence with the band's: a stretch of them is aligned on its own (the stretch
    widened by the band's half-width as its surroundings gave the same accuracy on two
    books, and other beads)."""

    src_backgrounds: np.ndarray
    tgt_backgrounds: np.ndarray
    src_best: np.ndarray
    tgt_best: np.ndarray
    src_characters: float
    tgt_characters: float

    @classmethod
    def of(
        cls,
        src_vectors: np.ndarray,
        tgt_vectors: np.ndarray,
        src_around: Sequence[Segment],
        tgt_around: Sequence[Segment],
        src_around_vectors: np.ndarray,
        tgt_around_vectors: np.ndarray,
    ) -> Surroundings:
        """From the stretch's vectors and the documents' sentences, with theirs; rows
        L2-normalised."""
        src_sims = src_vectors @ tgt_around_vectors.T
        tgt_sims = tgt_vectors @ src_around_vectors.T
        return cls(
            _top_mean(src_sims),
            _top_mean(tgt_sims),
            src_sims.max(axis=1),
            tgt_sims.max(axis=1),
            float(_lengths(src_around).sum()),
            float(_lengths(tgt_around).sum()),
        )


def aligned_in_full(src_count: int, tgt_count: int) -> bool:
    """Whether documents of these many sentences are aligned on the whole grid, every
    sentence compared with every other (else in a band, see `_band`)."""
    return (src_count + 1) * (tgt_count + 1) <= _FULL_GRID_CELLS


def _top_mean(similarities: np.ndarray) -> np.ndarray:
    """Per row, the mean of its `_NEIGHBOURS` largest values, as `_mean_of_top`."""
    k = min(_NEIGHBOURS, similarities.shape[1])
    return np.sort(similarities, axis=1)[:, -k:].mean(axis=1)


def _mean_of_top(keys: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Per key 0..size-1, the mean of its `_NEIGHBOURS` largest values (0 if it has none)."""
    order = np.lexsort((-values, keys))
    keys, values = keys[order], values[order]
    rank = np.arange(len(keys)) - np.searchsorted(keys, keys)
    keep = rank < _NEIGHBOURS
    totals = np.bincount(keys[keep], weights=values[keep], minlength=size)
    counts = np.bincount(keys[keep], minlength=size)
    return totals / np.maximum(counts, 1)


# ----------------------------------------------------------------------- confidence


def _pair_confidence(
    posterior: float,
    similarity: float,
    margin: float,
    kind: tuple[int, int],
    has_heading: bool,
) -> float:
    """Probability that a bead with both sides is right.

    The lower of two: its posterior (see `Posteriors`) calibrated with its cosine and
    whether it is a merge (merges are less often exactly right, near-literal pairs
    such as web copy's more often), and how much its two sides read as translations
    (`_similarity_confidence`). A bead that nearly as good alignments do not share is
    in doubt however similar its sides are; a bead of two unrelated texts is in doubt
    even where nothing competes with it. Held out over the benchmark's units this
    ranks right beads above wrong ones with an AUC of .80, against .57-.62 for the
    similarity alone (docs/architecture.md).
    """
    logit = np.log(max(posterior, 1e-6) / max(1.0 - posterior, 1e-6))
    calibrated = 1.0 / (
        1.0
        + np.exp(
            -(
                _CALIBRATION_OFFSET
                + _CALIBRATION_SLOPE * logit
                + _CALIBRATION_SIMILARITY * similarity
                + _CALIBRATION_MERGE * (kind != (1, 1))
            )
        )
    )
    return float(min(calibrated, _similarity_confidence(similarity, margin, kind, has_heading)))


def _similarity_confidence(
    similarity: float, margin: float, kind: tuple[int, int], has_heading: bool
) -> float:
    """How much a bead's two sides read as translations of each other, in [0, 1].

    It needs both a cosine typical of translations (USE puts gold 1-1 pairs at a
    median of 0.68-0.84 on the dev sets, unrelated pairs near 0.05) and a lead over the
    sentences' other candidates (the margin). Merges are less often exactly right. A
    bead with a heading, caption or list item needs the higher cosine the path asks of
    it (`_HEADING_FLOOR`: translated headings are near-literal), so that a heading
    beside an unrelated box does not read as a translation. Hand-set to those
    distributions.
    """
    offset = 0.0 if kind == (1, 1) else -1.0
    floor = _HEADING_FLOOR if has_heading else _SIMILARITY_FLOOR
    logit = 10.0 * (similarity - floor - 0.1) + 8.0 * margin + offset
    return float(1.0 / (1.0 + np.exp(-logit)))


def _null_confidence(best_margin: float, is_heading: bool) -> float:
    """Probability that a sentence really has no counterpart.

    Fitted (logistic regression) on the 1-0 and 0-1 beads the aligner makes on the dev
    sets: a heading, caption or list item left alone is usually right (web copy's
    tables of contents and photo credits), a sentence of prose left alone much less
    often, and less so the better the bead it could have joined instead.
    """
    logit = -0.3 - 0.8 * best_margin + 2.8 * is_heading
    return float(1.0 / (1.0 + np.exp(-logit)))


# --------------------------------------------------------------------------- public


def align_segments(
    src_segments: Sequence[Segment],
    tgt_segments: Sequence[Segment],
    src_vectors: np.ndarray,
    tgt_vectors: np.ndarray,
    progress: ProgressCallback | None = None,
    embed_runs: RunEmbedder | None = None,
    surroundings: Surroundings | None = None,
) -> tuple[Bead, ...]:
    """Align two segmented documents given one embedding per segment.

    Returns monotonic beads covering every segment of both sides exactly once, each
    with a confidence in [0, 1]. `progress` is called with ("align", done, total) as
    the work goes on (counted in rows of the dynamic programme), ending at total.

    With `embed_runs`, in two passes, as Bertalign does: a merge is scored by its
    sentences' vectors summed, which cannot tell which of two neighbours a short line
    ("Ah!", "Why?") belongs with (its weight is small and its vector says little). So
    the documents are aligned once as they are; `embed_runs` embeds the runs around
    that path's merges (`_runs_worth_embedding`), and the second pass scores the merges
    of those runs by their own vectors, in the same band.

    With `surroundings`, the segments are a stretch of longer documents, aligned as
    aligning those whole would align it: its sentences' margins and skips are measured
    against the documents around them.
    """
    src = _Side.from_segments(src_segments, src_vectors)
    tgt = _Side.from_segments(tgt_segments, tgt_vectors)
    if surroundings is not None:
        src = replace(
            src,
            backgrounds=surroundings.src_backgrounds,
            best=surroundings.src_best,
            characters=surroundings.src_characters,
        )
        tgt = replace(
            tgt,
            backgrounds=surroundings.tgt_backgrounds,
            best=surroundings.tgt_best,
            characters=surroundings.tgt_characters,
        )
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return tuple(Bead((i,), (), 1.0) for i in range(n)) + tuple(
            Bead((), (j,), 1.0) for j in range(m)
        )
    passes = 1 + (embed_runs is not None)
    tally = None if progress is None else Tally(progress, _rows_in_all(n, m, passes))
    # The band is scored by many small matrix products (a few dozen rows each), where
    # handing work to a second BLAS thread costs more than it saves: at 20,000
    # sentences a side, 9 s with one thread against 30 s with two. Not around
    # `embed_runs`: the encoder has threads of its own.
    with threadpool_limits(limits=1, user_api="blas"):
        grid, path = _solve(src, tgt, tally)
    src_runs, tgt_runs = (
        ({}, {}) if embed_runs is None else embed_runs(*_runs_worth_embedding(path, src, tgt))
    )
    with threadpool_limits(limits=1, user_api="blas"):
        if src_runs or tgt_runs:
            grid = _rescored(grid, src.with_runs(src_runs), tgt.with_runs(tgt_runs), tally)
            path = best_path(grid.lattice, n, m, tally)
        elif embed_runs is not None and tally is not None:
            tally.add(2 * (n + 1))  # the same grid, the same path
        posteriors = Posteriors.of(grid.lattice, n, m, tally)
    beads = []
    for (i0, j0, t), (i1, j1, _) in zip(path, path[1:], strict=False):
        kind = BEAD_TYPES[t]
        src_ids, tgt_ids = tuple(range(i0, i1)), tuple(range(j0, j1))
        if src_ids and tgt_ids:
            cell = grid.band.cell(i1, j1)
            score = _pair_confidence(
                posteriors.of_bead(i0, j0, i1, j1, float(grid.scores[kind][cell])),
                float(grid.similarities[kind][cell]),
                float(grid.margins[kind][cell]),
                kind,
                any(s.is_heading for s in src_segments[i0:i1])
                or any(s.is_heading for s in tgt_segments[j0:j1]),
            )
        else:
            best = _best_margin_near(grid, i1 if src_ids else None, j1 if tgt_ids else None)
            alone = src_segments[i0] if src_ids else tgt_segments[j0]
            score = _null_confidence(best, alone.is_heading)
        beads.append(Bead(src_ids, tgt_ids, round(score, 4)))
    if tally is not None:
        tally.finish()
    return tuple(beads)


def _runs_worth_embedding(
    path: Sequence[tuple[int, int, int]], src: _Side, tgt: _Side
) -> tuple[list[range], list[range]]:
    """The runs of sentences, per side, worth embedding as one text for the second pass:
    for every merge on the first pass's `path`, its runs and the runs a sentence
    further either way, and its edge sentences paired with their outer neighbours;
    the runs with the shortest sentence in them first, up to `_RUN_BUDGET` of the
    documents' characters, so that the second pass costs a fraction of the first
    embedding."""
    lengths = (src.lengths, tgt.lengths)
    wanted: set[tuple[int, range]] = set()
    for (i0, j0, _), (i1, j1, _) in zip(path, path[1:], strict=False):
        if i1 - i0 and j1 - j0 and (i1 - i0) + (j1 - j0) > 2:
            for side, run in ((0, range(i0, i1)), (1, range(j0, j1))):
                wanted.update((side, near) for near in _runs_near(run, len(lengths[side])))

    def shortest_first(key: tuple[int, range]) -> tuple[float, int, int]:
        side, run = key
        return lengths[side][run.start : run.stop].min(), side, run.start

    budget = _RUN_BUDGET * (src.lengths.sum() + tgt.lengths.sum())
    chosen: tuple[list[range], list[range]] = ([], [])
    for side, run in sorted(wanted, key=shortest_first):
        cost = lengths[side][run.start : run.stop].sum()
        if cost > budget:
            break
        budget -= cost
        chosen[side].append(run)
    return chosen


def _runs_near(run: range, n: int) -> Iterator[range]:
    """For one side of a merge on the path: the run itself, the same-sized runs a
    sentence earlier and later, and each edge sentence with its outer neighbour."""
    if len(run) < 2:
        return
    for start in (run.start - 1, run.start, run.start + 1):
        if 0 <= start and start + len(run) <= n:
            yield range(start, start + len(run))
    if run.start >= 1:
        yield range(run.start - 1, run.start + 1)
    if run.stop < n:
        yield range(run.stop - 1, run.stop + 1)


def bead_confidence(
    src_segments: Sequence[Segment],
    tgt_segments: Sequence[Segment],
    src_vectors: np.ndarray,
    tgt_vectors: np.ndarray,
    src_ids: range,
    tgt_ids: range,
) -> float:
    """The confidence of one bead, `src_segments[src_ids]` with `tgt_segments[tgt_ids]`,
    scored from its vectors as `align_segments` scores its beads, but for a bead a person
    chose: without the posterior (no alignment competes with it). Both sides: how much
    they read as translations of each other (their cosine and margin, `_similarity_confidence`);
    one side: how likely it is to have no counterpart (the lowest of its sentences'
    `_null_confidence`). The segments given are the bead's neighbourhood: the margins
    are taken over them, as the aligner takes them over its band.
    """
    src = _Side.from_segments(src_segments, src_vectors)
    tgt = _Side.from_segments(tgt_segments, tgt_vectors)
    n, m = len(src), len(tgt)
    similarities = src.vectors @ tgt.vectors.T
    src_background = _mean_of_top(np.repeat(np.arange(n), m), similarities.ravel(), n)
    tgt_background = _mean_of_top(np.tile(np.arange(m), n), similarities.ravel(), m)
    if src_ids and tgt_ids:
        a, b = len(src_ids), len(tgt_ids)
        similarity = float(src.windows([a])[src_ids.stop, 0] @ tgt.windows([b])[tgt_ids.stop, 0])
        background = (
            _windowed(src_background, a)[src_ids.stop] + _windowed(tgt_background, b)[tgt_ids.stop]
        )
        has_heading = any(src_segments[i].is_heading for i in src_ids) or any(
            tgt_segments[j].is_heading for j in tgt_ids
        )
        margin = similarity - 0.5 * background
        confidence = _similarity_confidence(similarity, margin, (a, b), has_heading)
        return round(confidence, 4)
    # Each sentence's best 1-1 margin with any sentence of the other side, -1 without any.
    margins = similarities - 0.5 * (src_background[:, None] + tgt_background[None, :])
    if src_ids:
        alone = [(margins[i].max(initial=-1.0), src_segments[i].is_heading) for i in src_ids]
    else:
        alone = [(margins[:, j].max(initial=-1.0), tgt_segments[j].is_heading) for j in tgt_ids]
    return round(min(_null_confidence(float(best), heading) for best, heading in alone), 4)


def _best_margin_near(grid: _Grid, src_end: int | None, tgt_end: int | None) -> float:
    """Best 1-1 margin of a skipped sentence with any sentence in its band."""
    margins = grid.margins[(1, 1)]
    if src_end is not None:
        values = margins[grid.band.row(src_end)]
    else:
        assert tgt_end is not None  # a skipped sentence is on one side or the other
        values = margins[grid.band.column(tgt_end)]
    finite = values[np.isfinite(values)]
    return float(finite.max()) if len(finite) else -1.0
