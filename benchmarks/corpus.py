"""`aligner corpus` measured: pairing, throughput beside the single-pair path, 1 and 2
workers, and the client's memory at two corpus sizes.

    python benchmarks/corpus.py [--eval-dir ../shared/eval] [--scale 2000] [--repeats 1]

Pairing: the NTREX dev news (40 English and 40 Italian articles, under shuffled file
names, so that names give no hint) plus the five seeds, as one folder: precision and
recall of the document pairs found against the 41 true pairs (seed 003, the English
article that translates none of the Italian ones, must stay unpaired); then the same
with 20% of the English articles removed, whose Italian partners must come out
unpaired. Targets: ≥ 0.99 both.

Throughput: sentences aligned per second end to end (cluster start, reading, pairing,
aligning, checking, writing) with 1 and 2 local workers, and the single-pair path —
`align_documents` then `check_alignment` on each known pair, one after the other, in
one process — on the same documents. Every timed run is a fresh Python process, so
that each pays its own warm-up (imports, the model, the checks' tables) and nothing of
another run's; its seconds run from before its first import of aligner to its last
file written, and its CPU-seconds are its process's and its workers' (and the
forkserver's they are forked from). The single-pair
path is held to one BLAS thread, as a Dask worker is (its nanny sets
`OMP/OPENBLAS/MKL_NUM_THREADS=1`, and USE is given one thread), so that "1 worker"
against it compares the same work on one core; neither runs with the memory trimming
Dask's nanny would set (`MALLOC_TRIM_THRESHOLD_`, which the local cluster unsets: it
made the same work cost 20% more CPU). Measured on the 41 pairs above, where a
worker's fixed costs (its process, the model, the checks' tables: a few seconds) weigh,
and with `--scale N` on N/10 simulated pairs, where they are amortised. Targets: the
corpus with 1 worker within 20% of the single-pair path; 2 workers ≥ 1.7× one.

Scale (with --scale N): N/10 and N document pairs made from the dev news (each copy of
an article made distinct by a numbered first line), aligned with 2 workers; the
client's peak resident memory (the process that called `align_corpus`, which on a
local cluster holds the scheduler too; the workers are other processes) must stay
flat as N grows. The N pairs are also aligned by the other two paths, and "once
started" gives each path's throughput on the N pairs beyond the N/10, without the fixed
costs paid in both (a process, a cluster, each worker's warm-up): what a user aligning a
large corpus gets, where the end-to-end figures above are what a small one gets.

The box may be shared: the load average (1 minute) is given before and after every
run. With a load above the cores, the 2-worker figure is bounded by the cores the run
got, and the CPU-seconds, which do not depend on it, say what the work cost.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
NTREX = "ntrex_it_en_dev"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
#: Share of the English articles removed in the second pairing measure.
REMOVED = 0.2


def build_corpus(eval_dir: Path, folder: Path, removed: float, rng: random.Random) -> dict:
    """The news articles and the seeds in `folder`, under shuffled names; returns the
    true pairs by new name and the Italian articles whose partner was removed."""
    articles = sorted(path.stem for path in (eval_dir / NTREX).glob("*.gold"))
    gone = set(rng.sample(articles, round(len(articles) * removed)))
    names = {}
    for article in articles:
        for lang in ("it", "en"):
            if lang == "en" and article in gone:
                continue
            name = f"doc_{rng.getrandbits(40):010x}.txt"
            shutil.copy(eval_dir / NTREX / f"{article}.{lang}", folder / name)
            names[article, lang] = name
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    seed_it, seed_en = (next(SEEDS.glob(f"{n}_*.txt")).name for n in ("000", "001"))
    gold = {(names[a, "it"], names[a, "en"]) for a in articles if a not in gone}
    gold.add((seed_it, seed_en))
    return {"gold": gold, "orphans": {names[a, "it"] for a in gone}}


def pairing_row(label: str, result, corpus: dict) -> list[str]:
    found = set(zip(result.pairs["src_document"], result.pairs["tgt_document"]))
    right = len(found & corpus["gold"])
    unpaired = set(result.unpaired["document"])
    seed_003 = next(SEEDS.glob("003_*.txt")).name
    return [
        label,
        str(len(corpus["gold"])),
        str(len(found)),
        f"{right / max(len(found), 1):.3f}",
        f"{right / len(corpus['gold']):.3f}",
        "yes" if seed_003 in unpaired else "NO",
        f"{len(corpus['orphans'] & unpaired)}/{len(corpus['orphans'])}",
    ]


#: What a Dask nanny sets for its worker (distributed.nanny.pre-spawn-environ), given
#: to the single-pair path too.
ONE_BLAS_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass(frozen=True)
class Run:
    """One timed run, in a process of its own."""

    seconds: float
    cpu_seconds: float
    sentences: int
    #: The peak resident memory of the run's process (the client, for a corpus).
    peak_rss: int
    load_before: float
    load_after: float

    @property
    def load(self) -> str:
        return f"{self.load_before:.1f}→{self.load_after:.1f}"


def measured(folder: Path, workers: int, gold: set[tuple[str, str]]) -> Run:
    """The single-pair path on the `gold` pairs (`workers` 0) or the corpus with
    `workers` local workers, run in a fresh process of this script."""
    spec = {"folder": str(folder), "workers": workers, "pairs": sorted(gold)}
    environment = {**os.environ, **(ONE_BLAS_THREAD if workers == 0 else {})}
    load_before = psutil.getloadavg()[0]
    finished = subprocess.run(
        [sys.executable, __file__, "--measure", json.dumps(spec)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        sys.exit(f"benchmarks: a timed run failed:\n{finished.stderr[-2000:]}")
    figures = json.loads(finished.stdout.strip().splitlines()[-1])
    return Run(**figures, load_before=load_before, load_after=psutil.getloadavg()[0])


def measure(spec: dict) -> dict:
    """What `measured` runs in its own process: the seconds, CPU-seconds (this process
    and the workers it started and waited for), sentences and peak memory."""
    folder = Path(spec["folder"])
    start = time.perf_counter()
    if spec["workers"] == 0:
        sentences = single_pair_path(folder, [tuple(pair) for pair in spec["pairs"]])
    else:
        sentences = corpus_path(folder, spec["workers"])
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    # ru_maxrss is in kilobytes on Linux.
    return {"seconds": seconds, "cpu_seconds": cpu_seconds(), "sentences": sentences,
            "peak_rss": own.ru_maxrss * 1024}  # fmt: skip


def cpu_seconds() -> float:
    """This process's CPU-seconds and its descendants': the children it waited for, and
    the children still running with the children they waited for (a local cluster's
    workers are forked, and waited for, by a forkserver that lives as long as this
    process)."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))  # fmt: skip
    waited = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    running = sum(
        times.user + times.system + times.children_user + times.children_system
        for times in (child.cpu_times() for child in psutil.Process().children())
    )
    return waited + running


