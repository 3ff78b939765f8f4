"""Command line: parse the arguments, call the library, write the result.

The only place that parses arguments or turns errors into exit codes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from aligner.embed import load_encoder
from aligner.errors import AlignerError, InputError
from aligner.files import write_atomically
from aligner.formats import format_beads, format_json, format_text, format_tsv, render_text
from aligner.model import Alignment, Document, ProgressCallback
from aligner.pipeline import align_documents, load_document

PROG = "aligner"
#: Exit code of a usage error or an `AlignerError`, as argparse uses for usage errors.
EXIT_ERROR = 2
#: 128 + SIGINT, what a shell reports for a program stopped with Ctrl-C.
EXIT_INTERRUPTED = 130
#: 128 + SIGPIPE, what a shell reports for a program whose reader went away.
EXIT_BROKEN_PIPE = 141
#: Width of the text listing written to a file or a pipe, unless COLUMNS says otherwise:
#: wider than the usual 80 because two texts share it.
FILE_TEXT_WIDTH = 120

FORMATTERS: dict[str, Callable[[Alignment], str]] = {
    "beads": format_beads,
    "tsv": format_tsv,
    "json": format_json,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Align the sentences of a text and its translation."
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {version('aligner')}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    align = commands.add_parser("align", help="align a source text with its translation")
    align.add_argument("src", type=Path, metavar="SRC", help="source text file")
    align.add_argument("tgt", type=Path, metavar="TGT", help="target (translated) text file")
    align.add_argument("--src-lang", metavar="L", help="source language code (default: detect)")
    align.add_argument("--tgt-lang", metavar="L", help="target language code (default: detect)")
    align.add_argument(
        "--presegmented",
        action="store_true",
        help="the files have one sentence a line: do not split them",
    )
    align.add_argument(
        "--model",
        metavar="M",
        help="sentence-transformers model name or directory (default: USE multilingual v3)",
    )
    align.add_argument(
        "--format",
        choices=["text", *FORMATTERS],
        default="text",
        help="text: side-by-side listing; beads: '[i, j]:[k]' lines; tsv; json (default: text)",
    )
    align.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    return parser


def report(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def report_detected_language(side: str, document: Document) -> None:
    if document.lang_detected:
        report(f"detected {side} language: {document.lang}")


@contextmanager
def progress_bar() -> Iterator[ProgressCallback | None]:
    """A progress callback drawing a bar on stderr, or None when stderr is not a terminal
    (a log file would fill up with redrawn bars)."""
    if not sys.stderr.isatty():
        yield None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done, total=total)

        yield update


def text_width() -> int:
    """Width of a text listing not drawn by a terminal console: COLUMNS if set, else the
    terminal's width if stdout is one (-o FILE from a terminal), else FILE_TEXT_WIDTH."""
    return shutil.get_terminal_size((FILE_TEXT_WIDTH, 24)).columns


def write_output(alignment: Alignment, output_format: str, output: Path | None) -> None:
    if output_format == "text" and output is None and sys.stdout.isatty():
        console = Console()
        console.print(render_text(alignment, console.width))
        return
    if output_format == "text":
        content = format_text(alignment, text_width())
    else:
        content = FORMATTERS[output_format](alignment)
    if output is None:
        sys.stdout.write(content)
        sys.stdout.flush()
    else:
        write_atomically(output, content)


def check_output_path(path: Path) -> None:
    """Refuse an -o path that cannot be written before spending time on the alignment."""
    if path.is_dir():
        raise InputError(f"cannot write {path}: it is a directory")
    if not path.parent.is_dir():
        raise InputError(f"cannot write {path}: no directory {path.parent}")


def run_align(args: argparse.Namespace) -> None:
    if args.output is not None:
        check_output_path(args.output)
    src = load_document(args.src, args.src_lang, args.presegmented)
    tgt = load_document(args.tgt, args.tgt_lang, args.presegmented)
    report_detected_language("source", src)
    report_detected_language("target", tgt)
    encoder = load_encoder(args.model)
    with progress_bar() as progress:
        alignment = align_documents(src, tgt, encoder=encoder, progress=progress)
    write_output(alignment, args.format, args.output)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        run_align(args)
    except AlignerError as error:
        # One line whatever the message holds (a quoted library error, a file name), so
        # that scripts can grep for it.
        report(f"error: {' '.join(str(error).splitlines())}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (`| head`) left. Point stdout at /dev/null so that the interpreter's
        # final flush does not fail again with a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return 0
