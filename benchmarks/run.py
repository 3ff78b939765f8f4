"""Alignment benchmarks: ours beside Bertalign and Vecalign on the dev sets, and scaling.

    python benchmarks/run.py [--sets NAME[,NAME]] [--skip-scaling] [--fresh] [--markdown]
                             [--cached-peers] [--repeats N] [--eval-dir DIR]

Reads the development data in ../shared/eval (gold alignments, one sentence per line)
and scores with its score.py, the strict/lax metric of the Vecalign and Bertalign
papers; runs the peers in ../shared/peers (Bertalign and Vecalign with our encoder, in a
venv of their own made on first use) on the same pairs. Each measurement of ours runs
in a fresh process so its peak memory is its own. Results are kept in
benchmarks/results/: the peers' for good (git keeps them), ours until a module of
src/aligner changes; `--fresh` measures everything again.

Columns: strict and lax F1; `astray`, the beads that are not even a lax hit (no
sentence of one side linked in the gold to a sentence of the other; a 1-0 or 0-1 bead
unless the gold has it too): how often the path left the gold's; `embed s`, the time
to embed every sentence once with the same (already loaded) encoder; `total s`, the
whole pipeline with that encoder (read, segment, embed, align), for a peer its run less
its start-up (imports, encoder loading, compiling); ours, with `--repeats N`, the
quickest of N runs of each, one after the other; `ratio` = total / embed (target
≤ 1.5); `peak MB`, the process's peak resident memory, encoder included (a peer's: its
largest process); `right`, the share of beads exactly as in the gold, `mean conf`,
their mean confidence, and `Brier`, the mean squared gap between each bead's
confidence and whether it is right (0 is perfect): how far the confidence the UI
colours by can be taken at its word; `AUC`, the chance that a right bead has a higher
confidence than a wrong one (1 is perfect, .5 is a coin; blank where every bead is
right): how well the confidence points a reviewer at the mistakes. Over croco_val's
books: one row per book, then the books pooled, then each aligner's strict F1 across
the books as mean ± standard deviation. The peers take up to an hour a book on two
cores: `--cached-peers` shows them only where they have run before, pools the books
they all ran on, and ours over every book in a row of its own.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from crossval import held_out_rows, leave_one_out
from devsets import CROCO_VAL, DevSet, Pair, dev_sets, select
from ours import Ours
from peers import PEERS, PeerError, Peers
from rich import box
from rich.console import Console
from rich.table import Table

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
SCALING = "scaling"
SCALING_SIZES = (1_000, 5_000, 20_000)
OURS = "ours"

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Run:
    """One aligner on one set: its beads per document pair and what they cost."""

    beads: list[list[Bead]]
    seconds: float
    peak_mb: float
    confidences: list[list[float]] | None = None  # ours only, as the embedding time
    embed_seconds: float | None = None


def our_run(result: dict) -> Run:
    return Run(
        beads=[[(tuple(s), tuple(t)) for s, t, _ in beads] for beads in result["beads"]],
        confidences=[[score for _, _, score in beads] for beads in result["beads"]],
        seconds=result["total"],
        peak_mb=result["peak_mb"],
        embed_seconds=result["embed"],
    )


def peer_run(results: list[dict]) -> Run:
    return Run(
        beads=[[(tuple(s), tuple(t)) for s, t in result["beads"]] for result in results],
        seconds=sum(result["seconds"] for result in results),
        peak_mb=max(result["peak_mb"] for result in results),
    )


def pooled(runs: list[Run]) -> Run:
    """The runs as one: documents side by side, times added, the highest peak."""
    ours = runs[0].confidences is not None
    return Run(
        beads=[beads for run in runs for beads in run.beads],
        seconds=sum(run.seconds for run in runs),
        peak_mb=max(run.peak_mb for run in runs),
        confidences=[c for run in runs for c in run.confidences] if ours else None,
        embed_seconds=sum(run.embed_seconds for run in runs) if ours else None,
    )


def load_scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("eval_score", eval_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Bench:
    """Every aligner on every chosen set, scored against the gold."""

    def __init__(
        self,
        eval_dir: Path,
        fresh: bool,
        console: Console,
        cached_peers: bool = False,
        repeats: int = 1,
    ) -> None:
        self.scorer = load_scorer(eval_dir)
        self.console = console
        self.cached_peers = cached_peers
        self.ours = Ours(fresh, repeats)
        self.peers: Peers | None = None
        self.peer_names = list(PEERS)
        peers_dir = eval_dir.parent / "peers"
        if not (peers_dir / "run.py").is_file():
            console.print(f"benchmarks: no peers at {peers_dir}; only ours is measured")
            self.peer_names = []
            return
        try:
            self.peers = Peers(peers_dir, fresh, console.log)
        except PeerError as error:
            console.print(f"benchmarks: the peers are left out: {error}")
            self.peer_names = []

    def runs(self, dev_set: DevSet) -> dict[str, Run]:
        self.console.log(f"aligning {dev_set.label} ({len(dev_set.pairs)} document pair(s))")
        runs = {OURS: our_run(self.ours.measure(list(dev_set.pairs)))}
        for peer in list(self.peer_names):
            try:
                results = [
                    self.peers.align(peer, pair, self.cached_peers) for pair in dev_set.pairs
                ]
                if None in results:
                    self.console.log(f"{PEERS[peer]} has not run on {dev_set.label} yet")
                else:
                    runs[peer] = peer_run(results)
            except PeerError as error:
                self.console.print(f"benchmarks: {PEERS[peer]} is left out: {error}")
                self.peer_names.remove(peer)
        return runs

    def cells(self, golds: list[list[Bead]], aligner: str, run: Run) -> list[str]:
        scores = self.scorer.score(list(zip(golds, run.beads, strict=True)))
        cells = [
            PEERS.get(aligner, aligner),
            f"{scores['f1_strict']:.3f}",
            f"{scores['f1_lax']:.3f}",
            str(sum(map(self.astray, golds, run.beads))),
            "" if run.embed_seconds is None else f"{run.embed_seconds:.1f}",
            f"{run.seconds:.1f}",
            "" if run.embed_seconds is None else f"{run.seconds / run.embed_seconds:.2f}",
            f"{run.peak_mb:.0f}",
        ]
        if run.confidences is not None:
            cells += confidence_cells(golds, run.beads, run.confidences)
        return cells

    def astray(self, gold: list[Bead], beads: list[Bead]) -> int:
        """The beads that are not lax hits, by score.py's own judge of precision."""
        _, lax_hits, judged = self.scorer._judge(gold, beads)
        return judged - lax_hits

    def strict_f1(self, gold: list[Bead], run: Run) -> float:
        return self.scorer.score([(gold, run.beads[0])])["f1_strict"]


