"""The dynamic programme of sentence alignment: given every bead's score at every cell
of a band of the grid, the best monotonic path of beads through it and each bead's
posterior. Knows nothing of sentences or embeddings: `align` scores the beads.

Cells are points (i, j) of the grid, i source and j target sentences aligned so far;
a bead of type (a, b) leads from (i - a, j - b) to (i, j). The band keeps, per row,
the columns worth scoring (`Band`); its cells are stored row after row in flat arrays.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from aligner.model import ProgressCallback

#: (source, target) sentence counts a bead may have.
BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2),
    (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2),
)  # fmt: skip

#: The score of a cell nothing reaches, and of a bead that does not fit.
NEG = -1e9

#: The temperature that turns path scores into weights for the posteriors.
TEMPERATURE = 0.05

#: DP rows between two progress reports: a bar moves several times a second at 20,000
#: sentences a side, and the calls cost nothing beside the rows' numpy work.
_PROGRESS_ROWS = 256


class Tally:
    """How far the alignment has got, in DP rows out of `total` (the caller knows how
    many levels and passes it will search). Reports ("align", rows done, rows in all)
    every `_PROGRESS_ROWS` rows and at the end."""

    def __init__(self, progress: ProgressCallback, total: int) -> None:
        self._progress = progress
        self._done = 0
        self._total = total
        self._progress("align", 0, self._total)

    def counted(self, rows: Iterable[int]) -> Iterator[int]:
        """The rows, counted as the caller gets through them."""
        for row in rows:
            yield row
            self.add(1)

    def add(self, rows: int) -> None:
        before = self._done
        self._done = min(self._done + rows, self._total)
        if self._done // _PROGRESS_ROWS != before // _PROGRESS_ROWS:
            self._progress("align", self._done, self._total)

    def finish(self) -> None:
        self._progress("align", self._total, self._total)


def _counted(rows: Iterable[int], tally: Tally | None) -> Iterable[int]:
    return rows if tally is None else tally.counted(rows)


@dataclass(frozen=True)
class Band:
    """The DP cells that get scored: columns low[i]..high[i] of each row i (0..n).

    Cells are stored row after row in flat arrays (ragged), not as an (n+1, widest row)
    rectangle: a long run of sentences with no counterpart widens only the few rows
    it crosses, so memory and time stay proportional to the cells in the band.
    """

    low: np.ndarray  # (n+1,) first column of each row
    high: np.ndarray  # (n+1,) last column of each row
    start: np.ndarray  # (n+2,) index of each row's first cell; start[-1] is the cell count
    rows: np.ndarray  # (cells,) row of each cell
    columns: np.ndarray  # (cells,) column of each cell

    @classmethod
    def between(cls, low: np.ndarray, high: np.ndarray) -> Band:
        widths = high - low + 1
        start = np.concatenate([[0], np.cumsum(widths)])
        rows = np.repeat(np.arange(len(low)), widths)
        columns = low[rows] + np.arange(start[-1]) - start[rows]
        return cls(low, high, start, rows, columns)

    def row(self, i: int) -> slice:
        """Where row i's cells are in a flat array."""
        return slice(int(self.start[i]), int(self.start[i + 1]))

    def cell(self, i: int, j: int) -> int:
        return int(self.start[i] + j - self.low[i])

    def column(self, j: int) -> np.ndarray:
        """Flat indices of the cells in column j, in row order."""
        rows = np.flatnonzero((self.low <= j) & (j <= self.high))
        return self.start[rows] + j - self.low[rows]


#: The bead types with a source side, in BEAD_TYPES order (the 1-0 first, then the
#: pairs: the order ties are broken in), which the DP reaches a row's cells by.
ROW_TYPES = [(a, b) for a, b in BEAD_TYPES if a]


@dataclass(frozen=True)
class Moves:
    """For every type of `ROW_TYPES` and every cell of the band: the flat index of the
    cell a bead of that type ending at the cell starts from (`before`), and of the cell
    a bead of it starting at the cell ends at (`after`); `cells`, the index of a
    sentinel the DP's arrays keep at their end, where that cell is outside the band.
    So one gather per row reaches a row's cells from every bead type at once, instead
    of a shifted copy of an earlier row per type: the DP's rows are its Python loop."""

    before: np.ndarray  # (types, cells) int32
    after: np.ndarray  # (types, cells) int32

    @classmethod
    def of(cls, band: Band) -> Moves:
        cells = len(band.rows)
        before, after = [], []
        for a, b in ROW_TYPES:
            before.append(cls._cells_at(band, band.rows - a, band.columns - b, cells))
            after.append(cls._cells_at(band, band.rows + a, band.columns + b, cells))
        return cls(np.stack(before), np.stack(after))

    @staticmethod
    def _cells_at(band: Band, rows: np.ndarray, columns: np.ndarray, sentinel: int) -> np.ndarray:
        inside = (rows >= 0) & (rows < len(band.low))
        safe = np.where(inside, rows, 0)
        inside &= (band.low[safe] <= columns) & (columns <= band.high[safe])
        return np.where(inside, band.start[safe] + columns - band.low[safe], sentinel).astype(
            np.int32
        )


