"""Fit the bead confidences to the gold, leave-one-unit-out, and print what they give.

    python benchmarks/experiments/calibrate.py

A bead's confidence (aligner.align) is, for a bead with both sides, a logistic
function of its posterior's logit, its cosine and whether it is a merge (the
`_CALIBRATION_*` constants), capped by how much its texts read as translations; for a
sentence left alone, a logistic function of whether it is a heading and of the best
margin it had (`_null_confidence`'s weights). This aligns every unit of the
cross-validation (crossval_align.py's units) with the aligner as it is, records those
inputs per bead and whether the bead is in the gold, and fits both logistic
regressions: on all units (the constants to put in align.py) and on all units but one
(the held-out figures: the Brier score and AUC of the confidences of the unit left out,
pooled over units), beside the constants align.py has now.

The confidences must also say when two documents do not translate each other (the
verdict counts the beads of at least 0.5), and the units are all translations; so the
NTREX unit also aligns each English document with the next one's Italian (news of
another day, as benchmarks/verdict.py does), whose beads are all wrong. They are fitted
on with that unit and held out with it, and their share of beads of at least 0.5 is
printed apart ("unrelated"); the other rows are the translations' beads alone.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace

import numpy as np
from corpora import Pair, load
from crossval_align import units
from evaluate import CachedVectors

from aligner import align


@dataclass
class Beads:
    """Per bead: the inputs of its confidence and whether the gold has it."""

    # (posterior, cosine, margin, kind, has a heading), as `align._pair_confidence` takes them
    pair_inputs: list[tuple] = field(default_factory=list)
    pair_right: list[bool] = field(default_factory=list)
    null_inputs: list[tuple[float, bool]] = field(default_factory=list)
    null_right: list[bool] = field(default_factory=list)


def recorded_beads(unit_pairs: list[Pair], translations: bool = True) -> Beads:
    """Aligns the unit's pairs, recording each bead's confidence inputs as the aligner
    computes them (in bead order) and whether the bead is in the gold (never, for pairs
    that are not `translations`)."""
    from aligner import align_documents, load_document

    out = Beads()
    calls: list[tuple[str, tuple]] = []
    pair_confidence, null_confidence = align._pair_confidence, align._null_confidence

    def record_pair(*args):
        calls.append(("pair", args))
        return pair_confidence(*args)

    def record_null(*args):
        calls.append(("null", args))
        return null_confidence(*args)

    align._pair_confidence, align._null_confidence = record_pair, record_null
    try:
        for pair in unit_pairs:
            loaded = load(pair)
            src = load_document(pair.src, pair.src_lang, presegmented=True)
            tgt = load_document(pair.tgt, pair.tgt_lang, presegmented=True)
            calls.clear()
            alignment = align_documents(src, tgt, CachedVectors(loaded))
            gold = {(tuple(s), tuple(t)) for s, t in loaded.gold}
            for bead, (kind, args) in zip(alignment.beads, calls, strict=True):
                right = translations and (tuple(bead.src), tuple(bead.tgt)) in gold
                if kind == "pair":
                    out.pair_inputs.append(args)
                    out.pair_right.append(right)
                else:
                    out.null_inputs.append(args)
                    out.null_right.append(right)
    finally:
        align._pair_confidence, align._null_confidence = pair_confidence, null_confidence
    return out


def logistic_fit(x: np.ndarray, y: np.ndarray, ridge: float = 1e-3) -> np.ndarray:
    """Weights (intercept first) of a logistic regression by Newton's method: a few
    dozen lines of numpy, not worth a dependency on scikit-learn for two fits."""
    design = np.column_stack([np.ones(len(x)), x])
    w = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (y - p) - ridge * w
        hessian = (design * (p * (1 - p))[:, None]).T @ design + ridge * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    return w


def unrelated_pairs(news: list[Pair]) -> list[Pair]:
    """Each news pair's source with the next pair's target: not a translation."""
    return [
        replace(pair, corpus="ntrex_unrelated", tgt=news[(number + 1) % len(news)].tgt)
        for number, pair in enumerate(news)
    ]


def pair_features(inputs) -> np.ndarray:
    """The posterior's logit, the cosine, and whether the bead is a merge."""
    posterior = np.array([p for p, *_ in inputs])
    logit = np.log(np.maximum(posterior, 1e-6) / np.maximum(1 - posterior, 1e-6))
    similarity = np.array([bead[1] for bead in inputs])
    merge = np.array([float(bead[3] != (1, 1)) for bead in inputs])
    return np.column_stack([logit, similarity, merge])


def null_features(inputs) -> np.ndarray:
    return np.array([[best, float(heading)] for best, heading in inputs])


