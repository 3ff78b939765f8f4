"""Tables: an alignment as a spreadsheet for reviewers, and two-column TSV/CSV files read
as pairs.

LF Aligner, XTM and Phrase all hand reviewers a spreadsheet; many memories travel as a
two-column table (source, target) with or without a header of language codes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import langcodes
import pandas as pd
from openpyxl.styles import Alignment as CellAlignment
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from aligner.errors import InputError, LanguageError
from aligner.formats import exported_beads, xml_safe_texts
from aligner.language import detect_language, language_tag
from aligner.model import Alignment, ExportedFile, TranslationMemory, TranslationUnit
from aligner.read import read_text

#: Columns of the spreadsheet: bead number (as in the text listing), both texts, the
#: bead's kind ("2-1") and its confidence.
XLSX_COLUMNS = ("#", "source", "target", "bead", "confidence")
#: Width of the text columns, in characters; their cells wrap.
_TEXT_COLUMN_WIDTH = 60


def export_xlsx(
    alignment: Alignment, *, min_confidence: float = 0.0, one_to_one: bool = False
) -> ExportedFile:
    """A spreadsheet of the alignment, one row per bead, 1-0 and 0-1 beads included (a
    reviewer wants to see what has no counterpart); the header row is frozen and
    filterable, texts wrap."""
    numbers, _, filtered = exported_beads(alignment, min_confidence, one_to_one, one_sided=True)
    # openpyxl refuses the characters XML forbids, as a TMX file does.
    texts, with_control_characters = xml_safe_texts(alignment, numbers)
    rows = [
        (number, src, tgt, alignment.beads[number].kind, alignment.beads[number].score)
        for number, (src, tgt) in zip(numbers, texts, strict=True)
    ]
    frame = pd.DataFrame(rows, columns=list(XLSX_COLUMNS))
    buffer = io.BytesIO()
    sheet_name = f"{alignment.src.lang}-{alignment.tgt.lang}"
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet_name, index=False)
        _format_sheet(writer.sheets[sheet_name])
    return ExportedFile(buffer.getvalue(), tuple(numbers), 0, filtered, with_control_characters)


def _format_sheet(sheet: Worksheet) -> None:
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter in ("B", "C"):
        sheet.column_dimensions[letter].width = _TEXT_COLUMN_WIDTH
        for cell in sheet[letter][1:]:
            cell.alignment = CellAlignment(wrap_text=True, vertical="top")
            # openpyxl stores a string that starts with "=" as a formula: a sentence
            # "=SUM(A1)" must stay text, not run in the reviewer's spreadsheet.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for cell in sheet["E"][1:]:
        cell.number_format = "0.00"


def read_table(
    path: Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> TranslationMemory:
    """The pairs of a two-column table: source, target.

    A .csv file is comma-separated with CSV quoting; any other is tab-separated with no
    quoting (a quote is a plain character, as LF Aligner writes it). A first row of two
    language codes ("it", "en-GB") is a header that names the languages; otherwise the
    languages are `src_lang`/`tgt_lang`, or detected from the texts. Blank lines are
    ignored; a row with other than two fields is an InputError naming its line.
    """
    path = Path(path)
    rows = _rows(path, read_text(path))
    header = _language_header(rows[0][1]) if rows else None
    if header is not None:
        rows = rows[1:]
    if not rows:
        raise InputError(f"{path}: the table has no rows")
    src_tag = _table_language(path, src_lang, header and header[0], [r[1][0] for r in rows])
    tgt_tag = _table_language(path, tgt_lang, header and header[1], [r[1][1] for r in rows])
    units = tuple(
        TranslationUnit(src, tgt, src_tag, tgt_tag, line=line) for line, (src, tgt) in rows
    )
    return TranslationMemory(path, src_tag, tgt_tag, units)


def _rows(path: Path, text: str) -> list[tuple[int, tuple[str, str]]]:
    """(line, (source, target)) of every non-blank row. The csv module rather than pandas:
    it gives the line of every row, and pandas pads a short row silently."""
    if path.suffix.lower() == ".csv":
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    else:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    line = 1
    try:
        for row in reader:
            if any(field.strip() for field in row):
                if len(row) != 2:
                    raise InputError(
                        f"{path}: line {line}: {len(row)} field(s) where 2 are expected "
                        "(source, target)"
                    )
                rows.append((line, (row[0], row[1])))
            line = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"{path}: line {reader.line_num}: malformed CSV: {error}") from None
    return rows


def _language_header(row: tuple[str, str]) -> tuple[str, str] | None:
    """The two tags of a header row such as "it<TAB>en-GB", or None for a row of text
    (two different valid tags: "ok<TAB>ok" is text)."""
    if not all(langcodes.tag_is_valid(cell.strip().replace("_", "-")) for cell in row):
        return None
    tags = language_tag(row[0]), language_tag(row[1])
    return tags if tags[0] != tags[1] else None


def _table_language(path: Path, given: str | None, header: str | None, texts: list[str]) -> str:
    if given:
        return language_tag(given)
    if header:
        return header
    try:
        return detect_language("\n".join(texts))
    except LanguageError as error:
        raise LanguageError(f"{path}: {error}") from None
