"""Alignment benchmarks: accuracy on the dev sets, speed against the encoder, scaling.

    python benchmarks/run.py [--eval-dir DIR] [--skip-scaling]

Reads the development data in ../shared/eval (gold alignments, one sentence per line)
and scores with its score.py, the strict/lax metric of the Vecalign and Bertalign
papers. Each measurement runs in a fresh process so its peak memory is its own.

Columns: strict and lax F1; `embed s`, the time to embed every sentence once with the
same (already loaded) encoder; `total s`, the whole pipeline with that encoder
(read, segment, embed, align); `ratio` = total / embed (target ≤ 1.5); `peak MB`, the
process's peak resident memory, encoder included; `right`, the share of beads exactly
as in the gold, `mean conf`, their mean confidence, and `Brier`, the mean squared gap
between each bead's confidence and whether it is right (0 is perfect): how far the
confidence the UI colours by can be taken at its word; `AUC`, the chance that a right
bead has a higher confidence than a wrong one (1 is perfect, .5 is a coin; blank where
every bead is right): how well the confidence points a reviewer at the mistakes.
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
SCALING_SIZES = (1_000, 5_000, 20_000)


@dataclass(frozen=True)
class Pair:
    src: Path
    tgt: Path
    gold: Path | None
    src_lang: str
    tgt_lang: str


def dev_sets(eval_dir: Path) -> dict[str, list[Pair]]:
    ntrex = eval_dir / "ntrex_it_en_dev"
    return {
        "seeds it-en": [
            Pair(eval_dir / "seeds/000.it.txt", eval_dir / "seeds/001.en.txt",
                 eval_dir / "seeds/000-001.align", "it", "en")
        ],
        "croco en-it": [
            Pair(eval_dir / "croco_en_it_dev/three_men.en", eval_dir / "croco_en_it_dev/three_men.it",
                 eval_dir / "croco_en_it_dev/three_men.en-it.align", "en", "it")
        ],
        "textberg de-fr": [
            Pair(eval_dir / "textberg_de_fr_dev/dev.de", eval_dir / "textberg_de_fr_dev/dev.fr",
                 eval_dir / "textberg_de_fr_dev/dev.de-fr.align", "de", "fr")
        ],
        "ntrex en-it": [
            Pair(gold.with_suffix(".en"), gold.with_suffix(".it"), gold, "en", "it")
            for gold in sorted(ntrex.glob("*.gold"))
        ],
    }  # fmt: skip


def measure(pairs: list[Pair]) -> dict:
    """Align `pairs` in this process; return beads, timings and peak memory."""
    from aligner import align_documents, load_document, load_encoder

    encoder = load_encoder()
    encoder.encode(["warm-up: load the model before timing"])
    embed_seconds = total_seconds = 0.0
    results = []
    for pair in pairs:
        start = time.perf_counter()
        src = load_document(pair.src, pair.src_lang, presegmented=True)
        tgt = load_document(pair.tgt, pair.tgt_lang, presegmented=True)
        alignment = align_documents(src, tgt, encoder)
        total_seconds += time.perf_counter() - start
        results.append([(b.src, b.tgt, b.score) for b in alignment.beads])
        texts = [s.text for s in (*src.segments, *tgt.segments) if s.text]
        start = time.perf_counter()
        encoder.encode(texts)
        embed_seconds += time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return dict(beads=results, embed=embed_seconds, total=total_seconds, peak_mb=peak_mb)


def in_fresh_process(pairs: list[Pair]) -> dict:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(measure, (pairs,))


def load_scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("eval_score", eval_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def accuracy_rows(eval_dir: Path, console: Console) -> list[list[str]]:
    scorer = load_scorer(eval_dir)
    rows = []
    for name, pairs in dev_sets(eval_dir).items():
        console.log(f"aligning {name} ({len(pairs)} document pair(s))")
        result = in_fresh_process(pairs)
        golds = [scorer.read_beads(p.gold) for p in pairs]
        scores = scorer.score(
            [(gold, [(s, t) for s, t, _ in beads]) for gold, beads in zip(golds, result["beads"])]
        )
        rows.append(
            row(name, result, scores["f1_strict"], scores["f1_lax"])
            + confidence_cells(golds, result["beads"])
        )
    return rows


def confidence_cells(golds: list[list], aligned: list[list]) -> list[str]:
    """Share of beads that are right, their mean confidence, the Brier score and the
    AUC of confidence against rightness."""
    outcomes = []
    for gold, beads in zip(golds, aligned):
        right_beads = {(tuple(s), tuple(t)) for s, t in gold}
        outcomes += [(score, (src, tgt) in right_beads) for src, tgt, score in beads]
    right = sum(ok for _, ok in outcomes) / len(outcomes)
    confidence = sum(score for score, _ in outcomes) / len(outcomes)
    brier = sum((score - ok) ** 2 for score, ok in outcomes) / len(outcomes)
    return [f"{right:.3f}", f"{confidence:.3f}", f"{brier:.3f}", ranking_auc(outcomes)]


def ranking_auc(outcomes: list[tuple[float, bool]]) -> str:
    """The share of (right, wrong) bead pairs where the right one is more confident
    (ties count half); blank without a wrong bead."""
    right = np.array([score for score, ok in outcomes if ok])
    wrong = np.array([score for score, ok in outcomes if not ok])
    if not len(right) or not len(wrong):
        return ""
    higher = (right[:, None] > wrong[None, :]).mean()
    ties = (right[:, None] == wrong[None, :]).mean()
    return f"{higher + ties / 2:.3f}"


def scaling_rows(eval_dir: Path, console: Console) -> list[list[str]]:
    """Documents of about N sentences a side, built by repeating the croco dev book."""
    book = eval_dir / "croco_en_it_dev"
    english = (book / "three_men.en").read_text(encoding="utf-8").splitlines()
    italian = (book / "three_men.it").read_text(encoding="utf-8").splitlines()
    beads = load_scorer(eval_dir).read_beads(book / "three_men.en-it.align")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in SCALING_SIZES:
            src_lines, tgt_lines = aligned_copies(english, italian, beads, size)
            src, tgt = Path(folder, f"{size}.en"), Path(folder, f"{size}.it")
            src.write_text("\n".join(src_lines) + "\n", encoding="utf-8")
            tgt.write_text("\n".join(tgt_lines) + "\n", encoding="utf-8")
            console.log(f"aligning {len(src_lines):,} / {len(tgt_lines):,} sentences")
            result = in_fresh_process([Pair(src, tgt, None, "en", "it")])
            rows.append(row(f"scaling {size:,}", result, None, None))
    return rows


def aligned_copies(
    src: list[str], tgt: list[str], beads: list[tuple[tuple[int, ...], tuple[int, ...]]], size: int
) -> tuple[list[str], list[str]]:
    """Copies of a book and its translation, both cut after the same gold bead once the
    source has `size` sentences, so that the two sides say the same thing throughout.

    Each copy's lines get a copy number so that no two sentences are the same text
    (the pipeline embeds a repeated text only once, which would flatter it)."""
    src_out: list[str] = []
    tgt_out: list[str] = []
    copy = 0
    while len(src_out) < size:
        copy += 1
        for src_ids, tgt_ids in beads:
            if len(src_out) >= size:
                break
            src_out.extend(f"{src[i]} ({copy})" for i in src_ids)
            tgt_out.extend(f"{tgt[j]} ({copy})" for j in tgt_ids)
    return src_out, tgt_out


def row(name: str, result: dict, strict: float | None, lax: float | None) -> list[str]:
    def f1(value: float | None) -> str:
        return "" if value is None else f"{value:.3f}"

    return [
        name,
        f1(strict),
        f1(lax),
        f"{result['embed']:.1f}",
        f"{result['total']:.1f}",
        f"{result['total'] / result['embed']:.2f}",
        f"{result['peak_mb']:.0f}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--skip-scaling", action="store_true", help="only the dev sets")
    args = parser.parse_args()
    console = Console(stderr=True)
    if not (args.eval_dir / "score.py").is_file():
        console.print(
            f"benchmarks: no dev data at {args.eval_dir} (../shared/eval); nothing to measure"
        )
        return 2
    rows = accuracy_rows(args.eval_dir, console)
    if not args.skip_scaling:
        rows += scaling_rows(args.eval_dir, console)
    table = Table(title="aligner benchmarks (encoder: USE multilingual v3)")
    columns = ("set", "strict F1", "lax F1", "embed s", "total s", "ratio", "peak MB",
               "right", "mean conf", "Brier", "AUC")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column == "set" else "right")
    for cells in rows:
        table.add_row(*cells)
    # Wide enough for every column even in a pipe, where rich would assume 80.
    Console(width=max(Console().width, 110)).print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
