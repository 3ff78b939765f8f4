"""The command line's arguments: the commands, their options and how each is checked."""

from __future__ import annotations

import argparse
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.model import (
    Severity,
)

if TYPE_CHECKING:
    pass


PROG = "aligner"


#: `align --format`: listings of the whole alignment.
LISTING_FORMATS = ("text", "beads", "tsv", "json")


#: Files made for other tools (a CAT tool, a spreadsheet), to which the bead filters
#: apply; the other formats are the whole alignment.
EXPORT_FORMATS = ("tmx", "xlsx")


#: `check --format`.
CHECK_FORMATS = ("text", "json", "tsv")


#: `check --fail-on`: the least severe finding that makes the run fail (exit 1).
FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "never": None}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Align the sentences of a text and its translation, and check them."
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {version('aligner')}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    documents = _documents_parser()

    align = commands.add_parser(
        "align", parents=[documents], help="align a source text with its translation"
    )
    align.add_argument(
        "--format",
        choices=[*LISTING_FORMATS, *EXPORT_FORMATS],
        default="text",
        help="text: side-by-side listing; beads: '[i, j]:[k]' lines; tsv; json; tmx: "
        "translation memory (TMX 1.4b); xlsx: spreadsheet for review (default: text)",
    )
    align.add_argument(
        "--min-confidence",
        type=confidence,
        metavar="X",
        help="tmx, xlsx: leave out beads with a confidence below X (0 to 1)",
    )
    align.add_argument(
        "--one-to-one",
        action="store_true",
        help="tmx, xlsx: only beads of one sentence a side (1-1)",
    )
    align.add_argument(
        "--scores",
        action="store_true",
        help="beads: follow each bead with its confidence, '[i, j]:[k]:0.934'",
    )

    check = commands.add_parser(
        "check",
        parents=[_documents_parser(documents_optional=True)],
        help="align, then check every pair: numbers, untranslated, omissions …",
        description="Align SRC with TGT, then check every aligned pair; or check the pairs "
        "of a bilingual file (XLIFF, PO, TMX given alone) or a translation memory (--tmx, "
        "--tsv). Exit status: 0 when no finding reaches "
        "--fail-on, 1 when one does, 2 on a usage or input error.",
    )
    _add_memory_options(check)
    _add_spelling_option(check)
    check.add_argument(
        "--format",
        choices=list(CHECK_FORMATS),
        default="text",
        help="text: a readable report; json: every pair with its findings; tsv: one line "
        "per finding (default: text)",
    )
    check.add_argument(
        "--fail-on",
        choices=list(FAIL_ON),
        default="error",
        help="exit 1 when a finding is this severe or worse (default: error)",
    )

    report_command = commands.add_parser(
        "report",
        parents=[_documents_parser(documents_optional=True)],
        help="a self-contained HTML report of the pairs and their findings",
        description="Align SRC with TGT (or read a saved review SESSION, or the pairs of a "
        "memory), check every pair, "
        "and write one HTML file that opens anywhere, offline: a summary, then the pairs "
        "side by side with their findings.",
    )
    _add_memory_options(report_command)
    _add_spelling_option(report_command)

    review = commands.add_parser(
        "review",
        help="review the alignment and the findings in a terminal UI, side by side",
        description="Open SRC and TGT side by side for review (aligned and checked in the "
        "background), or resume a saved review: aligner review SESSION. Every change is "
        "saved at once to the session file.",
    )
    review.add_argument(
        "src",
        type=Path,
        metavar="SRC",
        help="source text file, a session, or a bilingual file alone (XLIFF, PO, TMX)",
    )
    review.add_argument(
        "tgt", type=Path, metavar="TGT", nargs="?", help="target (translated) text file"
    )
    _add_reading_options(review)
    _add_check_options(review)
    review.add_argument(
        "--session",
        type=Path,
        metavar="FILE",
        help="session file (default: beside the target, TGT.review.json); resumed if it exists",
    )

    corpus = commands.add_parser(
        "corpus",
        help="pair the documents of a folder (or two) with their translations and align "
        "them all: one TMX, one table of beads",
        description="Read every document of SOURCE (and TARGET), recursively, detect its "
        "language, pair the documents that translate each other, align and check every "
        "pair on a Dask cluster (a local one by default), and write to OUTPUT: corpus.tmx, "
        "beads.parquet, summary.json. A re-run resumes where the last one stopped.",
    )
    corpus.add_argument("source", type=Path, metavar="SOURCE", help="folder of documents")
    corpus.add_argument(
        "target",
        type=Path,
        metavar="TARGET",
        nargs="?",
        help="folder of the translations (default: they are in SOURCE too)",
    )
    corpus.add_argument(
        "-o", "--output", type=Path, metavar="FOLDER", required=True, help="output folder"
    )
    corpus.add_argument(
        "--src-lang", metavar="L", help="source language (default: the most common)"
    )
    corpus.add_argument(
        "--tgt-lang", metavar="L", help="target language (default: the next most common)"
    )
    corpus.add_argument(
        "--presegmented",
        action="store_true",
        help="the files have one sentence a line: do not split them",
    )
    corpus.add_argument(
        "--model",
        metavar="M",
        help="sentence-transformers model name or directory (default: USE multilingual v3)",
    )
    cluster = corpus.add_mutually_exclusive_group()
    cluster.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler to run on, e.g. tcp://10.0.0.5:8786 (default: a local cluster)",
    )
    cluster.add_argument(
        "--workers",
        type=positive,
        metavar="N",
        help="worker processes of the local cluster (default: one a core)",
    )
    corpus.add_argument(
        "--min-similarity",
        type=confidence,
        metavar="X",
        help="pair two documents only when their similarity is X or more (0 to 1, default: 0.8)",
    )

    memory = commands.add_parser(
        "import",
        help="read the pairs of a translation memory: TMX, XLIFF, PO, or a TSV/CSV table",
    )
    memory.add_argument(
        "memory",
        type=Path,
        metavar="FILE",
        help="TMX 1.1–1.4, XLIFF 1.2/2.x, PO, or two-column TSV/CSV",
    )
    memory.add_argument(
        "--src-lang", metavar="L", help="source language (default: the file's, or detect)"
    )
    memory.add_argument(
        "--tgt-lang", metavar="L", help="target language (default: the file's, or detect)"
    )
    memory.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the pairs (TSV) to FILE"
    )
    return parser


