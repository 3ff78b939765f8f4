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
   place; 1-0 and 0-1 beads cost a fixed skip; a merge that swallows a heading, caption
   or list item pays extra, because in web copy those stand alone. Numbers are
   anchors: a translation keeps a text's figures (years, heights, prices), so runs
   whose digits agree gain and runs where only one side has digits lose.
4. The DP runs inside a band around the path found on a coarser copy of both
   documents (pairs of sentences averaged, recursively), so time and memory grow
   linearly with length instead of with the product of the lengths.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aligner.model import Bead, Segment

#: (source, target) sentence counts a bead may have.
BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2),
    (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2),
)  # fmt: skip

# Scoring constants, tuned on ../shared/eval dev sets (benchmarks/ reports the effect).
_SKIP = -0.1  # score of a 1-0 or 0-1 bead
_BASE = 0.2  # added to every bead with both sides: aligned beats skipped at margin > -0.3
_MERGE_PENALTY = 0.08  # per sentence beyond 1-1
_PENALTY_2_2 = 0.1  # 2-2 beads are usually two 1-1 beads
_HEADING_PENALTY = 0.3  # a merge that includes a heading/caption/list item
_LENGTH_WEIGHT = 0.5  # weight of the length-ratio penalty
_NEIGHBOURS = 4  # k of the k-nearest-neighbour margin
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

# Banding: documents whose DP grid has at most this many cells are aligned in full;
# larger ones within a band of this half-width around the coarse path.
_FULL_GRID_CELLS = 40000
_BAND_HALF_WIDTH = 12

_NEG = -1e9


@dataclass(frozen=True)
class _Side:
    """One document's sentence data as the DP needs it."""

    vectors: np.ndarray  # (n, d) float32, rows L2-normalised
    lengths: np.ndarray  # (n,) characters, at least 1
    headings: np.ndarray  # (n,) bool
    numbers: np.ndarray  # (n, _NUMBER_BUCKETS) float32 counts of hashed digit runs

    @classmethod
    def from_segments(cls, segments: Sequence[Segment], vectors: np.ndarray) -> _Side:
        lengths = np.array([max(1, len(s.text)) for s in segments], dtype=np.float64)
        headings = np.array([s.is_heading for s in segments], dtype=bool)
        numbers = np.zeros((len(segments), _NUMBER_BUCKETS), dtype=np.float32)
        for row, segment in enumerate(segments):
            for digits in _DIGIT_RUN.findall(segment.text):
                # crc32, not hash(): the same on every run, so alignments are reproducible.
                numbers[row, zlib.crc32(digits.encode()) % _NUMBER_BUCKETS] += 1
        return cls(np.asarray(vectors, dtype=np.float32), lengths, headings, numbers)

    def __len__(self) -> int:
        return len(self.lengths)

    def coarsened(self) -> _Side:
        """Pairs of consecutive sentences merged into one: the document at half resolution."""
        n = len(self)
        pad = n % 2
        vectors = np.concatenate([self.vectors, self.vectors[-1:]]) if pad else self.vectors
        lengths = np.concatenate([self.lengths, [0.0]]) if pad else self.lengths
        numbers = np.concatenate([self.numbers, 0 * self.numbers[-1:]]) if pad else self.numbers
        weighted = (vectors * lengths[:, None]).reshape(-1, 2, vectors.shape[1]).sum(axis=1)
        return _Side(
            _normalised(weighted),
            lengths.reshape(-1, 2).sum(axis=1),
            np.zeros(len(weighted), dtype=bool),
            numbers.reshape(-1, 2, numbers.shape[1]).sum(axis=1),
        )

    def windows(self, size: int) -> np.ndarray:
        """Vectors of every run of `size` sentences; row r covers sentences r..r+size-1."""
        return _normalised(_run_rows(self.vectors * self.lengths[:, None], size))

    def number_windows(self, size: int) -> np.ndarray:
        """The digit-run counts of every run of `size` sentences, normalised (zero rows
        stay zero)."""
        return _normalised(_run_rows(self.numbers, size))


