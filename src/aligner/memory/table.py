"""A two-column TSV/CSV table read as pairs: many memories travel as a table (source,
target), with or without a header row of language codes, as LF Aligner writes them.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import langcodes

from aligner.errors import InputError, LanguageError
from aligner.language import detect_language, language_tag
from aligner.model import TranslationMemory, TranslationUnit
from aligner.read import read_text


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
