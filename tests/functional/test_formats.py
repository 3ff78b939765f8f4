"""Structured documents — HTML pages, Word documents, Markdown, subtitles — read as the
seed article's blocks, aligned as well as the plain-text seeds, and checked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from seed_blocks import FORMATS, sentences, strict_f1

from aligner import align_documents, load_document
from aligner.checks import check_alignment
from aligner.model import BlockKind, Severity

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


@pytest.mark.parametrize("suffix", [".html"])
def test_the_seed_aligns_through_the_format_as_well_as_as_plain_text(suffix, encoder):
    src = load_document(FORMATS / f"seed.it{suffix}")
    tgt = load_document(FORMATS / f"seed.en{suffix}")
    assert (src.lang, tgt.lang) == ("it", "en")  # detected per document
    assert strict_f1(align_documents(src, tgt, encoder)) >= 0.95


@pytest.mark.parametrize("suffix", [".html"])
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
        ("head.html", "<html><head><title>T</title></head></html>", "head.html: the page has no <body>"),
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
