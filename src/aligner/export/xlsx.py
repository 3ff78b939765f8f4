"""A spreadsheet for reviewers, as LF Aligner, XTM and Phrase hand them out: one row per
unit, the header row frozen and filterable, texts wrapped."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd
from openpyxl.styles import Alignment as CellAlignment
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from aligner.model import ExportUnit

#: Columns of the spreadsheet: bead number (as every view shows it), both texts, the
#: bead's kind ("2-1"), its confidence, and the notes a TMX unit would carry.
XLSX_COLUMNS = ("#", "source", "target", "bead", "confidence", "notes")
#: Where each side is in its file, after those when a side is a structured document.
LOCATOR_COLUMNS = ("source locator", "target locator")
#: Width of the text columns, in characters; their cells wrap.
_TEXT_COLUMN_WIDTH = 60


def xlsx_content(units: Sequence[ExportUnit], sheet_name: str) -> bytes:
    """The workbook of these units, on one sheet; the locator columns when a side says
    where it is in its file."""
    rows = [
        (unit.number, unit.src_text, unit.tgt_text, unit.kind, unit.score, "\n".join(unit.notes))
        + (unit.src_locator, unit.tgt_locator)
        for unit in units
    ]
    frame = pd.DataFrame(rows, columns=[*XLSX_COLUMNS, *LOCATOR_COLUMNS])
    if not any(unit.src_locator or unit.tgt_locator for unit in units):
        frame = frame.drop(columns=list(LOCATOR_COLUMNS))
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet_name, index=False)
        _format_sheet(writer.sheets[sheet_name])
    return buffer.getvalue()


def _format_sheet(sheet: Worksheet) -> None:
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter in ("B", "C", "F"):
        sheet.column_dimensions[letter].width = _TEXT_COLUMN_WIDTH
        for cell in sheet[letter][1:]:
            cell.alignment = CellAlignment(wrap_text=True, vertical="top")
            # openpyxl stores a string that starts with "=" as a formula: a sentence
            # "=SUM(A1)" must stay text, not run in the reviewer's spreadsheet.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for cell in sheet["E"][1:]:
        cell.number_format = "0.00"
