"""Readers of structured documents, on small files made here."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx

from aligner.formats import read_structured
from aligner.model import BlockKind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t>Dati del Ministero della Difesa, febbraio 2023.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def with_footnotes(path: Path) -> Path:
    """`path` (a .docx python-docx wrote) with a footnotes part, as Word writes one."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/footnotes.xml"] = FOOTNOTES.encode()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/footnotes.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
    )
    members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_word_documents_footnotes_follow_its_body_as_asides(tmp_path):
    document = docx.Document()
    document.add_heading("Stime dei morti russi", 2)
    document.add_paragraph("Tra i 40.000 e i 60.000 russi sono stati uccisi.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Perdite"
    table.cell(1, 0).text = "40.000"
    table.cell(1, 1).text = "60.000"
    document.save(tmp_path / "it.docx")
    blocks = read_structured(with_footnotes(tmp_path / "it.docx")).blocks
    assert [(b.kind, b.text, b.locator) for b in blocks] == [
        (BlockKind.HEADING, "Stime dei morti russi", "paragraph 1"),
        (BlockKind.PARAGRAPH, "Tra i 40.000 e i 60.000 russi sono stati uccisi.", "paragraph 2"),
        (BlockKind.TABLE_CELL, "Perdite", "table 1, row 1, cell 1"),  # merged: once
        (BlockKind.TABLE_CELL, "40.000", "table 1, row 2, cell 1"),
        (BlockKind.TABLE_CELL, "60.000", "table 1, row 2, cell 2"),
        (BlockKind.ASIDE, "Dati del Ministero della Difesa, febbraio 2023.", "footnote 1"),
    ]
