"""Where the path goes astray: bead types made against gold, one-sided beads, and the
beads no gold bead overlaps, per corpus.

    python benchmarks/experiments/errors.py [--corpus NAME ...] [--set CONSTANT=VALUE ...]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from corpora import load
from evaluate import align_pair, override, selected


def kind(bead) -> str:
    return f"{min(len(bead[0]), 9)}-{min(len(bead[1]), 9)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", default=[])
    parser.add_argument("--set", action="append", default=[])
    args = parser.parse_args()
    override(args.set)
    for corpus in dict.fromkeys(p.corpus for p in selected(args.corpus)):
        made, right, gold_kinds, astray_kinds = Counter(), Counter(), Counter(), Counter()
        for pair in selected([corpus]):
            loaded = load(pair)
            gold = {b for b in loaded.gold if b[0] or b[1]}
            linked = {}
            for s, t in gold:
                for i in s:
                    linked.setdefault(i, set()).update(t)
            gold_kinds.update(kind(b) for b in gold)
            for bead in align_pair(loaded):
                if not (bead[0] or bead[1]):
                    continue
                made[kind(bead)] += 1
                if bead in gold:
                    right[kind(bead)] += 1
                elif not any(linked.get(i, set()) & set(bead[1]) for i in bead[0]):
                    astray_kinds[kind(bead)] += 1
        print(f"== {corpus}")
        for k in sorted(set(made) | set(gold_kinds), key=lambda k: -gold_kinds[k] - made[k]):
            print(f"  {k:5s} gold {gold_kinds[k]:6d} made {made[k]:6d} right {right[k]:6d}"
                  f" astray {astray_kinds[k]:5d}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