def single_pair_path(folder: Path, pairs: list[tuple[str, str]]) -> int:
    """The known pairs aligned and checked one after the other, the model loaded once,
    with one thread as a worker has; the sentences aligned."""
    from aligner.checks import check_alignment
    from aligner.embed import UniversalSentenceEncoder
    from aligner.pipeline import align_documents, load_document

    encoder = UniversalSentenceEncoder(threads=1)
    sentences = 0
    for src, tgt in pairs:
        documents = load_document(folder / src), load_document(folder / tgt)
        check_alignment(align_documents(*documents, encoder))
        sentences += sum(len(document.segments) for document in documents)
    return sentences


def corpus_path(folder: Path, workers: int) -> int:
    from aligner.corpus import align_corpus

    with tempfile.TemporaryDirectory(prefix="corpus-out-") as output:
        result = align_corpus(folder, output=Path(output), workers=workers)
        return int(result.pairs["sentences"].sum())


def scaled_corpus(eval_dir: Path, folder: Path, pairs: int) -> set[tuple[str, str]]:
    """`pairs` copies of the dev news pairs, each made distinct by a numbered first
    line; returns the true pairs."""
    articles = sorted(path.stem for path in (eval_dir / NTREX).glob("*.gold"))
    for copy in range(pairs):
        article = articles[copy % len(articles)]
        for lang in ("it", "en"):
            text = (eval_dir / NTREX / f"{article}.{lang}").read_text(encoding="utf-8")
            (folder / f"{copy:05d}.{lang}.txt").write_text(f"{copy}\n{text}", encoding="utf-8")
    return {(f"{copy:05d}.it.txt", f"{copy:05d}.en.txt") for copy in range(pairs)}


#: The paths timed, by the `workers` given to `measured` (0: the single-pair path).
PATHS = {0: "single-pair path (1 thread)", 1: "corpus, 1 worker", 2: "corpus, 2 workers"}


def throughput(folder: Path, gold: set[tuple[str, str]], repeats: int) -> dict[int, Run]:
    """The fastest of `repeats` runs of each path, the order reversed every other
    repeat: the box is shared and noisy."""
    runs: dict[int, list[Run]] = {workers: [] for workers in PATHS}
    for repeat in range(repeats):
        for workers in list(PATHS)[:: -1 if repeat % 2 else 1]:
            runs[workers].append(measured(folder, workers, gold))
    return {workers: min(done, key=lambda run: run.seconds) for workers, done in runs.items()}


