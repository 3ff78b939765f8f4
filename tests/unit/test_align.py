"""The aligner on synthetic embeddings, where the right answer is known by construction."""

import numpy as np
import pytest

from aligner import align, bead_path
from aligner.align import align_segments
from aligner.model import CONFIDENT_SCORE, Bead, Segment

DIM = 64


def random_vectors(count: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, DIM)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def noisy(vectors: np.ndarray, seed: int, amount: float = 0.35) -> np.ndarray:
    """A 'translation': the same meaning, somewhat different vector."""
    noise = random_vectors(len(vectors), seed) * amount
    out = vectors + noise
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def segments(count: int, length: int = 80, headings: frozenset[int] = frozenset()) -> list[Segment]:
    return [Segment(i, 0, length, "x" * length, i, i in headings) for i in range(count)]


def pairs(beads: tuple[Bead, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def assert_complete_and_monotonic(beads: tuple[Bead, ...], n: int, m: int) -> None:
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    assert src == list(range(n))
    assert tgt == list(range(m))
    assert all(b.src or b.tgt for b in beads)
    assert all(0.0 <= b.score <= 1.0 for b in beads)


@pytest.mark.parametrize("n", [1, 7, 60])
def test_a_sentence_by_sentence_translation_aligns_one_to_one(n):
    src = random_vectors(n, seed=1)
    beads = align_segments(segments(n), segments(n), src, noisy(src, seed=2))
    assert pairs(beads) == [((i,), (i,)) for i in range(n)]
    assert min(b.score for b in beads) > 0.8


def test_headings_only_in_the_target_become_insertions():
    src = random_vectors(20, seed=3)
    extra = random_vectors(3, seed=4)
    tgt = np.concatenate([noisy(src[:5], 5), extra, noisy(src[5:], 6)])
    beads = align_segments(segments(20), segments(23, headings=frozenset({5, 6, 7})), src, tgt)
    assert_complete_and_monotonic(beads, 20, 23)
    assert [b for b in beads if not b.src] == [
        Bead((), (5,), beads[5].score),
        Bead((), (6,), beads[6].score),
        Bead((), (7,), beads[7].score),
    ]
    assert ((5,), (8,)) in pairs(beads)


def test_a_sentence_translated_as_two_becomes_a_one_to_two_bead():
    src = random_vectors(12, seed=7)
    halves = random_vectors(2, seed=8)
    # Source sentence 6 says what target sentences 6 and 7 say together.
    src[6] = (halves[0] + halves[1]) / np.linalg.norm(halves[0] + halves[1])
    tgt = np.concatenate([noisy(src[:6], 9, 0.2), halves, noisy(src[7:], 10, 0.2)])
    beads = align_segments(segments(12), segments(13, 40), src, tgt)
    assert ((6,), (6, 7)) in pairs(beads)
    assert_complete_and_monotonic(beads, 12, 13)


def test_a_heading_is_not_glued_onto_the_sentence_after_it():
    src = random_vectors(10, seed=11)
    heading = random_vectors(1, seed=12)
    tgt = np.concatenate([noisy(src[:4], 13), heading, noisy(src[4:], 14)])
    tgt_segments = segments(11)
    tgt_segments[4] = Segment(4, 0, 18, "Immediate payments", 4, True)
    beads = align_segments(segments(10), tgt_segments, src, tgt)
    assert ((), (4,)) in pairs(beads)


def test_long_documents_align_within_a_band_and_still_find_a_block_of_insertions():
    # Large enough that the aligner bands the DP around a coarse path.
    n = 1500
    src = random_vectors(n, seed=15)
    inserted = random_vectors(40, seed=16)
    tgt = np.concatenate([noisy(src[:700], 17), inserted, noisy(src[700:], 18)])
    beads = align_segments(segments(n), segments(n + 40), src, tgt)
    assert_complete_and_monotonic(beads, n, n + 40)
    one_to_one = [(b.src[0], b.tgt[0]) for b in beads if len(b.src) == len(b.tgt) == 1]
    assert (699, 699) in one_to_one and (700, 740) in one_to_one and (n - 1, n + 39) in one_to_one
    assert sum(1 for b in beads if not b.src) == 40


def orthogonal_translation(n: int, inserted: range) -> tuple[np.ndarray, np.ndarray]:
    """Source vectors and a translation with sentences `inserted` added, every vector
    orthogonal to all but its own translation: each sentence's nearest unrelated
    candidates are then exactly 0 wherever the band puts them, so a band that holds
    the path must score exactly as the whole grid does."""
    m = n + len(inserted)
    basis = np.eye(n + m, dtype=np.float32)
    src = basis[:n]
    sources = iter(range(n))
    tgt = np.stack([
        basis[n + j] if j in inserted else (basis[next(sources)] + 0.6 * basis[n + j]) / np.sqrt(1.36)
        for j in range(m)
    ]).astype(np.float32)  # fmt: skip
    return src, tgt


def test_the_banded_dp_gives_the_beads_and_scores_of_the_full_grid(monkeypatch):
    n, inserted = 150, range(70, 130)  # a block of 60 wider than the band
    src, tgt = orthogonal_translation(n, inserted)
    m = len(tgt)
    full = align_segments(segments(n), segments(m), src, tgt)
    # Band this document (and its coarser copies) instead of scoring the whole grid.
    monkeypatch.setattr(align, "_FULL_GRID_CELLS", 1000)
    banded = align_segments(segments(n), segments(m), src, tgt)
    assert banded == full
    assert [b.tgt[0] for b in banded if not b.src] == list(inserted)


def test_a_long_block_with_no_counterpart_widens_only_the_rows_it_crosses():
    # Sections of 400 sentences with no counterpart in the middle and at the end: the
    # DP band must stay about as small as for a plain translation, not 400 wide throughout.
    n, block = 2000, 400
    src = random_vectors(n, seed=22)
    tgt = np.concatenate([
        noisy(src[:1000], 23), random_vectors(block, seed=24),
        noisy(src[1000:], 25), random_vectors(block, seed=26),
    ])  # fmt: skip
    m = n + 2 * block
    beads = align_segments(segments(n), segments(m), src, tgt)
    assert_complete_and_monotonic(beads, n, m)
    inserted = [b.tgt[0] for b in beads if not b.src]
    assert inserted == [*range(1000, 1000 + block), *range(n + block, m)]
    assert all(b.tgt == (b.src[0] + block * (b.src[0] >= 1000),) for b in beads if b.src)
    src_side = align._Side.from_segments(segments(n), src)
    tgt_side = align._Side.from_segments(segments(m), tgt)
    assert len(align._band(src_side, tgt_side).rows) < 40 * (n + 1)


@pytest.mark.parametrize("translated_years", [(1953, 1955), (1953, 1957), (1955, 1957)])
def test_figures_decide_which_sentences_translate_each_other(translated_years):
    # Three source sentences the encoder cannot tell apart, two of them translated:
    # only the years say which. (The third, prose like its neighbours, may share a
    # bead with one of them.)
    src = [
        Segment(i, 0, 40, f"The attempt failed in {y}.", i)
        for i, y in enumerate((1953, 1955, 1957))
    ]
    tgt = [
        Segment(i, 0, 40, f"La tentative a échoué en {y}.", i)
        for i, y in enumerate(translated_years)
    ]
    vector = random_vectors(1, seed=20)
    beads = align_segments(
        src, tgt, np.repeat(vector, 3, axis=0), np.repeat(noisy(vector, 21), 2, axis=0)
    )
    assert_complete_and_monotonic(beads, 3, 2)
    for j, year in enumerate(translated_years):
        bead = next(b for b in beads if j in b.tgt)
        assert (1953, 1955, 1957).index(year) in bead.src


def test_unrelated_documents_get_low_confidence():
    src, tgt = random_vectors(15, seed=19), random_vectors(15, seed=20)
    beads = align_segments(segments(15), segments(15), src, tgt)
    assert_complete_and_monotonic(beads, 15, 15)
    aligned = [b.score for b in beads if b.src and b.tgt]
    assert not aligned or max(aligned) < 0.5


def test_an_empty_side_leaves_every_sentence_unaligned():
    src = random_vectors(3, seed=21)
    beads = align_segments(segments(3), [], src, np.zeros((0, DIM), np.float32))
    assert pairs(beads) == [((0,), ()), ((1,), ()), ((2,), ())]


@pytest.mark.parametrize(("ending", "expected"), [(",", ((6,), (6, 7))), (".", ((6,), (6,)))])
def test_a_line_cut_off_after_a_comma_joins_its_continuation(ending, expected, monkeypatch):
    # Target line 6 ends with a comma: OCR or a hard wrap cut one sentence in two, and
    # the source says both halves in one sentence. The tail alone resembles nothing.
    # (Prose left alone costs what a heading does here, so that only the comma decides.)
    monkeypatch.setattr(align, "_PROSE_SKIP", align._SKIP)
    src = random_vectors(12, seed=22)
    tail = random_vectors(1, seed=23)
    tgt = np.concatenate([noisy(src[:7], 24, 0.2), tail, noisy(src[7:], 25, 0.2)])
    tgt_segments = [Segment(i, 0, 60, "x" * 59 + ".", i) for i in range(13)]
    tgt_segments[6] = Segment(6, 0, 60, "x" * 59 + ending, 6)
    tgt_segments[7] = Segment(7, 0, 20, "x" * 19 + ".", 7)
    beads = align_segments(segments(12, 60), tgt_segments, src, tgt)
    assert expected in pairs(beads)
    assert_complete_and_monotonic(beads, 12, 13)


@pytest.mark.parametrize(("is_heading", "expected"), [(False, ((6,), (6, 7))), (True, ((), (7,)))])
def test_a_short_line_the_source_says_within_a_sentence_joins_its_bead(is_heading, expected):
    # Target line 7 (a short line, "See?") partly says what source sentence 6 says and
    # nothing else does: in prose it belongs in sentence 6's bead rather than alone. A
    # heading or caption only the target has stays alone, as web copy needs.
    src = random_vectors(12, seed=40)
    line = 0.6 * random_vectors(1, seed=41)[0] + 0.4 * src[6]
    tgt = np.concatenate(
        [noisy(src[:7], 42), (line / np.linalg.norm(line))[None], noisy(src[7:], 43)]
    )
    tgt_segments = segments(13, 60)
    tgt_segments[7] = Segment(7, 0, 20, "x" * 19 + ".", 7, is_heading)
    beads = align_segments(segments(12, 60), tgt_segments, src, tgt)
    assert expected in pairs(beads)
    assert_complete_and_monotonic(beads, 12, 13)


def test_a_bead_is_less_confident_the_closer_a_competing_alignment_comes(monkeypatch):
    # Target sentence 6 has no counterpart, but the more it resembles source sentence
    # 5, the closer a 1-2 bead comes to beating [5]:[5] + []:[6]; bead [5]:[5] itself
    # (its two texts) is the same in both documents. (Prose left alone costs what a
    # heading does here, so that [5]:[5] + []:[6] stays the best path throughout.)
    monkeypatch.setattr(align, "_PROSE_SKIP", align._SKIP)
    src = random_vectors(12, seed=26)
    unrelated = random_vectors(1, seed=27)[0]

    def confidence_of_5_5(resemblance: float) -> float:
        extra = resemblance * src[5] + (1 - resemblance) * unrelated
        extra /= np.linalg.norm(extra)
        tgt = np.concatenate([noisy(src[:6], 28, 0.2), extra[None], noisy(src[6:], 29, 0.2)])
        beads = align_segments(segments(12), segments(13), src, tgt)
        assert ((5,), (5,)) in pairs(beads) and ((), (6,)) in pairs(beads)
        return next(b.score for b in beads if b.src == (5,))

    assert confidence_of_5_5(0.75) < CONFIDENT_SCORE < confidence_of_5_5(0.2)


def test_bead_posteriors_are_the_weight_of_the_paths_through_them(monkeypatch):
    # Every path of a 4 × 3 grid, weighed by brute force, against forward-backward;
    # headings and prose cost different skips.
    monkeypatch.setattr(align, "_PROSE_SKIP", -0.2)
    src, tgt = random_vectors(4, seed=30), random_vectors(3, seed=31)
    src_side = align._Side.from_segments(segments(4, headings=frozenset({1})), src)
    tgt_side = align._Side.from_segments(segments(3, headings=frozenset({0})), tgt)
    grid = align._score_grid(src_side, tgt_side, align._band(src_side, tgt_side))

    def bead_score(i0: int, j0: int, i1: int, j1: int) -> float:
        if j1 == j0:
            return float(grid.lattice.src_skips[i0])
        if i1 == i0:
            return float(grid.lattice.tgt_skipped[j1] - grid.lattice.tgt_skipped[j0])
        return float(grid.scores[(i1 - i0, j1 - j0)][grid.band.cell(i1, j1)])

    def paths(i: int, j: int):
        if (i, j) == (4, 3):
            yield []
        for a, b in bead_path.BEAD_TYPES:
            if i + a <= 4 and j + b <= 3:
                for rest in paths(i + a, j + b):
                    yield [(i, j, i + a, j + b), *rest]

    every_path = list(paths(0, 0))
    path_weights = [
        np.exp(sum(bead_score(*bead) for bead in path) / bead_path.TEMPERATURE)
        for path in every_path
    ]
    bead_weights: dict[tuple[int, int, int, int], float] = {}
    for path, weight in zip(every_path, path_weights, strict=True):
        for bead in path:
            bead_weights[bead] = bead_weights.get(bead, 0.0) + weight
    posteriors = bead_path.Posteriors.of(grid.lattice, 4, 3)
    for bead, weight in bead_weights.items():
        expected = weight / sum(path_weights)
        assert posteriors.of_bead(*bead, bead_score(*bead)) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("two_passes", [False, True])
def test_progress_goes_row_by_row_to_the_end_and_changes_nothing(two_passes):
    # Long enough to be banded: the coarse copies' rows count too.
    n = 1500
    src = random_vectors(n, seed=31)
    # Every fifth pair of source sentences translated as one, so that the first pass
    # merges and the second has runs to score.
    joined = src[0::5] + src[1::5]
    tgt = noisy(np.delete(src, range(1, n, 5), axis=0), seed=32)
    tgt[0::4] = noisy(joined / np.linalg.norm(joined, axis=1, keepdims=True), seed=33)
    src_segments = segments(n)
    calls = []

    def embed_runs(src_runs, tgt_runs):
        assert src_runs  # the second pass has work to do
        return {run: src[run.start] for run in src_runs}, {run: tgt[run.start] for run in tgt_runs}

    embedder = embed_runs if two_passes else None
    beads = align_segments(
        src_segments, segments(len(tgt)), src, tgt, lambda *c: calls.append(c), embedder
    )

    assert beads == align_segments(src_segments, segments(len(tgt)), src, tgt, None, embedder)
    assert {stage for stage, _, _ in calls} == {"align"}
    [total] = {total for _, _, total in calls}
    done = [d for _, d, _ in calls]
    assert done[0] == 0 and done[-1] == total
    assert done == sorted(done)
    # A bar that moves, not 0 then 1: a report every few hundred rows.
    assert len(set(done)) > total // 512


def short_line_pair() -> tuple[list[Segment], np.ndarray, np.ndarray]:
    """Source sentence 6 is a short line ("Ah, I see now!") that its translator made part
    of target sentence 6, with source sentence 7; its vector leans towards sentence 5,
    so summed with one neighbour or the other it says 5."""
    src = random_vectors(12, seed=50)
    src[6] = 0.6 * src[5] + 0.8 * random_vectors(1, seed=51)[0]
    src[6] /= np.linalg.norm(src[6])
    tgt = np.concatenate([noisy(src[:6], 52, 0.2), noisy(src[7:], 53, 0.2)])
    src_segments = segments(12, 60)
    src_segments[6] = Segment(6, 0, 20, "Ah, I see it now!...", 6)
    return src_segments, src, tgt


def test_a_short_line_joins_the_sentence_its_run_embedding_says():
    src_segments, src, tgt = short_line_pair()
    summed = align_segments(src_segments, segments(11, 60), src, tgt)
    assert ((5, 6), (5,)) in pairs(summed)  # the sums cannot tell
    asked = []

    def embed_runs(src_runs, tgt_runs):
        # The run "Ah! <sentence 7>", embedded as one text, reads as target sentence 6.
        asked.append((list(src_runs), list(tgt_runs)))
        return {run: tgt[6] if run == range(6, 8) else src[run.start] for run in src_runs}, {}

    beads = align_segments(src_segments, segments(11, 60), src, tgt, embed_runs=embed_runs)
    # The first pass merged 5 and 6: that run and the runs a sentence either way were
    # asked for, once; the merge has one target sentence, so none of the target's.
    [(src_runs, tgt_runs)] = asked
    assert range(5, 7) in src_runs and range(6, 8) in src_runs
    assert tgt_runs == []
    assert ((6, 7), (6,)) in pairs(beads)
    assert ((5,), (5,)) in pairs(beads)
    assert_complete_and_monotonic(beads, 12, 11)


def test_no_run_is_embedded_beyond_the_budget(monkeypatch):
    src_segments, src, tgt = short_line_pair()
    monkeypatch.setattr(align, "_RUN_BUDGET", 0.0)
    asked = []

    def embed_runs(src_runs, tgt_runs):
        asked.append((list(src_runs), list(tgt_runs)))
        return {}, {}

    beads = align_segments(src_segments, segments(11, 60), src, tgt, embed_runs=embed_runs)
    assert asked == [([], [])]
    assert beads == align_segments(src_segments, segments(11, 60), src, tgt)
