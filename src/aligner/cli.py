"""Command line: parse the arguments, call the library, write the result.

The only place that parses arguments or turns errors into exit codes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
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

from aligner.checks import check_alignment, worst_severity
from aligner.embed import load_encoder
from aligner.errors import AlignerError, InputError
from aligner.formats import format_beads, format_json, format_text, format_tsv, render_text
from aligner.model import Alignment, CheckedPair, Document, ProgressCallback, Severity
from aligner.pipeline import align_documents, load_document
from aligner.report import (
    format_check_json,
    format_check_text,
    format_check_tsv,
    render_check_text,
)

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
CHECK_FORMATTERS: dict[str, Callable[[Sequence[CheckedPair]], str]] = {
    "json": format_check_json,
    "tsv": format_check_tsv,
}


#: `check --fail-on`: the least severe finding that makes the run fail (exit 1).
FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "never": None}
#: Exit code of a `check` run with a finding at or above `--fail-on`.
EXIT_FINDINGS = 1


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
        choices=["text", *FORMATTERS],
        default="text",
        help="text: side-by-side listing; beads: '[i, j]:[k]' lines; tsv; json (default: text)",
    )

    check = commands.add_parser(
        "check",
        parents=[documents],
        help="align, then check every pair: numbers, untranslated, omissions …",
        description="Align SRC with TGT, then check every aligned pair. Exit status: 0 when "
        "no finding reaches --fail-on, 1 when one does, 2 on a usage or input error.",
    )
    check.add_argument(
        "--format",
        choices=["text", *CHECK_FORMATTERS],
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
    return parser


def _documents_parser() -> argparse.ArgumentParser:
    """The arguments `align` and `check` share: two documents and how to read them."""
    documents = argparse.ArgumentParser(add_help=False)
    documents.add_argument("src", type=Path, metavar="SRC", help="source text file")
    documents.add_argument("tgt", type=Path, metavar="TGT", help="target (translated) text file")
    documents.add_argument("--src-lang", metavar="L", help="source language code (default: detect)")
    documents.add_argument("--tgt-lang", metavar="L", help="target language code (default: detect)")
    documents.add_argument(
        "--presegmented",
        action="store_true",
        help="the files have one sentence a line: do not split them",
    )
    documents.add_argument(
        "--model",
        metavar="M",
        help="sentence-transformers model name or directory (default: USE multilingual v3)",
    )
    documents.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    return documents


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


def write_atomically(path: Path, content: str) -> None:
    """Write `content` to `path` so that a reader never sees a half-written file and an
    existing file survives a failure: a temporary file in the same directory (same file
    system, so the rename is atomic) replaces it when complete."""
    try:
        descriptor, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        temporary = Path(name)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            # mkstemp creates the file 0600; give it the mode a plain open() would.
            os.chmod(temporary, 0o666 & ~current_umask())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from error


def current_umask() -> int:
    # The only way to read the umask is to set it; put it straight back.
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    write_content(content, output)


def write_check_output(
    pairs: Sequence[CheckedPair], output_format: str, output: Path | None
) -> None:
    if output_format == "text" and output is None and sys.stdout.isatty():
        Console().print(render_check_text(pairs))
        return
    if output_format == "text":
        content = format_check_text(pairs, text_width())
    else:
        content = CHECK_FORMATTERS[output_format](pairs)
    write_content(content, output)


def write_content(content: str, output: Path | None) -> None:
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


def align_arguments(args: argparse.Namespace, progress: ProgressCallback | None) -> Alignment:
    """Load both documents the arguments name and align them."""
    if args.output is not None:
        check_output_path(args.output)
    src = load_document(args.src, args.src_lang, args.presegmented)
    tgt = load_document(args.tgt, args.tgt_lang, args.presegmented)
    report_detected_language("source", src)
    report_detected_language("target", tgt)
    encoder = load_encoder(args.model)
    return align_documents(src, tgt, encoder=encoder, progress=progress)


def run_align(args: argparse.Namespace) -> int:
    with progress_bar() as progress:
        alignment = align_arguments(args, progress)
    write_output(alignment, args.format, args.output)
    return 0


def run_check(args: argparse.Namespace) -> int:
    with progress_bar() as progress:
        alignment = align_arguments(args, progress)
        pairs = check_alignment(alignment, progress=progress)
    write_check_output(pairs, args.format, args.output)
    threshold = FAIL_ON[args.fail_on]
    worst = worst_severity(pairs)
    failed = threshold is not None and worst is not None and worst.rank >= threshold.rank
    return EXIT_FINDINGS if failed else 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"align": run_align, "check": run_check}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
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