def pairing_table(eval_dir: Path, rng: random.Random) -> Table:
    from aligner.corpus import align_corpus

    table = Table(title="pairing: NTREX dev news + seeds, shuffled names")
    for column in ("corpus", "true pairs", "found", "precision", "recall", "003 unpaired",
                   "orphans unpaired"):  # fmt: skip
        table.add_column(column)
    for label, removed in (("all partners", 0.0), (f"{REMOVED:.0%} of partners removed", REMOVED)):
        with tempfile.TemporaryDirectory() as temporary:
            folder, output = Path(temporary, "in"), Path(temporary, "out")
            folder.mkdir()
            corpus = build_corpus(eval_dir, folder, removed, rng)
            table.add_row(*pairing_row(label, align_corpus(folder, output=output), corpus))
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument(
        "--scale", type=int, metavar="N", help="also align N/10 and N simulated pairs"
    )
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=1, help="runs of each path (best kept)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # one timed run (`measured`)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure))))
        return 0
    if not (args.eval_dir / NTREX).is_dir():
        print(f"benchmarks: no {NTREX} in {args.eval_dir} (../shared/eval); nothing to measure")
        return 0
    console = Console(width=120)
    rng = random.Random(args.seed)
    console.print(pairing_table(args.eval_dir, rng))
    speed = Table(
        title=f"throughput, end to end, each run a fresh process, best of {args.repeats}",
        caption=f"{psutil.cpu_count()} cores; load: 1-minute load average before→after the run",
    )
    for column in ("corpus", "path", "seconds", "CPU-s", "sentences/s", "vs single-pair path",
                   "load"):  # fmt: skip
        speed.add_column(column)
    verdicts = []
    # The runs of each path on the simulated corpora, by pairs.
    simulated_runs: dict[int, dict[int, Run]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        news, simulated = Path(temporary, "news"), Path(temporary, "simulated")
        news.mkdir()
        sets = [("NTREX + seeds", news, build_corpus(args.eval_dir, news, 0.0, rng)["gold"])]
        if args.scale:
            simulated.mkdir()
            gold = scaled_corpus(args.eval_dir, simulated, max(args.scale // 10, 1))
            sets.append(("simulated", simulated, gold))
        for name, corpus_folder, gold in sets:
            label = f"{name} ({len(gold)} pairs)"
            runs = throughput(corpus_folder, gold, args.repeats)
            single = runs[0]
            for workers, run in runs.items():
                speed.add_row(label, PATHS[workers], f"{run.seconds:.1f}", f"{run.cpu_seconds:.0f}",
                              f"{run.sentences / run.seconds:.1f}",
                              f"{run.seconds / single.seconds:.2f}×", run.load)  # fmt: skip
            verdicts.append(
                f"{label}: 1 worker takes {runs[1].seconds / single.seconds:.2f}× the single-pair "
                f"path (target ≤ 1.20×); 2 workers are {runs[1].seconds / runs[2].seconds:.2f}× "
                "as fast as 1 (target ≥ 1.7×)"
            )
            if corpus_folder == simulated:
                simulated_runs[len(gold)] = runs
    console.print(speed)
    for line in verdicts:
        console.print(line)
    if args.scale:
        with tempfile.TemporaryDirectory() as temporary:
            gold = scaled_corpus(args.eval_dir, Path(temporary), args.scale)
            simulated_runs[args.scale] = throughput(Path(temporary), gold, repeats=1)
        scale = Table(title="scale: simulated pairs, 2 workers")
        for column in ("pairs", "documents", "sentences", "seconds", "CPU-s", "sentences/s",
                       "client peak RSS (MB)", "load"):  # fmt: skip
            scale.add_column(column)
        for pairs, runs in sorted(simulated_runs.items()):
            run = runs[2]
            scale.add_row(str(pairs), str(2 * pairs), str(run.sentences), f"{run.seconds:.0f}",
                          f"{run.cpu_seconds:.0f}", f"{run.sentences / run.seconds:.1f}",
                          f"{run.peak_rss / 2**20:.0f}", run.load)  # fmt: skip
        console.print(scale)
        console.print(started_table(simulated_runs[max(args.scale // 10, 1)],
                                    simulated_runs[args.scale]))  # fmt: skip
    return 0


def started_table(small: dict[int, Run], large: dict[int, Run]) -> Table:
    """Each path's throughput once started: the sentences and seconds the `large`
    corpus took beyond the `small` one, each path's fixed costs (its process, its
    cluster, its workers' and its own warm-up) paid in both and so left out — what
    a user aligning a large corpus gets."""
    table = Table(title="once started: the large simulated corpus beyond the small one")
    for column in ("path", "sentences", "seconds", "sentences/s", "vs single-pair path",
                   "fixed seconds"):  # fmt: skip
        table.add_column(column)
    rates = {}
    for workers, run in large.items():
        sentences = run.sentences - small[workers].sentences
        seconds = run.seconds - small[workers].seconds
        rates[workers] = sentences / seconds
        # What the small corpus took beyond its sentences at this rate.
        fixed = small[workers].seconds - small[workers].sentences / rates[workers]
        table.add_row(PATHS[workers], str(sentences), f"{seconds:.1f}",
                      f"{rates[workers]:.1f}", f"{rates[0] / rates[workers]:.2f}×",
                      f"{fixed:.1f}")  # fmt: skip
    table.caption = (
        f"once started, 1 worker takes {rates[0] / rates[1]:.2f}× the single-pair path "
        f"(target ≤ 1.20×); 2 workers are {rates[2] / rates[1]:.2f}× as fast as 1 "
        "(target ≥ 1.7×)"
    )
    return table


if __name__ == "__main__":
    sys.exit(main())