def _run_rows(rows: np.ndarray, size: int) -> np.ndarray:
    """Sums of every run of `size` consecutive rows; row r covers rows r..r+size-1."""
    n = len(rows)
    if n < size:
        return np.zeros((0, rows.shape[1]), dtype=np.float32)
    return sum(rows[k : n - size + 1 + k] for k in range(size)).astype(np.float32)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def _run_sums(values: np.ndarray, size: int) -> np.ndarray:
    """Sums of every run of `size` consecutive values, indexed by the run's end (exclusive)."""
    cumulative = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    return cumulative[size:] - cumulative[:-size]


# ---------------------------------------------------------------------------- band


def _band(src: _Side, tgt: _Side) -> tuple[np.ndarray, int]:
    """The DP band: the lowest column of each row (0..n) and the band's width.

    Small documents get the whole grid. Large ones get the columns within
    `_BAND_HALF_WIDTH` of the best path found at half resolution.
    """
    n, m = len(src), len(tgt)
    if (n + 1) * (m + 1) <= _FULL_GRID_CELLS:
        return np.zeros(n + 1, dtype=np.int64), m + 1
    low = np.full(n + 1, m, dtype=np.int64)
    high = np.zeros(n + 1, dtype=np.int64)
    for ci, cj in _best_path(src.coarsened(), tgt.coarsened()):
        # Coarse point (ci, cj) is fine point (2ci, 2cj); it bounds fine rows 2ci-1..2ci+1.
        for i in range(max(0, 2 * ci - 1), min(2 * ci + 2, n + 1)):
            low[i] = min(low[i], 2 * cj)
            high[i] = max(high[i], min(2 * cj + 1, m))
    low = np.minimum.accumulate(low[::-1])[::-1]
    high = np.maximum.accumulate(high)
    band_low = np.clip(low - _BAND_HALF_WIDTH, 0, m)
    band_high = np.clip(high + _BAND_HALF_WIDTH, 0, m)
    return band_low, int(np.max(band_high - band_low)) + 1


# ------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class _Grid:
    """Bead scores of every bead type at every cell of the band."""

    band_low: np.ndarray  # (n+1,) lowest column of each row
    width: int
    scores: dict[tuple[int, int], np.ndarray]  # type -> (n+1, width) float32
    margins: dict[tuple[int, int], np.ndarray]  # type -> (n+1, width) similarity margins
    similarities: dict[tuple[int, int], np.ndarray]  # type -> (n+1, width) cosines


def _score_grid(src: _Side, tgt: _Side) -> _Grid:
    band_low, width = _band(src, tgt)
    n, m = len(src), len(tgt)
    columns = band_low[:, None] + np.arange(width)[None, :]  # (n+1, width) → j
    pair_types = [(a, b) for a, b in BEAD_TYPES if a and b]
    similarity = {
        (a, b): _window_similarity(src.windows(a), tgt.windows(b), a, b, columns)
        for a, b in pair_types
    }
    src_background, tgt_background = _backgrounds(similarity[(1, 1)], columns, n, m)
    length_ratio = tgt.lengths.sum() / src.lengths.sum()
    scores, margins = {}, {}
    for (a, b), sim in similarity.items():
        margin = sim - 0.5 * (
            _windowed(src_background, a)[:, None] + _take(_windowed(tgt_background, b), columns)
        )
        src_chars = _windowed(src.lengths, a, total=True)[:, None]
        tgt_chars = _take(_windowed(tgt.lengths, b, total=True), columns) / length_ratio
        ratio = np.minimum(src_chars, tgt_chars) / np.maximum(np.maximum(src_chars, tgt_chars), 1.0)
        score = margin + _BASE - _LENGTH_WEIGHT * (1 - np.log2(1 + ratio))
        has_heading = (_windowed(src.headings, a, total=True) > 0)[:, None] | (
            _take(_windowed(tgt.headings, b, total=True), columns) > 0
        )
        floor = np.where(has_heading, _HEADING_FLOOR, _SIMILARITY_FLOOR)
        score -= _FLOOR_WEIGHT * np.maximum(floor - sim, 0)
        score += _number_agreement(src, tgt, a, b, columns)
        score -= _PENALTY_2_2 if (a, b) == (2, 2) else _MERGE_PENALTY * (a + b - 2)
        if a + b > 2:
            score -= _HEADING_PENALTY * has_heading
        valid = (np.arange(n + 1) >= a)[:, None] & (columns >= b) & (columns <= m)
        scores[(a, b)] = np.where(valid, score, _NEG).astype(np.float32)
        margins[(a, b)] = np.where(valid, margin, np.nan).astype(np.float32)
    return _Grid(band_low, width, scores, margins, similarity)


