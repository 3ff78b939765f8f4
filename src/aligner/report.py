"""Output formats of a check run: pure functions from checked pairs to a string.

A pair's "number" is its bead's number as every view shows it (`bead_number`, from 1),
or a memory unit's place in its file (from 1; its tuid is given too). Spans are
character offsets into the pair's `src_text` / `tgt_text`; add the pair's
`src_offset` / `tgt_offset` for offsets into the documents.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence

import pandas as pd
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from aligner.checks import unchecked_features
from aligner.model import CheckedPair, DocumentVerdict, Finding, Severity, Span, bead_number
from aligner.verdict import verdict_finding, verdict_json

#: Columns of `format_check_tsv`: one row per finding.
FINDING_COLUMNS = (
    "number",
    "tuid",
    "src_ids",
    "tgt_ids",
    "check",
    "code",
    "severity",
    "message",
    "src_start",
    "src_end",
    "tgt_start",
    "tgt_end",
    "src_text",
    "tgt_text",
    "src_locator",
    "tgt_locator",
)
#: Columns only a structured document fills: `format_check_tsv` leaves them out for
#: plain text, whose output stays what it was.
_LOCATOR_COLUMNS = ["src_locator", "tgt_locator"]
_SPAN_COLUMNS = ("src_start", "src_end", "tgt_start", "tgt_end")

SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
#: Where a plain-text report cannot colour a span, it brackets it.
PLAIN_MARKS = ("⟦", "⟧")
NO_COUNTERPART = "— no counterpart —"


def _span_json(span: Span | None) -> list[int] | None:
    return None if span is None else list(span)


def _finding_json(finding: Finding) -> dict[str, object]:
    return {
        "check": finding.check,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "src_span": _span_json(finding.src_span),
        "tgt_span": _span_json(finding.tgt_span),
    }


def format_check_json(pairs: Sequence[CheckedPair], verdict: DocumentVerdict | None = None) -> str:
    """{"pairs": [...]} in input order, every pair with its (possibly empty) findings;
    with the documents' `verdict`, first {"verdict": {...}}, its fields and the
    finding's severity ("warning" for documents that are not a translation, else null).

    A side with no counterpart has a null text and offset."""
    content: dict[str, object] = {} if verdict is None else {"verdict": verdict_json(verdict)}
    content |= {
        "pairs": [
            {
                "number": bead_number(checked.index),
                "tuid": checked.tuid,
                "src": list(checked.src_ids),
                "tgt": list(checked.tgt_ids),
                "src_text": checked.pair.src_text,
                "tgt_text": checked.pair.tgt_text,
                "score": checked.pair.score,
                "src_offset": checked.src_offset,
                "tgt_offset": checked.tgt_offset,
                "src_locator": checked.src_locator,
                "tgt_locator": checked.tgt_locator,
                "findings": [_finding_json(finding) for finding in checked.findings],
            }
            for checked in pairs
        ]
    }
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def _escape_tsv(value: object) -> object:
    if not isinstance(value, str):
        return value
    for character, escape in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        value = value.replace(character, escape)
    return value


def findings_to_dataframe(pairs: Sequence[CheckedPair]) -> pd.DataFrame:
    """One row per finding (columns `FINDING_COLUMNS`), in input order; spans as nullable
    integers."""
    rows = [
        {
            "number": bead_number(checked.index),
            "tuid": checked.tuid,
            "src_ids": list(checked.src_ids),
            "tgt_ids": list(checked.tgt_ids),
            "check": finding.check,
            "code": finding.code,
            "severity": finding.severity.value,
            "message": finding.message,
            "src_start": finding.src_span[0] if finding.src_span else None,
            "src_end": finding.src_span[1] if finding.src_span else None,
            "tgt_start": finding.tgt_span[0] if finding.tgt_span else None,
            "tgt_end": finding.tgt_span[1] if finding.tgt_span else None,
            "src_text": checked.pair.src_text,
            "tgt_text": checked.pair.tgt_text,
            "src_locator": checked.src_locator,
            "tgt_locator": checked.tgt_locator,
        }
        for checked in pairs
        for finding in checked.findings
    ]
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    return frame.astype({column: "Int64" for column in _SPAN_COLUMNS})


def format_check_tsv(pairs: Sequence[CheckedPair], verdict: DocumentVerdict | None = None) -> str:
    """A header and one line per finding, escaped like `aligner align --format tsv`;
    the locator columns when a side is a structured document. The finding of
    documents that do not read as translations (`verdict`) comes first, with no number."""
    frame = findings_to_dataframe(pairs)
    finding = None if verdict is None else verdict_finding(verdict)
    if finding is not None:
        document = {"check": finding.check, "code": finding.code, "message": finding.message}
        row = pd.DataFrame([document | {"severity": finding.severity.value}], columns=frame.columns)
        integers = {column: "Int64" for column in ("number", *_SPAN_COLUMNS)}
        frame = pd.concat([row, frame], ignore_index=True).astype(integers)
    if not has_locators(pairs):
        frame = frame.drop(columns=_LOCATOR_COLUMNS)
    for column in ("message", "src_text", "tgt_text", "tuid", *_LOCATOR_COLUMNS):
        if column in frame:
            frame[column] = frame[column].map(_escape_tsv)
    return frame.to_csv(sep="\t", index=False, quoting=csv.QUOTE_NONE, lineterminator="\n")


def has_locators(pairs: Sequence[CheckedPair]) -> bool:
    """Whether a side of these pairs says where it is in its file (a structured
    document's pairs do; plain text's and a translation memory's do not)."""
    return any(checked.src_locator or checked.tgt_locator for checked in pairs)


def locators_label(src_locator: str | None, tgt_locator: str | None) -> str:
    """ " (Source: paragraph 13 · Target: /html/body/main/p[4])", the sides that say;
    "" when neither does."""
    parts = [
        f"{side}: {locator}"
        for side, locator in (("Source", src_locator), ("Target", tgt_locator))
        if locator
    ]
    return f" ({' · '.join(parts)})" if parts else ""


def summary(pairs: Sequence[CheckedPair]) -> str:
    """ "42 pairs checked: 1 error, 3 warnings, 5 notes", and what the checks could not
    read in the pairs' languages: "; not checked: numbers written in words in Russian"."""
    counts = Counter(finding.severity for checked in pairs for finding in checked.findings)
    parts = [
        _plural(counts[Severity.ERROR], "error"),
        _plural(counts[Severity.WARNING], "warning"),
        _plural(counts[Severity.INFO], "note"),
    ]
    unchecked = unchecked_in(pairs)
    not_checked = f"; not checked: {'; '.join(unchecked)}" if unchecked else ""
    return f"{_plural(len(pairs), 'pair')} checked: {', '.join(parts)}{not_checked}"


def unchecked_in(pairs: Sequence[CheckedPair]) -> list[str]:
    """What the checks could not read in the languages of these pairs, each said once."""
    languages = sorted({(checked.pair.src_lang, checked.pair.tgt_lang) for checked in pairs})
    return list(dict.fromkeys(f for src, tgt in languages for f in unchecked_features(src, tgt)))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _side(text: str | None, findings: Sequence[Finding], side: str, marks: bool) -> Text:
    if text is None:
        return Text(NO_COUNTERPART, style="dim")
    spans = [
        (span, finding.severity)
        for finding in findings
        if (span := finding.src_span if side == "src" else finding.tgt_span) is not None
        and span != (0, len(text))
    ]
    if marks:
        return Text(_bracketed(text, [span for span, _ in spans]))
    rendered = Text(text)
    for (start, end), severity in sorted(spans, key=lambda item: -item[1].rank):
        rendered.stylize(f"underline {SEVERITY_STYLES[severity]}", start, end)
    return rendered


def _bracketed(text: str, spans: list[Span]) -> str:
    """`text` with ⟦ ⟧ around each span; overlapping spans are merged."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    opening, closing = PLAIN_MARKS
    out, position = [], 0
    for start, end in merged:
        out += [text[position:start], opening, text[start:end], closing]
        position = end
    out.append(text[position:])
    return "".join(out)


def render_check_text(
    pairs: Sequence[CheckedPair], marks: bool = False, verdict: DocumentVerdict | None = None
) -> Group:
    """The documents' `verdict` first, if given (a warning when they are not a
    translation); then the pairs that have findings: both texts with the findings'
    spans highlighted (bracketed with `marks`), then one line per finding; a summary at
    the end."""
    blocks: list[RenderableType] = []
    if verdict is not None:
        blocks += [_verdict_line(verdict), Text("")]
    for checked in pairs:
        if not checked.findings:
            continue
        pair = checked.pair
        score = "" if pair.score is None else f"  score {pair.score:.2f}"
        ids = (
            f"  {list(checked.src_ids)}:{list(checked.tgt_ids)}"
            if checked.src_ids or checked.tgt_ids
            else ""
        )
        title = checked.tuid if checked.tuid is not None else f"#{bead_number(checked.index)}"
        where = locators_label(checked.src_locator, checked.tgt_locator)
        blocks.append(Text(f"{title}{where}{ids}{score}", style="bold"))
        for side, lang, text in (
            ("src", pair.src_lang, pair.src_text),
            ("tgt", pair.tgt_lang, pair.tgt_text),
        ):
            line = Text.assemble(f"{lang}  ", _side(text, checked.findings, side, marks))
            blocks.append(Padding(line, (0, 0, 0, 2), expand=False))
        for finding in checked.findings:
            blocks.append(Padding(_finding_line(finding), (0, 0, 0, 2), expand=False))
        blocks.append(Text(""))
    blocks.append(Text(summary(pairs)))
    return Group(*blocks)


def _finding_line(finding: Finding) -> Text:
    return Text.assemble(
        (f"{finding.severity.value:<8}", SEVERITY_STYLES[finding.severity]),
        (f"{finding.code}  ", "bold"),
        finding.message,
    )


def _verdict_line(verdict: DocumentVerdict) -> Text:
    """The verdict as a finding of the documents, or its sentence for a translation."""
    finding = verdict_finding(verdict)
    return Text(verdict.message) if finding is None else _finding_line(finding)


def format_check_text(
    pairs: Sequence[CheckedPair], width: int, verdict: DocumentVerdict | None = None
) -> str:
    """`render_check_text` as plain text, spans bracketed ⟦ ⟧: for files and pipes."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    console.print(render_check_text(pairs, marks=True, verdict=verdict))
    # Padding fills lines out to the width; a file should not carry that.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
