"""The check framework and the lighter checks, on text pairs and on an alignment."""

import json

import pytest

from aligner.checks import (
    CHECKS,
    OFF_BY_DEFAULT,
    bead_pair,
    check_alignment,
    check_memory,
    check_pair,
    worst_severity,
)
from aligner.errors import LanguageError
from aligner.model import (
    Alignment,
    Bead,
    Document,
    Segment,
    Severity,
    TextPair,
    TranslationMemory,
    TranslationUnit,
)
from aligner.report import (
    findings_to_dataframe,
    format_check_json,
    format_check_text,
    format_check_tsv,
)


def pair(src, tgt, **fields) -> TextPair:
    return TextPair(src, tgt, "it", "en", **fields)


def codes(text_pair: TextPair) -> list[tuple[str, Severity]]:
    return [(f.code, f.severity) for f in check_pair(text_pair)]


def test_every_check_has_a_name_and_is_run():
    assert set(CHECKS) == {
        "numbers",
        "placeholders",
        "links",
        "codes",
        "punctuation",
        "repetition",
        "case",
        "spelling",
        "untranslated",
        "empty",
        "omissions",
        "confidence",
        "names",
    }
    assert OFF_BY_DEFAULT == {"spelling"}


def test_a_clean_pair_has_no_findings():
    assert check_pair(pair("Il gatto dorme.", "The cat sleeps.", score=0.9)) == ()


def test_an_untranslated_sentence_is_a_warning():
    assert codes(pair("The cat sleeps on the sofa.", "The cat sleeps on the sofa.")) == [
        ("untranslated", Severity.WARNING)
    ]


def test_names_and_titles_left_as_they_are_are_only_noted():
    title = "Elite League: Dundee Stars 5-3 Belfast Giants"
    assert codes(pair(title, title)) == [("same-as-source", Severity.INFO)]


def test_an_empty_target_is_an_error():
    assert codes(pair("Il gatto dorme.", "  ")) == [("empty-target", Severity.ERROR)]


def test_omitted_body_text_is_a_warning_and_an_omitted_heading_a_note():
    assert codes(pair("Il gatto dorme.", None)) == [("omission", Severity.WARNING)]
    assert codes(pair("VEDI ANCHE: altro", None, src_heading=True)) == [
        ("omitted-heading", Severity.INFO)
    ]
    assert codes(pair(None, "More for you", tgt_heading=True)) == [("added-heading", Severity.INFO)]
    assert codes(pair(None, "An added sentence.")) == [("addition", Severity.WARNING)]


def test_a_blank_line_without_counterpart_is_not_an_omission():
    assert check_pair(pair("", None)) == ()


def test_low_alignment_confidence_is_a_warning():
    [finding] = check_pair(pair("Il gatto dorme.", "The dog barks.", score=0.2))
    assert (finding.code, finding.severity) == ("low-confidence", Severity.WARNING)
    assert "0.20" in finding.message


def test_findings_come_most_severe_first():
    found = check_pair(pair("Il 3 agosto: 450.000 rubli.", "On August 3rd: $450,000.", score=0.3))
    assert [f.severity for f in found] == [Severity.ERROR, Severity.WARNING]


def test_checks_can_be_chosen_by_name():
    text_pair = pair("450.000 rubli", "$450,000", score=0.1)
    assert [f.check for f in check_pair(text_pair, ["confidence"])] == ["confidence"]


def document(lines: list[str], lang: str) -> Document:
    text = "\n".join(lines) + "\n"
    segments, start = [], 0
    for index, line in enumerate(lines):
        segments.append(
            Segment(index, start, start + len(line), line, index, not line.endswith("."))
        )
        start += len(line) + 1
    return Document(None, text, lang, tuple(segments))


@pytest.fixture
def alignment() -> Alignment:
    src = document(["Titolo", "Ha pagato 450.000 rubli.", "Poi è partito.", "Fine."], "it")
    tgt = document(["He paid $450,000.", "Then he left.", "The end."], "en")
    beads = (Bead((0,), (), 0.9), Bead((1, 2), (0, 1), 0.8), Bead((3,), (2,), 0.95))
    return Alignment(src, tgt, beads, "test")


def test_a_merged_bead_is_checked_as_its_stretch_of_each_document(alignment):
    text_pair = bead_pair(alignment, alignment.beads[1])
    assert text_pair.src_text == "Ha pagato 450.000 rubli.\nPoi è partito."
    assert text_pair.tgt_text == "He paid $450,000.\nThen he left."
    assert (text_pair.src_lang, text_pair.score) == ("it", 0.8)


