"""A Word document (.docx) as blocks: its paragraphs by style (headings, list items,
captions), its tables' cells and its footnotes, tracked changes read as accepted."""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import OpcError
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from aligner.errors import InputError
from aligner.formats import Block, BlockText, Extracted, extracted
from aligner.model import BlockKind
from aligner.read import open_error

#: Elements of a paragraph whose text is not the paragraph's, with tracked changes
#: accepted: deleted and moved-away text, properties, compatibility copies. (python-docx's
#: `Paragraph.text` reads only the runs directly in the paragraph, so it would drop
#: the runs of a tracked insertion, <w:ins>: the paragraph is walked here instead.)
_NOT_TEXT = frozenset(
    {
        qn("w:del"),
        qn("w:moveFrom"),
        qn("w:pPr"),
        qn("w:rPr"),
        # The copy of a drawing for older readers (its Choice is read).
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)
#: Run properties kept as markup, and how a TMX placeholder writes them.
_FORMATTING = ((qn("w:b"), "<b>", "</b>"), (qn("w:i"), "<i>", "</i>"), (qn("w:u"), "<u>", "</u>"))
_OFF = frozenset({"0", "false", "none"})
_HEADING_STYLE = re.compile(r"^(?:Heading \d|Title|Subtitle)$")
#: The parts that hold notes, and their elements' name.
_NOTE_PARTS = (("/word/footnotes.xml", "footnote"), ("/word/endnotes.xml", "endnote"))


def read_docx(path: Path) -> Extracted:
    """The blocks of the document's body in reading order, then its footnotes and
    endnotes. Headers, footers, comments and text boxes are left out."""
    document = _open(path)
    blocks = [*_body_blocks(document), *_note_blocks(document)]
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
    links = _links(document.part)
    paragraphs = tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            paragraphs += 1
            if block := _block(item._p, links, _kind(item), f"paragraph {paragraphs}"):
                yield block
        else:
            tables += 1
            yield from _table_blocks(item, f"table {tables}", links)


def _links(part: Part) -> dict[str, str]:
    """Relationship id → target of a part's external links (hyperlinks)."""
    return {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}


def _block(
    paragraph: etree._Element, links: dict[str, str], kind: BlockKind, locator: str
) -> Block | None:
    """A <w:p> as a block: its text on one line, tracked changes accepted, bold,
    italic, underlined runs and hyperlinks as markup; None when it has no text."""
    text = BlockText()
    _add_content(text, paragraph, links)
    return text.block(kind, locator)


def _add_content(text: BlockText, element: etree._Element, links: dict[str, str]) -> None:
    for child in element:
        if child.tag in _NOT_TEXT:
            continue
        if child.tag == qn("w:r"):
            _add_run(text, child)
        elif child.tag == qn("w:hyperlink"):
            start = text.position
            _add_content(text, child, links)
            target = links.get(child.get(qn("r:id"), ""))
            if target is not None:
                text.mark(start, f'<a href="{html.escape(target)}">', "</a>")
        else:
            _add_content(text, child, links)  # an insertion, a field, a content control


def _add_run(text: BlockText, run: etree._Element) -> None:
    start = text.position
    for child in run:
        if child.tag == qn("w:t"):
            text.add(child.text or "")
        elif child.tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
            text.add(" ")
    properties = run.find(qn("w:rPr"))
    if properties is None:
        return
    for tag, opening, closing in _FORMATTING:
        found = properties.find(tag)
        if found is not None and found.get(qn("w:val"), "1") not in _OFF:
            text.mark(start, opening, closing)


def _kind(paragraph: Paragraph) -> BlockKind:
    """By the paragraph's style or the built-in style it is based on (a house style
    "Titolo articolo" based on Heading 1 is a heading), then by its numbering."""
    for style in _style_chain(paragraph.style):
        if _HEADING_STYLE.match(style):
            return BlockKind.HEADING
        if style == "Caption":
            return BlockKind.CAPTION
        if style.startswith("List"):
            return BlockKind.LIST_ITEM
    if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        return BlockKind.LIST_ITEM
    return BlockKind.PARAGRAPH


def _style_chain(style: ParagraphStyle | None) -> Iterator[str]:
    """The names of `style` and of the styles it is based on, nearest first."""
    seen = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style.name or ""
        style = style.base_style


def _table_blocks(table: Table, where: str, links: dict[str, str]) -> Iterator[Block]:
    """Each cell's paragraphs as table cells; a merged cell once. Tables nested in a
    cell are left out."""
    seen: set[int] = set()
    for row_number, row in enumerate(table.rows, 1):
        for cell_number, cell in enumerate(row.cells, 1):
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            locator = f"{where}, row {row_number}, cell {cell_number}"
            for paragraph in cell.paragraphs:
                if block := _block(paragraph._p, links, BlockKind.TABLE_CELL, locator):
                    yield block


def _note_blocks(document: WordDocument) -> Iterator[Block]:
    """The footnotes' and endnotes' paragraphs, as asides after the body (python-docx
    has no API for notes: their parts are read as XML)."""
    parts = {part.partname: part for part in document.part.package.iter_parts()}
    for partname, name in _NOTE_PARTS:
        if partname not in parts:
            continue
        root = etree.fromstring(parts[partname].blob, etree.XMLParser(resolve_entities=False))
        links = _links(parts[partname])
        for note in root.iter(qn(f"w:{name}")):
            if note.get(qn("w:type")) is not None:
                continue  # the separator lines Word keeps as notes -1 and 0
            locator = f"{name} {note.get(qn('w:id'))}"
            for element in note.iter(qn("w:p")):
                if block := _block(element, links, BlockKind.ASIDE, locator):
                    yield block
