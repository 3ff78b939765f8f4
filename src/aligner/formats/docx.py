"""A Word document (.docx) as blocks: its paragraphs by style (headings, list items,
captions), its tables' cells and its footnotes, tracked changes read as accepted."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from aligner.errors import InputError
from aligner.formats import Block, Extracted, extracted, one_line
from aligner.model import BlockKind
from aligner.read import open_error

#: The text of a paragraph with its tracked changes accepted: python-docx's
#: `Paragraph.text` reads only the runs directly in the paragraph, so it drops the
#: runs of a tracked insertion (<w:ins>); deleted text (<w:delText>, <w:moveFrom>) is
#: not <w:t> or sits in a deletion. Text boxes are paragraphs of their own.
_TEXT = etree.XPath(
    ".//w:t[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent)]"
    " | .//w:tab[not(ancestor::w:txbxContent)] | .//w:br[not(ancestor::w:txbxContent)]",
    namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
)
_HEADING_STYLE = re.compile(r"^(?:Heading \d|Title|Subtitle)$")
_FOOTNOTES_PART = "/word/footnotes.xml"


def read_docx(path: Path) -> Extracted:
    """The blocks of the document's body in reading order, then its footnotes.
    Headers, footers, comments and text boxes are left out."""
    document = _open(path)
    blocks = list(_body_blocks(document))
    blocks += _footnote_blocks(document)
    return extracted(path, "docx", blocks, "in the Word document")


def _open(path: Path) -> WordDocument:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise open_error(path, error) from None
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        raise InputError(
            f"{path}: not a Word document: not a zip archive (truncated or damaged, or "
            "another format; a .doc must be saved as .docx)"
        ) from None
    if "word/document.xml" not in names:
        raise InputError(f"{path}: a zip archive but not a Word document (no word/document.xml)")
    try:
        return docx.Document(io.BytesIO(data))
    except (OpcError, KeyError, ValueError, zipfile.BadZipFile, zlib.error, etree.Error) as error:
        raise InputError(f"{path}: cannot read the Word document ({error})") from None


def _body_blocks(document: WordDocument) -> Iterator[Block]:
    paragraphs = tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            paragraphs += 1
            text = _text(item._p)
            if text:
                yield Block(text, _kind(item), f"paragraph {paragraphs}")
        else:
            tables += 1
            yield from _table_blocks(item, f"table {tables}")


def _text(paragraph: etree._Element) -> str:
    """A <w:p>'s text on one line, tracked changes accepted."""
    return one_line("".join(e.text or "" if e.tag == qn("w:t") else " " for e in _TEXT(paragraph)))


def _kind(paragraph: Paragraph) -> BlockKind:
    style = paragraph.style.name if paragraph.style is not None else ""
    if _HEADING_STYLE.match(style or ""):
        return BlockKind.HEADING
    if style == "Caption":
        return BlockKind.CAPTION
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if numbered or (style or "").startswith("List"):
        return BlockKind.LIST_ITEM
    return BlockKind.PARAGRAPH


def _table_blocks(table: Table, where: str) -> Iterator[Block]:
    """Each cell's paragraphs as table cells; a merged cell once. Tables nested in a
    cell are left out."""
    seen: set[int] = set()
    for row_number, row in enumerate(table.rows, 1):
        for cell_number, cell in enumerate(row.cells, 1):
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                text = _text(paragraph._p)
                if text:
                    locator = f"{where}, row {row_number}, cell {cell_number}"
                    yield Block(text, BlockKind.TABLE_CELL, locator)


def _footnote_blocks(document: WordDocument) -> list[Block]:
    """The footnotes' paragraphs, as asides after the body (python-docx has no API for
    footnotes: their part is read as XML)."""
    parts = [p for p in document.part.package.iter_parts() if p.partname == _FOOTNOTES_PART]
    if not parts:
        return []
    root = etree.fromstring(parts[0].blob, etree.XMLParser(resolve_entities=False))
    blocks = []
    for footnote in root.iter(qn("w:footnote")):
        if footnote.get(qn("w:type")) is not None:
            continue  # the separator lines Word keeps as footnotes -1 and 0
        for element in footnote.iter(qn("w:p")):
            text = _text(element)
            if text:
                blocks.append(Block(text, BlockKind.ASIDE, f"footnote {footnote.get(qn('w:id'))}"))
    return blocks