def _number_agreement(src: _Side, tgt: _Side, a: int, b: int, columns: np.ndarray) -> np.ndarray:
    """Score for how well the digits of the runs ending at each cell agree."""
    src_has = (_windowed(src.numbers.sum(axis=1), a, total=True) > 0)[:, None]
    tgt_has = _take(_windowed(tgt.numbers.sum(axis=1), b, total=True) > 0, columns)
    cosine = _window_similarity(src.number_windows(a), tgt.number_windows(b), a, b, columns)
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


def _take(per_index: np.ndarray, columns: np.ndarray) -> np.ndarray:
    return per_index[np.clip(columns, 0, len(per_index) - 1)]


def _window_similarity(
    src_windows: np.ndarray,
    tgt_windows: np.ndarray,
    a: int,
    b: int,
    columns: np.ndarray,
    chunk: int = 256,
) -> np.ndarray:
    """Dot product of the a-sentence source run ending at row i and the b-sentence
    target run ending at column j (rows of the window matrices), for every cell of the
    band (0 where no such runs exist)."""
    rows, width = columns.shape
    out = np.zeros((rows, width), dtype=np.float32)
    if not len(src_windows) or not len(tgt_windows):
        return out
    tgt_index = np.clip(columns - b, 0, len(tgt_windows) - 1)
    for start in range(a, rows, chunk):
        stop = min(start + chunk, rows)
        # One matrix product over the columns this chunk of rows can reach, then each
        # row picks its band: far cheaper than gathering a (rows, width, d) tensor.
        first, last = tgt_index[start:stop].min(), tgt_index[start:stop].max()
        block = src_windows[start - a : stop - a] @ tgt_windows[first : last + 1].T
        out[start:stop] = np.take_along_axis(block, tgt_index[start:stop] - first, axis=1)
    return out


