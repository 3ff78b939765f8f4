"""Readers of structured documents, on small files made here."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml

from aligner.export.tmx import tmx_content
from aligner.formats import read_structured
from aligner.model import BlockKind, ExportUnit, InlineTag

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t>Dati del Ministero della Difesa, febbraio 2023.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
ENDNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:endnotes xmlns:w="{W}">
  <w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>
  <w:endnote w:id="1"><w:p><w:r><w:t>Fonte: Associated Press.</w:t></w:r></w:p></w:endnote>
</w:endnotes>"""


def with_notes(path: Path) -> Path:
    """`path` (a .docx python-docx wrote) with a footnotes and an endnotes part, as
    Word writes them."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for kind, xml in (("footnotes", FOOTNOTES), ("endnotes", ENDNOTES)):
        members[f"word/{kind}.xml"] = xml.encode()
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>",
            f'<Override PartName="/word/{kind}.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/></Types>'.encode(),
        )
        rels = "word/_rels/document.xml.rels"
        members[rels] = members[rels].replace(
            b"</Relationships>",
            f'<Relationship Id="rId{kind}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/{kind}" Target="{kind}.xml"/>'
            "</Relationships>".encode(),
        )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_word_documents_footnotes_and_endnotes_follow_its_body_as_asides(tmp_path):
    document = docx.Document()
    document.add_heading("Stime dei morti russi", 2)
    document.add_paragraph("Tra i 40.000 e i 60.000 russi sono stati uccisi.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Perdite"
    table.cell(1, 0).text = "40.000"
    table.cell(1, 1).text = "60.000"
    document.save(tmp_path / "it.docx")
    blocks = read_structured(with_notes(tmp_path / "it.docx")).blocks
    assert [(b.kind, b.text, b.locator) for b in blocks] == [
        (BlockKind.HEADING, "Stime dei morti russi", "paragraph 1"),
        (BlockKind.PARAGRAPH, "Tra i 40.000 e i 60.000 russi sono stati uccisi.", "paragraph 2"),
        (BlockKind.TABLE_CELL, "Perdite", "table 1, row 1, cell 1"),  # merged: once
        (BlockKind.TABLE_CELL, "40.000", "table 1, row 2, cell 1"),
        (BlockKind.TABLE_CELL, "60.000", "table 1, row 2, cell 2"),
        (BlockKind.ASIDE, "Dati del Ministero della Difesa, febbraio 2023.", "footnote 1"),
        (BlockKind.ASIDE, "Fonte: Associated Press.", "endnote 1"),
    ]


def test_a_word_documents_formatting_and_links_are_markup_around_their_words(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Il ").bold = True
    paragraph.add_run("3 agosto").bold = True  # two bold runs in a row: one tag
    paragraph.add_run(", ")
    link = document.part.relate_to(
        "https://www.reuters.com/", RELATIONSHIP_TYPE.HYPERLINK, is_external=True
    )
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink xmlns:w="{W}" xmlns:r="{R}" r:id="{link}">'
            "<w:r><w:rPr><w:i/></w:rPr><w:t>Reuters</w:t></w:r></w:hyperlink>"
        )
    )
    paragraph.add_run(" ha riferito.")
    document.save(tmp_path / "it.docx")
    [block] = read_structured(tmp_path / "it.docx").blocks
    assert block.text == "Il 3 agosto, Reuters ha riferito."
    assert [(block.text[t.start : t.end], t.opening, t.closing) for t in block.markup] == [
        ("Il 3 agosto", "<b>", "</b>"),
        ("Reuters", '<a href="https://www.reuters.com/">', "</a>"),
        ("Reuters", "<i>", "</i>"),
    ]


def test_nested_markup_is_written_as_nested_tmx_placeholders():
    text = "Il 3 agosto, Reuters ha riferito."
    markup = (
        InlineTag(0, 11, "<b>", "</b>"),
        InlineTag(13, 20, '<a href="/r">', "</a>"),
        InlineTag(13, 20, "<i>", "</i>"),
    )
    unit = ExportUnit(1, "1-1", 0.9, text, "On August 3rd.", src_markup=markup)
    content = tmx_content([unit], "it", "en", "test").decode()
    assert (
        '<seg><bpt i="1">&lt;b&gt;</bpt>Il 3 agosto<ept i="1">&lt;/b&gt;</ept>, '
        '<bpt i="2">&lt;a href="/r"&gt;</bpt><bpt i="3">&lt;i&gt;</bpt>Reuters'
        '<ept i="3">&lt;/i&gt;</ept><ept i="2">&lt;/a&gt;</ept> ha riferito.</seg>'
    ) in content
    assert "<seg>On August 3rd.</seg>" in content


def test_an_opendocument_texts_footnotes_follow_its_body_and_comments_are_left_out(tmp_path):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        "<office:body><office:text><text:section><text:p>Circa 50.000 soldati"
        '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        "<text:note-body><text:p>Fonte: Associated Press.</text:p></text:note-body></text:note>"
        "<office:annotation><text:p>verificare</text:p></office:annotation>"
        " sono<text:s/>morti.</text:p></text:section>"
        "<text:list><text:list-item><text:p>Armenia</text:p><text:list><text:list-item>"
        "<text:p>Erevan</text:p></text:list-item></text:list></text:list-item></text:list>"
        "</office:text></office:body></office:document-content>"
    )
    path = tmp_path / "it.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    blocks = read_structured(path).blocks
    assert [(b.kind, b.text, b.locator) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Circa 50.000 soldati sono morti.", "paragraph 1"),
        (BlockKind.LIST_ITEM, "Armenia", "paragraph 2"),
        (BlockKind.LIST_ITEM, "Erevan", "paragraph 3"),
        (BlockKind.ASIDE, "Fonte: Associated Press.", "footnote 1"),
    ]


def test_a_page_is_decoded_by_the_charset_it_declares(tmp_path):
    page = tmp_path / "vecchio.html"
    page.write_bytes(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><p>Perché l’Italia è così cara?</p></body></html>".encode("cp1252")
    )
    [block] = read_structured(page).blocks
    assert block.text == "Perché l’Italia è così cara?"


def test_a_house_style_based_on_a_heading_style_is_a_heading(tmp_path):
    document = docx.Document()
    house = document.styles.add_style("Titolo articolo", WD_STYLE_TYPE.PARAGRAPH)
    house.base_style = document.styles["Heading 1"]
    document.add_paragraph("Stime dei morti russi", style="Titolo articolo")
    document.add_paragraph("Circa 50.000 soldati.")
    document.save(tmp_path / "it.docx")
    kinds = [block.kind for block in read_structured(tmp_path / "it.docx").blocks]
    assert kinds == [BlockKind.HEADING, BlockKind.PARAGRAPH]


def test_a_page_without_main_is_read_from_its_article_not_a_related_card(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><body>"
        '<header><a href="/">Notizie</a></header>'
        '<div class="related-stories"><article><h3>Altri articoli</h3></article></div>'
        "<article><h1>Stime dei morti russi</h1><p>Circa <b>50.000</b> soldati.</p>"
        "<table><caption>Perdite</caption><tr><th>Anno</th><td><p>2023</p></td></tr></table>"
        "<aside><p>VEDI ANCHE: la guerra</p></aside></article>"
        "<footer>© 2023</footer></body></html>",
        encoding="utf-8",
    )
    blocks = read_structured(page).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.HEADING, "Stime dei morti russi"),
        (BlockKind.PARAGRAPH, "Circa 50.000 soldati."),
        (BlockKind.CAPTION, "Perdite"),
        (BlockKind.TABLE_CELL, "Anno"),
        (BlockKind.TABLE_CELL, "2023"),
        (BlockKind.ASIDE, "VEDI ANCHE: la guerra"),
    ]
    assert blocks[4].locator == "/html/body/article/table/tr/td/p"
    [bold] = blocks[1].markup
    assert blocks[1].text[bold.start : bold.end] == "50.000"


def test_a_picture_caption_in_an_opendocument_frame_is_a_caption_of_its_own(tmp_path):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0">'
        "<office:body><office:text><text:p>Il Kazakistan confina con la Russia."
        '<draw:frame draw:name="Frame1"><draw:text-box><text:p text:style-name="Illustration">'
        "<draw:frame><draw:image/></draw:frame>Credito fotografico: Wiki Commons</text:p>"
        "</draw:text-box></draw:frame></text:p><text:p>Anche il Kazakistan.</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    path = tmp_path / "it.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    assert [(b.kind, b.text, b.locator) for b in read_structured(path).blocks] == [
        (BlockKind.PARAGRAPH, "Il Kazakistan confina con la Russia.", "paragraph 1"),
        (BlockKind.CAPTION, "Credito fotografico: Wiki Commons", "paragraph 1"),
        (BlockKind.PARAGRAPH, "Anche il Kazakistan.", "paragraph 2"),
    ]


def test_markdown_emphasis_links_and_code_spans_are_markup_as_the_file_writes_them(tmp_path):
    path = tmp_path / "it.md"
    path.write_text(
        'Il **3 _agosto_**, [Reuters](https://www.reuters.com/ "R") cita `ru_RU` e\n'
        "<https://t.me/wagner>.\n",
        encoding="utf-8",
    )
    [block] = read_structured(path).blocks
    assert block.text == "Il 3 agosto, Reuters cita ru_RU e https://t.me/wagner."
    assert [(block.text[t.start : t.end], t.opening, t.closing) for t in block.markup] == [
        ("3 agosto", "**", "**"),
        ("agosto", "_", "_"),
        ("Reuters", "[", '](https://www.reuters.com/ "R")'),
        ("ru_RU", "`", "`"),
        ("https://t.me/wagner", "<", ">"),
    ]


def test_an_opendocument_texts_bold_italic_spans_and_links_are_markup(tmp_path):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        '<office:automatic-styles><style:style style:name="T1" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="T2" style:family="text">'
        '<style:text-properties fo:font-weight="normal" fo:font-style="italic"/></style:style>'
        '<style:style style:name="T3" style:family="text">'
        '<style:text-properties fo:language="it"/></style:style>'
        "</office:automatic-styles><office:body><office:text><text:p>"
        '<text:span text:style-name="T1">Il 3 agosto</text:span>, '
        '<text:a xlink:href="https://www.reuters.com/"><text:span text:style-name="T2">'
        "Reuters</text:span></text:a> ha "
        '<text:span text:style-name="T3">riferito</text:span> '
        '<text:span text:style-name="Strong_20_Emphasis">tutto</text:span>.'
        "</text:p></office:text></office:body></office:document-content>"
    )
    path = tmp_path / "it.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    [block] = read_structured(path).blocks
    assert block.text == "Il 3 agosto, Reuters ha riferito tutto."
    assert [(block.text[t.start : t.end], t.opening, t.closing) for t in block.markup] == [
        ("Il 3 agosto", "<b>", "</b>"),
        ("Reuters", '<a href="https://www.reuters.com/">', "</a>"),
        ("Reuters", "<i>", "</i>"),
        ("tutto", "<b>", "</b>"),
    ]
