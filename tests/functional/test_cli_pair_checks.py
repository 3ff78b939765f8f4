"""`aligner check` and `aligner report` on a small memory whose pairs each break one of
the checks of one pair (links, codes, placeholders, punctuation, repetition, case),
and the findings as a TMX export writes them: codes, spans, exit status."""

import csv
import io
import json
from pathlib import Path

import pytest
from lxml import etree

from aligner.checks.spelling import spelling_language_missing
from aligner.cli import main
from aligner.export import export_tmx
from aligner.memory.beads import memory_alignment
from aligner.memory.table import read_table

#: (source, target, the finding it should give, its severity, what it marks).
BROKEN = [
    (
        "Vedi https://example.com/it/news.",
        "See https://example.com/it/new.",
        "url-changed",
        "error",
        "https://example.com/it/new",
    ),
    (
        "Vedi https://example.com/it/news.",
        "See https://example.com/en/news.",
        "url-localized",
        "info",
        "https://example.com/en/news",
    ),
    ("Il modello F125 è nuovo.", "The F126 model is new.", "code-changed", "error", "F126"),
    ("Il modello F125 è nuovo.", "The F-125 model is new.", None, None, None),
    ("Clicca <g1>qui</g1>.", "Click here</g1>.", "placeholder-missing", "error", None),
    ("Salva %s.", "Save.", "placeholder-missing", "error", None),
    ("È partito (finalmente).", "He left (at last.", "unpaired-bracket", "warning", "("),
    # A quote begun a sentence before, reopened in the source: only a note.
    (
        "“Sono rimasto, credo” ha detto.",
        'I stayed, I think," he said.',
        "unpaired-quote",
        "info",
        '"',
    ),
    # A question of a quotation within a quotation, reported as a statement: a note.
    (
        "Ha detto: “Il successo è tornare su”.",
        "He said: \"Success is 'can we go back up?'\"",
        "final-punctuation",
        "info",
        "?",
    ),
    ("Il gatto dorme.", "The the cat sleeps.", "repeated-word", "warning", "The the"),
    ("La NATO si riunisce.", "The nato meets.", "case-changed", "warning", "nato"),
]


@pytest.fixture
def memory_file(tmp_path: Path) -> Path:
    table = tmp_path / "pairs.tsv"
    rows = "".join(f"{src}\t{tgt}\n" for src, tgt, *_ in BROKEN)
    table.write_text("it\ten\n" + rows, encoding="utf-8")
    return table


def test_check_reports_each_new_code_with_its_span_and_exits_1(capsys, memory_file) -> None:
    code = main(["check", "--tsv", str(memory_file), "--format", "json"])

    captured = capsys.readouterr()
    assert code == 1, captured.err
    pairs = json.loads(captured.out)["pairs"]
    for pair, (_, _, expected, severity, marked) in zip(pairs, BROKEN, strict=True):
        found = [f for f in pair["findings"] if f["code"] == expected]
        if expected is None:  # F125 written F-125: the codes check is quiet
            assert [f for f in pair["findings"] if f["check"] == "codes"] == [], pair
            continue
        assert found and found[0]["severity"] == severity, pair
        if marked is not None:
            span = found[0]["tgt_span"] or found[0]["src_span"]
            side = "tgt_text" if found[0]["tgt_span"] else "src_text"
            assert pair[side][slice(*span)] == marked


def test_check_exit_status_follows_fail_on(capsys, tmp_path) -> None:
    table = tmp_path / "warnings.tsv"
    table.write_text("it\ten\nIl gatto dorme.\tThe the cat sleeps.\n", encoding="utf-8")

    assert main(["check", "--tsv", str(table)]) == 0  # a warning only
    assert main(["check", "--tsv", str(table), "--fail-on", "warning"]) == 1
    out = capsys.readouterr().out
    assert "repeated-word" in out and "⟦The the⟧" in out


def test_the_text_report_lists_the_new_codes(capsys, memory_file) -> None:
    main(["check", "--tsv", str(memory_file), "--format", "tsv"])

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out), delimiter="\t"))
    codes = {row["code"] for row in rows}
    assert {"url-changed", "url-localized", "code-changed", "unpaired-bracket",
            "repeated-word", "case-changed", "placeholder-missing"} <= codes  # fmt: skip


def test_the_html_report_marks_the_new_findings(capsys, memory_file, tmp_path) -> None:
    page = tmp_path / "report.html"

    assert main(["report", "--tsv", str(memory_file), "-o", str(page)]) == 0

    html = etree.parse(str(page), etree.HTMLParser())
    marked = {"".join(e.itertext()) for e in html.iter("mark")}
    assert {"F126", "The the", "nato", "https://example.com/it/new"} <= marked
    assert "code-changed" in page.read_text(encoding="utf-8")


def test_the_tmx_export_writes_the_findings_as_notes(memory_file) -> None:
    alignment = memory_alignment(read_table(memory_file), "test")

    exported = export_tmx(alignment)

    notes = [n.text for n in etree.fromstring(exported.content).iter("note")]
    assert any(note.startswith("error code-changed: the code F125") for note in notes)
    assert any(note.startswith("warning repeated-word:") for note in notes)
    assert any(note.startswith("info url-localized:") for note in notes)


@pytest.mark.skipif(
    spelling_language_missing("en"), reason="no en Hunspell dictionary (hunspell-en-us)"
)
def test_spelling_is_checked_only_with_the_flag(capsys, tmp_path) -> None:
    table = tmp_path / "typo.tsv"
    table.write_text("it\ten\nLe case sono grandi.\tThe hosues are big.\n", encoding="utf-8")

    main(["check", "--tsv", str(table), "--format", "tsv"])
    assert "misspelled" not in capsys.readouterr().out
    assert main(["check", "--tsv", str(table), "--format", "tsv", "--spelling"]) == 0  # notes
    assert "\tmisspelled\tinfo\t" in capsys.readouterr().out


def test_spelling_of_a_saved_review_is_a_usage_error(capsys, tmp_path) -> None:
    session = tmp_path / "x.review.json"
    session.write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(session), "--spelling"])
    assert exit_info.value.code == 2
    assert "--spelling applies to SRC TGT" in capsys.readouterr().err
