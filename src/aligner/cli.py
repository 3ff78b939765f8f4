"""Command line: parse the arguments, call the library, write the result.

The only place that parses arguments or turns errors into exit codes. The library's
modules (pandas, lxml, rich, the encoders …) are imported in the commands that use
them, so that `aligner --help` and a usage error load none of them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from aligner.errors import AlignerError, EncoderError, InputError
from aligner.files import check_writable, same_file, write_atomically
from aligner.memory import is_bilingual
from aligner.model import (
    Alignment,
    CheckedPair,
    Document,
    DocumentVerdict,
    ExportedFile,
    ProgressCallback,
    Severity,
    SkippedUnit,
    TranslationMemory,
)

if TYPE_CHECKING:
    from aligner.checks import CheckConfig
    from aligner.embed import Encoder
    from aligner.review import Review
    from aligner.tui.app import ChangedSession, NewReview

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

#: `align --format`: listings of the whole alignment.
LISTING_FORMATS = ("text", "beads", "tsv", "json")
#: Files made for other tools (a CAT tool, a spreadsheet), to which the bead filters
#: apply; the other formats are the whole alignment.
EXPORT_FORMATS = ("tmx", "xlsx")
#: Lines of skipped units listed in a report; the count says how many more.
LISTED_LINES = 5
#: `check --format`.
CHECK_FORMATS = ("text", "json", "tsv")
#: Seconds between two progress lines written to a log (stderr not a terminal): often
#: enough to show that long work goes on, seldom enough not to fill the log.
PROGRESS_LINE_SECONDS = 5.0
#: How progress lines name each stage of the work, and what it counts (None: a share).
STAGES = {
    "embed": ("embedding", "sentences"),
    "runs": ("embedding merges", "runs"),
    "align": ("aligning", None),
    "check": ("checking", "pairs"),
    "read": ("reading", "documents"),
    "pairs": ("aligning", "document pairs"),
}
#: What a single SRC given to a command that also reads sessions should have been.
SESSION_USES = {
    "check": ("align and check them", "check a saved review"),
    "report": ("report on them", "report on a saved review"),
    "review": ("start a review", "resume one"),
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


def report(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def report_detected_language(side: str, document: Document) -> None:
    if document.lang_detected:
        report(f"detected {side} language: {document.lang}")


@contextmanager
def progress_bar() -> Iterator[ProgressCallback]:
    """A progress callback: a bar on stderr when it is a terminal; else (a log, a pipe)
    plain lines now and then (see `ProgressLines`), since redrawn bars would fill a log."""
    if not sys.stderr.isatty():
        yield ProgressLines().update
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskID,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            verb, counted_noun = STAGES.get(stage, (stage, None))
            count = f"{done}/{total} {counted_noun}" if counted_noun else ""
            if stage not in tasks:
                tasks[stage] = progress.add_task(verb, total=total, count=count)
            progress.update(tasks[stage], completed=done, total=total, count=count)

        yield update


class ProgressLines:
    """Progress for a log: a line such as "aligner: embedding 12000/100000 sentences" at
    most every PROGRESS_LINE_SECONDS, the first one only after that long (quick work
    writes none), and a last one when a stage that was reported ends."""

    def __init__(self) -> None:
        self._last_line = monotonic()
        self._reported: set[str] = set()

    def update(self, stage: str, done: int, total: int) -> None:
        now = monotonic()
        finished = done >= total
        if finished and stage in self._reported:
            self._reported.discard(stage)
        elif now - self._last_line >= PROGRESS_LINE_SECONDS:
            if not finished:
                self._reported.add(stage)
        else:
            return
        self._last_line = now
        report(progress_line(stage, done, total))


def progress_line(stage: str, done: int, total: int) -> str:
    """ "embedding 12000/100000 sentences", "aligning 40%" """
    verb, counted_noun = STAGES.get(stage, (stage, None))
    if counted_noun:
        return f"{verb} {done}/{total} {counted_noun}"
    return f"{verb} {100 * done // max(total, 1)}%"


def text_width() -> int:
    """Width of a text listing not drawn by a terminal console: COLUMNS if set, else the
    terminal's width if stdout is one (-o FILE from a terminal), else FILE_TEXT_WIDTH."""
    return shutil.get_terminal_size((FILE_TEXT_WIDTH, 24)).columns


