"""The review spreadsheet, and two-column TSV/CSV files read as pairs."""

import io

import openpyxl
import pytest

from aligner.errors import InputError, LanguageError
from aligner.export import export_xlsx
from aligner.export.xlsx import XLSX_COLUMNS
from aligner.memory.table import read_table
from aligner.model import Alignment, Bead


@pytest.fixture
def alignment(make_document) -> Alignment:
    src = make_document(
        [
            "Prima frase.",
            "Seconda frase.",
            "=SOMMA(A1:A9) è una formula.",
            "Pannello\x0bverticale.",
        ],
        "it",
    )
    tgt = make_document(["First and second sentence.", "Vertical panel.", "Only in English."], "en")
    beads = (
        Bead((0, 1), (0,), 0.91),
        Bead((2,), (), 0.4),
        Bead((3,), (1,), 0.3),
        Bead((), (2,), 0.8),
    )
    return Alignment(src, tgt, beads, "fake")


def sheet_rows(content: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def test_one_row_per_bead_with_source_target_bead_and_confidence(alignment):
    exported = export_xlsx(alignment)

    rows = sheet_rows(exported.content)
    assert rows[0] == XLSX_COLUMNS
    # The "#" is the bead's number as every view shows it; no finding, no note.
    assert rows[1] == (
        1,
        "Prima frase. Seconda frase.",
        "First and second sentence.",
        "2-1",
        0.91,
        None,
    )
    # Sentences without a counterpart are rows too: the reviewer sees what is missing.
    assert [row[3] for row in rows[1:]] == ["2-1", "1-0", "1-1", "0-1"]
    assert rows[2][2] is None
    assert exported.one_sided == 0 and exported.beads == (1, 2, 3, 4)


def test_the_notes_column_has_what_a_tmx_unit_would_carry(alignment):
    rows = sheet_rows(export_xlsx(alignment).content)

    # The 1-0 bead is body text with no translation; the 1-1 is doubtful (0.3).
    assert rows[2][5].startswith("warning omission:")
    assert rows[3][5].startswith("warning low-confidence:")


def test_a_sentence_that_looks_like_a_formula_stays_text(alignment):
    sheet = openpyxl.load_workbook(io.BytesIO(export_xlsx(alignment).content)).active

    cell = sheet["B3"]
    assert cell.value == "=SOMMA(A1:A9) è una formula."
    assert cell.data_type == "s"


def test_control_characters_become_spaces_and_are_reported(alignment):
    exported = export_xlsx(alignment)

    assert sheet_rows(exported.content)[3][1] == "Pannello verticale."
    assert exported.control_characters == (3,)


def test_filters_apply_to_the_spreadsheet(alignment):
    exported = export_xlsx(alignment, min_confidence=0.5, one_to_one=False)

    assert [row[0] for row in sheet_rows(exported.content)[1:]] == [1, 4]
    assert exported.filtered == 2


def test_the_header_row_stays_in_view_and_filters(alignment):
    sheet = openpyxl.load_workbook(io.BytesIO(export_xlsx(alignment).content)).active

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F5"
    assert sheet.title == "it-en"


def test_a_tsv_with_a_language_header(tmp_path):
    path = tmp_path / "memory.tsv"
    # Quotes are plain characters in TSV, as LF Aligner writes them.
    path.write_text('it\ten_GB\n"Vogliamo fare.\t"We want to.\n\nUno\tOne\n', encoding="utf-8")

    memory = read_table(path)

    assert (memory.src_lang, memory.tgt_lang) == ("it", "en-GB")
    assert [(u.src_text, u.tgt_text, u.line) for u in memory.units] == [
        ('"Vogliamo fare.', '"We want to.', 2),
        ("Uno", "One", 4),
    ]


def test_a_csv_with_quoted_fields_and_given_languages(tmp_path):
    path = tmp_path / "memory.csv"
    path.write_text(
        'Il gatto dorme.,The cat sleeps.\n"Rossi, Bianchi e ""soci""","Rossi, Bianchi and ""partners"""\n',
        encoding="utf-8",
    )

    memory = read_table(path, "it", "en")

    assert [(u.src_text, u.tgt_text) for u in memory.units] == [
        ("Il gatto dorme.", "The cat sleeps."),
        ('Rossi, Bianchi e "soci"', 'Rossi, Bianchi and "partners"'),
    ]


def test_languages_are_detected_without_a_header(tmp_path):
    path = tmp_path / "memory.tsv"
    path.write_text(
        "Il governo ha approvato la legge di bilancio.\tThe government approved the budget law.\n"
        "La riunione è stata rinviata a domani.\tThe meeting was postponed until tomorrow.\n",
        encoding="utf-8",
    )

    memory = read_table(path)

    assert (memory.src_lang, memory.tgt_lang) == ("it", "en")


def test_undetectable_languages_are_a_clear_error(tmp_path):
    path = tmp_path / "memory.tsv"
    path.write_text("Sì\tYes\n", encoding="utf-8")

    with pytest.raises(LanguageError, match=r"memory\.tsv: .*--src-lang"):
        read_table(path)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("m.tsv", "Uno\tOne\nDue\tTwo\tZwei\n", r"m\.tsv: line 2: 3 field\(s\) where 2"),
        ("m.tsv", "Uno\tOne\n\nSolo\n", r"m\.tsv: line 3: 1 field\(s\) where 2"),
        ("m.csv", 'Uno,One\n"Due,Two\n', r"m\.csv: line \d+: malformed CSV"),
        ("m.tsv", "it\ten\n", r"m\.tsv: the table has no rows"),
    ],
)
def test_a_malformed_table_is_an_input_error_with_its_line(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    with pytest.raises(InputError, match=message):
        read_table(path, "it", "en")
