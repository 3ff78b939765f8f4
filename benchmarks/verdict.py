"""Document verdict benchmark: do true translations read as translations, and do
documents that translate each other not?

    python benchmarks/verdict.py [--eval-dir DIR]

Aligns, with the default encoder, and judges (`aligner.judge_alignment`):
- the seeds in seeds/: 000 (Italian) with 001 (English), the same article; and 002 and
  004 (other Italian articles on the same topic) and 000 with 003 (an English article
  that translates none of them), and 002 with 001: same topic, not translations;
- the NTREX news pairs in ../shared/eval/ntrex_it_en_dev (one sentence a line): each
  Italian document with its English one, and with the next document's English
  (shuffled: news of another day);
- the Text+Berg dev book in ../shared/eval/textberg_de_fr_dev, German and French.

Prints, per group, how many pairs read as translations and the spread (min, median,
max) of the figures the verdict is made of: the share of each side with a counterpart,
both sides together (the verdict: at least TRANSLATION_COVERAGE), and the beads' mean
confidence.
"""

from __future__ import annotations

import argparse
import statistics
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from aligner import DocumentVerdict, align_documents, judge_alignment, load_document, load_encoder
from aligner.embed import Encoder
from aligner.verdict import TRANSLATION_COVERAGE

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
#: The seed pairs: (Italian, English, whether they translate each other).
SEED_PAIRS = (
    ("000", "001", True),
    ("002", "003", False),
    ("004", "003", False),
    ("000", "003", False),
    ("002", "001", False),
)


@dataclass(frozen=True)
class Judged:
    group: str
    name: str
    translation: bool
    verdict: DocumentVerdict


def seed_pairs(encoder: Encoder) -> list[Judged]:
    seeds = {path.name[:3]: path for path in (ROOT / "seeds").glob("*.txt")}
    judged = []
    for italian, english, translation in SEED_PAIRS:
        alignment = align_documents(
            load_document(seeds[italian], "it"), load_document(seeds[english], "en"), encoder
        )
        group = "seeds, translation" if translation else "seeds, same topic"
        judged.append(
            Judged(group, f"{italian}-{english}", translation, judge_alignment(alignment))
        )
    return judged


def ntrex_pairs(folder: Path, encoder: Encoder) -> list[Judged]:
    italian_files = sorted(folder.glob("*.it"))
    judged = []
    for number, italian_file in enumerate(italian_files):
        italian = load_document(italian_file, "it", presegmented=True)
        shuffled = italian_files[(number + 1) % len(italian_files)]
        for group, english_file, translation in (
            ("NTREX, true pairs", italian_file, True),
            ("NTREX, shuffled", shuffled, False),
        ):
            english = load_document(english_file.with_suffix(".en"), "en", presegmented=True)
            verdict = judge_alignment(align_documents(italian, english, encoder))
            judged.append(Judged(group, italian_file.stem, translation, verdict))
    return judged


def textberg_pair(folder: Path, encoder: Encoder) -> list[Judged]:
    """The Text+Berg dev book, German and its French translation: a long literary pair
    whose alignment has many 2-1 and 1-0 beads."""
    german = load_document(folder / "dev.de", "de", presegmented=True)
    french = load_document(folder / "dev.fr", "fr", presegmented=True)
    verdict = judge_alignment(align_documents(german, french, encoder))
    return [Judged("Text+Berg de-fr, the dev book", "dev", True, verdict)]


def spread(values: list[float], form: str = ".0%") -> str:
    """ "min / median / max" of `values`, each in `form` (percent by default)."""
    return " / ".join(
        format(value, form) for value in (min(values), statistics.median(values), max(values))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    args = parser.parse_args()
    console = Console(width=120)  # the table's seven columns, in a log too
    encoder = load_encoder()
    judged = seed_pairs(encoder)
    ntrex = args.eval_dir / "ntrex_it_en_dev"
    if ntrex.is_dir():
        judged += ntrex_pairs(ntrex, encoder)
    else:
        console.print(f"no NTREX dev data at {ntrex} (../shared/eval): no NTREX rows")
    textberg = args.eval_dir / "textberg_de_fr_dev"
    if textberg.is_dir():
        judged += textberg_pair(textberg, encoder)
    else:
        console.print(f"no Text+Berg dev data at {textberg} (../shared/eval): no book row")
    table = Table(
        title=f"document verdict (a translation: at least {TRANSLATION_COVERAGE:.0%} of both "
        "documents' text has a counterpart); min / median / max"
    )
    for column in ("pairs", "n", "judged translations", "source", "target", "both", "confidence"):
        numeric = column != "pairs"
        table.add_column(column, justify="right" if numeric else "left", no_wrap=numeric)
    for group in dict.fromkeys(j.group for j in judged):
        rows = [j for j in judged if j.group == group]
        verdicts = [j.verdict for j in rows]
        table.add_row(
            group,
            str(len(rows)),
            str(sum(v.is_translation for v in verdicts)),
            spread([v.src_coverage for v in verdicts]),
            spread([v.tgt_coverage for v in verdicts]),
            spread([v.coverage for v in verdicts]),
            spread([v.confidence for v in verdicts], ".2f"),
        )
    console.print(table)
    wrong = [j for j in judged if j.verdict.is_translation != j.translation]
    for j in wrong:
        console.print(f"misjudged: {j.group} {j.name}: {j.verdict.message}")
    console.print(f"{len(judged) - len(wrong)} of {len(judged)} pairs judged right")
    lowest = min(j.verdict.coverage for j in judged if j.translation)
    highest = max(j.verdict.coverage for j in judged if not j.translation)
    console.print(
        f"both sides with a counterpart: translations at least {lowest:.0%}, other pairs at "
        f"most {highest:.0%} (the verdict's line: {TRANSLATION_COVERAGE:.0%})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
