"""One constant of aligner.align at several values, on the units already embedded.

    python benchmarks/experiments/sweep.py NAME VALUE [VALUE ...] [--set NAME=VALUE ...]

A quick look before the cross-validation (which chooses); prints strict/lax F1 and
astray beads per unit and their mean.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from corpora import load
from crossval_align import units
from evaluate import Counts, align_pair, beads_only, counts, override


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("values", nargs="+")
    parser.add_argument("--set", action="append", default=[])
    args = parser.parse_args()
    beads_only()
    override(args.set)
    loaded = {}
    for unit, unit_pairs in units().items():
        try:
            loaded[unit] = [load(p) for p in unit_pairs]
        except FileNotFoundError:
            continue
    for value in args.values:
        override([f"{args.name}={value}"])
        line, means = [], []
        for unit, items in loaded.items():
            c = sum((counts(x.gold, align_pair(x)) for x in items), Counts())
            line.append(f"{unit[:10]} {c.f1():.3f}/{c.f1(True):.3f}/{c.astray}")
            means.append((c.f1(), c.f1(True)))
        s, lax = np.mean(means, axis=0)
        print(f"{args.name}={value}: mean {s:.4f} {lax:.4f} | " + " | ".join(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