def write_output(
    alignment: Alignment, args: argparse.Namespace, config: CheckConfig | None, encoder: Encoder
) -> None:
    from aligner.listings import format_beads, format_json, format_text, format_tsv, render_text

    if args.format in EXPORT_FORMATS:
        assert config is not None  # read for the exports (run_align)
        exported = export(alignment, args, config, encoder)
        write(exported.content, args.output)
        report_export(exported, args)
    elif args.format == "text" and args.output is None and sys.stdout.isatty():
        from rich.console import Console

        console = Console()
        console.print(render_text(alignment, console.width))
    elif args.format == "text":
        write(format_text(alignment, text_width()), args.output)
    else:
        formatters = {"beads": format_beads, "tsv": format_tsv, "json": format_json}
        write(
            format_beads(alignment, scores=True)
            if args.scores
            else formatters[args.format](alignment),
            args.output,
        )


def write(content: str | bytes, output: Path | None) -> None:
    if output is not None:
        write_atomically(output, content)
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(content)
        sys.stdout.flush()


def write_check_output(
    pairs: Sequence[CheckedPair],
    output_format: str,
    output: Path | None,
    verdict: DocumentVerdict | None = None,
) -> None:
    from aligner.report import format_check_json, format_check_text, format_check_tsv

    if output_format == "text" and output is None and sys.stdout.isatty():
        from rich.console import Console

        from aligner.report import render_check_text

        Console().print(render_check_text(pairs, verdict=verdict))
        return
    if output_format == "text":
        content = format_check_text(pairs, text_width(), verdict)
    elif output_format == "json":
        content = format_check_json(pairs, verdict)
    else:
        content = format_check_tsv(pairs, verdict)
    write(content, output)


def export(
    alignment: Alignment, args: argparse.Namespace, config: CheckConfig, encoder: Encoder
) -> ExportedFile:
    from aligner.checks import check_alignment
    from aligner.export import export_tmx, export_xlsx

    filters = {"min_confidence": args.min_confidence or 0.0, "one_to_one": args.one_to_one}
    # A memory or a sheet carries the QA findings of its units, for whoever uses it next.
    with progress_bar() as progress:
        checked = check_alignment(alignment, progress=progress, config=config, encoder=encoder)
    if args.format == "tmx":
        # The languages as the user wrote them ("en-GB"), which a memory must match;
        # the documents only keep the language ("en").
        return export_tmx(
            alignment, src_lang=args.src_lang, tgt_lang=args.tgt_lang, checked=checked, **filters
        )
    return export_xlsx(alignment, checked=checked, **filters)


def report_export(exported: ExportedFile, args: argparse.Namespace) -> None:
    from aligner.export.tmx import MAX_SEGMENT_LENGTH

    left_out = []
    if exported.one_sided:
        left_out.append(f"{counted(exported.one_sided, 'bead')} without a counterpart (1-0, 0-1)")
    if exported.filtered:
        reasons = []
        if args.min_confidence:
            reasons.append(f"below confidence {args.min_confidence}")
        if args.one_to_one:
            reasons.append("other than 1-1")
        left_out.append(f"{counted(exported.filtered, 'bead')} {' or '.join(reasons)}")
    if left_out:
        written = counted(len(exported.beads), "unit" if args.format == "tmx" else "row")
        report(f"wrote {written}; left out {' and '.join(left_out)}")
    if exported.control_characters:
        beads = ", ".join(map(str, exported.control_characters))
        report(f"warning: control characters that XML forbids written as spaces in beads {beads}")
    if exported.too_long:
        beads = ", ".join(map(str, exported.too_long))
        report(
            f"warning: beads {beads} have a side longer than {MAX_SEGMENT_LENGTH} characters, "
            "which Trados does not import"
        )


def check_output(
    output: Path | None, inputs: Sequence[tuple[str, Path]], option: str = "-o"
) -> None:
    """Before any work: refuse an output that is one of the files the command reads (it
    would be destroyed), or that cannot be written (it would be said only once the
    work is done)."""
    if output is None:
        return
    for role, path in inputs:
        if same_file(output, path):
            alias = "" if output == path else f" {path}"
            raise InputError(f"{option} {output} is {role}{alias}: refusing to overwrite it")
    check_writable(output)


