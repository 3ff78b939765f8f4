"""Listings of an alignment (and of a memory's pairs): pure functions from an `Alignment`
to a table or a string, for people and scripts; exports for other tools are in
`aligner.export`.

Every `format_*` function returns a complete file's text, ending with a newline; writing
it anywhere is the caller's business.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.text import Text

from aligner.export import side_text
from aligner.model import (
    Alignment,
    Bead,
    Document,
    Segment,
    TranslationMemory,
    bead_number,
    confidence_band,
)
from aligner.verdict import judge_alignment, verdict_json

#: Columns of `to_dataframe`, in order; also the TSV header.
COLUMNS = (
    "bead",
    "kind",
    "src_ids",
    "tgt_ids",
    "src_text",
    "tgt_text",
    "src_start",
    "src_end",
    "tgt_start",
    "tgt_end",
    "score",
)

NO_COUNTERPART = "— no counterpart —"

# TSV fields are escaped the way PostgreSQL's COPY and "linear TSV" do, so that every
# bead stays on one physical line and `cut`/`awk` work; the backslash goes first so
# that an escaped text decodes back unambiguously.
_TSV_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))


def _segments(document: Document, ids: Sequence[int]) -> list[Segment]:
    return [document.segments[i] for i in ids]


def _span(document: Document, ids: Sequence[int]) -> tuple[int | None, int | None]:
    """Character span of one side of a bead in its document; (None, None) when empty."""
    if not ids:
        return None, None
    segments = _segments(document, ids)
    return segments[0].start, segments[-1].end


def _bead_row(alignment: Alignment, index: int, bead: Bead) -> dict[str, object]:
    src_start, src_end = _span(alignment.src, bead.src)
    tgt_start, tgt_end = _span(alignment.tgt, bead.tgt)
    return {
        "bead": bead_number(index),
        "kind": bead.kind,
        "src_ids": list(bead.src),
        "tgt_ids": list(bead.tgt),
        "src_text": side_text(alignment.src, bead.src),
        "tgt_text": side_text(alignment.tgt, bead.tgt),
        "src_start": src_start,
        "src_end": src_end,
        "tgt_start": tgt_start,
        "tgt_end": tgt_end,
        "score": bead.score,
    }


def to_dataframe(alignment: Alignment) -> pd.DataFrame:
    """One row per bead, with the columns of `COLUMNS`; "bead" is its number as every
    view shows it (`bead_number`, from 1), the ids are sentence indices (from 0).

    Spans are nullable integers (pandas `Int64`): NA on the empty side of a 1-0 or 0-1 bead.
    """
    rows = [_bead_row(alignment, index, bead) for index, bead in enumerate(alignment.beads)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    span_columns = ["src_start", "src_end", "tgt_start", "tgt_end"]
    return frame.astype({column: "Int64" for column in span_columns} | {"score": "float64"})


def format_beads(alignment: Alignment, scores: bool = False) -> str:
    """One bead a line, "[3, 4]:[5]" as in the gold files; with `scores`, "[3, 4]:[5]:0.934"."""
    lines = []
    for bead in alignment.beads:
        line = f"{list(bead.src)}:{list(bead.tgt)}"
        if scores:
            line += f":{bead.score:.3f}"
        lines.append(line + "\n")
    return "".join(lines)


def _escape_tsv_field(value: object) -> object:
    if not isinstance(value, str):
        return value
    for character, escape in _TSV_ESCAPES:
        value = value.replace(character, escape)
    return value


def format_tsv(alignment: Alignment) -> str:
    """Header and one line per bead; tab, newline, CR and backslash in text are escaped
    as \\t, \\n, \\r and \\\\, never quoted. Empty spans are empty fields."""
    return _linear_tsv(to_dataframe(alignment), ["src_text", "tgt_text"])


def _linear_tsv(frame: pd.DataFrame, text_columns: list[str]) -> str:
    for column in text_columns:
        frame[column] = frame[column].map(_escape_tsv_field)
    # QUOTE_NONE: the escaping above already keeps separators out of fields, and a
    # quote character in a sentence stays a plain character. Should one slip through,
    # the csv module raises instead of writing a broken line.
    return frame.to_csv(sep="\t", index=False, quoting=csv.QUOTE_NONE, lineterminator="\n")


#: Columns of `format_memory_tsv`, in order.
MEMORY_COLUMNS = ("line", "tuid", "src_lang", "tgt_lang", "score", "src_text", "tgt_text")


def format_memory_tsv(memory: TranslationMemory) -> str:
    """Header and one line per pair of a memory, escaped as `format_tsv` escapes; an
    absent tuid or score is an empty field."""
    frame = pd.DataFrame(
        [
            (u.line, u.tuid, u.src_lang, u.tgt_lang, u.score, u.src_text, u.tgt_text)
            for u in memory.units
        ],
        columns=list(MEMORY_COLUMNS),
    ).astype({"line": "Int64", "score": "float64"})
    return _linear_tsv(frame, ["tuid", "src_text", "tgt_text"])


def _document_json(document: Document) -> dict[str, object]:
    return {
        "path": None if document.path is None else str(document.path),
        "lang": document.lang,
        "format": document.format,
        "segments": [
            {
                "index": segment.index,
                "start": segment.start,
                "end": segment.end,
                "text": segment.text,
                "line": segment.line,
                "is_heading": segment.is_heading,
                "block": segment.block,
                "locator": segment.locator,
            }
            for segment in document.segments
        ],
    }


def format_json(alignment: Alignment) -> str:
    """Both documents' segments, the beads, which refer to segments by index, and the
    documents' verdict (`verdict.judge_alignment`, with its severity)."""
    content = {
        "src": _document_json(alignment.src),
        "tgt": _document_json(alignment.tgt),
        "encoder": alignment.encoder,
        "verdict": verdict_json(judge_alignment(alignment)),
        "beads": [
            {
                "bead": bead_number(index),
                "src": list(bead.src),
                "tgt": list(bead.tgt),
                "score": bead.score,
                "kind": bead.kind,
            }
            for index, bead in enumerate(alignment.beads)
        ],
    }
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


_BAND_STYLES = {"confident": "green", "unsure": "yellow", "doubtful": "red"}


def _score_style(score: float) -> str:
    return _BAND_STYLES[confidence_band(score)]


def _side_cell(document: Document, ids: Sequence[int]) -> Text:
    if not ids:
        return Text(NO_COUNTERPART, style="dim")
    return Text(side_text(document, ids))


def _column_title(side: str, document: Document) -> str:
    name = document.path.name if document.path is not None else side
    return f"{name} ({document.lang})"


def render_text(alignment: Alignment, width: int) -> Table:
    """Side-by-side listing, one row per bead: number, kind, coloured score, both texts.

    Texts wrap within their column (never truncated); the two text columns share the
    width left over by the narrow ones equally.
    """
    table = Table(width=width, show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    # overflow="fold" breaks a word longer than the column (a URL) instead of cutting it.
    table.add_column(_column_title("source", alignment.src), ratio=1, overflow="fold")
    table.add_column(_column_title("target", alignment.tgt), ratio=1, overflow="fold")
    for index, bead in enumerate(alignment.beads):
        table.add_row(
            str(bead_number(index)),
            bead.kind,
            Text(f"{bead.score:.2f}", style=_score_style(bead.score)),
            _side_cell(alignment.src, bead.src),
            _side_cell(alignment.tgt, bead.tgt),
        )
    return table


def format_text(alignment: Alignment, width: int) -> str:
    """`render_text` as plain text, without colour or other ANSI codes: for files and pipes."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    console.print(render_text(alignment, width))
    return buffer.getvalue()