@dataclass(frozen=True)
class Lattice:
    """A scored band as the DP reads it."""

    band: Band
    moves: Moves
    # The pair types' scores stacked in `ROW_TYPES[1:]` order, a sentinel 0 last:
    # (types - 1, cells + 1).
    stacked: np.ndarray
    src_skips: np.ndarray  # (n,) score of leaving each source sentence alone
    tgt_skipped: np.ndarray  # (m+1,) summed score of leaving target sentences 0..j-1 alone


def best_path(
    lattice: Lattice, n: int, m: int, tally: Tally | None = None
) -> list[tuple[int, int, int]]:
    """Every point (i, j) of the best path from (0, 0) to (n, m) in document order, with
    the index into BEAD_TYPES of the bead type that leads from it to the next point (-1
    at the end)."""
    return _trace(_forward(lattice, n, tally), lattice.band, n, m)


def _arrivals(
    lattice: Lattice, values: np.ndarray, i: int, scores: np.ndarray, scale: float = 1.0
) -> np.ndarray:
    """Per type of `ROW_TYPES` (rows) and cell of row i (columns): the value of the
    cell when reached by a bead of that type, the value of the cell it starts from
    (flat `values`, sentinel last) plus the bead's score (`scores`: the lattice's stacked
    pair scores times `scale`; the skips are scaled here)."""
    cells = lattice.band.row(i)
    arrivals = values[lattice.moves.before[:, cells]]
    arrivals[1:] += scores[:, cells]
    arrivals[0] += lattice.src_skips[i - 1] * scale
    return arrivals


def _forward(lattice: Lattice, n: int, tally: Tally | None = None) -> np.ndarray:
    """Fill the DP row by row; return back-pointers (index into BEAD_TYPES) per cell."""
    band = lattice.band
    values = np.full(len(band.rows) + 1, NEG)  # best path score to each cell, sentinel last
    for i in _counted(range(n + 1), tally):
        cells = band.row(i)
        if i == 0:
            row = np.full(cells.stop - cells.start, NEG)
            row[0] = 0.0
        else:
            row = np.maximum(_arrivals(lattice, values, i, lattice.stacked).max(axis=0), NEG)
        # 0-1 beads chain along the row: row[c] = max over c' <= c of row[c'] plus the
        # skips of the target sentences c'..c-1.
        skipped = _row_skips(lattice, i)
        values[cells] = np.maximum(row, np.maximum.accumulate(row - skipped) + skipped)
    return _back_pointers(lattice, values)


#: Cells whose back-pointers `_back_pointers` works out at a time: its arrays stay a few
#: MB at any length.
_POINTER_CELLS = 1 << 16


def _back_pointers(lattice: Lattice, values: np.ndarray) -> np.ndarray:
    """Which bead type reaches each cell on its best path, from the DP's `values`: the
    same arrivals `_forward` took the maximum of, all cells at once rather than row by
    row (the DP's rows are its Python loop), so the same types win. A cell whose value
    beats its best arrival was reached along its row, by a 0-1 bead; -1 where nothing
    reaches a cell."""
    band = lattice.band
    kinds = np.array([BEAD_TYPES.index(kind) for kind in ROW_TYPES], dtype=np.int8)
    back = np.full(len(band.rows), -1, dtype=np.int8)
    for first in range(0, len(band.rows), _POINTER_CELLS):
        cells = slice(first, min(first + _POINTER_CELLS, len(band.rows)))
        arrivals = values[lattice.moves.before[:, cells]]
        arrivals[1:] += lattice.stacked[:, cells]
        arrivals[0] += lattice.src_skips[band.rows[cells] - 1]
        best = arrivals.argmax(axis=0)
        row = arrivals.max(axis=0)
        row[band.rows[cells] == 0] = NEG  # row 0 is reached along itself, from (0, 0)
        if first == 0:
            row[0] = 0.0
        reached = row > NEG
        back[cells][reached] = kinds[best[reached]]
        along_row = values[cells] > np.maximum(row, NEG) + 1e-9
        back[cells][along_row] = BEAD_TYPES.index((0, 1))
    return back


