"""The HTML report: what a reviewer without a terminal opens, from documents or a memory."""

import lxml.html
import pytest

from aligner import (
    TranslationMemory,
    TranslationUnit,
    align_documents,
    check_alignment,
    check_memory,
    export_tmx,
    load_document,
)
from aligner.cli import main
from aligner.html_report import format_html_report


@pytest.fixture(scope="module")
def corrupted_checked(corrupted_seed_paths, encoder):
    src, tgt = corrupted_seed_paths
    return check_alignment(align_documents(load_document(src), load_document(tgt), encoder))


@pytest.fixture(scope="module")
def corrupted_page(corrupted_checked):
    html = format_html_report(corrupted_checked, "seed", "it — 000", "en — 001")
    return lxml.html.document_fromstring(html)


def memory(*pairs: tuple[str, str], score: float | None = None) -> TranslationMemory:
    units = tuple(
        TranslationUnit(src, tgt, "it", "en", tuid=f"u{n}", score=score)
        for n, (src, tgt) in enumerate(pairs)
    )
    return TranslationMemory(None, "it", "en", units)


def text_of(element) -> str:
    return element.text_content()


def test_the_flagged_words_are_marked_as_errors_in_their_pair(corrupted_page):
    [pair] = corrupted_page.xpath("//tbody[contains(@class, 'error')]")
    assert [text_of(mark) for mark in pair.xpath(".//mark[@class='error']")] == ["rubli", "$"]
    source_cell = pair.xpath(".//td[@class='text']")[0]
    assert "120.000 rubli" in text_of(source_cell)
    # The agreeing figures of the same pair are marked too, as in the review UI.
    agreeing = [text_of(mark) for mark in pair.xpath(".//mark[@class='agree']")]
    assert agreeing == ["450.000 rubli", "450,000 rubles"]
    [finding] = pair.xpath(".//li[@class='error']")
    assert "currency-mismatch" in text_of(finding)


def test_the_summary_counts_pairs_findings_and_coverage(corrupted_page, corrupted_checked):
    totals = corrupted_page.xpath("//table[@class='totals']//tr")
    assert [text_of(cell) for cell in totals[0]] == ["pairs", str(len(corrupted_checked))]
    severities = {
        text_of(row[0]): int(text_of(row[1]))
        for row in corrupted_page.xpath("//table[@class='severities']//tr")[1:]
    }
    assert severities["error"] == 1
    codes = [text_of(row[0]) for row in corrupted_page.xpath("//table[@class='codes']//tr")[1:]]
    assert codes[0] == "currency-mismatch"
    # The English has 33 headings the Italian lacks: its coverage is the lower one.
    coverage = corrupted_page.xpath("//table[@class='coverage']//tr")[1:]
    shares = [float(text_of(row[1]).rstrip("%")) for row in coverage]
    assert shares[1] < shares[0] <= 100
    assert int(text_of(coverage[1][2])) == sum(
        1 for p in corrupted_checked if p.pair.src_text is None
    )


def test_the_confidence_histogram_is_inline_svg_with_every_scored_pair(
    corrupted_page, corrupted_checked
):
    [svg] = corrupted_page.xpath("//figure[@class='histogram']/svg")
    counts = [int(title.text.split(": ")[1].split()[0]) for title in svg.xpath(".//rect/title")]
    assert len(counts) == 10 and sum(counts) == len(corrupted_checked)


def test_the_page_loads_nothing_from_elsewhere(corrupted_page):
    assert corrupted_page.xpath("//link | //script | //img | //iframe | //object") == []
    style = "".join(corrupted_page.xpath("//style/text()"))
    assert "url(" not in style and "@import" not in style


def test_every_text_is_escaped():
    hostile = memory(
        ("<script>alert('src')</script> & co", '<img src="x" onerror="alert(1)"> & co'),
    )
    html = format_html_report(check_memory(hostile), "<b>title</b>", "<i>it</i>", "en")
    page = lxml.html.document_fromstring(html)
    assert page.xpath("//script | //img | //b | //i") == []
    cells = page.xpath("//td[@class='text']")
    unit = hostile.units[0]
    assert [text_of(cell) for cell in cells] == [unit.src_text, unit.tgt_text]
    assert text_of(page.xpath("//h1")[0]) == "<b>title</b>"


def test_pairs_read_from_a_memory_show_their_tuid_and_no_bead_type():
    checked = check_memory(memory(("Il gatto dorme.", "The cat sleeps.")))
    page = lxml.html.document_fromstring(format_html_report(checked, "memory"))
    [row] = page.xpath("//tbody/tr")
    assert [text_of(cell) for cell in row] == ["u0", "Il gatto dorme.", "The cat sleeps.", "", ""]
    assert "not scored" in text_of(page.xpath("//figure[@class='histogram']")[0])