def named_inputs(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """Every file the command reads, with what it is to the user: the documents, the
    memory, or a session and the documents it points at."""
    if args.command == "import":
        return [("the memory", args.memory)]
    memory = memory_argument(args)
    if memory is not None:
        return [("the memory", memory)]
    if args.tgt is None:
        from aligner.session import read_session

        require_session(args.src, args.command)
        src, tgt = (source.path for source in read_session(args.src).sources)
        return [
            ("the session", args.src),
            ("the source document of the session", src),
            ("the target document of the session", tgt),
        ]
    return [("the source document", args.src), ("the target document", args.tgt)]


def memory_argument(args: argparse.Namespace) -> Path | None:
    """The memory the command reads instead of two documents: --tmx or --tsv FILE, or
    a bilingual file (XLIFF, PO, TMX) given alone as SRC."""
    memory = getattr(args, "tmx", None) or getattr(args, "tsv", None)
    if memory is None and args.tgt is None and args.src is not None and is_bilingual(args.src):
        return Path(args.src)
    return memory


def require_session(path: Path, command: str) -> None:
    """Refuse at once a lone file that is not a session (a forgotten TGT), instead of
    the JSON error reading it as one would give. Told by content: a session is a JSON
    object (with a version: `read_session` says what else is wrong with one)."""
    try:
        with open(path, "rb") as file:
            start = file.read(64)
    except OSError:
        return  # read_session says why it cannot be read
    if start.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        return
    from aligner.session import SESSION_SUFFIX

    documents_use, session_use = SESSION_USES[command]
    raise InputError(
        f"{path} is not a review session: give SRC and TGT to {documents_use}, "
        f"or a session file (…{SESSION_SUFFIX}) to {session_use}"
    )


def align_arguments(
    args: argparse.Namespace, progress: ProgressCallback | None
) -> tuple[Alignment, Encoder]:
    """Load both documents the arguments name and align them; the encoder, for the
    meaning check to embed with."""
    from aligner import embed
    from aligner.pipeline import align_documents, load_document

    src = load_document(args.src, args.src_lang, args.presegmented)
    tgt = load_document(args.tgt, args.tgt_lang, args.presegmented)
    report_detected_language("source", src)
    report_detected_language("target", tgt)
    encoder = embed.CachedEncoder(embed.load_encoder(args.model))
    return align_documents(src, tgt, encoder=encoder, progress=progress), encoder


def check_config(args: argparse.Namespace) -> CheckConfig:
    """The checks' configuration: --config FILE, else the aligner.toml beside the first
    input that has one, else the default; with --glossary's terms. Read before any
    work, so that a corrupt file is said at once."""
    from dataclasses import replace

    from aligner.checks import DEFAULT_CONFIG, find_config, load_config, read_glossary

    path = args.config or find_config(path for _, path in named_inputs(args))
    config = load_config(path) if path is not None else DEFAULT_CONFIG
    if args.glossary is not None:
        config = replace(config, glossary=read_glossary(args.glossary))
    if getattr(args, "spelling", False):
        config = replace(config, switched={**config.switched, "spelling": True})
    return config


def run_align(args: argparse.Namespace) -> int:
    if args.output is None and args.format == "xlsx" and sys.stdout.isatty():
        raise InputError("--format xlsx makes a binary file: give -o FILE")
    check_output(args.output, named_inputs(args))
    # Only the exports carry the checks' findings (as notes).
    config = check_config(args) if args.format in EXPORT_FORMATS else None
    with progress_bar() as progress:
        alignment, encoder = align_arguments(args, progress)
    write_output(alignment, args, config, encoder)
    from aligner.verdict import documents_verdict

    report_verdict(documents_verdict(alignment))
    return 0


def report_verdict(verdict: DocumentVerdict | None) -> None:
    """Say on stderr whether the documents read as translations (a warning if not)."""
    if verdict is not None:
        report(verdict.message if verdict.is_translation else f"warning: {verdict.message}")


def run_check(args: argparse.Namespace) -> int:
    from aligner.checks import worst_severity
    from aligner.verdict import documents_verdict, verdict_finding

    check_inputs(args)
    config = check_config(args)
    with progress_bar() as progress:
        pairs, checked = checked_pairs(args, progress, config)
    verdict = documents_verdict(checked) if isinstance(checked, Alignment) else None
    write_check_output(pairs, args.format, args.output, verdict)
    threshold = FAIL_ON[args.fail_on]
    finding = None if verdict is None else verdict_finding(verdict)
    severities = [s for s in (worst_severity(pairs), finding and finding.severity) if s]
    worst = max(severities, key=lambda severity: severity.rank, default=None)
    failed = threshold is not None and worst is not None and worst.rank >= threshold.rank
    return EXIT_FINDINGS if failed else 0


def run_report(args: argparse.Namespace) -> int:
    from aligner.html_report import format_html_report
    from aligner.report import summary
    from aligner.verdict import documents_verdict

    if args.output is None and sys.stdout.isatty():
        raise InputError("the report is an HTML file: give -o FILE")
    check_inputs(args)
    config = check_config(args)
    with progress_bar() as progress:
        pairs, checked = checked_pairs(args, progress, config)
    if isinstance(checked, Alignment):
        # Documents the CLI read have paths.
        src_name, tgt_name = (Path(d.path or d.lang).name for d in (checked.src, checked.tgt))
        source, target = f"{checked.src.lang} — {src_name}", f"{checked.tgt.lang} — {tgt_name}"
        title = f"{src_name} → {tgt_name}"
        skipped: tuple[SkippedUnit, ...] = ()
        verdict = documents_verdict(checked)
    else:
        source, target = checked.src_lang, checked.tgt_lang
        title = Path(checked.path or "memory").name
        skipped = checked.skipped
        verdict = None
    write(format_html_report(pairs, title, source, target, skipped, verdict), args.output)
    report(summary(pairs))
    report_verdict(verdict)
    return 0


def check_inputs(args: argparse.Namespace) -> None:
    """What `check` and `report` refuse before any work: a lone SRC that is not a
    session, an output that is an input or cannot be written."""
    if args.tgt is None and args.src is not None and memory_argument(args) is None:
        require_session(args.src, args.command)
    if args.output is not None:
        check_output(args.output, named_inputs(args))


def checked_pairs(
    args: argparse.Namespace, progress: ProgressCallback | None, config: CheckConfig
) -> tuple[tuple[CheckedPair, ...], Alignment | TranslationMemory]:
    """The checked pairs `check` and `report` work on, and where they come from: the
    alignment of SRC and TGT, a saved review (SESSION alone), or the memory of --tmx /
    --tsv."""
    from aligner.checks import check_alignment, check_memory, runs_meaning

    memory_path = memory_argument(args)
    if memory_path is None and args.tgt is None and args.src is not None:
        from aligner.review import resume_review

        review = resume_review(args.src, check_config=config)
        if runs_meaning(config):
            try:
                review.prepare_scoring()  # the meaning check embeds with it
            except EncoderError as error:
                report(f"warning: the meaning check is left out: {error}")
        return review.checked_pairs(), review.edited_alignment()
    if memory_path is None:
        alignment, encoder = align_arguments(args, progress)
        checked = check_alignment(alignment, progress=progress, config=config, encoder=encoder)
        return checked, alignment
    from aligner.memory import load_memory
    from aligner.memory.table import read_table
    from aligner.memory.tmx import read_tmx

    if args.tmx or args.tsv:
        read = read_tmx if args.tmx else read_table
        memory = read(memory_path, args.src_lang, args.tgt_lang)
    else:
        memory = load_memory(memory_path, args.src_lang, args.tgt_lang)
    report_memory(memory)
    from aligner.embed import load_encoder

    # The meaning check embeds the pairs: with the default encoder, which reads the
    # memory's languages without a model hub.
    meaning_encoder = load_encoder() if runs_meaning(config) else None
    checked = check_memory(memory, progress=progress, config=config, encoder=meaning_encoder)
    return checked, memory


def report_memory(memory: TranslationMemory) -> None:
    """Say on stderr how many pairs a memory gave and which units it skipped."""
    report(f"read {counted(len(memory.units), 'pair')} {memory.src_lang} → {memory.tgt_lang}")
    if memory.skipped:
        report(f"skipped {counted(len(memory.skipped), 'unit')}: {skipped_summary(memory)}")


def inputs_usage_error(args: argparse.Namespace) -> str | None:
    """What is wrong with the inputs of `check` or `report`, if anything: they take two
    documents, a saved review, or one memory."""
    memory = args.tmx or args.tsv
    if memory is None and args.tgt is not None and is_bilingual(args.src):
        return f"{args.src} is a bilingual file: give it alone, without TGT"
    documents = [path for path in (args.src, args.tgt) if path is not None]
    if memory is None and not documents:
        return (
            f"{args.command} needs SRC and TGT, a review SESSION, a bilingual file (XLIFF, PO, "
            "TMX), or --tmx FILE, or --tsv FILE"
        )
    if memory is not None and documents:
        return "give SRC and TGT, or a memory (--tmx, --tsv), not both"
    if len(documents) == 1 and memory_argument(args) is None and args.spelling:
        return "--spelling applies to SRC TGT and to memories, not to a saved review"
    if (memory is not None or len(documents) == 1) and (args.presegmented or args.model):
        return "--presegmented and --model apply to SRC and TGT, not to a memory or a session"
    return None


def run_import(args: argparse.Namespace) -> int:
    from aligner.listings import format_memory_tsv
    from aligner.memory import load_memory

    check_output(args.output, named_inputs(args))
    memory = load_memory(args.memory, args.src_lang, args.tgt_lang)
    report_memory(memory)
    write(format_memory_tsv(memory), args.output)
    return 0


def run_review(args: argparse.Namespace) -> int:
    """Open a saved session (given, or found beside the target), two documents to
    align, or a bilingual file's units; file and session errors are reported before the
    UI opens."""
    # Imported here so that no other command loads Textual.
    from aligner.tui.app import make_app

    config = check_config(args)
    start = (
        memory_review(args, config)
        if memory_argument(args) is not None
        else documents_review(args, config)
    )
    app = make_app(start, check_config=config)
    app.run()
    if app.error:
        raise AlignerError(app.error)
    return 0


def documents_review(
    args: argparse.Namespace, config: CheckConfig | None = None
) -> Review | NewReview | ChangedSession:
    """What a review of two documents opens on: the saved session (given alone, or
    found beside the target), else the documents to align; checked as `config` says
    (default: as the arguments say, `check_config`)."""
    config = config or check_config(args)
    from aligner.review import resume_review
    from aligner.session import DocumentsChanged, default_session_path
    from aligner.session_lock import SessionLock
    from aligner.tui.app import ChangedSession, NewReview

    if args.tgt is None:
        require_session(args.src, "review")
        session = args.src
    else:
        session = args.session or default_session_path(args.tgt)
    # Every change is saved at once: a session that cannot be written is said now, not
    # after the alignment.
    check_output(session, named_inputs(args) if args.tgt else [], "--session")
    if args.tgt is None or session.exists():
        if args.tgt is not None:
            report(f"resuming the review saved in {session}")
        try:
            start: Review | NewReview | ChangedSession = resume_review(session, check_config=config)
        except DocumentsChanged as changed:
            start = ChangedSession(session, changed.documents)
        # Open in another window: say so before the UI opens (the UI takes the lock).
        SessionLock.acquire(session).release()
        return start
    from aligner.language import normalize_language
    from aligner.read import read_text

    # Bad files and languages are said now; detecting a language and splitting the
    # sentences happen in the background, while the review shows the documents.
    for path in (args.src, args.tgt):
        read_text(path)
    for lang in (args.src_lang, args.tgt_lang):
        if lang is not None:
            normalize_language(lang)
    return NewReview(
        args.src, args.tgt, session, args.presegmented, args.model, args.src_lang, args.tgt_lang
    )


def memory_review(args: argparse.Namespace, config: CheckConfig | None = None) -> Review:
    """The review of a bilingual file's units, one bead each: resumed from its session
    (beside the file, or --session) when there is one, else started; checked as
    `config` says (default: as the arguments say, `check_config`)."""
    config = config or check_config(args)
    from aligner.embed import UniversalSentenceEncoder
    from aligner.memory import load_memory
    from aligner.memory.beads import memory_alignment
    from aligner.review import Review, resume_review
    from aligner.session import DocumentsChanged, default_session_path
    from aligner.session_lock import SessionLock

    session = args.session or default_session_path(args.src)
    check_output(session, named_inputs(args), "--session")
    if session.exists():
        report(f"resuming the review saved in {session}")
        try:
            review = resume_review(session, check_config=config)
        except DocumentsChanged:
            raise InputError(
                f"{args.src} changed since the review saved in {session}; "
                "give another --session to review it afresh"
            ) from None
        # Open in another window: say so before the UI opens (the UI takes the lock).
        SessionLock.acquire(session).release()
        return review
    memory = load_memory(args.src, args.src_lang, args.tgt_lang)
    report_memory(memory)
    if not memory.units:
        raise InputError(f"{args.src}: no unit has a translation to review")
    alignment = memory_alignment(memory, args.model or UniversalSentenceEncoder.name)
    return Review.start(alignment, session_path=session, check_config=config)


def run_corpus(args: argparse.Namespace) -> int:
    from rich.console import Console

    from aligner.corpus import align_corpus
    from aligner.corpus.summary import render_summary
    from aligner.pairing import MIN_SIMILARITY

    try:
        with progress_bar() as progress:
            result = align_corpus(
                args.source,
                args.target,
                output=args.output,
                src_lang=args.src_lang,
                tgt_lang=args.tgt_lang,
                presegmented=args.presegmented,
                model=args.model,
                scheduler=args.scheduler,
                workers=args.workers,
                min_similarity=MIN_SIMILARITY
                if args.min_similarity is None
                else args.min_similarity,
                progress=progress,
            )
    except KeyboardInterrupt:
        report(
            f"interrupted: the pairs aligned so far are kept in {args.output}; "
            "run the same command again to go on from there"
        )
        return EXIT_INTERRUPTED
    unreadable = result.unpaired[result.unpaired["language"].isna()]
    for document, reason in zip(unreadable["document"], unreadable["reason"]):
        report(f"skipped {document}: {reason}")
    failed = result.pairs[result.pairs["error"].notna()]
    for src, tgt, error in zip(failed["src_document"], failed["tgt_document"], failed["error"]):
        report(f"could not align {src} with {tgt}: {error}")
    Console().print(render_summary(result.summary))
    report(f"wrote {result.output / 'corpus.tmx'}, beads.parquet and summary.json")
    # The pairs aligned are written; a pair that was not is an error all the same.
    return EXIT_ERROR if len(failed) else 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "align": run_align,
    "check": run_check,
    "corpus": run_corpus,
    "import": run_import,
    "report": run_report,
    "review": run_review,
}


