"""Plots of an alignment, for notebooks: the similarity matrix with the chosen path drawn
over it, and the bead types.

matplotlib is an optional extra (`pip install 'aligner[plots]'`), imported when a plot
is drawn, so the rest of the package neither needs nor loads it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from aligner.errors import PlotError
from aligner.model import Alignment, confidence_band

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Colours of the path: beads with both sides, and sentences with no counterpart.
ALIGNED_COLOUR = "white"
UNALIGNED_COLOUR = "tab:orange"


def _pyplot() -> ModuleType:
    try:
        from matplotlib import pyplot
    except ImportError:
        raise PlotError("plots need matplotlib: pip install 'aligner[plots]'") from None
    return pyplot


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, ax = _pyplot().subplots(figsize=size, layout="constrained")
    return ax


def plot_alignment(alignment: Alignment, similarities: np.ndarray, ax: Axes | None = None) -> Axes:
    """The similarity of every source sentence (rows) with every target sentence
    (columns) as a heatmap, and the alignment's path over it: a diagonal step through
    each bead with both sides, an orange step beside the diagonal for each sentence with
    no counterpart (a heading or caption only one version has).

    `similarities` is `segment_similarities(alignment.src, alignment.tgt, encoder)`."""
    expected = (len(alignment.src.segments), len(alignment.tgt.segments))
    if similarities.shape != expected:
        raise ValueError(f"similarities are {similarities.shape}, the alignment {expected}")
    rows, columns = expected
    ax = _axes(ax, (9, 2 + 7 * min(2.0, rows / max(1, columns))))
    lowest = min(0.0, float(similarities.min(initial=0.0)))
    image = ax.imshow(similarities, cmap="viridis", vmin=lowest, vmax=1.0)
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label="cosine similarity")
    # The alignment is complete and monotonic: each bead starts where the one before
    # ended, and covers the cells of its sentences; the path runs corner to corner.
    row = column = 0
    labelled: set[bool] = set()
    for bead in alignment.beads:
        aligned = bool(bead.src and bead.tgt)
        label = "aligned beads" if aligned else "no counterpart"
        ax.plot(
            [column - 0.5, column + len(bead.tgt) - 0.5],
            [row - 0.5, row + len(bead.src) - 0.5],
            color=ALIGNED_COLOUR if aligned else UNALIGNED_COLOUR,
            linewidth=1.5 if aligned else 3,
            marker=None if aligned else "o",
            markevery=[1],
            label=None if aligned in labelled else label,
        )
        labelled.add(aligned)
        row, column = row + len(bead.src), column + len(bead.tgt)
    ax.set_xlabel(f"target sentence ({alignment.tgt.lang})")
    ax.set_ylabel(f"source sentence ({alignment.src.lang})")
    ax.set_title("Sentence similarity and the alignment path")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, facecolor="0.85")
    return ax


def plot_bead_types(alignment: Alignment, ax: Axes | None = None) -> Axes:
    """A bar per bead type (1-1, 2-1, 1-0 …) with its count, most frequent first."""
    counts = Counter(bead.kind for bead in alignment.beads).most_common()
    ax = _axes(ax, (6, 3.5))
    kinds = [kind for kind, _ in counts]
    bars = ax.bar(kinds, [count for _, count in counts], color="tab:blue")
    ax.bar_label(bars)
    ax.set_xlabel("bead type (source-target sentences)")
    ax.set_ylabel("beads")
    ax.set_title("Bead types")
    return ax


#: Confidence histogram: bins of this width over [0, 1], drawn this many units high.
HISTOGRAM_BINS = 10
HISTOGRAM_HEIGHT = 120
_BAR_WIDTH = 30
#: Bar colours by the band of the bin's lower bound, as the UI colours confidences.
_BAND_COLOURS = {"confident": "#4a9c5d", "unsure": "#d9a21b", "doubtful": "#c8453b"}


class InlineSvg(str):
    """SVG markup that a notebook shows as a picture and a page can inline as it is."""

    def _repr_svg_(self) -> str:
        return str(self)


def confidence_histogram_svg(scores: Sequence[float]) -> InlineSvg:
    """The confidences in `HISTOGRAM_BINS` bins as a small SVG bar chart, each bar titled
    with its range and count; shared by the HTML report and the notebook.

    Drawn by hand rather than with matplotlib: ten rectangles need no plotting library,
    so the report works without the plots extra.
    """
    counts = Counter(min(int(score * HISTOGRAM_BINS), HISTOGRAM_BINS - 1) for score in scores)
    tallest = max(counts.values(), default=1)
    width = HISTOGRAM_BINS * _BAR_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 20}" '
        f'height="{HISTOGRAM_HEIGHT + 30}" viewBox="-10 0 {width + 20} {HISTOGRAM_HEIGHT + 30}" '
        'role="img" aria-label="confidence histogram" font-family="sans-serif" font-size="10">'
    ]
    for number in range(HISTOGRAM_BINS):
        low, high = number / HISTOGRAM_BINS, (number + 1) / HISTOGRAM_BINS
        style = confidence_band(low)
        height = HISTOGRAM_HEIGHT * counts[number] / tallest
        parts.append(
            f'<rect class="bar {style}" fill="{_BAND_COLOURS[style]}" '
            f'x="{number * _BAR_WIDTH + 1}" '
            f'y="{HISTOGRAM_HEIGHT - height:.1f}" width="{_BAR_WIDTH - 2}" height="{height:.1f}">'
            f"<title>{low:.1f}–{high:.1f}: {counts[number]} pairs</title></rect>"
        )
    parts.append(f'<text x="0" y="10" fill="#555">{tallest}</text>')
    parts.append(
        f'<line x1="0" y1="{HISTOGRAM_HEIGHT}" x2="{width}" y2="{HISTOGRAM_HEIGHT}" stroke="#555"/>'
    )
    for position, label in ((0, "0"), (width / 2, "0.5"), (width, "1")):
        parts.append(
            f'<text x="{position:g}" y="{HISTOGRAM_HEIGHT + 14}" text-anchor="middle" '
            f'fill="#555">{label}</text>'
        )
    parts.append("</svg>")
    return InlineSvg("".join(parts))