def test_the_filters_hide_clean_pairs_without_script():
    checked = check_memory(memory(("Il gatto dorme.", "The cat sleeps."), ("3 gatti", "4 cats")))
    page = lxml.html.document_fromstring(format_html_report(checked, "memory"))
    assert [body.get("class") for body in page.xpath("//tbody")] == ["pair clean", "pair error"]
    assert [radio.get("id") for radio in page.xpath("//input[@type='radio']")] == [
        "show-all",
        "show-findings",
        "show-serious",
    ]
    assert "#show-findings:checked ~ table tbody.clean" in "".join(page.xpath("//style/text()"))


def test_the_report_command_writes_one_html_file(corrupted_seed_paths, tmp_path, capsys):
    output = tmp_path / "report.html"
    assert main(["report", *map(str, corrupted_seed_paths), "-o", str(output)]) == 0
    page = lxml.html.parse(str(output)).getroot()
    assert text_of(page.xpath("//h1")[0]) == "it.txt → en.txt"
    assert [text_of(m) for m in page.xpath("//mark[@class='error']")] == ["rubli", "$"]
    assert "1 error" in capsys.readouterr().err


def test_the_report_of_a_tmx_checks_its_units(seed_alignment, tmp_path, capsys):
    tmx = tmp_path / "seed.tmx"
    tmx.write_bytes(export_tmx(seed_alignment, tgt_lang="en-GB").content)
    output = tmp_path / "report.html"
    assert main(["report", "--tmx", str(tmx), "-o", str(output)]) == 0
    page = lxml.html.parse(str(output)).getroot()
    headers = [text_of(th) for th in page.xpath("//table[@class='pairs']//th")]
    assert headers[1:3] == ["it", "en-GB"]
    # The units keep their tuids, the bead numbers of the alignment.
    numbers = [text_of(row[0]) for row in page.xpath("//tbody/tr[1]")]
    both_sides = [n + 1 for n, b in enumerate(seed_alignment.beads) if b.src and b.tgt]
    assert numbers == [str(n) for n in both_sides]


def test_units_of_a_tmx_not_read_as_pairs_are_listed_in_the_report(tmp_path, capsys):
    tmx = tmp_path / "client.tmx"
    tmx.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="it" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu tuid="1"><tuv xml:lang="it"><seg>Il gatto.</seg></tuv><tuv xml:lang="en"><seg>The cat.</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="it"><seg>Il cane.</seg></tuv><tuv xml:lang="en"></tuv></tu>
</body></tmx>
""",
        encoding="utf-8",
    )
    output = tmp_path / "report.html"
    assert main(["report", "--tmx", str(tmx), "-o", str(output)]) == 0
    page = lxml.html.parse(str(output)).getroot()
    assert [text_of(row[0]) for row in page.xpath("//tbody/tr[1]")] == ["1"]
    [skipped] = page.xpath("//ul[@class='skipped']/li")
    assert text_of(skipped) == "line 5 (tuid 2): a unit with a <tuv> without <seg>"
    assert "skipped 1 unit" in capsys.readouterr().err


def test_the_report_of_a_tsv_table(tmp_path, capsys):
    table = tmp_path / "pairs.tsv"
    table.write_text("it\ten\nHa pagato 3 milioni.\tHe paid 3 billion.\n", encoding="utf-8")
    output = tmp_path / "report.html"
    assert main(["report", "--tsv", str(table), "-o", str(output)]) == 0
    page = lxml.html.parse(str(output)).getroot()
    assert page.xpath("//tbody[contains(@class, 'error')]")


@pytest.mark.parametrize(
    "arguments",
    [
        ["report", "-o", "r.html"],
        ["report", "session.json", "--model", "x", "-o", "r.html"],
        ["report", "a.txt", "b.txt", "--tmx", "m.tmx", "-o", "r.html"],
        ["report", "--tmx", "m.tmx", "--tsv", "m.tsv", "-o", "r.html"],
        ["report", "--tmx", "m.tmx", "--model", "x", "-o", "r.html"],
    ],
)
def test_wrong_inputs_are_a_usage_error(arguments, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(arguments)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_a_missing_memory_is_one_error_line_and_no_file(tmp_path, capsys):
    output = tmp_path / "report.html"
    assert main(["report", "--tmx", str(tmp_path / "none.tmx"), "-o", str(output)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("aligner: error:") and error.count("\n") == 1
    assert not output.exists()


def test_an_unwritable_output_is_refused_before_the_work(corrupted_seed_paths, tmp_path, capsys):
    output = tmp_path / "no-such-directory" / "report.html"
    assert main(["report", *map(str, corrupted_seed_paths), "-o", str(output)]) == 2
    assert "no directory" in capsys.readouterr().err