@dataclass(frozen=True)
class Posteriors:
    """The share of all alignments' weight that passes through a bead.

    Every monotonic path weighs exp(total score / TEMPERATURE); a bead's posterior is
    the weight of the paths that contain it over the weight of all paths (the
    forward-backward algorithm over the same band as the best path). A bead that
    other, nearly as good alignments avoid (a 2-2 against two 1-1, a heading left
    alone against one paired) gets a low posterior.
    """

    band: Band
    forward: np.ndarray  # per cell: log weight of the paths from (0, 0) to it
    backward: np.ndarray  # per cell: log weight of the paths from it to (n, m)

    @classmethod
    def of(cls, lattice: Lattice, n: int, m: int, tally: Tally | None = None) -> Posteriors:
        # In float64: a float32 score times 1/TEMPERATURE keeps 1e-6 of it, and the
        # posteriors are differences of sums of hundreds of such weights.
        weights = lattice.stacked.astype(np.float64) / TEMPERATURE
        return cls(
            lattice.band,
            _forward_sums(lattice, weights, n, tally),
            _backward_sums(lattice, weights, n, m, tally),
        )

    def of_bead(self, i0: int, j0: int, i1: int, j1: int, score: float) -> float:
        """Posterior of the bead from DP point (i0, j0) to (i1, j1) scoring `score`."""
        total = self.forward[len(self.band.rows) - 1]  # every path ends at (n, m), the last cell
        log_weight = (
            self.forward[self.band.cell(i0, j0)]
            + score / TEMPERATURE
            + self.backward[self.band.cell(i1, j1)]
        )
        return float(np.exp(min(log_weight - total, 0.0)))


def _forward_sums(
    lattice: Lattice, weights: np.ndarray, n: int, tally: Tally | None = None
) -> np.ndarray:
    """Per cell (flat, sentinel last), the log of the summed weight of every path from
    (0, 0) to it; `weights` are the stacked pair scores over the temperature."""
    values = np.full(len(lattice.band.rows) + 1, NEG)
    for i in _counted(range(n + 1), tally):
        cells = lattice.band.row(i)
        if i == 0:
            row = np.full(cells.stop - cells.start, NEG)
            row[0] = 0.0
        else:
            arrivals = _arrivals(lattice, values, i, weights, 1 / TEMPERATURE)
            row = np.logaddexp.reduce(arrivals, axis=0, initial=NEG)
        chain = _row_skips(lattice, i) / TEMPERATURE
        values[cells] = np.logaddexp.accumulate(row - chain) + chain
    return values


def _backward_sums(
    lattice: Lattice, weights: np.ndarray, n: int, m: int, tally: Tally | None = None
) -> np.ndarray:
    """Per cell (flat, sentinel last), the log of the summed weight of every path from
    it to (n, m); `weights` as for `_forward_sums`."""
    band = lattice.band
    values = np.full(len(band.rows) + 1, NEG)
    # Each bead's weight is kept at the cell it ends at: where each pair type's bead
    # from each cell ends, as an index into `weights` flattened.
    ends = lattice.moves.after[1:] + weights.shape[1] * np.arange(len(weights))[:, None]
    weights = weights.ravel()
    for i in _counted(range(n, -1, -1), tally):
        cells = band.row(i)
        if i == n:
            row = np.full(cells.stop - cells.start, NEG)
            row[m - int(band.low[i])] = 0.0
        else:
            departures = values[lattice.moves.after[:, cells]]
            departures[1:] += weights[ends[:, cells]]
            departures[0] += lattice.src_skips[i] / TEMPERATURE
            row = np.logaddexp.reduce(departures, axis=0, initial=NEG)
        chain = _row_skips(lattice, i) / TEMPERATURE
        values[cells] = np.logaddexp.accumulate((row + chain)[::-1])[::-1] - chain
    return values


def _row_skips(lattice: Lattice, i: int) -> np.ndarray:
    """Per cell of row i: the summed skips of the target sentences before its column."""
    return lattice.tgt_skipped[lattice.band.low[i] : lattice.band.high[i] + 1]


def _trace(back: np.ndarray, band: Band, n: int, m: int) -> list[tuple[int, int, int]]:
    """Every point (i, j) of the best path in document order, with the index of the
    bead type that leads from it to the next point (-1 at the end)."""
    i, j = n, m
    path = [(i, j, -1)]
    while i > 0 or j > 0:
        t = int(back[band.cell(i, j)])
        a, b = BEAD_TYPES[t]
        path.append((i - a, j - b, t))
        i, j = i - a, j - b
    path.reverse()
    return path