def _add_spelling_option(command: argparse.ArgumentParser) -> None:
    """The check `check` and `report` run beyond the default ones."""
    command.add_argument(
        "--spelling",
        action="store_true",
        help="also check the target's spelling (Hunspell dictionary of its language, as "
        "notes; off by default)",
    )


def _add_memory_options(command: argparse.ArgumentParser) -> None:
    """--tmx and --tsv: the pairs of a translation memory instead of two documents."""
    memory_input = command.add_mutually_exclusive_group()
    memory_input.add_argument(
        "--tmx", type=Path, metavar="FILE", help="the pairs of a TMX file, instead of SRC TGT"
    )
    memory_input.add_argument(
        "--tsv",
        type=Path,
        metavar="FILE",
        help="the pairs of a two-column TSV (or .csv) file, instead of SRC TGT",
    )


def confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return number


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return number


def _documents_parser(documents_optional: bool = False) -> argparse.ArgumentParser:
    """The arguments `align`, `check` and `report` share: two documents and how to read
    them (`check` and `report` may read a memory instead)."""
    documents = argparse.ArgumentParser(add_help=False)
    nargs = "?" if documents_optional else None
    what = "source text file" + (
        ", a session, or a bilingual file alone (XLIFF, PO, TMX)" if documents_optional else ""
    )
    documents.add_argument("src", type=Path, nargs=nargs, metavar="SRC", help=what)
    documents.add_argument(
        "tgt", type=Path, nargs=nargs, metavar="TGT", help="target (translated) text file"
    )
    _add_reading_options(documents)
    _add_check_options(documents)
    documents.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    return documents


def _add_check_options(parser: argparse.ArgumentParser) -> None:
    """How to check the pairs: for `align` (the notes of tmx and xlsx), `check`,
    `report` and `review`."""
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="the checks' configuration (TOML; default: aligner.toml beside the inputs)",
    )
    parser.add_argument(
        "--glossary",
        type=Path,
        metavar="FILE",
        help="key terms to check: TBX, or CSV/TSV of source term, target term[, forbidden]",
    )


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    """How to read and align two documents: for `align`, `check`, `report` and `review`."""
    parser.add_argument("--src-lang", metavar="L", help="source language code (default: detect)")
    parser.add_argument("--tgt-lang", metavar="L", help="target language code (default: detect)")
    parser.add_argument(
        "--presegmented",
        action="store_true",
        help="the files have one sentence a line: do not split them",
    )
    parser.add_argument(
        "--model",
        metavar="M",
        help="sentence-transformers model name or directory (default: USE multilingual v3)",
    )