def confidence_cells(
    golds: list[list[Bead]], aligned: list[list[Bead]], confidences: list[list[float]]
) -> list[str]:
    """Share of beads that are right, their mean confidence, the Brier score and the
    AUC of confidence against rightness."""
    outcomes = []
    for gold, beads, scores in zip(golds, aligned, confidences, strict=True):
        right_beads = set(gold)
        outcomes += [(s, bead in right_beads) for bead, s in zip(beads, scores, strict=True)]
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


def accuracy_rows(bench: Bench, sets: list[DevSet]) -> tuple[list[list[list[str]]], list[str]]:
    """Rows grouped by set (the croco_val books then pooled), and the books' spread."""
    groups, books = [], []
    for position, dev_set in enumerate(sets):
        golds = [bench.scorer.read_beads(pair.gold) for pair in dev_set.pairs]
        runs = bench.runs(dev_set)
        groups.append(set_rows(bench, dev_set.label, golds, runs))
        if dev_set.group == CROCO_VAL:
            books.append((golds, runs))
            last = position + 1 == len(sets) or sets[position + 1].group != CROCO_VAL
            if last and len(books) > 1:
                groups += pooled_rows(bench, books)
    return groups, spread_lines(bench, books)


def set_rows(bench: Bench, label: str, golds: list, runs: dict[str, Run]) -> list[list[str]]:
    return [
        [label if n == 0 else "", *bench.cells(golds, aligner, run)]
        for n, (aligner, run) in enumerate(runs.items())
    ]


def pooled_rows(bench: Bench, books: list[tuple[list, dict[str, Run]]]) -> list[list[list[str]]]:
    """The books pooled, every aligner on the books every aligner ran on; and ours on
    every book, where a peer has not run on some yet (`--cached-peers`)."""
    everyone = [OURS, *(peer for peer in PEERS if any(peer in runs for _, runs in books))]
    shared = [(golds, runs) for golds, runs in books if all(a in runs for a in everyone)]
    groups = []
    for chosen, aligners in ((shared, everyone), (books, [OURS])):
        if chosen and (aligners == everyone or len(shared) < len(books)):
            golds = [gold for book_golds, _ in chosen for gold in book_golds]
            runs = {a: pooled([runs[a] for _, runs in chosen]) for a in aligners}
            label = f"{CROCO_VAL} pooled ({len(chosen)} books)"
            groups.append(set_rows(bench, label, golds, runs))
    return groups


def spread_lines(bench: Bench, books: list[tuple[list, dict[str, Run]]]) -> list[str]:
    """Each aligner's strict F1 across the books: mean ± standard deviation (a
    leave-one-out over a single setting)."""
    if len(books) < 2:
        return []
    lines = []
    for aligner in books[0][1]:
        per_book = {
            str(n): bench.strict_f1(golds[0], runs[aligner])
            for n, (golds, runs) in enumerate(books)
            if aligner in runs
        }
        if len(per_book) == len(books):
            spread = leave_one_out({aligner: per_book})
            lines.append(
                f"{PEERS.get(aligner, aligner)}: strict F1 across the {len(books)} "
                f"{CROCO_VAL} books {spread.mean:.3f} ± {spread.std:.3f}"
            )
    return lines