def counted(number: int, noun: str) -> str:
    """ "1 bead", "2 beads" """
    return f"{number} {noun}{'' if number == 1 else 's'}"


def skipped_summary(memory: TranslationMemory) -> str:
    """ "2 with a <tuv> without <seg> (lines 12, 40), 1 in neither language (line 7)" """
    from aligner.memory import SKIP_REASONS

    lines: dict[str, list[int]] = {}
    for unit in memory.skipped:
        lines.setdefault(unit.reason, []).append(unit.line)
    parts = []
    for reason, reason_lines in lines.items():
        listed = ", ".join(map(str, reason_lines[:LISTED_LINES]))
        more = ", …" if len(reason_lines) > LISTED_LINES else ""
        word = "line" if len(reason_lines) == 1 else "lines"
        parts.append(f"{len(reason_lines)} {SKIP_REASONS[reason]} ({word} {listed}{more})")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    filtered = args.command == "align" and (args.min_confidence is not None or args.one_to_one)
    if filtered and args.format not in EXPORT_FORMATS:
        parser.error("--min-confidence and --one-to-one apply to --format tmx and xlsx")
    if args.command == "align" and args.scores and args.format != "beads":
        parser.error("--scores applies to --format beads")
    if args.command in ("check", "report") and (problem := inputs_usage_error(args)):
        parser.error(problem)
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
