"""Structured documents — HTML pages, Word documents, Markdown, subtitles — read as the
seed article's blocks, aligned as well as the plain-text seeds, and checked."""

from __future__ import annotations

import csv
import html
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import lxml.html
import pandas as pd
import pytest
from docx.oxml import parse_xml
from lxml import etree
from seed_blocks import FORMATS, seed_blocks, sentences, strict_f1
from textual.widgets import Static

from aligner import align_documents, load_document, load_memory
from aligner.model import BlockKind
from aligner.review import Review, resume_review
from aligner.tui import make_app

SRC = Path(__file__).resolve().parents[2] / "src"


def aligner_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aligner", *map(str, args)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
    )


def with_rubli(path: Path, directory: Path) -> Path:
    """A copy of the Italian `path` with the monthly salary's currency changed:
    "120.000 rubli" where the English says "$120,000"."""
    data = path.read_bytes()
    assert data.count(b"120.000 dollari") == 1
    changed = directory / f"rubli{path.suffix}"
    changed.write_bytes(data.replace(b"120.000 dollari", b"120.000 rubli"))
    return changed


@pytest.mark.parametrize("suffix", [".html", ".md", ".srt"])
def test_the_seed_aligns_through_the_format_as_well_as_as_plain_text(suffix, encoder):
    src = load_document(FORMATS / f"seed.it{suffix}")
    tgt = load_document(FORMATS / f"seed.en{suffix}")
    assert (src.lang, tgt.lang) == ("it", "en")  # detected per document
    assert strict_f1(align_documents(src, tgt, encoder)) >= 0.95


@pytest.mark.parametrize("suffix", [".html", ".md", ".srt"])
def test_a_planted_currency_error_is_found_by_check(suffix, tmp_path):
    src = with_rubli(FORMATS / f"seed.it{suffix}", tmp_path)
    result = aligner_cli("check", src, FORMATS / f"seed.en{suffix}", "--format", "json")
    assert result.returncode == 1, result.stderr
    errors = [
        (pair["src_text"], finding["code"])
        for pair in json.loads(result.stdout)["pairs"]
        for finding in pair["findings"]
        if finding["severity"] == "error"
    ]
    assert len(errors) == 1 and errors[0][1] == "currency-mismatch"
    assert "120.000 rubli" in errors[0][0]


def test_a_web_page_is_read_without_its_chrome_or_markup():
    page = load_document(FORMATS / "seed.en.html", "en")
    texts = [segment.text for segment in page.segments]
    assert texts == sentences("en")[:-1]  # "More for you" is the related links' heading
    for chrome in ("cookies", "Accept all", "World News Today", "Trending now", "Share on"):
        assert not any(chrome in text for text in texts)
    assert "<" not in page.text and "Reuters reported" in page.text  # a link's text stays
    kinds: dict[str, tuple[BlockKind | None, str | None]] = {}
    for segment in page.segments:  # the first of each text: the table of contents
        kinds.setdefault(segment.text, (segment.block, segment.locator))
    assert kinds["Immediate payments"] == (BlockKind.LIST_ITEM, "/html/body/main/article/ol/li[2]")
    assert kinds["Photo Credit: Twitter @romanvassilenko"][0] is BlockKind.CAPTION
    assert kinds["Russia’s closest ally"][0] is BlockKind.LIST_ITEM
    [salary] = [s for s in page.segments if "$120,000" in s.text]
    assert (salary.block, salary.locator) == (BlockKind.PARAGRAPH, "/html/body/main/article/p[9]")
    assert not salary.is_heading


