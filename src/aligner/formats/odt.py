"""An OpenDocument text (.odt, LibreOffice's and Google Docs' format) as blocks: its
headings, paragraphs, list items, table cells, captions and footnotes, tracked changes
read as accepted; bold, italic and underlined spans and links as markup around their
words.

Read with lxml from the package's content.xml: odfpy, the library for ODF, was last
released in 2020 and would hand over the same element tree.
"""

from __future__ import annotations

import html
import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from aligner.errors import InputError
from aligner.formats import Block, BlockText, Extracted, extracted
from aligner.model import BlockKind
from aligner.read import open_error

_NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}
_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _tag(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NAMESPACES[prefix]}}}{local}"


_H, _P, _LIST_ITEM, _CELL, _ROW = map(
    _tag, ("text:h", "text:p", "text:list-item", "table:table-cell", "table:table-row")
)
_TABLE, _NOTE, _TEXT_BOX = map(_tag, ("table:table", "text:note", "draw:text-box"))
_SPAN, _LINK = map(_tag, ("text:span", "text:a"))
#: Not text: the deleted text of tracked changes (kept apart, in text:tracked-changes),
#: a note's citation mark, annotations (comments).
_NOT_TEXT = frozenset(
    map(_tag, ("text:tracked-changes", "text:note-citation", "office:annotation"))
)
_SPACES = frozenset(map(_tag, ("text:s", "text:tab", "text:line-break")))
#: Paragraph styles LibreOffice gives captions (by language-independent name).
_CAPTION_STYLES = frozenset({"Caption", "Illustration", "Table", "Figure", "Drawing", "Text"})
#: Text properties kept as markup (attribute, the values that say no), and how a TMX
#: placeholder writes them, as for a Word document's runs.
_FORMATTING = (
    (_tag("fo:font-weight"), frozenset({"normal", "400"}), "<b>", "</b>"),
    (_tag("fo:font-style"), frozenset({"normal"}), "<i>", "</i>"),
    (_tag("style:text-underline-style"), frozenset({"none"}), "<u>", "</u>"),
)
#: LibreOffice's character styles for bold and italic words (in styles.xml, which is
#: not read: by their language-independent name).
_CHARACTER_STYLES = {"Strong_20_Emphasis": ("<b>", "</b>"), "Emphasis": ("<i>", "</i>")}


def read_odt(path: Path) -> Extracted:
    """The blocks of the document's body in reading order, then its footnotes and
    endnotes. Page headers and footers (in styles.xml) and comments are left out."""
    content = _content(path)
    parents = {
        style.get(_tag("style:name")): style.get(_tag("style:parent-style-name"))
        for style in content.iter(_tag("style:style"))
    }
    body = content.find("office:body/office:text", _NAMESPACES)
    if body is None:
        raise InputError(f"{path}: an OpenDocument file but not a text document (no office:text)")
    reader = _Reader(parents, _span_formatting(content))
    blocks = list(reader.blocks(body))
    return extracted(path, "odt", blocks + reader.notes, "in the OpenDocument text")


def _content(path: Path) -> etree._Element:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise open_error(path, error) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if package.read("mimetype").strip() != _MIMETYPE:
                raise InputError(f"{path}: a zip archive but not an OpenDocument text")
            content = package.read("content.xml")
    except (zipfile.BadZipFile, zlib.error):
        raise InputError(
            f"{path}: not an OpenDocument text: not a zip archive (truncated or damaged, "
            "or another format)"
        ) from None
    except KeyError:
        raise InputError(f"{path}: a zip archive but not an OpenDocument text") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"{path}: content.xml is not well-formed XML ({error})") from None


def _span_formatting(content: etree._Element) -> dict[str, list[tuple[str, str]]]:
    """Text style (the automatic styles of content.xml, by name) → the markup its text
    properties make of a span's words, its parent character style's included; and the
    character styles for bold and italic themselves."""
    formatting = {name: [markup] for name, markup in _CHARACTER_STYLES.items()}
    for style in content.iter(_tag("style:style")):
        name = style.get(_tag("style:name"))
        if name is None or style.get(_tag("style:family")) != "text":
            continue
        properties = style.find("style:text-properties", _NAMESPACES)
        found = [
            (opening, closing)
            for attribute, off, opening, closing in _FORMATTING
            if properties is not None
            and (value := properties.get(attribute)) is not None
            and value not in off
        ]
        parent = _CHARACTER_STYLES.get(style.get(_tag("style:parent-style-name"), ""))
        formatting[name] = found + ([parent] if parent and parent not in found else [])
    return formatting


