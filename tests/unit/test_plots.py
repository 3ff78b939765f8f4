"""The notebook's plots: the alignment path over the similarity matrix, and bead types."""

import sys
from dataclasses import replace

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib", reason="the plots extra is not installed")
matplotlib.use("Agg")

from matplotlib.colors import same_color

from aligner import Alignment, Bead
from aligner.errors import PlotError
from aligner.plots import (
    ALIGNED_COLOUR,
    UNALIGNED_COLOUR,
    plot_alignment,
    plot_bead_types,
)


@pytest.fixture
def alignment(make_document) -> Alignment:
    src = make_document(["Titolo", "Uno.", "Due.", "Tre."], "it")
    tgt = make_document(["One.", "Two and three.", "Photo credit"], "en")
    beads = (
        Bead((0,), (), 0.9),
        Bead((1,), (0,), 0.8),
        Bead((2, 3), (1,), 0.7),
        Bead((), (2,), 0.6),
    )
    return Alignment(src, tgt, beads, "fake")


def path_lines(ax, colour):
    return [line.get_xydata().tolist() for line in ax.lines if same_color(line.get_color(), colour)]


def test_the_path_runs_through_every_bead_and_steps_aside_for_sentences_without_counterpart(
    alignment,
):
    ax = plot_alignment(alignment, np.zeros((4, 3)))
    # Cells are centred on sentence numbers: a bead's step runs corner to corner.
    assert path_lines(ax, ALIGNED_COLOUR) == [
        [[-0.5, 0.5], [0.5, 1.5]],
        [[0.5, 1.5], [1.5, 3.5]],
    ]
    # The heading only the source has is a vertical step, the caption only the target
    # has a horizontal one: both off the diagonal, in their own colour.
    assert path_lines(ax, UNALIGNED_COLOUR) == [
        [[-0.5, -0.5], [-0.5, 0.5]],
        [[1.5, 3.5], [2.5, 3.5]],
    ]
    assert [text.get_text() for text in ax.get_legend().get_texts()] == [
        "no counterpart",
        "aligned beads",
    ]
    assert ax.images[0].get_array().shape == (4, 3)


def test_a_similarity_matrix_of_other_documents_is_refused(alignment):
    with pytest.raises(ValueError, match=r"\(3, 4\)"):
        plot_alignment(alignment, np.zeros((3, 4)))


def test_bead_types_are_counted_most_frequent_first(alignment):
    beads = (Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.8), Bead((3,), (2,), 0.7))
    ax = plot_bead_types(replace(alignment, beads=alignment.beads + beads))
    bars = ax.containers[0]
    labels = [tick.get_text() for tick in ax.get_xticklabels()]
    assert dict(zip(labels, [bar.get_height() for bar in bars])) == {
        "1-1": 3,
        "2-1": 2,
        "1-0": 1,
        "0-1": 1,
    }


def test_without_matplotlib_a_plot_says_which_extra_to_install(alignment, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(PlotError, match=r"pip install 'aligner\[plots\]'"):
        plot_bead_types(alignment)


def test_the_confidence_histogram_is_svg_with_a_titled_bar_per_bin():
    from lxml import etree

    from aligner.plots import confidence_histogram_svg

    svg = etree.fromstring(confidence_histogram_svg([0.05, 0.55, 0.97, 0.99, 1.0]).encode())
    titles = [title.text for title in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert titles[0] == "0.0–0.1: 1 pairs"
    assert titles[-1] == "0.9–1.0: 3 pairs"
    assert len(titles) == 10