def test_spans_plus_offsets_point_into_the_documents(alignment):
    checked = check_alignment(alignment)
    assert [c.index for c in checked] == [0, 1, 2]
    [currency] = checked[1].findings
    start, end = currency.src_span
    assert (
        alignment.src.text[checked[1].src_offset + start : checked[1].src_offset + end] == "rubli"
    )
    start, end = currency.tgt_span
    assert alignment.tgt.text[checked[1].tgt_offset + start : checked[1].tgt_offset + end] == "$"
    assert checked[0].tgt_offset is None and checked[0].pair.tgt_text is None
    assert worst_severity(checked) is Severity.ERROR


def test_progress_is_reported_per_bead(alignment):
    calls = []
    check_alignment(
        alignment, progress=lambda stage, done, total: calls.append((stage, done, total))
    )
    assert calls[-1] == ("check", 3, 3)


def test_json_report_has_every_pair_in_input_order(alignment):
    content = json.loads(format_check_json(check_alignment(alignment)))
    # Numbered as every view numbers beads, from 1.
    assert [p["number"] for p in content["pairs"]] == [1, 2, 3]
    merged = content["pairs"][1]
    assert set(merged) >= {
        "number",
        "tuid",
        "src",
        "tgt",
        "src_text",
        "tgt_text",
        "score",
        "findings",
    }
    assert (merged["src"], merged["tgt"], merged["tuid"]) == ([1, 2], [0, 1], None)
    [finding] = merged["findings"]
    assert finding == {
        "check": "numbers",
        "code": "currency-mismatch",
        "severity": "error",
        "message": "“450.000 rubli” (RUB 450,000) vs “$450,000” (USD 450,000): the currency differs",
        "src_span": [18, 23],
        "tgt_span": [8, 9],
    }
    assert content["pairs"][0]["tgt_text"] is None


def test_tsv_report_has_one_escaped_line_per_finding(alignment):
    lines = format_check_tsv(check_alignment(alignment)).splitlines()
    assert lines[0].split("\t")[:8] == [
        "number", "tuid", "src_ids", "tgt_ids", "check", "code", "severity", "message"
    ]  # fmt: skip
    assert len(lines) == 3  # header, the omitted heading, the currency error
    currency = lines[2].split("\t")
    assert currency[5] == "currency-mismatch" and "\\n" in currency[12]


def test_text_report_brackets_the_flagged_words_and_sums_up(alignment):
    report = format_check_text(check_alignment(alignment), width=120)
    assert "450.000 ⟦rubli⟧" in report and "⟦$⟧450,000" in report
    assert "currency-mismatch" in report
    assert report.rstrip().endswith("3 pairs checked: 1 error, 0 warnings, 1 note")


def memory(*units: TranslationUnit, src_lang="it-IT", tgt_lang="en-GB") -> TranslationMemory:
    return TranslationMemory(None, src_lang, tgt_lang, units)


def test_every_unit_of_a_memory_is_checked_in_file_order_and_keeps_its_tuid():
    checked = check_memory(
        memory(
            TranslationUnit("Il gatto dorme.", "The cat sleeps.", "it-IT", "en-GB", tuid="a"),
            TranslationUnit("450.000 rubli", "$450,000", "it-IT", "en-GB", tuid="b", score=0.2),
        )
    )
    assert [(c.index, c.tuid, c.findings) for c in checked[:1]] == [(0, "a", ())]
    assert checked[1].tuid == "b"
    # Regional tags are read as the language; the memory's score is the aligner's.
    assert [f.code for f in checked[1].findings] == ["currency-mismatch", "low-confidence"]
    assert checked[1].pair.src_lang == "it" and checked[1].src_offset is None


def test_a_memory_in_a_language_the_checks_cannot_read_is_an_error():
    with pytest.raises(LanguageError, match="'xx'"):
        check_memory(memory(src_lang="xx"))


def test_findings_as_a_table_one_row_per_finding():
    checked = check_memory(
        memory(TranslationUnit("450.000 rubli", "$450,000", "it", "en", tuid="b", score=0.2))
    )
    frame = findings_to_dataframe(checked)
    assert frame[["tuid", "code", "severity"]].values.tolist() == [
        ["b", "currency-mismatch", "error"],
        ["b", "low-confidence", "warning"],
    ]
    assert frame.loc[0, "src_text"][frame.loc[0, "src_start"] : frame.loc[0, "src_end"]] == "rubli"