def _backgrounds(
    sim11: np.ndarray, columns: np.ndarray, n: int, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """Mean similarity of each sentence to its k most similar candidates on the other side."""
    k = _NEIGHBOURS
    valid = (np.arange(n + 1) >= 1)[:, None] & (columns >= 1) & (columns <= m)
    sims = np.where(valid, sim11, -np.inf)
    src_top = -np.sort(-sims[1:], axis=1)[:, :k]
    src_background = np.nanmean(np.where(np.isfinite(src_top), src_top, np.nan), axis=1)
    rows, cols = np.nonzero(valid)
    values = sims[rows, cols]
    targets = columns[rows, cols] - 1
    order = np.lexsort((-values, targets))
    targets, values = targets[order], values[order]
    first = np.searchsorted(targets, np.arange(m))
    rank = np.arange(len(targets)) - first[targets]
    keep = rank < k
    totals = np.bincount(targets[keep], weights=values[keep], minlength=m)
    counts = np.bincount(targets[keep], minlength=m)
    tgt_background = totals / np.maximum(counts, 1)
    return np.nan_to_num(src_background), tgt_background


# ------------------------------------------------------------------------------ DP


def _solve(src: _Side, tgt: _Side) -> tuple[_Grid, list[tuple[int, int, int]]]:
    """The scored band and the best path through it (see `_trace`)."""
    grid = _score_grid(src, tgt)
    back = _forward(grid, len(src), len(tgt))
    return grid, _trace(back, grid, len(src), len(tgt))


def _best_path(src: _Side, tgt: _Side) -> list[tuple[int, int]]:
    """DP grid points (i, j) the best path passes through, from (0, 0) to (n, m)."""
    return [(i, j) for i, j, _ in _solve(src, tgt)[1]]


def _forward(grid: _Grid, n: int, m: int) -> np.ndarray:
    """Fill the DP in band coordinates; return back-pointers (index into BEAD_TYPES)."""
    width, low = grid.width, grid.band_low
    columns = np.arange(width)
    # Each row is stored with `width` cells of padding on both sides, so that reading a
    # previous row shifted by the band's drift is a plain slice.
    value = np.full((n + 1, 3 * width), _NEG)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    insert = BEAD_TYPES.index((0, 1))
    beyond_end = low[:, None] + columns[None, :] > m
    for i in range(n + 1):
        row = np.full(width, _NEG)
        pointers = back[i]
        if i == 0:
            row[0] = 0.0
        for t, (a, bb) in enumerate(BEAD_TYPES):
            if a == 0 or i < a:
                continue
            shift = int(low[i] - bb - low[i - a])
            if abs(shift) >= width:
                continue
            candidate = value[i - a, width + shift : 2 * width + shift]
            candidate = candidate + (_SKIP if bb == 0 else grid.scores[(a, bb)][i])
            better = candidate > row
            np.maximum(row, candidate, out=row)
            pointers[better] = t
        # 0-1 beads chain along the row: row[c] = max over c' <= c of row[c'] + (c - c') * skip.
        chained = np.maximum.accumulate(row - columns * _SKIP) + columns * _SKIP
        better = chained > row + 1e-9
        np.maximum(row, chained, out=row)
        pointers[better] = insert
        row[beyond_end[i]] = _NEG
        value[i, width : 2 * width] = row
    return back


def _trace(back: np.ndarray, grid: _Grid, n: int, m: int) -> list[tuple[int, int, int]]:
    """Every point (i, j) of the best path in document order, with the index of the
    bead type that leads from it to the next point (-1 at the end)."""
    i, j = n, m
    path = [(i, j, -1)]
    while i > 0 or j > 0:
        t = int(back[i, j - grid.band_low[i]])
        a, b = BEAD_TYPES[t]
        path.append((i - a, j - b, t))
        i, j = i - a, j - b
    path.reverse()
    return path


# ----------------------------------------------------------------------- confidence


def _confidence(similarity: float, margin: float, kind: tuple[int, int]) -> float:
    """Probability-like confidence that a bead is right.

    It needs both a cosine typical of translations (USE puts gold 1-1 pairs at a
    median of 0.68-0.84 on the dev sets, unrelated pairs near 0.05) and a lead over the
    sentences' other candidates (the margin). Merges are less often exactly right.
    Hand-set to those distributions; calibration on more data is a benchmark matter.
    """
    offset = 0.0 if kind == (1, 1) else -1.0
    logit = 10.0 * (similarity - _SIMILARITY_FLOOR - 0.1) + 8.0 * margin + offset
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
) -> tuple[Bead, ...]:
    """Align two segmented documents given one embedding per segment.

    Returns monotonic beads covering every segment of both sides exactly once, each
    with a confidence in [0, 1].
    """
    src = _Side.from_segments(src_segments, src_vectors)
    tgt = _Side.from_segments(tgt_segments, tgt_vectors)
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return tuple(Bead((i,), (), 1.0) for i in range(n)) + tuple(
            Bead((), (j,), 1.0) for j in range(m)
        )
    grid, path = _solve(src, tgt)
    beads = []
    for (i0, j0, t), (i1, j1, _) in zip(path, path[1:]):
        kind = BEAD_TYPES[t]
        src_ids, tgt_ids = tuple(range(i0, i1)), tuple(range(j0, j1))
        if src_ids and tgt_ids:
            cell = (i1, j1 - grid.band_low[i1])
            score = _confidence(
                float(grid.similarities[kind][cell]), float(grid.margins[kind][cell]), kind
            )
        else:
            best = _best_margin_near(grid, i1 if src_ids else None, j1 if tgt_ids else None)
            alone = src_segments[i0] if src_ids else tgt_segments[j0]
            score = _null_confidence(best, alone.is_heading)
        beads.append(Bead(src_ids, tgt_ids, round(score, 4)))
    return tuple(beads)


def _best_margin_near(grid: _Grid, src_end: int | None, tgt_end: int | None) -> float:
    """Best 1-1 margin of a skipped sentence with any sentence in its band."""
    margins = grid.margins[(1, 1)]
    if src_end is not None:
        row = margins[src_end]
    else:
        rows = np.arange(margins.shape[0])
        cols = tgt_end - grid.band_low
        inside = (cols >= 0) & (cols < grid.width)
        row = margins[rows[inside], cols[inside]]
    finite = row[np.isfinite(row)]
    return float(finite.max()) if len(finite) else -1.0
