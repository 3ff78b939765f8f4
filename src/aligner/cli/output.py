"""What the commands write: results to stdout or a file, messages to stderr."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.cli.parser import PROG
from aligner.files import write_atomically
from aligner.model import (
    CheckedPair,
    Document,
    DocumentVerdict,
    TranslationMemory,
)

if TYPE_CHECKING:
    pass


#: Width of the text listing written to a file or a pipe, unless COLUMNS says otherwise:
#: wider than the usual 80 because two texts share it.
FILE_TEXT_WIDTH = 120


#: Lines of skipped units listed in a report; the count says how many more.
LISTED_LINES = 5


def report(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def report_detected_language(side: str, document: Document) -> None:
    if document.lang_detected:
        report(f"detected {side} language: {document.lang}")


def text_width() -> int:
    """Width of a text listing not drawn by a terminal console: COLUMNS if set, else the
    terminal's width if stdout is one (-o FILE from a terminal), else FILE_TEXT_WIDTH."""
    return shutil.get_terminal_size((FILE_TEXT_WIDTH, 24)).columns


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


def report_verdict(verdict: DocumentVerdict | None) -> None:
    """Say on stderr whether the documents read as translations (a warning if not)."""
    if verdict is not None:
        report(verdict.message if verdict.is_translation else f"warning: {verdict.message}")


def report_memory(memory: TranslationMemory) -> None:
    """Say on stderr how many pairs a memory gave and which units it skipped."""
    report(f"read {counted(len(memory.units), 'pair')} {memory.src_lang} → {memory.tgt_lang}")
    if memory.skipped:
        report(f"skipped {counted(len(memory.skipped), 'unit')}: {skipped_summary(memory)}")


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