class _Reader:
    """One document's reading: its styles, its footnotes met so far (they follow the
    body) and the paragraphs and tables counted, for the locators."""

    def __init__(
        self,
        parents: dict[str | None, str | None],
        span_formatting: dict[str, list[tuple[str, str]]],
    ) -> None:
        #: Automatic style → the style it derives from.
        self.parents = parents
        #: Text style → the markup around a span's words (`_span_formatting`).
        self.span_formatting = span_formatting
        self.notes: list[Block] = []
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, container: etree._Element, in_list: bool = False) -> Iterator[Block]:
        for element in container:
            if element.tag in (_H, _P):
                self.paragraphs += 1
                kind = self.kind(element)
                if in_list and kind is BlockKind.PARAGRAPH:
                    kind = BlockKind.LIST_ITEM
                yield from self.paragraph(element, kind, f"paragraph {self.paragraphs}")
            elif element.tag == _TABLE:
                self.tables += 1
                yield from self.table(element, f"table {self.tables}")
            elif isinstance(element.tag, str) and element.tag not in _NOT_TEXT:
                # a list, a list item, a section: their paragraphs
                yield from self.blocks(element, in_list or element.tag == _LIST_ITEM)

    def kind(self, paragraph: etree._Element) -> BlockKind:
        if paragraph.tag == _H:
            return BlockKind.HEADING
        style = paragraph.get(_tag("text:style-name"))
        seen = set()
        while style is not None and style not in seen:  # automatic styles name a parent
            if style in _CAPTION_STYLES:
                return BlockKind.CAPTION
            seen.add(style)
            style = self.parents.get(style)
        return BlockKind.PARAGRAPH

    def table(self, table: etree._Element, where: str) -> Iterator[Block]:
        for row_number, row in enumerate(table.iter(_ROW), 1):
            for cell_number, cell in enumerate(row.iterchildren(_CELL), 1):
                locator = f"{where}, row {row_number}, cell {cell_number}"
                for paragraph in cell.iterchildren(_P, _H):
                    yield from self.paragraph(paragraph, BlockKind.TABLE_CELL, locator)

    def paragraph(self, paragraph: etree._Element, kind: BlockKind, locator: str) -> list[Block]:
        """The paragraph's text on one line, then the paragraphs of the text boxes
        anchored in it (a picture's caption); its footnotes go to `notes`."""
        text = BlockText()
        boxes: list[etree._Element] = []
        self.add_text(text, paragraph, boxes)
        block = text.block(kind, locator)
        blocks = [block] if block else []
        for box in boxes:
            for inner in box.iterchildren(_P, _H):
                blocks += self.paragraph(inner, self.kind(inner), locator)
        return blocks

    def add_text(
        self, text: BlockText, element: etree._Element, boxes: list[etree._Element]
    ) -> None:
        text.add(element.text or "")
        for child in element:
            if child.tag == _NOTE:
                citation = child.findtext("text:note-citation", "", _NAMESPACES)
                for paragraph in child.iterfind("text:note-body/text:p", _NAMESPACES):
                    self.notes += self.paragraph(paragraph, BlockKind.ASIDE, f"footnote {citation}")
            elif child.tag == _TEXT_BOX:
                boxes.append(child)
            elif child.tag in _SPACES:
                text.add(" ")
            elif child.tag in (_SPAN, _LINK):
                self.add_marked(text, child, boxes)
            elif child.tag not in _NOT_TEXT and isinstance(child.tag, str):
                self.add_text(text, child, boxes)  # a frame, a field
            text.add(child.tail or "")

    def add_marked(
        self, text: BlockText, element: etree._Element, boxes: list[etree._Element]
    ) -> None:
        """A span's or a link's words, with its formatting or its link as markup."""
        start = text.position
        self.add_text(text, element, boxes)
        if element.tag == _LINK:
            href = element.get(_tag("xlink:href"), "")
            text.mark(start, f'<a href="{html.escape(href)}">', "</a>")
            return
        style = element.get(_tag("text:style-name"), "")
        for opening, closing in self.span_formatting.get(style, []):
            text.mark(start, opening, closing)
