"""Align every cached document pair with the current aligner and count hits per document.

    python benchmarks/experiments/evaluate.py [--corpus NAME ...] [--set CONSTANT=VALUE ...]

The alignment runs through the pipeline itself (`align_documents`), with an encoder
that hands back the cached vectors, so blank lines and renumbering are as users get
them. `--set` overrides a module constant of aligner.align for the run (what the
cross-validation searches over).
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from corpora import CACHE, Loaded, Pair, load, pairs, read_scorer


class CachedVectors:
    """An encoder that knows the cached vectors of one document pair, and embeds any
    other text (the runs of sentences the aligner's second pass asks for) with the real
    encoder once, keeping it in cache/ beside the sentences' vectors."""

    name = "use-multilingual-v3 (cached)"
    languages = None

    def __init__(self, loaded: Loaded) -> None:
        self.table = {}
        for segments, vectors in (
            (loaded.src_segments, loaded.src_vectors),
            (loaded.tgt_segments, loaded.tgt_vectors),
        ):
            for segment, vector in zip(segments, vectors, strict=True):
                self.table[segment.text] = vector
        self.runs_file = CACHE / f"runs__{loaded.pair.corpus}__{loaded.pair.name}.pkl"
        self.runs = pickle.loads(self.runs_file.read_bytes()) if self.runs_file.is_file() else {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        unknown = [t for t in dict.fromkeys(texts) if t not in self.table and t not in self.runs]
        if unknown:
            self.runs.update(zip(unknown, _real_encoder().encode(unknown), strict=True))
            # A file of its own per process: two workers may align the same pair.
            temporary = self.runs_file.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(pickle.dumps(self.runs))
            temporary.replace(self.runs_file)
        return np.stack([self.table[t] if t in self.table else self.runs[t] for t in texts])


_ENCODER = []


def _real_encoder():
    if not _ENCODER:
        from aligner import load_encoder

        _ENCODER.append(load_encoder())
    return _ENCODER[0]


@dataclass
class Counts:
    """Strict and lax hits as score.py counts them, and beads no gold bead overlaps."""

    ps: int = 0
    pl: int = 0
    pn: int = 0
    rs: int = 0
    rl: int = 0
    rn: int = 0
    astray: int = 0  # predicted beads that are not even a lax hit

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))

    def f1(self, lax: bool = False) -> float:
        p = (self.pl if lax else self.ps) / self.pn if self.pn else 0.0
        r = (self.rl if lax else self.rs) / self.rn if self.rn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def counts(gold: list, predicted: list) -> Counts:
    judge = read_scorer()._judge
    ps, pl, pn = judge(gold, predicted)
    full = [b for b in predicted if b[0] and b[1]]
    rs, rl, rn = judge(full, [b for b in gold if b[0] and b[1]])
    return Counts(ps, pl, pn, rs, rl, rn, pn - pl)


def align_pair(loaded: Loaded) -> list:
    from aligner import align_documents, load_document

    pair = loaded.pair
    src = load_document(pair.src, pair.src_lang, presegmented=True)
    tgt = load_document(pair.tgt, pair.tgt_lang, presegmented=True)
    alignment = align_documents(src, tgt, CachedVectors(loaded))
    return [(b.src, b.tgt) for b in alignment.beads]


def evaluate(loaded_pairs: Iterable[Loaded]) -> dict[str, Counts]:
    """Counts per document name."""
    return {lp.pair.name: counts(lp.gold, align_pair(lp)) for lp in loaded_pairs}


def override(settings: Sequence[str]) -> None:
    from aligner import align

    for setting in settings:
        name, value = setting.split("=")
        setattr(align, name, type(getattr(align, name))(float(value)))


class _NoPosteriors:
    """Stands in for the forward-backward pass: the experiments score beads, not
    confidences, and the posteriors cost two thirds of the alignment."""

    @classmethod
    def of(cls, *_: object) -> _NoPosteriors:
        return cls()

    def of_bead(self, *_: object) -> float:
        return 0.5


def beads_only() -> None:
    from aligner import align

    align.Posteriors = _NoPosteriors


def selected(corpora: Sequence[str]) -> list[Pair]:
    return [p for p in pairs() if not corpora or p.corpus in corpora]


def summary(pairs_: list[Pair], results: dict[str, Counts]) -> list[tuple[str, Counts]]:
    rows = []
    for corpus in dict.fromkeys(p.corpus for p in pairs_):
        names = [p.name for p in pairs_ if p.corpus == corpus]
        rows.append((corpus, sum((results[n] for n in names), Counts())))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", default=[])
    parser.add_argument("--set", action="append", default=[])
    parser.add_argument("--per-document", action="store_true")
    args = parser.parse_args()
    override(args.set)
    beads_only()
    chosen = selected(args.corpus)
    results = evaluate(load(p) for p in chosen)
    if args.per_document:
        for name, c in results.items():
            print(f"{name:45s} {c.f1():.3f} {c.f1(True):.3f} astray {c.astray}")
    for corpus, c in summary(chosen, results):
        print(f"{corpus:12s} strict {c.f1():.4f} lax {c.f1(True):.4f} astray {c.astray}/{c.pn}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
