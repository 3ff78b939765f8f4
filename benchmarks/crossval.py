"""Leave-one-out over documents: how well a setting chosen on some documents does on
another, for tuning constants without scoring them on the documents they were picked on.

    >>> scores = {"a": {"x": .95, "y": .6, "z": .6}, "b": {"x": .7, "y": .8, "z": .9}}
    >>> result = leave_one_out(scores)
    >>> result.picks            # the setting chosen on the other two, per held-out document
    {'x': 'b', 'y': 'b', 'z': 'a'}
    >>> round(result.mean, 3), round(result.std, 3)   # b alone, in-sample, would say .8
    (0.7, 0.1)

With one setting it is the mean and spread of its per-document scores.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LeaveOneOut:
    held_out: dict[str, float]  # document → score of the setting picked without it
    picks: dict[str, str]  # document → that setting

    @property
    def mean(self) -> float:
        return statistics.mean(self.held_out.values())

    @property
    def std(self) -> float:
        """The sample standard deviation across the held-out documents."""
        return statistics.stdev(self.held_out.values())


def leave_one_out(scores: Mapping[str, Mapping[str, float]]) -> LeaveOneOut:
    """For each document, the setting with the best mean score over all the other
    documents (the first given, on a tie), scored on that document.

    `scores[setting][document]`, higher is better; every setting must score the same
    documents, at least two."""
    settings = list(scores)
    documents = list(scores[settings[0]]) if settings else []
    if len(documents) < 2 or any(set(scores[s]) != set(documents) for s in settings):
        raise ValueError("every setting needs a score for the same two or more documents")
    held_out, picks = {}, {}
    for document in documents:
        others = [d for d in documents if d != document]
        best = max(settings, key=lambda s: statistics.mean(scores[s][d] for d in others))
        picks[document] = best
        held_out[document] = scores[best][document]
    return LeaveOneOut(held_out, picks)


# The leave-one-out over the aligner's constants themselves is too long to run with every
# benchmark (dozens of settings on every unit): experiments/crossval_align.py runs it and
# leaves its counts in this file, which the benchmark prints beside its own table.
SUMMARY = Path(__file__).resolve().parent / "experiments" / "crossval_summary.json"
ALIGNER_SOURCES = ("align.py", "bead_path.py", "segment.py")


def _f1(counts: Mapping[str, int], lax: bool) -> float:
    """score.py's F1 from its counts (hits of the predicted beads, hits of the gold)."""
    precision = (counts["pl"] if lax else counts["ps"]) / counts["pn"] if counts["pn"] else 0.0
    recall = (counts["rl"] if lax else counts["rs"]) / counts["rn"] if counts["rn"] else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pooled(per_unit: list[Mapping[str, int]]) -> dict[str, int]:
    return {key: sum(counts[key] for counts in per_unit) for key in per_unit[0]}


def held_out_rows(source_dir: Path) -> tuple[str, list[list[str]]]:
    """The fitted and held-out figures crossval_align.py left, as a title saying whether
    they are the aligner's as it is now and table rows (unit, strict, lax, astray, for
    the constants fitted on every unit and for those chosen without the unit); no rows
    if it has left none."""
    if not SUMMARY.is_file():
        return "leave-one-out: not run (benchmarks/experiments/crossval_align.py)", []
    summary = json.loads(SUMMARY.read_text(encoding="utf-8"))
    digest = hashlib.sha1(
        b"".join((source_dir / name).read_bytes() for name in ALIGNER_SOURCES)
    ).hexdigest()[:12]
    current = summary["aligner"] == digest
    title = "leave-one-out over units (experiments/crossval_align.py), " + (
        "for the aligner as it is"
        if current
        else "for an earlier aligner: run experiments/crossval_align.py again"
    )
    units = summary["units"]
    croco = summary["croco_val"]
    rows = []
    entries = [(unit, units[unit]) for unit in units if unit not in croco]
    entries.append(
        (
            f"croco_val pooled ({len(croco)} books)",
            {kind: _pooled([units[u][kind] for u in croco]) for kind in ("fitted", "held_out")},
        )
    )
    for unit, figures in entries:
        rows.append(
            [unit]
            + [
                f"{_f1(figures[kind], False):.3f} / {_f1(figures[kind], True):.3f} / "
                f"{figures[kind]['astray']}"
                for kind in ("fitted", "held_out")
            ]
        )
    for lax in (False, True):
        cells = []
        for kind in ("fitted", "held_out"):
            values = [_f1(units[u][kind], lax) for u in units]
            cells.append(f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}")
        rows.append([f"mean ± spread over the {len(units)} units, {'lax' if lax else 'strict'}"])
        rows[-1] += cells
    return title, rows