def pair_confidences(inputs, w: np.ndarray) -> np.ndarray:
    calibrated = 1.0 / (1.0 + np.exp(-(w[0] + pair_features(inputs) @ w[1:])))
    caps = np.array([align._similarity_confidence(*bead[1:]) for bead in inputs])
    return np.minimum(calibrated, caps)


def null_confidences(inputs, w: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + null_features(inputs) @ w[1:])))


def auc(scores: np.ndarray, right: np.ndarray) -> float:
    """The chance that a right bead scores above a wrong one (ties count half)."""
    pos, neg = scores[right], scores[~right]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    ranks[order] = np.arange(1, len(order) + 1)
    values = np.concatenate([pos, neg])
    for value in np.unique(values):  # average ranks of ties
        tied = values == value
        ranks[tied] = ranks[tied].mean()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def summary(label: str, confidences: np.ndarray, right: np.ndarray) -> str:
    brier = float(np.mean((confidences - right) ** 2))
    return (
        f"{label:28s} beads {len(right):6d} right {right.mean():.3f} "
        f"mean conf {confidences.mean():.3f} Brier {brier:.4f} AUC {auc(confidences, right):.3f}"
    )


def main() -> int:
    unit_pairs = units()
    recorded = {name: recorded_beads(pairs_) for name, pairs_ in unit_pairs.items()}
    # Fitted on and held out with the NTREX unit (see the docstring).
    unrelated = {"ntrex": recorded_beads(unrelated_pairs(unit_pairs["ntrex"]), False)}
    current_pair = np.array(
        [
            align._CALIBRATION_OFFSET,
            align._CALIBRATION_SLOPE,
            align._CALIBRATION_SIMILARITY,
            align._CALIBRATION_MERGE,
        ]
    )
    current_null = np.array([-0.3, -0.8, 2.8])  # _null_confidence's weights
    rows = {"now": ([], [], [], []), "fitted": ([], [], [], []), "held out": ([], [], [], [])}

    def fits(names):
        beads = [recorded[n] for n in names] + [unrelated[n] for n in names if n in unrelated]
        pair_in = [x for b in beads for x in b.pair_inputs]
        pair_y = np.array([y for b in beads for y in b.pair_right], dtype=float)
        null_in = [x for b in beads for x in b.null_inputs]
        null_y = np.array([y for b in beads for y in b.null_right], dtype=float)
        return (
            logistic_fit(pair_features(pair_in), pair_y),
            logistic_fit(null_features(null_in), null_y),
        )

    everything = fits(list(recorded))
    for name, beads in recorded.items():
        held_out = fits([n for n in recorded if n != name])
        for label, (wp, wn) in (
            ("now", (current_pair, current_null)),
            ("fitted", everything),
            ("held out", held_out),
        ):
            both, alone, right, others = rows[label]
            both.append(pair_confidences(beads.pair_inputs, wp) if beads.pair_inputs else [])
            alone.append(null_confidences(beads.null_inputs, wn) if beads.null_inputs else [])
            right.append((beads.pair_right, beads.null_right))
            if name in unrelated:
                others.append(pair_confidences(unrelated[name].pair_inputs, wp))
    for label, (both, alone, right, others) in rows.items():
        pair_c = np.concatenate([np.asarray(c, dtype=float) for c in both])
        null_c = np.concatenate([np.asarray(c, dtype=float) for c in alone])
        pair_y = np.concatenate([np.asarray(r[0], dtype=bool) for r in right])
        null_y = np.concatenate([np.asarray(r[1], dtype=bool) for r in right])
        print(summary(f"{label}: both sides", pair_c, pair_y))
        print(summary(f"{label}: one side", null_c, null_y))
        print(summary(f"{label}: all", np.r_[pair_c, null_c], np.r_[pair_y, null_y]))
        unrelated_c = np.concatenate(others)
        print(
            f"{label + ': unrelated':28s} beads {len(unrelated_c):6d} "
            f"mean conf {unrelated_c.mean():.3f} at least 0.5 {np.mean(unrelated_c >= 0.5):.3f}"
        )
    wp, wn = everything
    print(
        f"\nfitted on all units: _CALIBRATION_OFFSET {wp[0]:.2f}, _CALIBRATION_SLOPE {wp[1]:.2f}, "
        f"_CALIBRATION_SIMILARITY {wp[2]:.2f}, _CALIBRATION_MERGE {wp[3]:.2f}"
    )
    print(
        f"_null_confidence: logit = {wn[0]:.2f} {wn[1]:+.2f} * best_margin {wn[2]:+.2f} * heading"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
