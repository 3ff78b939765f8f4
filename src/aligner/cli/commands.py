"""The commands other than `review`: each reads its inputs, calls the library and
writes its result; their exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.cli.inputs import (
    align_arguments,
    check_config,
    check_inputs,
    check_output,
    checked_pairs,
    named_inputs,
)
from aligner.cli.output import (
    counted,
    report,
    report_memory,
    report_verdict,
    text_width,
    write,
    write_check_output,
)
from aligner.cli.parser import EXPORT_FORMATS, FAIL_ON
from aligner.cli.progress import progress_bar
from aligner.cli.review import run_review
from aligner.errors import InputError
from aligner.model import (
    Alignment,
    ExportedFile,
    SkippedUnit,
)

if TYPE_CHECKING:
    from aligner.checks import CheckConfig
    from aligner.embed import Encoder


#: Exit code of a usage error or an `AlignerError`, as argparse uses for usage errors.
EXIT_ERROR = 2


#: 128 + SIGINT, what a shell reports for a program stopped with Ctrl-C.
EXIT_INTERRUPTED = 130


#: 128 + SIGPIPE, what a shell reports for a program whose reader went away.
EXIT_BROKEN_PIPE = 141


#: Exit code of a `check` run with a finding at or above `--fail-on`.
EXIT_FINDINGS = 1


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


def run_import(args: argparse.Namespace) -> int:
    from aligner.listings import format_memory_tsv
    from aligner.memory import load_memory

    check_output(args.output, named_inputs(args))
    memory = load_memory(args.memory, args.src_lang, args.tgt_lang)
    report_memory(memory)
    write(format_memory_tsv(memory), args.output)
    return 0


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