def scaling_rows(bench: Bench, eval_dir: Path) -> list[list[str]]:
    """Documents of about N sentences a side, built by repeating the croco dev book."""
    book = eval_dir / "croco_en_it_dev"
    english = (book / "three_men.en").read_text(encoding="utf-8").splitlines()
    italian = (book / "three_men.it").read_text(encoding="utf-8").splitlines()
    beads = bench.scorer.read_beads(book / "three_men.en-it.align")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in SCALING_SIZES:
            src_lines, tgt_lines = aligned_copies(english, italian, beads, size)
            src, tgt = Path(folder, f"{size}.en"), Path(folder, f"{size}.it")
            src.write_text("\n".join(src_lines) + "\n", encoding="utf-8")
            tgt.write_text("\n".join(tgt_lines) + "\n", encoding="utf-8")
            bench.console.log(f"aligning {len(src_lines):,} / {len(tgt_lines):,} sentences")
            run = our_run(bench.ours.measure([Pair(src, tgt, None, "en", "it")]))
            rows.append([
                f"scaling {size:,}", OURS, "", "", "", f"{run.embed_seconds:.1f}",
                f"{run.seconds:.1f}", f"{run.seconds / run.embed_seconds:.2f}",
                f"{run.peak_mb:.0f}",
            ])  # fmt: skip
    return rows


def aligned_copies(
    src: list[str], tgt: list[str], beads: list[Bead], size: int
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


def table(groups: list[list[list[str]]], markdown: bool) -> Table:
    title = "aligner benchmarks (encoder: USE multilingual v3, for the peers too)"
    result = Table(
        title=None if markdown else title, box=box.MARKDOWN if markdown else box.HEAVY_HEAD
    )
    columns = ("set", "aligner", "strict F1", "lax F1", "astray", "embed s", "total s",
               "ratio", "peak MB", "right", "mean conf", "Brier", "AUC")  # fmt: skip
    for column in columns:
        result.add_column(column, justify="left" if column in ("set", "aligner") else "right")
    for rows in groups:
        for cells in rows:
            result.add_row(*cells)
        if not markdown:  # a Markdown table has no dividers
            result.add_section()
    return result


def held_out_table(rows: list[list[str]], markdown: bool) -> Table:
    """Strict / lax F1 / astray per unit, by the constants fitted on every unit and by
    those chosen without it."""
    result = Table(box=box.MARKDOWN if markdown else box.SIMPLE_HEAD)
    for column in ("unit", "fitted: strict / lax / astray", "held out: strict / lax / astray"):
        result.add_column(column, justify="left" if column == "unit" else "right")
    for cells in rows:
        result.add_row(*cells)
    return result


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument(
        "--sets",
        metavar="NAME[,NAME]",
        type=lambda text: [name.strip() for name in text.split(",") if name.strip()],
        help="only these, comma-separated: seeds, croco, textberg, ntrex, croco_val "
        f"(its 13 books) or one book (e.g. ES-FR.Voltaire-Candide), {SCALING}",
    )
    parser.add_argument("--skip-scaling", action="store_true", help="only the dev sets")
    parser.add_argument("--fresh", action="store_true", help="measure again, cache or not")
    parser.add_argument(
        "--cached-peers",
        action="store_true",
        help="show the peers only where they have run before (a peer takes up to an hour "
        "a book on two cores)",
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the table as Markdown (for the docs)"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        metavar="N",
        help="time our pipeline and the embedding N times a pair and keep the quickest of "
        "each (default 1; 3 for the docs' table: a shared machine's bursts)",
    )
    return parser.parse_args()


def main() -> int:
    args = arguments()
    console = Console(stderr=True)
    if not (args.eval_dir / "score.py").is_file():
        console.print(
            f"benchmarks: no dev data at {args.eval_dir} (../shared/eval); nothing to measure"
        )
        return 2
    sets = dev_sets(args.eval_dir)
    scaling = not args.skip_scaling
    if args.sets:
        names = [name for name in args.sets if name != SCALING]
        scaling = SCALING in args.sets
        try:
            sets = select(sets, names) if names else []
        except ValueError as error:
            console.print(f"benchmarks: {error}")
            return 2
    bench = Bench(args.eval_dir, args.fresh, console, args.cached_peers, args.repeats)
    groups, spread = accuracy_rows(bench, sets)
    if scaling:
        groups.append(scaling_rows(bench, args.eval_dir))
    # Wide enough for every column even in a pipe, where rich would assume 80.
    output = Console(width=max(Console().width, 200))
    output.print(table(groups, args.markdown))
    for line in spread:
        output.print(line)
    title, rows = held_out_rows(Path(__file__).resolve().parents[1] / "src" / "aligner")
    output.print(title)
    if rows:
        output.print(held_out_table(rows, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