def test_the_tmx_and_the_report_say_where_each_side_is_in_the_page(tmp_path):
    src, tgt = FORMATS / "seed.it.html", FORMATS / "seed.en.html"
    tmx = tmp_path / "it-en.tmx"
    assert aligner_cli("align", src, tgt, "--format", "tmx", "-o", tmx).returncode == 0
    salary = next(
        tu
        for tu in etree.parse(tmx).iter("tu")
        if "120.000 dollari" in "".join(tu.find("tuv/seg").itertext())
    )
    props = {prop.get("type"): prop.text for prop in salary.iter("prop")}
    assert props["x-aligner-src-locator"] == "/html/body/main/article/p[9]"
    assert props["x-aligner-tgt-locator"] == "/html/body/main/article/p[9]"
    report = tmp_path / "report.html"
    assert aligner_cli("report", src, tgt, "-o", report).returncode == 0
    page = lxml.html.parse(str(report))
    [row] = [
        body
        for body in page.iter("tbody")
        if "120.000 dollari" in body.find("tr/td[2]").text_content()
    ]
    locators = [div.text for div in row.iter("div") if div.get("class") == "locator"]
    assert locators == ["/html/body/main/article/p[9]"] * 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.html", "Just a note, no markup.\n", "notes.html: not an HTML page"),
        (
            "head.html",
            "<html><head><title>T</title></head></html>",
            "head.html: the page has no <body>",
        ),
        (
            "chrome.html",
            "<html><body><nav><a href='/'>Home</a></nav><footer>© 2023</footer></body></html>",
            "chrome.html: no text in the page's main content",
        ),
    ],
)
def test_a_file_that_is_not_a_readable_page_is_one_error_line(tmp_path, name, content, message):
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = aligner_cli("align", tmp_path / name, FORMATS / "seed.en.html")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("aligner: error: ") and message in line


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def tracked(paragraph, deleted: str, inserted: str) -> None:
    """A tracked change at the start of `paragraph`: `deleted` struck, `inserted` added."""
    change = f'w:id="{{}}" w:author="Reviewer" w:date="2023-08-04T10:00:00Z" xmlns:w="{W}"'
    paragraph._p.insert(
        1,
        parse_xml(
            f"<w:ins {change.format(1)}><w:r><w:t xml:space='preserve'>{inserted}</w:t></w:r></w:ins>"
        ),
    )
    paragraph._p.insert(
        1,
        parse_xml(f"<w:del {change.format(2)}><w:r><w:delText>{deleted}</w:delText></w:r></w:del>"),
    )


def seed_docx(lang: str, path: Path, replace: tuple[str, str] | None = None) -> Path:
    """The seed article as Word writes it: Heading and List Number styles, captions, the
    "see also" boxes as one-cell tables, bold runs; in Italian, a tracked change."""
    document = docx.Document()
    for index, (kind, text) in enumerate(seed_blocks(lang)):
        if replace:
            text = text.replace(*replace)
        if kind is BlockKind.HEADING:
            document.add_heading(text, 1 if index == 0 else 2)
        elif kind is BlockKind.LIST_ITEM:
            document.add_paragraph(text, style="List Number")
        elif kind is BlockKind.CAPTION:
            document.add_paragraph(text, style="Caption")
        elif kind is BlockKind.ASIDE:
            document.add_table(rows=1, cols=1).cell(0, 0).text = text
        elif text.startswith("Il 3 agosto, "):
            paragraph = document.add_paragraph()
            tracked(paragraph, "Il 2 agosto, ", "Il 3 agosto, ")
            paragraph.add_run(text.removeprefix("Il 3 agosto, "))
        else:
            paragraph = document.add_paragraph()
            first, _, rest = text.partition(" ")
            paragraph.add_run(first).bold = True  # inline markup, not text
            paragraph.add_run(" " + rest)
    document.save(path)
    return path


def test_a_word_document_is_read_by_its_styles_with_tracked_changes_accepted(tmp_path):
    page = load_document(seed_docx("it", tmp_path / "it.docx"), "it")
    assert [segment.text for segment in page.segments] == sentences("it")
    assert page.format == "docx"
    reuters = page.segments[2]
    assert reuters.text.startswith("Il 3 agosto, Reuters")  # the insertion in, the deletion out
    assert (reuters.block, reuters.locator) == (BlockKind.PARAGRAPH, "paragraph 3")
    see_also = page.segments[5]
    assert (see_also.block, see_also.locator) == (BlockKind.TABLE_CELL, "table 1, row 1, cell 1")
    assert see_also.is_heading
    assert (page.segments[4].block, page.segments[0].block) == (
        BlockKind.CAPTION,
        BlockKind.HEADING,
    )
    english = load_document(seed_docx("en", tmp_path / "en.docx"), "en")
    assert english.segments[1].block is BlockKind.LIST_ITEM


def test_the_seed_aligns_as_word_documents_and_mixed_with_a_web_page(tmp_path, encoder):
    src = load_document(seed_docx("it", tmp_path / "it.docx"))
    tgt = load_document(seed_docx("en", tmp_path / "en.docx"))
    assert strict_f1(align_documents(src, tgt, encoder)) >= 0.95
    web = load_document(FORMATS / "seed.en.html")
    assert (src.lang, web.lang) == ("it", "en")
    assert strict_f1(align_documents(src, web, encoder)) >= 0.95


def test_a_currency_changed_in_a_word_document_is_found_by_check(tmp_path):
    src = seed_docx("it", tmp_path / "it.docx", ("120.000 dollari", "120.000 rubli"))
    result = aligner_cli("check", src, FORMATS / "seed.en.html", "--format", "json")
    assert result.returncode == 1, result.stderr
    [(text, locator)] = [
        (pair["src_text"], pair["src_locator"])
        for pair in json.loads(result.stdout)["pairs"]
        for finding in pair["findings"]
        if finding["code"] == "currency-mismatch"
    ]
    assert "120.000 rubli" in text and locator == "paragraph 13"


def test_a_damaged_word_document_is_one_error_line(tmp_path):
    whole = seed_docx("it", tmp_path / "whole.docx").read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(whole[: len(whole) // 2])
    other_zip = tmp_path / "photos.docx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    for path, message in (
        (truncated, "truncated.docx: not a Word document: not a zip archive"),
        (other_zip, "photos.docx: a zip archive but not a Word document"),
    ):
        result = aligner_cli("check", path, FORMATS / "seed.en.html")
        assert result.returncode == 2
        [line] = result.stderr.splitlines()
        assert line.startswith("aligner: error: ") and message in line


def test_markdown_is_read_without_its_code_markup_or_front_matter(tmp_path):
    article = load_document(FORMATS / "seed.it.md", "it")
    assert [segment.text for segment in article.segments] == sentences("it")
    assert "iframe" not in article.text and "**" not in article.text and "](" not in article.text
    caption, see_also = article.segments[4], article.segments[5]
    assert (caption.block, caption.locator) == (BlockKind.CAPTION, "line 19")
    assert (see_also.block, see_also.locator) == (BlockKind.ASIDE, "line 22")
    with_front_matter = tmp_path / "page.md"
    with_front_matter.write_text(
        "---\ntitle: Stime\nlang: it\n---\n\n| Anno | Morti |\n|---|---|\n| 2023 | 50.000 |\n",
        encoding="utf-8",
    )
    table = load_document(with_front_matter, "it")
    assert [(s.text, s.block, s.locator) for s in table.segments] == [
        ("Anno", BlockKind.TABLE_CELL, "line 6"),
        ("Morti", BlockKind.TABLE_CELL, "line 6"),
        ("2023", BlockKind.TABLE_CELL, "line 8"),
        ("50.000", BlockKind.TABLE_CELL, "line 8"),
    ]


def test_subtitles_are_read_cue_by_cue_with_their_timing():
    italian = load_document(FORMATS / "seed.it.srt", "it")
    assert [segment.text for segment in italian.segments] == sentences("it")
    assert italian.segments[1].locator == "cue 2 (00:00:06,840 --> 00:00:19,680)"
    assert italian.segments[12].locator == italian.segments[11].locator  # two sentences, one cue
    english = load_document(FORMATS / "seed.en.vtt", "en")
    assert english.format == "vtt"
    assert english.segments[0].locator == "cue 1 (00:00:01.000 --> 00:00:06.640)"
    # A cue's format says nothing of headings: the plain-text heuristics decide.
    assert english.segments[2].text == "Immediate payments" and english.segments[2].is_heading
    assert not english.segments[18].is_heading


def test_the_seed_aligns_as_srt_against_webvtt(encoder):
    src = load_document(FORMATS / "seed.it.srt")
    tgt = load_document(FORMATS / "seed.en.vtt")
    assert strict_f1(align_documents(src, tgt, encoder)) >= 0.95


def test_a_subtitle_file_without_cues_is_one_error_line(tmp_path):
    (tmp_path / "notes.srt").write_text("Appunti per la traduzione.\n", encoding="utf-8")
    result = aligner_cli("align", tmp_path / "notes.srt", FORMATS / "seed.en.srt")
    assert result.returncode == 2
    assert result.stderr == (
        f"aligner: error: {tmp_path / 'notes.srt'}: no text in any cue: not SRT subtitles\n"
    )


def test_a_review_of_a_web_page_against_a_word_document_is_saved_and_resumed(tmp_path, encoder):
    src = load_document(FORMATS / "seed.it.html", "it")
    tgt = load_document(seed_docx("en", tmp_path / "en.docx"), "en")
    session = tmp_path / "en.docx.review.json"
    review = Review.start(align_documents(src, tgt, encoder), session_path=session)
    [salary] = [
        i for i, b in enumerate(review.beads) if b.tgt and "$120,000" in tgt.segments[b.tgt[0]].text
    ]
    review.accept(salary)
    review.close()
    resumed = resume_review(session)
    assert resumed.beads[salary].accepted
    assert resumed.alignment.src.segments[0].locator == "/html/body/main/article/h1"
    assert resumed.alignment.tgt.format == "docx"
    exported = tmp_path / "it-en.tmx"
    resumed.export_tmx(exported, accepted_only=True)
    [unit] = etree.parse(exported).iter("tu")
    props = {prop.get("type"): prop.text for prop in unit.iter("prop")}
    assert props["x-aligner-tgt-locator"] == "paragraph 38"
    resumed.close()


def test_inline_markup_of_a_page_is_kept_as_tmx_placeholders_around_its_words(tmp_path):
    tmx = tmp_path / "it-en.tmx"
    result = aligner_cli(
        "align", FORMATS / "seed.it.html", FORMATS / "seed.en.html", "--format", "tmx", "-o", tmx
    )
    assert result.returncode == 0, result.stderr
    segs = {
        tuv.get("{http://www.w3.org/XML/1998/namespace}lang"): tuv.find("seg")
        for tu in etree.parse(tmx).iter("tu")
        for tuv in tu.iter("tuv")
        if "Reuters" in "".join(tu.find("tuv/seg").itertext())
        and "agosto" in "".join(tu.find("tuv/seg").itertext())
    }
    for seg in segs.values():
        [bpt] = seg.iter("bpt")
        [ept] = seg.iter("ept")
        assert (bpt.text, bpt.tail, ept.text) == (
            '<a href="https://www.reuters.com/">',
            "Reuters",
            "</a>",
        )
        assert bpt.get("i") == ept.get("i") == "1"
    assert segs["it"].text == "Il 3 agosto, "
    assert segs["en"].text == "On August 3rd, "
    # A CAT tool's reading (ours) takes the units' text without the placeholders.
    [unit] = [u for u in load_memory(tmx).units if u.src_text.startswith("Il 3 agosto")]
    assert unit.src_text == sentences("it")[2]


def test_a_markdown_link_is_kept_as_tmx_placeholders_as_the_file_writes_it(tmp_path):
    tmx = tmp_path / "it-en.tmx"
    result = aligner_cli(
        "align", FORMATS / "seed.it.md", FORMATS / "seed.en.md", "--format", "tmx", "-o", tmx
    )
    assert result.returncode == 0, result.stderr
    [unit] = [
        tu
        for tu in etree.parse(tmx).iter("tu")
        if "".join(tu.find("tuv/seg").itertext()).startswith("Il 3 agosto")
    ]
    for seg, before in zip(unit.iter("seg"), ["Il 3 agosto, ", "On August 3rd, "], strict=True):
        [bpt] = seg.iter("bpt")
        [ept] = seg.iter("ept")
        assert (seg.text, bpt.text, bpt.tail, ept.text) == (
            before,
            "[",
            "Reuters",
            "](https://www.reuters.com/)",
        )
    [bold] = [
        tu
        for tu in etree.parse(tmx).iter("tu")
        if "450.000" in "".join(tu.find("tuv/seg").itertext())
    ]
    assert [bpt.tail for bpt in bold.find("tuv/seg").iter("bpt")] == ["450.000 rubli"]


ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def odt_package(path: Path, body: str) -> Path:
    """An OpenDocument text as LibreOffice lays it out, with `body` in office:text and a
    caption style derived from "Caption" (P1)."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF} office:version="1.3">'
        '<office:automatic-styles><style:style style:name="P1" style:family="paragraph" '
        'style:parent-style-name="Caption"/></office:automatic-styles>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
        package.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
            'vnd.oasis.opendocument.text"/></manifest:manifest>',
        )
    return path


def seed_odt(lang: str, path: Path, replace: tuple[str, str] | None = None) -> Path:
    """The seed article as an OpenDocument text: headings, a list, captions, the "see
    also" boxes as tables; in Italian a tracked change (a deletion and an insertion)."""
    parts = [
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
        "<office:change-info><dc:creator>Reviewer</dc:creator></office:change-info>"
        "<text:p>Il 2 agosto, </text:p></text:deletion></text:changed-region>"
        '<text:changed-region text:id="ct2"><text:insertion><office:change-info>'
        "<dc:creator>Reviewer</dc:creator></office:change-info></text:insertion>"
        "</text:changed-region></text:tracked-changes>"
    ]
    for index, (kind, text) in enumerate(seed_blocks(lang)):
        text = html.escape(text.replace(*replace) if replace else text, quote=False)
        if kind is BlockKind.HEADING:
            parts.append(f'<text:h text:outline-level="{1 if index == 0 else 2}">{text}</text:h>')
        elif kind is BlockKind.LIST_ITEM:
            parts.append(
                f"<text:list><text:list-item><text:p>{text}</text:p></text:list-item></text:list>"
            )
        elif kind is BlockKind.CAPTION:
            parts.append(f'<text:p text:style-name="P1">{text}</text:p>')
        elif kind is BlockKind.ASIDE:
            parts.append(
                "<table:table><table:table-row><table:table-cell>"
                f"<text:p>{text}</text:p></table:table-cell></table:table-row></table:table>"
            )
        elif text.startswith("Il 3 agosto, "):
            parts.append(
                '<text:p><text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>'
                'Il 3 agosto, <text:change-end text:change-id="ct2"/>'
                f'<text:span text:style-name="T1">{text.removeprefix("Il 3 agosto, ")}</text:span></text:p>'
            )
        else:
            parts.append(f"<text:p>{text}</text:p>")
    return odt_package(path, "".join(parts))


def test_an_opendocument_text_is_read_by_its_elements_with_tracked_changes_accepted(tmp_path):
    article = load_document(seed_odt("it", tmp_path / "it.odt"), "it")
    assert [segment.text for segment in article.segments] == sentences("it")
    kinds = [(s.block, s.locator) for s in article.segments[:6]]
    assert kinds == [
        (BlockKind.HEADING, "paragraph 1"),
        (BlockKind.PARAGRAPH, "paragraph 2"),
        (BlockKind.PARAGRAPH, "paragraph 3"),
        (BlockKind.PARAGRAPH, "paragraph 4"),
        (BlockKind.CAPTION, "paragraph 5"),
        (BlockKind.TABLE_CELL, "table 1, row 1, cell 1"),
    ]
    english = load_document(seed_odt("en", tmp_path / "en.odt"), "en")
    assert english.segments[1].block is BlockKind.LIST_ITEM


def test_the_seed_aligns_as_opendocument_texts_and_a_planted_error_is_found(tmp_path, encoder):
    src = load_document(seed_odt("it", tmp_path / "it.odt"))
    tgt = load_document(seed_odt("en", tmp_path / "en.odt"))
    assert strict_f1(align_documents(src, tgt, encoder)) >= 0.95
    wrong = seed_odt("it", tmp_path / "rubli.odt", ("120.000 dollari", "120.000 rubli"))
    result = aligner_cli("check", wrong, tmp_path / "en.odt", "--format", "json")
    assert result.returncode == 1, result.stderr
    codes = [
        finding["code"]
        for pair in json.loads(result.stdout)["pairs"]
        for finding in pair["findings"]
        if finding["severity"] == "error"
    ]
    assert codes == ["currency-mismatch"]


def test_a_damaged_opendocument_text_is_one_error_line(tmp_path):
    whole = seed_odt("it", tmp_path / "whole.odt").read_bytes()
    (tmp_path / "truncated.odt").write_bytes(whole[: len(whole) // 2])
    with zipfile.ZipFile(tmp_path / "sheet.odt", "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    for name, message in (
        ("truncated.odt", "truncated.odt: not an OpenDocument text: not a zip archive"),
        ("sheet.odt", "sheet.odt: a zip archive but not an OpenDocument text"),
    ):
        result = aligner_cli("align", tmp_path / name, FORMATS / "seed.en.html")
        assert result.returncode == 2
        [line] = result.stderr.splitlines()
        assert line.startswith("aligner: error: ") and message in line


def test_the_json_listing_gives_each_segment_its_block_and_locator():
    result = aligner_cli(
        "align", FORMATS / "seed.it.md", FORMATS / "seed.en.srt", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    content = json.loads(result.stdout)
    assert (content["src"]["format"], content["tgt"]["format"]) == ("markdown", "srt")
    caption = content["src"]["segments"][4]
    assert (caption["block"], caption["locator"]) == ("caption", "line 19")
    assert content["tgt"]["segments"][0]["locator"] == "cue 1 (00:00:01,000 --> 00:00:06,640)"


async def test_the_review_says_where_the_selected_bead_is_in_each_file(tmp_path, encoder):
    src = load_document(FORMATS / "seed.it.html", "it")
    tgt = load_document(FORMATS / "seed.en.srt", "en")
    review = Review.start(
        align_documents(src, tgt, encoder), session_path=tmp_path / "s.json", encoder=encoder
    )
    review.cursor = next(
        i for i, b in enumerate(review.beads) if b.src and "120.000" in src.segments[b.src[0]].text
    )
    async with make_app(review).run_test(size=(120, 36)) as pilot:
        summary = str(pilot.app.screen.query_one("#bead-summary", Static).content)
    assert "Source: /html/body/main/article/p[9] · Target: cue 38 (" in summary
    review.close()


def test_check_text_and_tsv_and_the_spreadsheet_say_where_a_finding_is_in_each_file(tmp_path):
    wrong = with_rubli(FORMATS / "seed.it.html", tmp_path)
    english = FORMATS / "seed.en.html"
    text = aligner_cli("check", wrong, english, "--format", "text")
    assert text.returncode == 1, text.stderr
    titles = [line for line in text.stdout.splitlines() if line.startswith("#")]
    before_currency = text.stdout[: text.stdout.index("currency-mismatch")]
    title = [line for line in before_currency.splitlines() if line.startswith("#")][-1]
    assert " (Source: /html/body/main/article/p[" in title
    assert " · Target: /html/body/main/article/p[" in title
    assert titles[0].startswith("#2 (Target: /html/body/main/article/ol/li[1])  []:[1]")
    tsv = aligner_cli("check", wrong, english, "--format", "tsv")
    rows = list(csv.DictReader(io.StringIO(tsv.stdout), delimiter="\t"))
    [currency] = [row for row in rows if row["code"] == "currency-mismatch"]
    assert currency["src_locator"].startswith("/html/body/main/article/p[")
    assert currency["tgt_locator"].startswith("/html/body/main/article/p[")
    sheet = tmp_path / "review.xlsx"
    exported = aligner_cli("align", wrong, english, "--format", "xlsx", "-o", sheet)
    assert exported.returncode == 0, exported.stderr
    frame = pd.read_excel(sheet)
    [salary] = frame[frame["source"].str.contains("120.000 rubli")].to_dict("records")
    assert (salary["source locator"], salary["target locator"]) == (
        currency["src_locator"],
        currency["tgt_locator"],
    )
